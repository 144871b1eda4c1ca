import type { TimelineEvent } from './cases.js';
import { unprocessableField as refuse } from './errors.js';
import type { TimelineEventType } from './vocabulary.js';

/**
 * What a correction may change. Events are never edited: a correction is an
 * event of its own naming the event, the field and the new value, and the
 * facts (and the clocks counted from them) are those of the events with their
 * latest corrections applied. Only facts a person entered can be corrected,
 * field by field with the field's type; what the system recorded (triage,
 * claims, escalations) and the corrections themselves cannot. A mediated
 * agreement is not correctable here: its amount and date move the union's
 * reported figures, which a filed month must keep explainable.
 */
export type CorrectableKind = 'date' | 'fen' | 'boolean' | 'text';

export const CORRECTABLE_FIELDS: Partial<Record<TimelineEventType, Readonly<Record<string, CorrectableKind>>>> = {
  note_added: { text: 'text' },
  mediation_session: { heldOn: 'date', summary: 'text' },
  arbitration_filed: { filedOn: 'date', commission: 'text' },
  arbitration_accepted: { acceptedOn: 'date' },
  arbitration_awarded: { awardedOn: 'date', amountAwardedFen: 'fen', summary: 'text' },
  award_served: { servedOn: 'date', finalAward: 'boolean' },
  injury_recorded: { accidentOn: 'date', diagnosedOn: 'date' },
  labour_inspection_referred: { referredOn: 'date', summary: 'text' },
};

export interface Correction {
  readonly correctsEventId: string;
  readonly field: string;
  readonly value: string | number | boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_FEN = 100_000_000_000;

function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

function checkValue(kind: CorrectableKind, value: unknown): void {
  switch (kind) {
    case 'date':
      if (!isCalendarDate(value)) refuse('value', { zh: '应为日期（YYYY-MM-DD）', en: 'must be a date (YYYY-MM-DD)' });
      return;
    case 'fen':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_FEN)
        refuse('value', { zh: '应为以分计的非负整数金额', en: 'must be an amount in integer fen (≥ 0)' });
      return;
    case 'boolean':
      if (typeof value !== 'boolean') refuse('value', { zh: '应为是或否（true/false）', en: 'must be true or false' });
      return;
    case 'text':
      if (typeof value !== 'string' || value.trim().length === 0 || value.length > 2000)
        refuse('value', { zh: '应为1–2000个字的文字', en: 'must be text of 1–2000 characters' });
      return;
  }
}

/** The event a correction names, checked: on this case's timeline, correctable, the field its type has, the value of the field's type. */
export function correctedEvent(timeline: readonly TimelineEvent[], correction: Correction): TimelineEvent {
  const target = timeline.find((candidate) => candidate.eventId === correction.correctsEventId);
  if (!target) refuse('correctsEventId', { zh: '本案时间线上没有这条记录', en: 'no such event on this case’s timeline' });
  const fields = CORRECTABLE_FIELDS[target.type];
  if (!fields)
    refuse('correctsEventId', {
      zh: `${target.type}类记录不能更正`,
      en: `a ${target.type} event cannot be corrected`,
    });
  const kind = fields[correction.field];
  if (!kind)
    refuse('field', {
      zh: `${target.type}类记录没有可更正的字段${correction.field}；可更正的字段：${Object.keys(fields).join('、')}`,
      en: `a ${target.type} event has no correctable field ${correction.field}; it has: ${Object.keys(fields).join(', ')}`,
    });
  checkValue(kind, correction.value);
  return target;
}

/**
 * Each event's data with every correction of it applied in timeline order
 * (the latest wins), keyed by event id; events never corrected are as written.
 */
export function correctedData(timeline: readonly TimelineEvent[]): Map<string, Readonly<Record<string, unknown>>> {
  const data = new Map(timeline.map((entry) => [entry.eventId, entry.data]));
  for (const entry of timeline) {
    if (entry.type !== 'correction') continue;
    const { correctsEventId, field, value } = entry.data as Partial<Correction>;
    const original = correctsEventId === undefined ? undefined : data.get(correctsEventId);
    // A free-text correction recorded before corrections named a field changes no fact.
    if (original && typeof field === 'string' && value !== undefined) data.set(correctsEventId!, { ...original, [field]: value });
  }
  return data;
}
