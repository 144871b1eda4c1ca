import { Timeline, Typography } from 'antd';
import type { TimelineEvent } from '../api/client';
import { CALL_DIRECTIONS, CATEGORIES, OUTCOMES, OVERRIDE_RULE_LABELS, ROLE_LABELS } from '../lib/labels';
import { fenToYuan } from '../lib/money';
import { chinaTime } from '../lib/time';

/** Chinese names of the timeline's data fields worth showing; others stay in the API. */
const FIELDS: Record<string, string> = {
  summary: '摘要',
  text: '内容',
  advice: '解答',
  reason: '原因',
  note: '备注',
  commission: '仲裁委',
  filedOn: '申请日期',
  acceptedOn: '立案日期',
  awardedOn: '裁决日期',
  heldOn: '调解日期',
  signedOn: '签署日期',
  referredOn: '移送日期',
  accidentOn: '事故日期',
  diagnosedOn: '诊断日期',
  servedOn: '送达日期',
  finalAward: '终局裁决',
  previousValue: '原为',
  value: '更正为',
  runsOn: '期限届满日',
  outcome: '结果',
  category: '类别',
  satisfaction: '满意度',
  toUnion: '转至',
  fromUnion: '转自',
  direction: '方向',
  durationSeconds: '通话时长',
  override: '豁免',
};

function valueWords(key: string, value: unknown): string {
  if (key.endsWith('Fen') && typeof value === 'number') return `¥${fenToYuan(value)}`;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'outcome' && typeof value === 'string') return OUTCOMES[value as keyof typeof OUTCOMES] ?? value;
  if (key === 'direction' && typeof value === 'string') return CALL_DIRECTIONS[value as keyof typeof CALL_DIRECTIONS] ?? value;
  if (key === 'durationSeconds' && typeof value === 'number') return `${Math.floor(value / 60)}分${value % 60}秒`;
  if (key === 'category' && typeof value === 'string') return CATEGORIES[value as keyof typeof CATEGORIES] ?? value;
  if (key === 'override' && typeof value === 'object' && value !== null && 'reason' in value) {
    const { overridden, reason } = value as { overridden?: string[]; reason: string };
    const rules = (overridden ?? []).map((rule) => OVERRIDE_RULE_LABELS[rule as keyof typeof OVERRIDE_RULE_LABELS] ?? rule);
    return `${rules.join('、')}（理由：${reason}）`;
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const MONEY: Record<string, string> = {
  amountAgreedFen: '协议金额',
  amountRecoveredFen: '挽回金额',
  amountAwardedFen: '裁决金额',
};

function details(data: Record<string, unknown>): string[] {
  return Object.entries(data).flatMap(([key, value]) => {
    const name = FIELDS[key] ?? MONEY[key];
    return name && value !== undefined && value !== null ? [`${name}：${valueWords(key, value)}`] : [];
  });
}

function actorWords(actor: TimelineEvent['actor']): string {
  if (actor.kind === 'system') return '系统';
  if (actor.kind === 'complainant') return '职工';
  return ROLE_LABELS[actor.role as keyof typeof ROLE_LABELS] ?? '工作人员';
}

/** The case's history, oldest first, in China time. */
export function CaseTimeline({ events }: { events: readonly TimelineEvent[] }) {
  return (
    <Timeline
      items={events.map((event) => ({
        key: event.eventId,
        color: event.type === 'deadline_missed' ? 'red' : event.type === 'closed' ? 'green' : 'blue',
        content: (
          <div>
            <Typography.Text strong>{event.typeLabel}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {chinaTime(event.at)} · {actorWords(event.actor)}
            </Typography.Text>
            {details(event.data).map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
