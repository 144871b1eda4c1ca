/**
 * How long API Gateway keeps the staff authorizer's answer for a token
 * (infra/rest-api.ts); the local server keeps it as long (scripts/local/auth.ts).
 * Its own module, free of aws-cdk-lib, so `npm start` does not load the CDK to read it.
 */
export const AUTHORIZER_CACHE_TTL_SECONDS = 300;
