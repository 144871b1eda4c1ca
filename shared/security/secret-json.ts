import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Module scope: one client and one read per secret per container. */
let client: SecretsManagerClient | undefined;
const values = new Map<string, Promise<unknown>>();

/**
 * A Secrets Manager secret holding JSON (an SMS provider's access keys), read
 * on first use and kept for the container's life. A failed read is not kept,
 * so the next message tries again.
 */
export function secretJson(
  secretArn: string,
  secrets: Pick<SecretsManagerClient, 'send'> = (client ??= new SecretsManagerClient({})),
): Promise<unknown> {
  let value = values.get(secretArn);
  if (!value) {
    value = readJson(secrets, secretArn).catch((error: unknown) => {
      values.delete(secretArn);
      throw error;
    });
    values.set(secretArn, value);
  }
  return value;
}

async function readJson(secrets: Pick<SecretsManagerClient, 'send'>, secretArn: string): Promise<unknown> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!secret.SecretString) throw new Error('The SMS credentials secret has no string value');
  try {
    return JSON.parse(secret.SecretString);
  } catch {
    // Never echo the value: it is a credential.
    throw new Error('The SMS credentials secret is not JSON');
  }
}

/** Forget cached values (tests). */
export function forgetSecretValues(): void {
  values.clear();
}
