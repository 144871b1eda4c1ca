/**
 * A fresh Idempotency-Key for one submission, for the console and the H5
 * page. crypto.randomUUID exists only in secure contexts (https, localhost);
 * a phone or a desk opening a page over plain http on a LAN address still
 * gets a random v4 UUID from getRandomValues.
 */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A submission's content (its JSON) and the Idempotency-Key it went with. */
export interface Attempt {
  readonly key: string;
  readonly body: string;
}

/**
 * The attempt for sending `body`: the previous one when the content is the
 * same (a retry after a lost answer, so the API returns what it already did),
 * a fresh key when the content changed (a different submission).
 */
export function attemptFor(previous: Attempt | undefined, body: unknown): Attempt {
  const json = JSON.stringify(body);
  return previous?.body === json ? previous : { key: newIdempotencyKey(), body: json };
}
