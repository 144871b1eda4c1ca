import type { Caller } from '../../shared/domain/roles.js';
import * as z from 'zod/mini';
import { RegisterCaseBody, type RegisterCaseInput } from '../../shared/schemas/case.js';
import { DEMO_USERS, type DemoUser } from '../../scripts/local/demo-data.js';

export function demo(username: string): DemoUser {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

/** The Caller a handler would see for a demo user. */
export function callerOf(username: string): Caller {
  const user = demo(username);
  return { staffId: user.sub, username: user.username, roles: [user.role], unionCode: user.unionCode };
}

/**
 * The wage-arrears complaint of the API's own documented example (what a
 * hotline operator of 和平区 logs), defaults applied; override any field.
 */
const DOCUMENTED_COMPLAINT = RegisterCaseBody.parse(
  (z.globalRegistry.get(RegisterCaseBody)?.examples as unknown[] | undefined)?.[0],
);

export function complaint(overrides: Partial<RegisterCaseInput> = {}): RegisterCaseInput {
  return { ...DOCUMENTED_COMPLAINT, ...overrides };
}

/** A consultation answered on the call. */
export function answeredConsultation(overrides: Partial<RegisterCaseInput> = {}): RegisterCaseInput {
  return {
    kind: 'consultation',
    channel: 'hotline',
    category: 'working_hours_leave',
    regionCode: '210102',
    complainant: { name: '李强', mobile: '13900001111', migrantWorker: false, modelWorker: false, womanWorker: false },
    description: '周末加班费怎么算？',
    workersInvolved: 1,
    answeredOnCall: { advice: '休息日加班应安排补休，不能补休的支付不低于工资200%的加班费（《劳动法》第44条）。' },
    ...overrides,
  };
}
