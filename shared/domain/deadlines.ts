/**
 * The clocks running on a case, kept on the case itself. A deadline is never
 * deleted: when it is met or missed it stays, stamped, so the case shows which
 * clocks ran and how each ended. The earliest deadline neither met nor
 * escalated is the case's next due time, which the due-time index sorts by so
 * the sweeper finds due cases without a Scan.
 */
export const CLOCKS = {
  first_response: '首次响应',
  mediation: '调解期限',
  arbitration_acceptance: '仲裁受理期限',
  arbitration_award: '仲裁裁决期限',
  completion_target: '限时办结',
  claim_idle: '认领后办理期限',
  injury_recognition_employer: '用人单位工伤认定申请期限',
  injury_recognition_worker: '职工工伤认定申请期限',
  award_lawsuit: '裁决后起诉期限',
  award_set_aside: '申请撤销仲裁裁决期限',
} as const;
export type ClockName = keyof typeof CLOCKS;

/**
 * What each clock is, in one place:
 * - `countedIn`: the law (or the union's promise) counts most clocks in days, ending at 24:00 of a last day, which
 *   people read as a date; the first response and an idle claim are counted in hours;
 * - `accountable`: whether the union answers for it (missing it makes the case overdue in the monthly figures). The
 *   arbitration clocks bind the commission, and the work-injury and post-award periods bind the parties: missing them
 *   is escalated (someone should chase the commission, or warn the worker) but makes no union's case late; an idle
 *   claim goes back to the pool;
 * - `countedFrom`: registration, a claim, or facts recorded as work (which a correction may change, so such clocks are
 *   recomputed from the corrected facts).
 */
const CLOCK_NATURE: Record<
  ClockName,
  { countedIn: 'days' | 'hours'; accountable: boolean; countedFrom: 'registration' | 'claim' | 'recorded facts' }
> = {
  first_response: { countedIn: 'hours', accountable: true, countedFrom: 'registration' },
  claim_idle: { countedIn: 'hours', accountable: false, countedFrom: 'claim' },
  mediation: { countedIn: 'days', accountable: true, countedFrom: 'registration' },
  completion_target: { countedIn: 'days', accountable: true, countedFrom: 'registration' },
  arbitration_acceptance: { countedIn: 'days', accountable: false, countedFrom: 'recorded facts' },
  arbitration_award: { countedIn: 'days', accountable: false, countedFrom: 'recorded facts' },
  injury_recognition_employer: { countedIn: 'days', accountable: false, countedFrom: 'recorded facts' },
  injury_recognition_worker: { countedIn: 'days', accountable: false, countedFrom: 'recorded facts' },
  award_lawsuit: { countedIn: 'days', accountable: false, countedFrom: 'recorded facts' },
  award_set_aside: { countedIn: 'days', accountable: false, countedFrom: 'recorded facts' },
};
const CLOCK_NAMES = Object.keys(CLOCK_NATURE) as ClockName[];

export const CLOCKS_COUNTED_IN_DAYS: ReadonlySet<ClockName> = new Set(
  CLOCK_NAMES.filter((clock) => CLOCK_NATURE[clock].countedIn === 'days'),
);

/** Clocks counted from facts recorded as work (an arbitration filing, an injury, an award's service). */
export const CLOCKS_FROM_RECORDED_FACTS: readonly ClockName[] = CLOCK_NAMES.filter(
  (clock) => CLOCK_NATURE[clock].countedFrom === 'recorded facts',
);

export interface Deadline {
  readonly clock: ClockName;
  readonly startedAt: string;
  readonly dueAt: string;
  /** Why this due time: the rule and article it comes from. */
  readonly basis: string;
  readonly metAt?: string;
  /** When the sweeper found it missed and escalated it (once). */
  readonly escalatedAt?: string;
  /**
   * Counted past the end of the loaded holiday calendar, on a Monday–Friday
   * week: the due date may move when the next year's arrangement is loaded
   * (and is recomputed then).
   */
  readonly beyondCalendar?: boolean;
}

export function isRunning(deadline: Deadline): boolean {
  return deadline.metAt === undefined && deadline.escalatedAt === undefined;
}

/** Starts (or restarts) a clock: a running deadline of the same clock is replaced, a finished one kept as history. */
export function startClock(deadlines: readonly Deadline[], deadline: Deadline): Deadline[] {
  return [...deadlines.filter((existing) => existing.clock !== deadline.clock || !isRunning(existing)), deadline];
}

/** Marks the named clocks met at `at`; clocks already met or escalated are left as they are. */
export function meetClocks(deadlines: readonly Deadline[], clocks: readonly ClockName[], at: string): Deadline[] {
  return deadlines.map((deadline) =>
    clocks.includes(deadline.clock) && deadline.metAt === undefined ? { ...deadline, metAt: at } : deadline,
  );
}

/** Drops a running clock that no longer applies (e.g. the idle clock when a claim ends); finished ones stay. */
export function stopClock(deadlines: readonly Deadline[], clock: ClockName): Deadline[] {
  return deadlines.filter((deadline) => deadline.clock !== clock || !isRunning(deadline));
}

/** The earliest due time among running clocks: what the sweeper waits for. */
export function nextDueAt(deadlines: readonly Deadline[] = []): string | undefined {
  return deadlines
    .filter(isRunning)
    .map((deadline) => deadline.dueAt)
    .sort()
    .at(0);
}

/** The clock a case row shows (lists, pools, transfers): which one, when due, and whether the sweeper found it missed. */
export interface CurrentClock {
  readonly clock: ClockName;
  readonly dueAt: string;
  readonly missed?: true;
}

/** The clock that matters now: the running one due soonest, else the first one missed. */
export function currentClock(deadlines: readonly Deadline[] = []): CurrentClock | undefined {
  const running = deadlines.filter(isRunning).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (running) return { clock: running.clock, dueAt: running.dueAt };
  const missed = deadlines.find((deadline) => deadline.escalatedAt !== undefined);
  return missed ? { clock: missed.clock, dueAt: missed.dueAt, missed: true } : undefined;
}

/** Running clocks whose due time has passed at `now`. */
export function missedDeadlines(deadlines: readonly Deadline[] = [], now: Date): Deadline[] {
  const instant = now.toISOString();
  // Strictly after: a clock met exactly at its due time is on time (see wasMissed).
  return deadlines.filter((deadline) => isRunning(deadline) && deadline.dueAt < instant);
}

/** Whether the union answers for the clock (限时办结): see CLOCK_NATURE. */
export function isAccountable(clock: ClockName): boolean {
  return CLOCK_NATURE[clock].accountable;
}

/** A clock missed: escalated by the sweeper, or met only after its due time. */
export function wasMissed(deadline: Deadline): boolean {
  return deadline.escalatedAt !== undefined || (deadline.metAt !== undefined && deadline.metAt > deadline.dueAt);
}

/** No accountable clock was missed: the case was handled on time. */
export function everyClockMet(deadlines: readonly Deadline[] = []): boolean {
  return deadlines.every((deadline) => !isAccountable(deadline.clock) || !wasMissed(deadline));
}

/**
 * When the case became overdue: the due time of the earliest accountable
 * clock it missed, whether the sweeper escalated it or it was met late before
 * any sweep saw it, so the figure never depends on when the sweeper ran.
 */
export function overdueSince(deadlines: readonly Deadline[] = []): string | undefined {
  return deadlines
    .filter((deadline) => isAccountable(deadline.clock) && wasMissed(deadline))
    .map((deadline) => deadline.dueAt)
    .sort()
    .at(0);
}
