/**
 * Every kind of item in the one table, by its `entity` attribute: written on
 * each item, read by the stream filter and the stream decoding. One name per
 * kind, so a typo is a type error rather than an item nobody reads.
 */
export const ENTITY = {
  case: 'case',
  caseUnlisted: 'caseUnlisted',
  contact: 'contact',
  caseNumber: 'caseNumber',
  voidedCaseNumber: 'voidedCaseNumber',
  idempotencyMarker: 'idempotencyMarker',
  event: 'event',
  outbox: 'outbox',
  delivery: 'delivery',
  attemptGuard: 'attemptGuard',
  caseActivity: 'caseActivity',
  monthlyFigures: 'monthlyFigures',
  reportFiling: 'reportFiling',
  employerComplaint: 'employerComplaint',
  employerAlert: 'employerAlert',
  alert: 'alert',
  alertInbox: 'alertInbox',
  staff: 'staff',
  staffHome: 'staffHome',
  holidayCalendar: 'holidayCalendar',
} as const;

export type Entity = (typeof ENTITY)[keyof typeof ENTITY];
