import type { CaseRecord } from './cases.js';
import { CLOCKS, type ClockName } from './deadlines.js';
import type { Moment } from './transition.js';

/**
 * Messages a case change causes, written in the same transaction as the
 * change (transactional outbox) and delivered afterwards by the table's
 * stream consumer. A message names its recipient, never their address: the
 * complainant's number is looked up from the case's contact details at
 * delivery, so no phone number is copied into the outbox or the stream.
 */
export type Recipient =
  | { readonly kind: 'complainant' }
  | { readonly kind: 'staff'; readonly staffId: string }
  /** Everyone in the union's legal department. */
  | { readonly kind: 'legal_department'; readonly unionCode: string };

export const TEMPLATES = {
  acknowledgement: 'complainant: request received, with the case number',
  assigned: 'complainant: a lawyer or mediator now handles the case',
  closed: 'complainant: the case is concluded',
  case_assigned_to_you: 'staff: a case was assigned to you',
  deadline_missed: 'staff: a clock on a case was missed',
  early_warning: 'legal department: several complaints against one employer',
} as const;
export type Template = keyof typeof TEMPLATES;

export interface OutboxMessage {
  readonly caseId: string;
  readonly messageId: string;
  readonly createdAt: string;
  readonly channel: 'sms' | 'staff_notice';
  readonly recipient: Recipient;
  readonly template: Template;
  readonly text: string;
}

const SMS_SIGNATURE = '【12351职工维权】';

function message(
  caseRecord: Pick<CaseRecord, 'caseId'>,
  recipient: Recipient,
  template: Template,
  text: string,
  moment: Moment,
): OutboxMessage {
  return {
    caseId: caseRecord.caseId,
    messageId: moment.newEventId(),
    createdAt: moment.now.toISOString(),
    channel: recipient.kind === 'complainant' ? 'sms' : 'staff_notice',
    recipient,
    template,
    text,
  };
}

/** The acknowledgement text messaged to the complainant; an access code is never sent by SMS. */
export function acknowledgementText(caseNumber: string, unionName: string, online: boolean): string {
  const howToFollow = online ? '请凭提交时显示的查询码查询进度。' : '如需了解进度请致电12351。';
  return `${SMS_SIGNATURE}您的诉求已由${unionName}受理，案件编号${caseNumber}。${howToFollow}`;
}

export function acknowledgement(caseRecord: CaseRecord, unionName: string, moment: Moment): OutboxMessage {
  const online = caseRecord.channel === 'web' || caseRecord.channel === 'wechat';
  return message(
    caseRecord,
    { kind: 'complainant' },
    'acknowledgement',
    acknowledgementText(caseRecord.caseNumber, unionName, online),
    moment,
  );
}

/** A case now has someone working it: the complainant hears who kind of help comes, the assignee hears of the case. */
export function assignmentNotices(caseRecord: CaseRecord, moment: Moment, assignedByOthers: boolean): OutboxMessage[] {
  const owner = caseRecord.owner;
  if (!owner) return [];
  const helper = owner.role === 'mediator' ? '劳动争议调解员' : '志愿律师';
  const notices = [
    message(
      caseRecord,
      { kind: 'complainant' },
      'assigned',
      `${SMS_SIGNATURE}您的案件${caseRecord.caseNumber}已由${helper}承办，近期将与您联系。`,
      moment,
    ),
  ];
  if (assignedByOthers) {
    notices.push(
      message(
        caseRecord,
        { kind: 'staff', staffId: owner.staffId },
        'case_assigned_to_you',
        `案件${caseRecord.caseNumber}已指派给您办理，请及时联系当事人。`,
        moment,
      ),
    );
  }
  return notices;
}

export function closureNotice(caseRecord: CaseRecord, moment: Moment): OutboxMessage {
  return message(
    caseRecord,
    { kind: 'complainant' },
    'closed',
    `${SMS_SIGNATURE}您的案件${caseRecord.caseNumber}已办结。我们将进行回访，欢迎对服务作出评价。`,
    moment,
  );
}

/** A missed clock goes to the union's legal department and, if someone works the case, to them. */
export function escalationNotices(caseRecord: CaseRecord, clocks: readonly ClockName[], moment: Moment): OutboxMessage[] {
  const what = clocks.map((clock) => CLOCKS[clock]).join('、');
  const text = `督办：案件${caseRecord.caseNumber}已超过${what}，请尽快处理。`;
  return [
    message(caseRecord, { kind: 'legal_department', unionCode: caseRecord.unionCode }, 'deadline_missed', text, moment),
    ...(caseRecord.owner
      ? [message(caseRecord, { kind: 'staff', staffId: caseRecord.owner.staffId }, 'deadline_missed', text, moment)]
      : []),
  ];
}

/** Tells one legal department of an early warning in its area (one message per alert and department). */
export function earlyWarningNotice(
  alert: { alertId: string; raisedAt: string; employerName: string; complaints: readonly unknown[]; workersInvolved: number },
  caseId: string,
  unionCode: string,
): OutboxMessage {
  return {
    caseId,
    messageId: `early-warning-${alert.alertId}-${unionCode}`,
    createdAt: alert.raisedAt,
    channel: 'staff_notice',
    recipient: { kind: 'legal_department', unionCode },
    template: 'early_warning',
    text: `欠薪预警：${alert.employerName}近期被投诉${alert.complaints.length}次，涉及职工${alert.workersInvolved}人，请关注。`,
  };
}
