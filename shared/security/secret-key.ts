import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Where one HMAC key comes from: a plain value locally, a Secrets Manager secret in the cloud. */
export interface KeySource {
  /** What the key is for, in error messages. */
  readonly purpose: string;
  /** Environment variable holding the key itself (local runs and tests). */
  readonly localKeyEnv: string;
  /** Environment variable holding the ARN of the secret whose string value is the key (the deployed stack). */
  readonly secretArnEnv: string;
}

async function loadKey(source: KeySource): Promise<string> {
  const localKey = process.env[source.localKeyEnv];
  if (localKey) return localKey;
  const secretArn = process.env[source.secretArnEnv];
  if (!secretArn) throw new Error(`Neither ${source.localKeyEnv} nor ${source.secretArnEnv} is set`);
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!secret.SecretString) throw new Error(`The ${source.purpose} secret has no string value`);
  return secret.SecretString;
}

/**
 * A function that returns the key, read once per container on first use
 * (environment read then, not at import). A failed read is not kept, so the
 * next request tries again rather than failing for the container's life.
 */
export function secretKey(source: KeySource): () => Promise<string> {
  let key: Promise<string> | undefined;
  return () => {
    key ??= loadKey(source).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}
