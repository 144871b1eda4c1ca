import type { CaseRecord } from '../../shared/domain/cases.js';
import { chinaMonth } from '../../shared/domain/china-time.js';

/** Requests handled as cases (受理案件); consultations and suggestions are not. */
const CASE_REQUEST_KINDS: readonly string[] = ['complaint', 'legal_aid_application', 'petition'];
/** Clocks that make a case late when missed; the claim-idle and arbitration clocks do not. */
const LATE_MAKING_CLOCKS: readonly string[] = ['first_response', 'mediation', 'completion_target'];

/**
 * The report's figures counted straight from case records, figure by figure,
 * as DOMAIN.md defines them: what a legal department would tally by hand from
 * the case files. Deliberately written apart from contributionsOf, so the two
 * can disagree.
 */
export function countByHand(cases: readonly CaseRecord[]): Map<string, Record<string, number>> {
  const rows = new Map<string, Record<string, number>>();
  const count = (caseRecord: CaseRecord, instantOrMonth: string, figure: string, amount = 1) => {
    if (amount === 0) return;
    const month = instantOrMonth.length === 7 ? instantOrMonth : chinaMonth(new Date(instantOrMonth));
    const key = `${caseRecord.unionCode}#${month}`;
    const row = rows.get(key) ?? {};
    row[figure] = (row[figure] ?? 0) + amount;
    rows.set(key, row);
  };
  for (const file of cases) {
    const registered = file.registeredAt;
    const isCase = CASE_REQUEST_KINDS.includes(file.kind);
    // Every registration, by channel, kind and category; a hotline registration is an answered call.
    count(file, registered, `channel.${file.channel}`);
    count(file, registered, `kind.${file.kind}`);
    count(file, registered, `category.${file.category}`);
    if (file.channel === 'hotline') count(file, registered, 'callsAnswered');
    for (const [month, calls] of Object.entries(file.hotlineCalls ?? {})) {
      count(file, month, 'callsAnswered', calls.inbound ?? 0);
      count(file, month, 'callsMade', calls.outbound ?? 0);
    }
    if (file.kind === 'consultation') {
      count(file, registered, 'consultations');
      if (file.closedAt) {
        count(file, file.closedAt, 'consultationsAnswered');
        if (file.closedAt === registered) count(file, file.closedAt, 'answeredOnCall');
      }
    }
    if (isCase) {
      count(file, registered, 'opened');
      count(file, registered, 'workersInvolved', file.workersInvolved);
      if (file.workersInvolved >= 10) count(file, registered, 'collective');
      if (file.complainant.migrantWorker) count(file, registered, 'migrantWorker');
      if (file.complainant.womanWorker) count(file, registered, 'womanWorker');
      if (file.complainant.modelWorker) count(file, registered, 'modelWorker');
      count(file, registered, 'amountClaimedFen', file.amountClaimedFen ?? 0);
    }
    const missed = (file.deadlines ?? []).filter(
      (deadline) =>
        LATE_MAKING_CLOCKS.includes(deadline.clock) &&
        (deadline.escalatedAt !== undefined || (deadline.metAt !== undefined && deadline.metAt > deadline.dueAt)),
    );
    if (isCase && file.closedAt && file.outcome) {
      count(file, file.closedAt, 'closed');
      if (missed.length === 0) count(file, file.closedAt, 'closedOnTime');
      count(file, file.closedAt, 'secondsToClose', Math.round((Date.parse(file.closedAt) - Date.parse(file.receivedAt)) / 1000));
      count(file, file.closedAt, 'amountRecoveredFen', file.amountRecoveredFen ?? 0);
      count(file, file.closedAt, `outcome.${file.outcome}`);
    }
    // Overdue once, in the month its first late-making clock fell due.
    const firstMissed = missed.map((deadline) => deadline.dueAt).sort()[0];
    if (firstMissed) count(file, firstMissed, 'overdue');
    if (file.followUp) {
      count(file, file.followUp.at, 'followUps');
      if (file.followUp.satisfaction !== undefined) {
        count(file, file.followUp.at, 'rated');
        if (file.followUp.satisfaction >= 4) count(file, file.followUp.at, 'satisfied');
      }
    }
    if (file.feedback) {
      count(file, file.feedback.at, 'ratedOnline');
      if (file.feedback.score >= 4) count(file, file.feedback.at, 'satisfiedOnline');
    }
  }
  return rows;
}
