import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { FileComplaintBody } from '../../shared/schemas/public.js';
import type { DemoUser } from '../../scripts/local/demo-data.js';
import { complaint, demo } from './fixtures.js';
import type { ApiResponse, LocalApi } from './local-api.js';
import { caseFieldsOf } from '../../shared/store/case-item.js';

/** The codes a 503 may carry (shared/http/handler.ts): retry later; OUTCOME_UNKNOWN: a write may have happened. */
export const RETRY_LATER_CODES = ['STORE_UNAVAILABLE', 'OUTCOME_UNKNOWN', 'BUSY'] as const;

/** A registration a load run sends: which route, its body and its Idempotency-Key, kept so it can be retried. */
export interface Registration {
  readonly route: 'POST /cases' | 'POST /public/complaints';
  readonly idempotencyKey: string;
  readonly body: unknown;
  readonly user?: DemoUser;
  /** The worker's mobile number, theirs alone in the run. */
  readonly mobile: string;
}

const PUBLIC_EXAMPLE = (z.globalRegistry.get(FileComplaintBody)?.examples as Record<string, unknown>[])[0]!;

/**
 * A hotline registration by the 和平区 operator, or a worker's online filing
 * (the documented example: 沈河区), each with its own key. `serial` (unique
 * in a run) gives the worker a mobile number of their own, so the case a
 * request created can be found by it (see casesByMobile), and varies the
 * category so the cases are not all alike.
 */
export function registration(route: Registration['route'], serial: number): Registration {
  const mobile = mobileOf(serial);
  const variant = serial;
  if (route === 'POST /cases') {
    const categories = ['wage_arrears', 'work_injury', 'labour_contract', 'working_hours_leave'] as const;
    return {
      route,
      idempotencyKey: randomUUID(),
      mobile,
      user: demo('op-heping'),
      body: complaint({
        category: categories[variant % categories.length]!,
        // One in five is a collective dispute: urgent, which 和平区 assigns to the lawyer on duty as it registers it.
        workersInvolved: variant % 5 === 0 ? 14 : 1,
        complainant: { name: '张伟', mobile, migrantWorker: variant % 2 === 0, modelWorker: false, womanWorker: false },
      }),
    };
  }
  return {
    route,
    idempotencyKey: randomUUID(),
    mobile,
    body: { ...PUBLIC_EXAMPLE, complainant: { name: '王建国', mobile, migrantWorker: true } },
  };
}

/** The worker's mobile number in the `serial`th registration of a run. */
export function mobileOf(serial: number): string {
  return `139${String(serial).padStart(8, '0')}`;
}

/** Case numbers by the worker's mobile number (from the contact items), to tell which request created which case. */
export function casesByMobile(items: readonly Record<string, unknown>[]): Map<string, string[]> {
  const numberOf = new Map(
    items.filter((item) => item.SK === 'CASE').map((item) => [caseFieldsOf(item).caseId, caseFieldsOf(item).caseNumber]),
  );
  const byMobile = new Map<string, string[]>();
  for (const contact of items.filter((item) => item.SK === 'CONTACT')) {
    const caseNumber = numberOf.get(contact.caseId as string);
    if (caseNumber) byMobile.set(contact.mobile as string, [...(byMobile.get(contact.mobile as string) ?? []), caseNumber]);
  }
  return byMobile;
}

/**
 * What a registration's answer says about the cases its request created:
 * a 201, exactly its case; a 503 STORE_UNAVAILABLE or BUSY, none ("nothing
 * was written"); OUTCOME_UNKNOWN, none or one. Undefined when they agree.
 */
export function answerContradicting(answer: ApiResponse, created: readonly string[]): string | undefined {
  const code = answer.body?.error?.code as string | undefined;
  if (answer.status === 201)
    return created.length === 1 && created[0] === answer.body.caseNumber
      ? undefined
      : `201 ${answer.body.caseNumber as string}, but cases stored: [${created.join(', ')}]`;
  if (answer.status === 503 && code === 'OUTCOME_UNKNOWN')
    return created.length <= 1 ? undefined : `OUTCOME_UNKNOWN, ${created.length} cases`;
  return created.length === 0 ? undefined : `${answerLabel(answer)}, but case ${created.join(', ')} was stored`;
}

export function send(api: LocalApi, request: Registration): Promise<ApiResponse> {
  return api.request('POST', request.route.slice('POST '.length), {
    ...(request.user ? { user: request.user } : {}),
    body: request.body,
    headers: { 'idempotency-key': request.idempotencyKey },
  });
}

/**
 * What is wrong with an answer from the point of view of a client that may
 * only ever be told "retry later": a 5xx other than 503, a 503 without
 * Retry-After or without a retry-later code, or an error body out of shape.
 * Undefined when the answer is fine.
 */
export function unacceptableFailure(response: ApiResponse): string | undefined {
  if (response.status < 500) return undefined;
  const code = response.body?.error?.code as string | undefined;
  if (response.status !== 503) return `${response.status} ${code ?? JSON.stringify(response.body)}`;
  if (!(Number(response.headers.get('retry-after')) > 0)) return `503 ${code} without Retry-After`;
  if (!RETRY_LATER_CODES.includes(code as (typeof RETRY_LATER_CODES)[number])) return `503 with code ${code}`;
  if (typeof response.body.error.message !== 'string' || typeof response.body.error.requestId !== 'string')
    return `503 ${code} with an error body out of shape`;
  return undefined;
}

/** `status` or `status code`, the key answers are tallied by. */
export function answerLabel(response: ApiResponse): string {
  const code = response.body?.error?.code as string | undefined;
  return code ? `${response.status} ${code}` : String(response.status);
}

/**
 * Runs `count` tasks with at most `concurrency` in flight, in index order
 * (task i starts no earlier than task i − 1), as that many clients would.
 */
export async function withConcurrency(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/**
 * Sends a registration again with its Idempotency-Key, as a client told
 * "retry later" does, until the answer is no longer 503 nor 409
 * REQUEST_IN_PROGRESS (the first attempt's in-progress record, when the store
 * failed before it could be cleared, lasts until that invocation's time is up).
 */
export async function retryUntilSettled(
  api: LocalApi,
  request: Registration,
  tally: Record<string, number> = {},
  attempts = 60,
): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await send(api, request);
    tally[answerLabel(response)] = (tally[answerLabel(response)] ?? 0) + 1;
    const settled = response.status !== 503 && !(response.status === 409 && response.body?.error?.code === 'REQUEST_IN_PROGRESS');
    if (settled || attempt >= attempts) return response;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
