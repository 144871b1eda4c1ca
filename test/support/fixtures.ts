import type { Caller } from '../../shared/domain/roles.js';
import type { RegisterCaseInput } from '../../shared/schemas/case.js';
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

/** A wage-arrears complaint in 和平区 as a hotline operator would log it; override any field. */
export function complaint(overrides: Partial<RegisterCaseInput> = {}): RegisterCaseInput {
  return {
    kind: 'complaint',
    channel: 'hotline',
    category: 'wage_arrears',
    regionCode: '210102',
    complainant: {
      name: '张伟',
      mobile: '13812345678',
      idNumber: '210102199003071233',
      migrantWorker: true,
      modelWorker: false,
      womanWorker: false,
    },
    employer: { name: '沈阳和平建筑工程有限公司', creditCode: '91210102MA0QC12347' },
    description: '2026年8月至10月工资共36000元未发。',
    workersInvolved: 1,
    amountClaimedFen: 3_600_000,
    occurredOn: '2026-10-31',
    ...overrides,
  };
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
