import type { IdempotencyMarker } from './records.js';

/**
 * Writes that lost to another: what the store reports when a condition fails,
 * in the domain's terms. The use cases decide what each means to the caller.
 */

/**
 * A transition lost: the case changed since it was read (`case`), or a
 * staff member's caseload did (capacity reached, deactivated, moved union;
 * `caseload`, naming whose).
 */
export type TransitionConflictOn = { readonly on: 'case' } | { readonly on: 'caseload'; readonly staffId: string };

export class TransitionConflict extends Error {
  constructor(readonly conflict: TransitionConflictOn) {
    super(conflict.on === 'case' ? 'the case changed meanwhile' : `the caseload of ${conflict.staffId} changed meanwhile`);
    this.name = 'TransitionConflict';
  }

  /** Whether the case itself changed meanwhile (rather than someone's caseload). */
  get onCase(): boolean {
    return this.conflict.on === 'case';
  }

  /** Whether `staffId`'s caseload stood in the way. */
  onCaseloadOf(staffId: string): boolean {
    return this.conflict.on === 'caseload' && this.conflict.staffId === staffId;
  }
}

/** A registration whose Idempotency-Key already created a case (found by the permanent marker). */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly marker: IdempotencyMarker) {
    super('This Idempotency-Key already created a case');
    this.name = 'IdempotencyKeyTaken';
  }
}

/** Someone else filed this revision first. */
export class FilingConflict extends Error {
  constructor(readonly revision: number) {
    super(`revision ${revision} was filed meanwhile`);
    this.name = 'FilingConflict';
  }
}

/** A roster write lost to another: the entry changed meanwhile, or the staff id is on another province's roster. */
export class RosterConflict extends Error {
  constructor(readonly on: 'entry' | 'province') {
    super(on === 'entry' ? 'The roster entry changed meanwhile.' : 'The staff id is on another province’s roster.');
    this.name = 'RosterConflict';
  }
}
