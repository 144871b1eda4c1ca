import type { CaseRecord } from '../../shared/domain/cases.js';
import { chinaMonth } from '../../shared/domain/china-time.js';

/** Requests handled as cases (受理案件); consultations and suggestions are not. */
const CASE_REQUEST_KINDS: readonly string[] = ['complaint', 'legal_aid_application', 'petition'];
/** The kind a closure's single recovered total is counted as, by the case's category (an old closure's money). */
const MONEY_KIND_BY_CATEGORY: Record<string, string> = {
  wage_arrears: 'wages',
  work_injury: 'injury_compensation',
  occupational_disease: 'injury_compensation',
  compensation: 'economic_compensation',
  social_insurance: 'social_insurance',
};
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
    if (file.kind === 'consultation') count(file, registered, 'consultations');
    if (file.legalAidEligibility?.basis === 'exempt') count(file, registered, 'legalAidExempt');
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
    // Every closure the case has had: those a reopening set aside stay as they were counted, then the standing one.
    const closures = (file.earlierClosures ?? []).map((earlier) => ({ ...earlier }));
    if (file.closedAt && file.outcome) {
      const reopenedAt = file.earlierClosures?.at(-1)?.reopenedAt;
      closures.push({
        outcome: file.outcome,
        closedAt: file.closedAt,
        onTime: missed.length === 0,
        secondsToClose: Math.round((Date.parse(file.closedAt) - Date.parse(reopenedAt ?? file.receivedAt)) / 1000),
        ...(file.followUp ? { followUp: file.followUp } : {}),
        ...(file.feedback ? { feedback: file.feedback } : {}),
        reopenedAt: '',
      });
    }
    for (const closure of closures) {
      if (isCase) {
        count(file, closure.closedAt, 'closed');
        if (closure.onTime) count(file, closure.closedAt, 'closedOnTime');
        count(file, closure.closedAt, 'secondsToClose', closure.secondsToClose);
        count(file, closure.closedAt, `outcome.${closure.outcome}`);
      }
      if (file.kind === 'consultation') {
        count(file, closure.closedAt, 'consultationsAnswered');
        if (closure.closedAt === registered) count(file, closure.closedAt, 'answeredOnCall');
      }
      if (closure.followUp) {
        count(file, closure.followUp.at, 'followUps');
        if (closure.followUp.satisfaction !== undefined) {
          count(file, closure.followUp.at, 'rated');
          if (closure.followUp.satisfaction >= 4) count(file, closure.followUp.at, 'satisfied');
        }
      }
      if (closure.feedback) {
        count(file, closure.feedback.at, 'ratedOnline');
        if (closure.feedback.score >= 4) count(file, closure.feedback.at, 'satisfiedOnline');
      }
    }
    for (const earlier of file.earlierClosures ?? []) if (isCase) count(file, earlier.reopenedAt, 'reopened');
    // Money where it was recorded: each ledger entry once; a closure from before the ledger, at its closure.
    if (isCase) {
      const ledger =
        file.money ??
        (file.closedAt && file.amountRecoveredFen
          ? [
              {
                at: file.closedAt,
                basis: 'recovered' as const,
                kind: MONEY_KIND_BY_CATEGORY[file.category] ?? 'other',
                fen: file.amountRecoveredFen,
              },
            ]
          : []);
      for (const entry of ledger) {
        if (entry.basis === 'agreed') count(file, entry.at, 'amountAgreedFen', entry.fen);
        else {
          count(file, entry.at, 'amountRecoveredFen', entry.fen);
          count(file, entry.at, `recoveredFen.${entry.kind}`, entry.fen);
        }
      }
    }
    // Overdue once, in the month its first late-making clock fell due, a clock a reopening restarted included.
    const firstMissed = [
      ...missed.map((deadline) => deadline.dueAt),
      ...closures.flatMap((closure) => closure.overdueSince ?? []),
    ].sort()[0];
    if (firstMissed) count(file, firstMissed, 'overdue');
  }
  return rows;
}
