import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { authorizerContext } from '../../shared/auth/staff-claims.js';
import { staffTokenSettingsFromEnv, verifyStaffToken } from '../../shared/auth/verify-staff-token.js';
import { logger } from '../../shared/observability/logger.js';

/**
 * The staff authorizer (API Gateway TOKEN authorizer, `Authorization`
 * header): verifies the token against the deployment's OpenID Connect issuer
 * and hands the route's function who is calling. The same code runs in both
 * partitions and under `npm start`.
 *
 * API Gateway caches the answer per token for every route, so the policy
 * allows the whole API and carries no per-route decision: which role may call
 * which route stays with the route's handler (the route table's `access`).
 * Throwing "Unauthorized" is API Gateway's protocol for 401; a Deny policy is
 * its 403 (a valid token of someone who is not staff of any union here).
 */
export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const check = await verifyStaffToken(event.authorizationToken, staffTokenSettingsFromEnv());
  if (!check.ok && check.reason === 'invalid_token') {
    logger.info('staff token refused', { reason: check.reason });
    throw new Error('Unauthorized');
  }
  const wholeApi = wholeApiArn(event.methodArn);
  if (!check.ok) {
    logger.info('staff token denied', { reason: check.reason });
    return { principalId: 'unknown', policyDocument: policy('Deny', wholeApi) };
  }
  return {
    principalId: check.identity.staffId,
    policyDocument: policy('Allow', wholeApi),
    context: authorizerContext(check.identity),
  };
};

/** `arn:…:execute-api:region:account:apiId/stage/METHOD/path` → the same API and stage, every method and path. */
export function wholeApiArn(methodArn: string): string {
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*`;
}

function policy(effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult['policyDocument'] {
  return { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] };
}
