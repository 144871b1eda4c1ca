import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * Local-only secrets, created on first use under the git-ignored `.weiquan/`
 * folder and reused, so that `npm run token` in one terminal signs tokens the
 * `npm start` server in another accepts, and phone hashes stay stable when
 * the store is persisted. Nothing here is used in the cloud.
 */
export const LOCAL_STATE_DIR = new URL('../../.weiquan/', import.meta.url);
const SECRETS_FILE = new URL('local-secrets.json', LOCAL_STATE_DIR);

export interface LocalSecrets {
  /** ES256 key pair standing in for the Cognito user pool's signing key. */
  readonly signingKey: { readonly privateJwk: JWK; readonly publicJwk: JWK };
  /** HMAC key for phone numbers (the cloud reads it from Secrets Manager). */
  readonly phoneHashKey: string;
}

let loaded: Promise<LocalSecrets> | undefined;

export function localSecrets(): Promise<LocalSecrets> {
  loaded ??= loadOrCreate();
  return loaded;
}

async function loadOrCreate(): Promise<LocalSecrets> {
  if (!existsSync(SECRETS_FILE)) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const secrets: LocalSecrets = {
      signingKey: { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) },
      phoneHashKey: randomBytes(32).toString('base64url'),
    };
    mkdirSync(LOCAL_STATE_DIR, { recursive: true });
    // Written aside, then hard-linked into place: linking fails if another
    // process (a parallel test, `npm run token`) won the race, and then we
    // read the winner's file, so every process ends up with the same keys.
    const draft = new URL(`local-secrets.${process.pid}.${Date.now()}.tmp`, LOCAL_STATE_DIR);
    writeFileSync(draft, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    try {
      linkSync(draft, SECRETS_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return JSON.parse(readFileSync(SECRETS_FILE, 'utf8')) as LocalSecrets;
}
