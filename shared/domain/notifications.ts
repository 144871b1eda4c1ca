import type { CaseRecord } from './cases.js';
import { CLOCKS, type ClockName } from './deadlines.js';
import type { Moment } from './moment.js';

/**
 * Messages a case change causes, written in the same transaction as the
 * change (transactional outbox) and delivered afterwards by the table's
 * stream consumer. A message names its recipient, never their address: the
 * complainant's number is looked up from the case's contact details at
 * delivery, so no phone number is copied into the outbox or the stream.
 *
 * A message is a template and named parameters, never free text: mainland SMS
 * providers (Alibaba Cloud, Tencent Cloud) send only templates a union has
 * registered and had approved, filled with short parameter values, under the
 * union's approved signature (签名). The signature is not part of the
 * template; the provider (or, for SNS, the adapter) puts it in front.
 */
export type Recipient =
  | { readonly kind: 'complainant' }
  | { readonly kind: 'staff'; readonly staffId: string }
  /** Everyone in the union's legal department. */
  | { readonly kind: 'legal_department'; readonly unionCode: string };

interface TemplateDefinition {
  /** `sms` templates go to the complainant's phone; `staff_notice` ones to the staff-notices channel. */
  readonly channel: 'sms' | 'staff_notice';
  /**
   * Parameter names in the order they appear in the text. Tencent Cloud numbers
   * a template's variables {1}, {2}, … and takes their values as an ordered
   * list: this order. Alibaba Cloud names them: `${name}`, as written here.
   */
  readonly params: readonly string[];
  /** The Chinese text, with `${name}` for each parameter: what a union registers with its provider. */
  readonly text: string;
}

/**
 * Every message the system sends, in one table. For SMS templates the text is
 * what a union registers as a template with Alibaba Cloud (verbatim, `${name}`
 * variables) or Tencent Cloud (each `${name}` replaced by {1}, {2}, … in
 * order); the SNS adapter and the console print the same text filled in.
 * Parameter values are short (a case number is 20 characters, e.g.
 * `210102-20261201-0001`); an access code is never a parameter.
 */
export const TEMPLATES = {
  /** Complainant, case filed online (web, WeChat): they hold an access code from the filing screen. */
  case_acknowledged_online: {
    channel: 'sms',
    params: ['unionName', 'caseNumber'],
    text: '您的诉求已由${unionName}受理，案件编号${caseNumber}。请凭提交时显示的查询码查询进度。',
  },
  /** Complainant, case registered by staff (hotline, walk-in, letter, referral). */
  case_acknowledged: {
    channel: 'sms',
    params: ['unionName', 'caseNumber'],
    text: '您的诉求已由${unionName}受理，案件编号${caseNumber}。如需了解进度请致电12351。',
  },
  /** Complainant: a volunteer lawyer or a mediator (`handlerRole`: 志愿律师 / 劳动争议调解员) now handles the case. */
  case_assigned: {
    channel: 'sms',
    params: ['caseNumber', 'handlerRole'],
    text: '您的案件${caseNumber}已由${handlerRole}承办，近期将与您联系。',
  },
  /** Complainant: the case is concluded. */
  case_closed: {
    channel: 'sms',
    params: ['caseNumber'],
    text: '您的案件${caseNumber}已办结。我们将进行回访，欢迎对服务作出评价。',
  },
  /** Staff: a case was assigned to you. */
  case_assigned_to_you: {
    channel: 'staff_notice',
    params: ['caseNumber'],
    text: '案件${caseNumber}已指派给您办理，请及时联系当事人。',
  },
  /** Staff and legal department: clocks on a case were missed (`clocks`: their names, joined with 、). */
  deadline_missed: {
    channel: 'staff_notice',
    params: ['caseNumber', 'clocks'],
    text: '督办：案件${caseNumber}已超过${clocks}，请尽快处理。',
  },
  /** Legal department: several complaints against one employer. */
  early_warning: {
    channel: 'staff_notice',
    params: ['employerName', 'complaints', 'workersInvolved'],
    text: '欠薪预警：${employerName}近期被投诉${complaints}次，涉及职工${workersInvolved}人，请关注。',
  },
} as const satisfies Record<string, TemplateDefinition>;

export type Template = keyof typeof TEMPLATES;
/** Templates sent by SMS: each needs a template code registered with the SMS provider. */
export type SmsTemplate = { [K in Template]: (typeof TEMPLATES)[K]['channel'] extends 'sms' ? K : never }[Template];
export type TemplateParams<K extends Template> = Readonly<Record<(typeof TEMPLATES)[K]['params'][number], string>>;

export const SMS_TEMPLATES = (Object.keys(TEMPLATES) as Template[]).filter(
  (template): template is SmsTemplate => TEMPLATES[template].channel === 'sms',
);

export function isTemplate(value: string): value is Template {
  return Object.hasOwn(TEMPLATES, value);
}

export function isSmsTemplate(value: string): value is SmsTemplate {
  return isTemplate(value) && TEMPLATES[value].channel === 'sms';
}

export interface OutboxMessage {
  readonly caseId: string;
  readonly messageId: string;
  readonly createdAt: string;
  readonly channel: 'sms' | 'staff_notice';
  readonly recipient: Recipient;
  /** The union holding the case when the message was written: its signature (or its parents') signs an SMS. */
  readonly unionCode: string;
  readonly template: Template;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * A delivery failure that is safe to log in full: its `details` never hold a
 * phone number or other personal information (a provider's own error message
 * may quote the number, so it is never copied into them).
 */
export abstract class DeliveryFailure extends Error {
  abstract readonly details: Readonly<Record<string, string>>;
}

/** A message whose template or parameters do not match the template table (written by another version, or corrupt). */
export class MalformedMessage extends DeliveryFailure {
  constructor(readonly template: string) {
    super(`message does not match template ${template}`);
    this.name = 'MalformedMessage';
  }

  get details(): Record<string, string> {
    return { template: String(this.template) };
  }
}

/** The template's parameter values in its order (Tencent's TemplateParamSet); throws if one is missing. */
export function orderedParams(template: Template, params: Readonly<Record<string, string>> | undefined): string[] {
  return TEMPLATES[template].params.map((name) => {
    const value = params?.[name];
    if (typeof value !== 'string') throw new MalformedMessage(template);
    return value;
  });
}

/** Only the template's own parameters, so nothing else stored on a message reaches a provider. */
export function templateParams(template: Template, params: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const values = orderedParams(template, params);
  return Object.fromEntries(TEMPLATES[template].params.map((name, i) => [name, values[i]!]));
}

/** The template's Chinese text with its parameters filled in. */
export function renderText(template: Template, params: Readonly<Record<string, string>>): string {
  const values = templateParams(template, params);
  return TEMPLATES[template].text.replace(/\$\{(\w+)\}/g, (_, name: string) => values[name]!);
}

/** An SMS as the phone shows it: the signature in 【】 first (SNS and the console; mainland providers add it themselves). */
export function signedText(signName: string, template: SmsTemplate, params: Readonly<Record<string, string>>): string {
  return `【${signName}】${renderText(template, params)}`;
}

function message<K extends Template>(
  caseRecord: Pick<CaseRecord, 'caseId' | 'unionCode'>,
  recipient: Recipient,
  template: K,
  params: TemplateParams<K>,
  moment: Moment,
): OutboxMessage {
  return {
    caseId: caseRecord.caseId,
    messageId: moment.newEventId(),
    createdAt: moment.now.toISOString(),
    channel: TEMPLATES[template].channel,
    recipient,
    unionCode: caseRecord.unionCode,
    template,
    params,
  };
}

/** The complainant's acknowledgement; an access code is never sent by SMS. */
export function acknowledgement(caseRecord: CaseRecord, unionName: string, moment: Moment): OutboxMessage {
  const online = caseRecord.channel === 'web' || caseRecord.channel === 'wechat';
  return message(
    caseRecord,
    { kind: 'complainant' },
    online ? 'case_acknowledged_online' : 'case_acknowledged',
    { unionName, caseNumber: caseRecord.caseNumber },
    moment,
  );
}

/** A case now has someone working it: the complainant hears what kind of help comes, the assignee hears of the case. */
export function assignmentNotices(caseRecord: CaseRecord, moment: Moment, assignedByOthers: boolean): OutboxMessage[] {
  const owner = caseRecord.owner;
  if (!owner) return [];
  const handlerRole = owner.role === 'mediator' ? '劳动争议调解员' : '志愿律师';
  const { caseNumber } = caseRecord;
  const notices = [message(caseRecord, { kind: 'complainant' }, 'case_assigned', { caseNumber, handlerRole }, moment)];
  if (assignedByOthers) {
    notices.push(message(caseRecord, { kind: 'staff', staffId: owner.staffId }, 'case_assigned_to_you', { caseNumber }, moment));
  }
  return notices;
}

export function closureNotice(caseRecord: CaseRecord, moment: Moment): OutboxMessage {
  return message(caseRecord, { kind: 'complainant' }, 'case_closed', { caseNumber: caseRecord.caseNumber }, moment);
}

/** A missed clock goes to the union's legal department and, if someone works the case, to them. */
export function escalationNotices(caseRecord: CaseRecord, clocks: readonly ClockName[], moment: Moment): OutboxMessage[] {
  const params = { caseNumber: caseRecord.caseNumber, clocks: clocks.map((clock) => CLOCKS[clock]).join('、') };
  return [
    message(caseRecord, { kind: 'legal_department', unionCode: caseRecord.unionCode }, 'deadline_missed', params, moment),
    ...(caseRecord.owner
      ? [message(caseRecord, { kind: 'staff', staffId: caseRecord.owner.staffId }, 'deadline_missed', params, moment)]
      : []),
  ];
}

/** Tells one legal department of an early warning in its area (one message per alert and department). */
export function earlyWarningNotice(
  alert: { alertId: string; raisedAt: string; employerName: string; complaints: readonly unknown[]; workersInvolved: number },
  caseId: string,
  unionCode: string,
): OutboxMessage {
  const params: TemplateParams<'early_warning'> = {
    employerName: alert.employerName,
    complaints: String(alert.complaints.length),
    workersInvolved: String(alert.workersInvolved),
  };
  return {
    caseId,
    messageId: `early-warning-${alert.alertId}-${unionCode}`,
    createdAt: alert.raisedAt,
    channel: 'staff_notice',
    recipient: { kind: 'legal_department', unionCode },
    unionCode,
    template: 'early_warning',
    params,
  };
}
