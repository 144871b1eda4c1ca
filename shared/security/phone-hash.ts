import { createHmac } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Phone numbers are matched by HMAC-SHA256 under a secret key, never stored
 * or indexed in plain. A plain hash would not do: there are only ~10^10
 * mobile numbers, so an unkeyed hash is reversed by hashing them all.
 *
 * In the cloud the key is a Secrets Manager secret (PHONE_HASH_SECRET_ARN),
 * read once per container on first use; locally it is PHONE_HASH_KEY.
 */
let key: Promise<string> | undefined;

async function loadKey(): Promise<string> {
  const localKey = process.env.PHONE_HASH_KEY;
  if (localKey) return localKey;
  const secretArn = process.env.PHONE_HASH_SECRET_ARN;
  if (!secretArn) throw new Error('Neither PHONE_HASH_KEY nor PHONE_HASH_SECRET_ARN is set');
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!secret.SecretString) throw new Error('The phone hash secret has no string value');
  return secret.SecretString;
}

export async function phoneHashKey(): Promise<string> {
  key ??= loadKey().catch((error: unknown) => {
    key = undefined; // let the next request try again rather than caching a failure
    throw error;
  });
  return key;
}

export function hashPhone(secretKey: string, mobile: string): string {
  return createHmac('sha256', secretKey).update(mobile).digest('base64url');
}

export async function phoneHash(mobile: string): Promise<string> {
  return hashPhone(await phoneHashKey(), mobile);
}
