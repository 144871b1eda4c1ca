/**
 * The words of the domain. Identifiers are English; each carries the Chinese
 * label a union user sees (in reports, lists and the complainant's view).
 */

export const REQUEST_KINDS = {
  consultation: '咨询',
  complaint: '投诉求助',
  legal_aid_application: '法律援助申请',
  petition: '信访',
  suggestion: '建议',
} as const;
export type RequestKind = keyof typeof REQUEST_KINDS;

/** What a worker may file online; petitions (信访) follow their own statutory procedure. */
/**
 * Requests handled as cases (受理案件): a dispute someone must act on. A
 * consultation is answered and a suggestion noted; neither is a case, so
 * neither counts in the case figures nor raises a wage-arrears warning.
 */
export const CASE_KINDS = ['complaint', 'legal_aid_application', 'petition'] as const satisfies readonly RequestKind[];

export function isCaseKind(kind: RequestKind): boolean {
  return (CASE_KINDS as readonly RequestKind[]).includes(kind);
}

/**
 * What a worker may file online. Petitions too: the Regulations on Petitioning
 * Work (信访工作条例, 2022) let petitions be submitted through online channels;
 * triage sends them to the legal department, as it does staff-registered ones.
 */
export const PUBLIC_REQUEST_KINDS = [
  'complaint',
  'legal_aid_application',
  'consultation',
  'petition',
  'suggestion',
] as const satisfies readonly RequestKind[];

export const CHANNELS = {
  hotline: '12351热线',
  web: '网站',
  wechat: '微信',
  walk_in: '来访',
  letter: '来信',
  referral: '转介',
} as const;
export type Channel = keyof typeof CHANNELS;

/** Channels a staff member logs; web and WeChat arrive through the public routes. */
export const STAFF_CHANNELS = ['hotline', 'walk_in', 'letter', 'referral'] as const satisfies readonly Channel[];
export const PUBLIC_CHANNELS = ['web', 'wechat'] as const satisfies readonly Channel[];

/** Dispute categories (Labour Dispute Mediation and Arbitration Law, Art. 2, and union practice). */
export const CATEGORIES = {
  wage_arrears: '欠薪/劳动报酬',
  work_injury: '工伤',
  occupational_disease: '职业病',
  social_insurance: '社会保险',
  labour_contract: '劳动合同订立/解除/终止',
  labour_relationship: '确认劳动关系',
  working_hours_leave: '工时/休息休假',
  compensation: '经济补偿/赔偿',
  women_workers_rights: '女职工权益',
  labour_dispatch: '劳务派遣',
  other: '其他',
} as const;
export type Category = keyof typeof CATEGORIES;

export const CASE_STATUSES = {
  registered: '已登记',
  triaged: '已分流',
  in_mediation: '调解中',
  in_pool: '待认领',
  claimed: '已认领',
  in_progress: '办理中',
  transfer_pending: '转交待接收',
  closed: '已办结',
  followed_up: '已回访',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const OUTCOMES = {
  advice_given: '已解答',
  mediated_agreement: '调解成功',
  referred_to_arbitration: '转仲裁',
  arbitration_award: '仲裁裁决',
  litigation: '诉讼',
  referred_to_labour_inspection: '转劳动监察',
  withdrawn: '撤回',
  out_of_scope: '不属受理范围',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/**
 * The kinds of money recovered for a worker, as legal departments report
 * them separately (追回欠薪 and 工伤赔偿 above all). Amounts agreed (协议金额)
 * are counted apart: an agreement is not yet money in the worker's hand.
 */
export const MONEY_KINDS = {
  wages: '追回欠薪',
  injury_compensation: '工伤赔偿',
  economic_compensation: '经济补偿金',
  social_insurance: '社会保险',
  other: '其他',
} as const;
export type MoneyKind = keyof typeof MONEY_KINDS;

/**
 * Grounds on which a legal-aid applicant skips the financial-hardship test
 * (Legal Aid Law 2021, Art. 42 (1)–(4)).
 */
export const LEGAL_AID_EXEMPTION_GROUNDS = {
  specific_group_without_income: '无固定生活来源的未成年人、老年人、残疾人等特定群体（第四十二条第一项）',
  social_assistance_recipient: '社会救助、司法救助或者优抚对象（第四十二条第二项）',
  migrant_worker_pay_or_injury: '申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员（第四十二条第三项）',
  other_by_law: '法律、法规、规章规定的其他人员（第四十二条第四项）',
} as const;
export type LegalAidExemptionGround = keyof typeof LEGAL_AID_EXEMPTION_GROUNDS;

export const TIMELINE_EVENT_TYPES = {
  registered: '登记',
  answered_on_call: '当场解答',
  supplement_added: '补充材料',
  feedback_given: '服务评价',
  triaged: '分流',
  claimed: '认领',
  released: '退回待认领',
  assigned: '指派',
  contact_viewed: '查看联系方式',
  transfer_requested: '申请转交',
  transfer_accepted: '接收转交',
  transfer_rejected: '拒绝转交',
  note_added: '办理记录',
  call_logged: '电话沟通',
  hotline_call: '12351来电记录',
  mediation_session: '调解会',
  mediated_agreement: '达成调解协议',
  arbitration_filed: '申请仲裁',
  arbitration_accepted: '仲裁立案',
  arbitration_extended: '仲裁延期',
  arbitration_awarded: '仲裁裁决',
  labour_inspection_referred: '转劳动监察',
  injury_recorded: '记录工伤事故/职业病诊断',
  award_served: '仲裁裁决送达',
  payment_received: '收到款项',
  correction: '更正',
  closed: '办结',
  followed_up: '回访',
  reopened: '重新办理',
  deadline_missed: '超期督办',
  limitation_warning: '时效提示',
  clocks_recomputed: '期限重算',
} as const;
export type TimelineEventType = keyof typeof TIMELINE_EVENT_TYPES;

/** Enum values of a label table, typed for zod's `z.enum`. */
export function keysOf<T extends Record<string, string>>(table: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
}
