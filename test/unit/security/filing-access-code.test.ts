import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAccessCode } from '../../../shared/domain/public-case.js';
import { deriveAccessCode } from '../../../shared/security/filing-access-code.js';
import { hashIdempotencyKey } from '../../../shared/usecases/digests.js';

describe('the access code of a filing with an Idempotency-Key', () => {
  it('is a well-formed code, the same for every answer to the key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (key) => {
        const code = deriveAccessCode('secret', hashIdempotencyKey(key));
        expect(normalizeAccessCode(code)).toBe(code.replaceAll('-', ''));
        expect(deriveAccessCode('secret', hashIdempotencyKey(key))).toBe(code);
      }),
    );
  });

  it('differs between keys, and cannot be computed from the key without the secret key', () => {
    const keyHash = hashIdempotencyKey('1');
    expect(deriveAccessCode('secret', keyHash)).not.toBe(deriveAccessCode('secret', hashIdempotencyKey('2')));
    expect(deriveAccessCode('secret', keyHash)).not.toBe(deriveAccessCode('another secret', keyHash));
  });
});
