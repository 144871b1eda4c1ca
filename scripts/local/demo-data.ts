import type { Role } from '../../shared/domain/roles.js';
import { DEFAULT_TRIAGE_CONFIG } from '../../shared/domain/triage.js';
import type { Union } from '../../shared/domain/unions.js';

/**
 * The demo union hierarchy (administrative division codes, GB/T 2260). SMS
 * signatures: the provinces, Shenyang and 和平区 have their own; the other
 * districts and cities send under the nearest one above them.
 */
export const DEMO_UNIONS: readonly Union[] = [
  { code: '210000', name: '辽宁省总工会', parentCode: null, smsSignature: '辽宁省总工会' },
  { code: '210100', name: '沈阳市总工会', parentCode: '210000', smsSignature: '沈阳市总工会' },
  // 和平区 sends urgent hotline cases straight to the lawyer on duty.
  {
    code: '210102',
    name: '和平区总工会',
    parentCode: '210100',
    smsSignature: '沈阳市和平区总工会',
    triage: { mediationCategories: DEFAULT_TRIAGE_CONFIG.mediationCategories, autoAssignUrgentHotline: true },
  },
  { code: '210103', name: '沈河区总工会', parentCode: '210100' },
  { code: '210104', name: '大东区总工会', parentCode: '210100' },
  { code: '210105', name: '皇姑区总工会', parentCode: '210100' },
  { code: '210106', name: '铁西区总工会', parentCode: '210100' },
  { code: '210111', name: '苏家屯区总工会', parentCode: '210100' },
  { code: '210112', name: '浑南区总工会', parentCode: '210100' },
  { code: '210113', name: '沈北新区总工会', parentCode: '210100' },
  { code: '210114', name: '于洪区总工会', parentCode: '210100' },
  { code: '210115', name: '辽中区总工会', parentCode: '210100' },
  { code: '210123', name: '康平县总工会', parentCode: '210100' },
  { code: '210124', name: '法库县总工会', parentCode: '210100' },
  { code: '210181', name: '新民市总工会', parentCode: '210100' },
  { code: '210700', name: '锦州市总工会', parentCode: '210000' },
  { code: '510000', name: '四川省总工会', parentCode: null, smsSignature: '四川省总工会' },
  { code: '511100', name: '乐山市总工会', parentCode: '510000' },
  { code: '511900', name: '巴中市总工会', parentCode: '510000' },
  // 巴州区 sends work-injury complaints to mediation first (a union's own triage configuration).
  {
    code: '511902',
    name: '巴州区总工会',
    parentCode: '511900',
    triage: { mediationCategories: ['wage_arrears', 'compensation', 'working_hours_leave', 'work_injury'] },
  },
];

export interface DemoUser {
  readonly username: string;
  /** Stable Cognito-style `sub`, so tokens and timelines stay recognisable across restarts. */
  readonly sub: string;
  readonly role: Role;
  readonly unionCode: string;
  readonly displayName: string;
}

/** Staff in different unions, so tenancy can be tried by hand (sibling districts, city, province). */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'op-heping',
    sub: '8d1c7f0e-0001-4000-8000-000000000001',
    role: 'operator',
    unionCode: '210102',
    displayName: '和平区12351接线员 王芳',
  },
  {
    username: 'op-shenhe',
    sub: '8d1c7f0e-0002-4000-8000-000000000002',
    role: 'operator',
    unionCode: '210103',
    displayName: '沈河区12351接线员 李娜',
  },
  {
    username: 'op-shenyang',
    sub: '8d1c7f0e-0003-4000-8000-000000000003',
    role: 'operator',
    unionCode: '210100',
    displayName: '沈阳市12351接线员 刘洋',
  },
  {
    username: 'op-bazhou',
    sub: '8d1c7f0e-0004-4000-8000-000000000004',
    role: 'operator',
    unionCode: '511902',
    displayName: '巴州区12351接线员 陈静',
  },
  {
    username: 'lawyer-heping',
    sub: '8d1c7f0e-0005-4000-8000-000000000005',
    role: 'lawyer',
    unionCode: '210102',
    displayName: '志愿律师 赵磊',
  },
  {
    username: 'lawyer-shenhe',
    sub: '8d1c7f0e-0006-4000-8000-000000000006',
    role: 'lawyer',
    unionCode: '210103',
    displayName: '志愿律师 孙悦',
  },
  {
    username: 'mediator-heping',
    sub: '8d1c7f0e-0007-4000-8000-000000000007',
    role: 'mediator',
    unionCode: '210102',
    displayName: '劳动争议调解员 周敏',
  },
  {
    username: 'admin-heping',
    sub: '8d1c7f0e-0008-4000-8000-000000000008',
    role: 'legal_admin',
    unionCode: '210102',
    displayName: '和平区总工会法律部 吴刚',
  },
  {
    username: 'admin-shenyang',
    sub: '8d1c7f0e-0009-4000-8000-000000000009',
    role: 'legal_admin',
    unionCode: '210100',
    displayName: '沈阳市总工会法律部 郑丽',
  },
  {
    username: 'admin-liaoning',
    sub: '8d1c7f0e-0010-4000-8000-000000000010',
    role: 'legal_admin',
    unionCode: '210000',
    displayName: '辽宁省总工会法律部 冯军',
  },
  {
    username: 'admin-sichuan',
    sub: '8d1c7f0e-0011-4000-8000-000000000011',
    role: 'legal_admin',
    unionCode: '510000',
    displayName: '四川省总工会法律部 何平',
  },
];

export function demoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.username === username);
}

/** Roster entries for the demo lawyers and mediators (what a legal department would PUT /staff/{id}). */
export const DEMO_ROSTER = DEMO_USERS.filter(
  (user): user is DemoUser & { role: 'lawyer' | 'mediator' } => user.role === 'lawyer' || user.role === 'mediator',
).map((user) => ({
  staffId: user.sub,
  displayName: user.displayName,
  role: user.role,
  unionCode: user.unionCode,
  categories:
    user.role === 'mediator'
      ? DEFAULT_TRIAGE_CONFIG.mediationCategories
      : ([
          'wage_arrears',
          'work_injury',
          'occupational_disease',
          'labour_contract',
          'labour_relationship',
          'compensation',
          'women_workers_rights',
          'other',
        ] as const),
  capacity: 10,
  dutyWeekdays: [1, 2, 3, 4, 5],
  dutyDates: [] as string[],
  conflicts: [] as string[],
  active: true,
}));
