import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUTHORIZER_CACHE_TTL_SECONDS } from '../../../infra/authorizer-cache.js';
import { cachedPerToken, type AuthorizerAnswer } from '../../../scripts/local/auth.js';

const NOW = Date.UTC(2026, 11, 2, 4, 0, 0);
const allow: AuthorizerAnswer = { effect: 'allow', context: { staffId: 'op-heping' } };

/** A token expiring `expiresInSeconds` from NOW (only its `exp` matters to the cache). */
function tokenExpiringIn(expiresInSeconds: number): string {
  return `Bearer ${new UnsecuredJWT({ sub: 'op-heping' }).setExpirationTime(Math.floor(NOW / 1000) + expiresInSeconds).encode()}`;
}

/** The cache over an authorizer that answers `answer` and counts its calls, on a clock the test moves. */
function harness(answer: AuthorizerAnswer) {
  const clock = { now: NOW };
  const calls: (string | undefined)[] = [];
  const authorize = cachedPerToken(
    async (header) => {
      calls.push(header);
      return answer;
    },
    () => clock.now,
  );
  return { clock, calls, authorize };
}

describe('the local server keeps the authorizer’s answer per token, as API Gateway does', () => {
  it('asks the authorizer once per token within the TTL, and again after it', async () => {
    const { clock, calls, authorize } = harness(allow);
    const token = tokenExpiringIn(3600);
    expect(await authorize(token)).toEqual(allow);
    clock.now += (AUTHORIZER_CACHE_TTL_SECONDS - 1) * 1000;
    expect(await authorize(token)).toEqual(allow);
    expect(calls).toHaveLength(1);
    clock.now += 2000;
    expect(await authorize(token)).toEqual(allow);
    expect(calls).toHaveLength(2);
  });

  it('keeps a Deny too, and each token apart', async () => {
    const { calls, authorize } = harness({ effect: 'deny' });
    const [first, second] = [tokenExpiringIn(3600), tokenExpiringIn(3601)];
    for (const token of [first, second, first, second]) expect(await authorize(token)).toEqual({ effect: 'deny' });
    expect(calls).toEqual([first, second]);
  });

  it('never keeps an answer past the token’s own expiry', async () => {
    const { clock, calls, authorize } = harness(allow);
    const token = tokenExpiringIn(60);
    await authorize(token);
    clock.now += 61_000;
    await authorize(token);
    expect(calls).toHaveLength(2);
  });

  it('does not keep a 401, nor a missing header', async () => {
    const { calls, authorize } = harness({ effect: 'unauthorized' });
    await authorize('not a token');
    await authorize('not a token');
    await authorize(undefined);
    expect(calls).toEqual(['not a token', 'not a token', undefined]);
  });
});
