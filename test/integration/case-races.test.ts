import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ROSTER, DEMO_UNIONS } from '../../scripts/local/demo-data.js';
import type { CaseRecord, TimelineEvent } from '../../shared/domain/cases.js';
import type { IntakeInput } from '../../shared/domain/registration.js';
import { AppError, type ErrorCode } from '../../shared/domain/errors.js';
import { recompute, unionMonthKey } from '../../shared/domain/figures.js';
import { authorize, CASE_ACTIONS, type CaseAction } from '../../shared/domain/lifecycle.js';
import { MAX_SUPPLEMENTS, supplementCase } from '../../shared/domain/public-case.js';
import type { Caller, Role } from '../../shared/domain/roles.js';
import type { Moment } from '../../shared/domain/moment.js';
import { poolForRole } from '../../shared/domain/triage.js';
import { UnionDirectory } from '../../shared/domain/unions.js';
import type { CaseStatus, Category } from '../../shared/domain/vocabulary.js';
import type { CaseStore } from '../../shared/usecases/ports.js';
import { ReportRepository } from '../../shared/store/report-repository.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { answerTransfer, assignCase, claimCase, releaseCase, transferCase } from '../../shared/usecases/dispatch.js';
import { addCaseWork, closeCaseWithOutcome, followUpCase, reopenClosedCase } from '../../shared/usecases/lifecycle.js';
import { addSupplement, fileComplaint, giveFeedback } from '../../shared/usecases/public-complaints.js';
import { reconcile } from '../../shared/usecases/reports.js';
import { putRosterEntry } from '../../shared/usecases/roster.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { runs } from '../support/long-runs.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { statusOf } from '../../shared/http/error-status.js';

/**
 * Model-based race tests (issue 12, evidence 3). fast-check draws runs of
 * command groups; each group is 2–6 actions on three cases of 和平区 —
 * claim, release, assign, transfer and its answer, work, close, call-back,
 * reopen, and the worker's own supplement and rating — started together
 * (Promise.all, each after a drawn number of event-loop turns) through the
 * use cases, against DynamoDB Local, so they race on the same cases, staff
 * counters and monthly figures.
 *
 * After each group the store is checked against an in-memory model: the
 * successful actions, in the order of the versions they wrote, must be a
 * sequence the state machine allows and must lead to the state stored; every
 * refusal must be one the model gives in a state the case passed through, or
 * a 409 lost race; every success has exactly one event on the timeline and a
 * refusal none, with no version skipped; at most one owner, consistent with
 * the status; each staff member's active-case count equals the open cases
 * they own; the monthly counters equal the figures recomputed from the cases;
 * the supplement count stays within its cap.
 */

/** Monday 2026-11-02, 10:00 in China: a run's clock stays well inside November. */
const T0 = Date.parse('2026-11-02T02:00:00.000Z');
const MONTH = '2026-11';
/** Racing groups per run on average: fast-check draws from none to twice this many. */
const GROUPS_PER_RUN = runs(6, 20, 35);
/** Runs of one property check: about 24 groups by default, about 300 in CI's long run, about 1,400 in the full run. */
const NUM_RUNS = runs(4, 15, 40);
/** The long runs check the property again until at least this many groups have raced (issue 12 asks for 1,000: the full run). */
const MIN_GROUPS = runs(0, 250, 1000);
/** A failing run again: WEIQUAN_RACE_REPLAY='<seed>:<path>' as fast-check printed them (the interleaving may still differ). */
const REPLAY = process.env.WEIQUAN_RACE_REPLAY
  ? { seed: Number(process.env.WEIQUAN_RACE_REPLAY.split(':')[0]), path: process.env.WEIQUAN_RACE_REPLAY.split(':')[1] }
  : {};

const directory = new UnionDirectory(DEMO_UNIONS);
const pathOf = (unionCode: string) => directory.pathOf(unionCode);

/** The statuses in which someone works the case (those they may release it from), carrying it against their capacity. */
const WORKED: readonly CaseStatus[] = CASE_ACTIONS.release.from;

// ---- The actors: demo staff, plus two 和平区 lawyers of capacity 2 so that capacity races happen. ----

interface Worker {
  readonly caller: Caller;
  readonly role: 'lawyer' | 'mediator';
  readonly categories: readonly Category[];
  readonly capacity: number;
}

const RACE_LAWYERS = ['lawyer-race-1', 'lawyer-race-2'] as const;
const raceLawyerIds = Object.fromEntries(RACE_LAWYERS.map((name) => [name, randomUUID()]));
const RACE_LAWYER_CATEGORIES: readonly Category[] = ['work_injury', 'wage_arrears'];

const WORKER_NAMES = ['lawyer-heping', 'mediator-heping', 'lawyer-shenhe', ...RACE_LAWYERS] as const;
type WorkerName = (typeof WORKER_NAMES)[number];
const ADMIN_NAMES = ['admin-heping', 'admin-shenyang'] as const;
type AdminName = (typeof ADMIN_NAMES)[number];
type ActorName = WorkerName | AdminName | 'op-heping';

function workerOf(name: WorkerName): Worker {
  if (name === 'lawyer-race-1' || name === 'lawyer-race-2') {
    const caller: Caller = { staffId: raceLawyerIds[name]!, username: name, roles: ['lawyer'], unionCode: '210102' };
    return { caller, role: 'lawyer', categories: RACE_LAWYER_CATEGORIES, capacity: 2 };
  }
  const caller = callerOf(name);
  const entry = DEMO_ROSTER.find((candidate) => candidate.staffId === caller.staffId)!;
  return { caller, role: entry.role, categories: entry.categories, capacity: entry.capacity };
}

const WORKERS = Object.fromEntries(WORKER_NAMES.map((name) => [name, workerOf(name)])) as Record<WorkerName, Worker>;
const callerNamed = (name: ActorName): Caller =>
  (WORKER_NAMES as readonly string[]).includes(name) ? WORKERS[name as WorkerName].caller : callerOf(name);
const workerById = (staffId: string) => Object.values(WORKERS).find((worker) => worker.caller.staffId === staffId)!;

// ---- The actions a group is made of. ----

type Action =
  | { readonly kind: 'claim' | 'release'; readonly case: number; readonly actor: WorkerName }
  | { readonly kind: 'assign'; readonly case: number; readonly actor: AdminName; readonly staff: WorkerName }
  | { readonly kind: 'transfer'; readonly case: number; readonly actor: AdminName; readonly toUnion: '210102' | '210103' }
  | { readonly kind: 'answer_transfer'; readonly case: number; readonly actor: AdminName; readonly accept: boolean }
  | { readonly kind: 'work'; readonly case: number; readonly actor: WorkerName | AdminName | 'op-heping' }
  | { readonly kind: 'close'; readonly case: number; readonly actor: WorkerName | AdminName }
  | { readonly kind: 'follow_up'; readonly case: number; readonly actor: 'op-heping' | 'admin-heping' | 'lawyer-heping' }
  | { readonly kind: 'reopen'; readonly case: number; readonly actor: AdminName }
  | { readonly kind: 'supplement'; readonly case: number }
  | { readonly kind: 'feedback'; readonly case: number; readonly score: number };

const CASES_PER_RUN = 3;
const caseIndex = fc.nat({ max: CASES_PER_RUN - 1 });
const worker = fc.constantFrom(...WORKER_NAMES);
const admin = fc.constantFrom(...ADMIN_NAMES);

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom('claim' as const, 'release' as const), case: caseIndex, actor: worker }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('assign' as const), case: caseIndex, actor: admin, staff: worker }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('transfer' as const),
      case: caseIndex,
      actor: admin,
      toUnion: fc.constantFrom('210102' as const, '210103' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('answer_transfer' as const), case: caseIndex, actor: admin, accept: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('work' as const),
      case: caseIndex,
      actor: fc.constantFrom<WorkerName | AdminName | 'op-heping'>(...WORKER_NAMES, ...ADMIN_NAMES, 'op-heping'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('close' as const),
      case: caseIndex,
      actor: fc.constantFrom<WorkerName | AdminName>(...WORKER_NAMES, ...ADMIN_NAMES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('follow_up' as const),
      case: caseIndex,
      actor: fc.constantFrom('op-heping' as const, 'admin-heping' as const, 'lawyer-heping' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), case: caseIndex, actor: admin }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('supplement' as const), case: caseIndex }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('feedback' as const), case: caseIndex, score: fc.integer({ min: 1, max: 5 }) }),
  },
);

const describeAction = (action: Action) =>
  `${action.kind}(case ${action.case}${'actor' in action ? ` by ${action.actor}` : ''}${
    'staff' in action ? ` to ${action.staff}` : ''
  }${'toUnion' in action ? ` to ${action.toUnion}` : ''}${'accept' in action ? (action.accept ? ' accept' : ' reject') : ''})`;

// ---- The model. ----

interface CaseModel {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly accessCode: string;
  readonly category: Category;
  readonly pool?: 'lawyer' | 'mediation';
  readonly unionCode: string;
  readonly status: CaseStatus;
  readonly owner?: { readonly staffId: string; readonly role: Role };
  readonly transfer?: { readonly toUnion: string; readonly previousStatus: CaseStatus };
  readonly supplements: number;
  readonly rated: boolean;
  readonly version: number;
}

interface RaceModel {
  cases: CaseModel[];
  /** Active cases per staff id, as the model counts them. */
  activeCases: Map<string, number>;
}

/** The model's answer to an action in one state: the next state (and whose capacity it moves), or the refusal's code. */
type Verdict =
  | { readonly ok: true; readonly next: CaseModel; readonly takes?: string; readonly frees?: string }
  | { readonly ok: false; readonly code: ErrorCode };

const refuse = (code: ErrorCode): Verdict => ({ ok: false, code });

const sees = (caller: Caller, model: CaseModel) =>
  pathOf(model.unionCode).includes(caller.unionCode) ||
  (model.transfer !== undefined && pathOf(model.transfer.toUnion).includes(caller.unionCode));

/** The state machine's gate (lifecycle.ts's one table) on the modelled status and owner. */
function gateCode(action: CaseAction, model: CaseModel, caller: Caller): ErrorCode | undefined {
  try {
    authorize(action, { status: model.status, ...(model.owner ? { owner: model.owner } : {}) }, caller);
    return undefined;
  } catch (error) {
    return (error as AppError).code;
  }
}

const unowned = (model: CaseModel): CaseModel => {
  const { owner: _owner, ...rest } = model;
  return rest;
};
const waiting = (model: CaseModel): CaseStatus => (model.pool ? 'in_pool' : 'triaged');

/**
 * What each action does to a case, as the domain brief and the state machine
 * say: `full` tells whether a staff member has reached their capacity.
 */
function expected(action: Action, model: CaseModel, full: (staffId: string) => boolean): Verdict {
  const bumped = { ...model, version: model.version + 1 };
  if (action.kind === 'supplement') {
    return model.supplements >= MAX_SUPPLEMENTS
      ? refuse('CONFLICT')
      : { ok: true, next: { ...bumped, supplements: model.supplements + 1 } };
  }
  if (action.kind === 'feedback') {
    if (model.rated || (model.status !== 'closed' && model.status !== 'followed_up')) return refuse('CONFLICT');
    return { ok: true, next: { ...bumped, rated: true } };
  }
  const caller = callerNamed(action.actor);
  if (!sees(caller, model)) return refuse('NOT_FOUND');
  const gate = (name: CaseAction) => gateCode(name, model, caller);
  switch (action.kind) {
    case 'claim': {
      const claimer = WORKERS[action.actor];
      if (model.unionCode !== caller.unionCode) return refuse('NOT_FOUND');
      const code = gate('claim');
      if (code) return refuse(code);
      if (full(caller.staffId)) return refuse('CONFLICT');
      if (model.pool !== poolForRole(claimer.role) || !claimer.categories.includes(model.category))
        return refuse('UNPROCESSABLE');
      return {
        ok: true,
        next: { ...bumped, status: 'claimed', owner: { staffId: caller.staffId, role: claimer.role } },
        takes: caller.staffId,
      };
    }
    case 'release': {
      const code = gate('release');
      if (code) return refuse(code);
      return { ok: true, next: { ...unowned(bumped), status: waiting(model) }, frees: model.owner!.staffId };
    }
    case 'assign': {
      const assignee = WORKERS[action.staff];
      if (!pathOf(assignee.caller.unionCode).includes(caller.unionCode)) return refuse('UNPROCESSABLE');
      const code = gate('assign');
      if (code) return refuse(code);
      if (model.owner?.staffId === assignee.caller.staffId) return refuse('CONFLICT');
      if (!sees(assignee.caller, model) || !assignee.categories.includes(model.category) || full(assignee.caller.staffId)) {
        return refuse('UNPROCESSABLE');
      }
      return {
        ok: true,
        next: { ...bumped, status: 'claimed', owner: { staffId: assignee.caller.staffId, role: assignee.role } },
        takes: assignee.caller.staffId,
        ...(model.owner ? { frees: model.owner.staffId } : {}),
      };
    }
    case 'transfer': {
      if (model.transfer) return refuse('CONFLICT');
      const code = gate('transfer');
      if (code) return refuse(code);
      if (action.toUnion === model.unionCode) return refuse('UNPROCESSABLE');
      return {
        ok: true,
        next: { ...bumped, status: 'transfer_pending', transfer: { toUnion: action.toUnion, previousStatus: model.status } },
      };
    }
    case 'answer_transfer': {
      const code = gate(action.accept ? 'accept_transfer' : 'reject_transfer');
      if (code) return refuse(code);
      const transfer = model.transfer!;
      if (!pathOf(transfer.toUnion).includes(caller.unionCode)) return refuse('FORBIDDEN');
      const { transfer: _answered, ...rest } = bumped;
      return action.accept
        ? { ok: true, next: { ...rest, unionCode: transfer.toUnion, status: waiting(model) } }
        : { ok: true, next: { ...rest, status: transfer.previousStatus } };
    }
    case 'work': {
      const code = gate('record_work');
      if (code) return refuse(code);
      const mediating = model.status === 'in_mediation' || (model.owner?.role === 'mediator' && model.status === 'claimed');
      return { ok: true, next: { ...bumped, status: mediating ? 'in_mediation' : 'in_progress' } };
    }
    case 'close': {
      const code = gate('close');
      if (code) return refuse(code);
      // The owner keeps the credit but no longer carries the case.
      return { ok: true, next: { ...bumped, status: 'closed' }, ...(model.owner ? { frees: model.owner.staffId } : {}) };
    }
    case 'follow_up': {
      const code = gate('follow_up');
      return code ? refuse(code) : { ok: true, next: { ...bumped, status: 'followed_up' } };
    }
    case 'reopen': {
      const code = gate('reopen');
      if (code) return refuse(code);
      // The rating was of the closure that no longer stands.
      return { ok: true, next: { ...unowned(bumped), status: waiting(model), rated: false } };
    }
  }
}

/** The capacity an action takes when it succeeds (claim and assign), whose condition a concurrent take can fail. */
function taker(action: Action): string | undefined {
  if (action.kind === 'claim') return WORKERS[action.actor].caller.staffId;
  if (action.kind === 'assign') return WORKERS[action.staff].caller.staffId;
  return undefined;
}

// ---- The system under test. ----

type Deps = ReturnType<typeof testDependencies>;

interface RaceWorld {
  readonly deps: Deps;
  readonly reports: ReportRepository;
  /** Events seen on each case's timeline so far. */
  readonly seenEvents: number[];
}

/** Which action generated an id: the use cases take event ids from `newId`, so each event leads back to its action. */
const actionOfId = new Map<string, string>();
const currentAction = new AsyncLocalStorage<string>();
function trackedId(): string {
  const id = randomUUID();
  const action = currentAction.getStore();
  if (action !== undefined) actionOfId.set(id, action);
  return id;
}

let clients = 0;
const client = () => `198.51.100.${clients++ % 250}`;

function perform(world: RaceWorld, model: RaceModel, action: Action): Promise<unknown> {
  const { deps } = world;
  const target = model.cases[action.case]!;
  const caseId = target.caseId;
  switch (action.kind) {
    case 'claim':
      return claimCase(deps, callerNamed(action.actor), caseId);
    case 'release':
      return releaseCase(deps, callerNamed(action.actor), caseId, '与用人单位存在利益冲突，申请回避');
    case 'assign':
      return assignCase(deps, callerNamed(action.actor), caseId, { staffId: WORKERS[action.staff].caller.staffId });
    case 'transfer':
      return transferCase(deps, callerNamed(action.actor), caseId, { toUnion: action.toUnion, reason: '用人单位注册地在该区' });
    case 'answer_transfer':
      return answerTransfer(
        deps,
        callerNamed(action.actor),
        caseId,
        action.accept ? { accept: true } : { accept: false, reason: '不属本会管辖' },
      );
    case 'work':
      return addCaseWork(deps, callerNamed(action.actor), caseId, { type: 'note', text: '已电话联系职工核实欠薪情况' });
    case 'close':
      return closeCaseWithOutcome(deps, callerNamed(action.actor), caseId, {
        outcome: 'advice_given',
        summary: '已告知维权途径',
      });
    case 'follow_up':
      return followUpCase(deps, callerNamed(action.actor), caseId, { reached: true, satisfaction: 5 });
    case 'reopen':
      return reopenClosedCase(deps, callerNamed(action.actor), caseId, '职工反映欠薪仍未解决');
    case 'supplement':
      return addSupplement(deps, target.caseNumber, target.accessCode, '补充：工资条照片', client());
    case 'feedback':
      return giveFeedback(deps, target.caseNumber, target.accessCode, { score: action.score }, client());
  }
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Figures of the whole file's runs, for the closing note. */
const tally = {
  runs: 0,
  groups: 0,
  actions: 0,
  outcomes: new Map<string, number>(),
  lostRaces: 0,
  /** Answers other than a success or a 4xx: a 5xx, or an error that is no AppError (a 500). */
  serverErrors: 0,
  violations: 0,
};
const count = (key: string) => tally.outcomes.set(key, (tally.outcomes.get(key) ?? 0) + 1);

const isRecord = (value: unknown): value is CaseRecord =>
  typeof value === 'object' && value !== null && 'caseId' in value && 'version' in value;

// ---- One group: the actions race; then the store is held against the model. ----

class RaceGroup implements fc.AsyncCommand<RaceModel, RaceWorld> {
  constructor(
    readonly actions: readonly Action[],
    /** Event-loop turns each action waits before it starts: fast-check's choice of interleaving. */
    readonly turns: readonly number[],
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: RaceModel, world: RaceWorld): Promise<void> {
    const group = tally.groups++;
    const tokens = this.actions.map((_, index) => `${group}:${index}`);
    const outcomes: Outcome[] = await Promise.all(
      this.actions.map((action, index) =>
        currentAction.run(tokens[index]!, async (): Promise<Outcome> => {
          for (let turn = 0; turn < this.turns[index]!; turn++) await new Promise((resolve) => setImmediate(resolve));
          return perform(world, model, action).then(
            (value) => ({ ok: true, value }),
            (error: unknown) => ({ ok: false, error }),
          );
        }),
      ),
    );
    tally.actions += this.actions.length;
    for (const outcome of outcomes) {
      if (outcome.ok) count('2xx');
      else if (outcome.error instanceof AppError) count(`${statusOf(outcome.error)} ${outcome.error.code}`);
      else count('500 (thrown)');
      if (!outcome.ok && !(outcome.error instanceof AppError && statusOf(outcome.error) < 500)) tally.serverErrors++;
    }

    const violations = await this.holdAgainstModel(model, world, tokens, outcomes);
    tally.violations += violations.length;
    expect(violations, `after ${this.toString()}`).toEqual([]);
  }

  private async holdAgainstModel(
    model: RaceModel,
    world: RaceWorld,
    tokens: readonly string[],
    outcomes: readonly Outcome[],
  ): Promise<string[]> {
    const violations: string[] = [];
    const { deps } = world;
    const [stored, timelines, profiles, counters] = await Promise.all([
      Promise.all(model.cases.map((caseModel) => deps.cases.get(caseModel.caseId, { consistent: true }))),
      Promise.all(model.cases.map((caseModel) => deps.cases.timeline(caseModel.caseId))),
      Promise.all(Object.values(WORKERS).map((member) => deps.staff.get('210000', member.caller.staffId))),
      world.reports.figures(FIGURE_UNIONS, [MONTH], { consistent: true }),
    ]);
    const tokenIndex = new Map(tokens.map((token, index) => [token, index]));

    // Refusals must be business answers, never a 500 or a 503.
    outcomes.forEach((outcome, index) => {
      if (!outcome.ok && !(outcome.error instanceof AppError && statusOf(outcome.error) < 500)) {
        violations.push(`${describeAction(this.actions[index]!)} failed with ${String(outcome.error)}`);
      }
    });

    // Capacity taken in this group, for judging refusals that a concurrent take may have caused.
    const peak = new Map(model.activeCases);
    this.actions.forEach((action, index) => {
      const staffId = taker(action);
      if (staffId && outcomes[index]!.ok) peak.set(staffId, (peak.get(staffId) ?? 0) + 1);
    });
    const fullAtPeak = (staffId: string) => (peak.get(staffId) ?? 0) >= workerById(staffId).capacity;

    const activeCases = new Map(model.activeCases);
    const move = (staffId: string | undefined, delta: number) => {
      if (staffId) activeCases.set(staffId, (activeCases.get(staffId) ?? 0) + delta);
    };
    const nextCases: CaseModel[] = [];

    model.cases.forEach((before, caseIndex) => {
      const record = stored[caseIndex]!;
      const timeline = timelines[caseIndex]!;
      const fresh = timeline.slice(world.seenEvents[caseIndex]);
      world.seenEvents[caseIndex] = timeline.length;

      // The timeline: each new event is one action's of this group on this case, in the order of the versions.
      const order: number[] = [];
      for (const event of fresh) {
        const index = tokenIndex.get(actionOfId.get(event.eventId) ?? '');
        if (index === undefined || this.actions[index]!.case !== caseIndex) {
          violations.push(`case ${caseIndex}: event ${event.type} written by no action of this group on it`);
          continue;
        }
        order.push(index);
      }
      this.actions.forEach((action, index) => {
        if (action.case !== caseIndex) return;
        const events = order.filter((candidate) => candidate === index).length;
        const wanted = outcomes[index]!.ok ? 1 : 0;
        if (events !== wanted) {
          violations.push(
            `${describeAction(action)} ${outcomes[index]!.ok ? 'succeeded' : 'failed'} with ${events} events on the timeline`,
          );
        }
      });
      if (record.version !== before.version + fresh.length) {
        violations.push(`case ${caseIndex}: version ${before.version} → ${record.version} with ${fresh.length} new events`);
      }
      order.forEach((index, position) => {
        const value = (outcomes[index] as { value?: unknown }).value;
        if (isRecord(value) && value.version !== before.version + position + 1) {
          violations.push(
            `${describeAction(this.actions[index]!)} answered version ${value.version}, its event is at ${position + 1}`,
          );
        }
      });

      // The successes, in version order, must be a run the model allows.
      const states = [before];
      for (const index of order) {
        const verdict = expected(this.actions[index]!, states.at(-1)!, () => false);
        if (!verdict.ok) {
          violations.push(`${describeAction(this.actions[index]!)} succeeded where the model refuses it (${verdict.code})`);
          break;
        }
        states.push(verdict.next);
        move(verdict.takes, 1);
        move(verdict.frees, -1);
      }

      // Each refusal must be what some state the case passed through calls for, or a race lost to another action.
      this.actions.forEach((action, index) => {
        const outcome = outcomes[index]!;
        if (action.case !== caseIndex || outcome.ok || !(outcome.error instanceof AppError)) return;
        const { code } = outcome.error;
        const lostRace = code === 'CONFLICT' && (order.length > 0 || (taker(action) !== undefined && fullAtPeak(taker(action)!)));
        // Whether a staff member was full when the action read their roster entry depends on the interleaving: the
        // model allows either reading (the counts themselves are checked exactly below, after the group).
        const refusedByModel = states.some((state) =>
          [fullAtPeak, () => false].some((full) => {
            const verdict = expected(action, state, full);
            return !verdict.ok && verdict.code === code;
          }),
        );
        if (lostRace && !refusedByModel) tally.lostRaces++;
        if (!lostRace && !refusedByModel) {
          violations.push(`${describeAction(action)} refused with ${code}, which no state of the case calls for`);
        }
      });

      const after = states.at(-1)!;
      nextCases.push(after);
      const actual = observed(record);
      const modelled = observed(after);
      if (JSON.stringify(actual) !== JSON.stringify(modelled)) {
        violations.push(`case ${caseIndex}: stored ${JSON.stringify(actual)}, modelled ${JSON.stringify(modelled)}`);
      }
      violations.push(...caseInvariants(caseIndex, record, timeline));
    });

    // Capacity: each staff counter equals the open cases they own, in the store and in the model.
    Object.values(WORKERS).forEach((member, index) => {
      const profile = profiles[index];
      const owned = stored.filter(
        (record) => record && WORKED.includes(record.status) && record.owner?.staffId === member.caller.staffId,
      ).length;
      const counted = profile?.activeCases ?? 0;
      const modelled = activeCases.get(member.caller.staffId) ?? 0;
      if (counted !== owned || counted !== modelled || counted > member.capacity) {
        violations.push(
          `${member.caller.username}: counter ${counted}, owns ${owned} open cases, model ${modelled}, capacity ${member.capacity}`,
        );
      }
    });

    // The monthly counters equal the figures recomputed from the cases.
    const recomputed = recompute(stored.filter((record): record is CaseRecord => record !== undefined));
    for (const unionCode of FIGURE_UNIONS) {
      const key = unionMonthKey(unionCode, MONTH);
      const counted = nonZero(counters.get(key));
      const expectedFigures = nonZero(recomputed.get(key));
      if (JSON.stringify(counted) !== JSON.stringify(expectedFigures)) {
        violations.push(
          `${unionCode} ${MONTH}: counters ${JSON.stringify(counted)}, recomputed ${JSON.stringify(expectedFigures)}`,
        );
      }
    }

    model.cases = nextCases;
    model.activeCases = activeCases;
    return violations;
  }

  toString(): string {
    return `[${this.actions.map((action, index) => `${describeAction(action)}+${this.turns[index]}`).join(' ‖ ')}]`;
  }
}

/** The unions the run's cases can belong to: 和平区, and 沈河区 by transfer. */
const FIGURE_UNIONS = ['210102', '210103'] as const;

/** Figures without those at zero (a counter that went up and back down), in a fixed order, to compare. */
const nonZero = (figures: Readonly<Record<string, number>> = {}) =>
  Object.fromEntries(
    Object.entries(figures)
      .filter(([, value]) => value !== 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** What the model predicts of a stored case. */
function observed(caseRecord: CaseRecord | CaseModel | undefined) {
  if (!caseRecord) return undefined;
  const stored = 'registeredAt' in caseRecord;
  return {
    status: caseRecord.status,
    unionCode: caseRecord.unionCode,
    owner: caseRecord.owner?.staffId ?? null,
    transferTo: caseRecord.transfer?.toUnion ?? null,
    supplements: stored ? (caseRecord.supplementCount ?? 0) : (caseRecord as CaseModel).supplements,
    rated: stored ? caseRecord.feedback !== undefined : (caseRecord as CaseModel).rated,
    version: caseRecord.version,
  };
}

/** What must hold of a case whatever happened to it. */
function caseInvariants(caseIndex: number, record: CaseRecord, timeline: readonly TimelineEvent[]): string[] {
  const problems: string[] = [];
  const worked = WORKED.includes(record.status);
  if (worked && !record.owner) problems.push(`case ${caseIndex}: ${record.status} without an owner`);
  if (!worked && record.owner && record.status !== 'closed' && record.status !== 'followed_up') {
    problems.push(`case ${caseIndex}: ${record.status} with owner ${record.owner.staffId}`);
  }
  if ((record.status === 'transfer_pending') !== (record.transfer !== undefined)) {
    problems.push(`case ${caseIndex}: ${record.status} with transfer ${JSON.stringify(record.transfer)}`);
  }
  const supplements = timeline.filter((event) => event.type === 'supplement_added').length;
  if ((record.supplementCount ?? 0) !== supplements || supplements > MAX_SUPPLEMENTS) {
    problems.push(`case ${caseIndex}: supplement count ${record.supplementCount}, ${supplements} supplement events`);
  }
  return problems;
}

// ---- A run: a table of its own, three cases, the demo staff plus two lawyers of capacity 2. ----

/** Three online complaints in 和平区: one for the lawyers' pool, one for mediation, one collective (to the legal department). */
const RUN_CASES: readonly IntakeInput[] = [
  { ...complaint({ category: 'work_injury', occurredOn: '2026-09-01' }), channel: 'web' },
  { ...complaint({ category: 'wage_arrears' }), channel: 'wechat' },
  { ...complaint({ category: 'work_injury', occurredOn: '2026-09-01', workersInvolved: 12 }), channel: 'web' },
];
/** The lawyers' case starts close to the supplement cap, so groups race for its last places. */
const SUPPLEMENTS_BEFORE = MAX_SUPPLEMENTS - 2;

async function startRun(table: TestTable): Promise<{ model: RaceModel; real: RaceWorld }> {
  forgetCachedDirectory();
  let tick = 0;
  // Every reading of the clock is a second later than the one before, so events keep the order they were decided in.
  const deps = testDependencies(table, { now: () => new Date(T0 + tick++ * 1000), newId: trackedId });
  for (const name of RACE_LAWYERS) {
    await putRosterEntry(deps, callerOf('admin-heping'), raceLawyerIds[name]!, {
      displayName: `志愿律师${name.slice(-1)}`,
      role: 'lawyer',
      unionCode: '210102',
      categories: [...RACE_LAWYER_CATEGORIES],
      capacity: 2,
      dutyWeekdays: [1, 2, 3, 4, 5],
      dutyDates: [],
      conflicts: [],
      active: true,
    });
  }
  const cases: CaseModel[] = [];
  for (const input of RUN_CASES) {
    const filed = await fileComplaint(deps, input);
    cases.push({
      caseId: filed.caseRecord.caseId,
      caseNumber: filed.caseRecord.caseNumber,
      accessCode: filed.accessCode,
      category: filed.caseRecord.category,
      ...(filed.caseRecord.pool ? { pool: filed.caseRecord.pool } : {}),
      unionCode: filed.caseRecord.unionCode,
      status: filed.caseRecord.status,
      supplements: 0,
      rated: false,
      version: filed.caseRecord.version,
    });
  }
  // Saved as the public route saves them (a transition each), without its access-code checks, to keep the set-up short.
  let first = (await deps.cases.get(cases[0]!.caseId))!;
  for (let i = 0; i < SUPPLEMENTS_BEFORE; i++) {
    const transition = supplementCase(first, `第${i + 1}条`, { now: deps.now(), newEventId: deps.newId });
    await deps.cases.saveTransition(first, transition);
    first = transition.next;
  }
  cases[0] = { ...cases[0]!, supplements: SUPPLEMENTS_BEFORE, version: first.version };
  const seenEvents = await Promise.all(cases.map(async (caseModel) => (await deps.cases.timeline(caseModel.caseId)).length));
  return { model: { cases, activeCases: new Map() }, real: { deps, reports: new ReportRepository(table), seenEvents } };
}

const groupArbitrary = fc.array(fc.tuple(actionArbitrary, fc.nat({ max: 3 })), { minLength: 2, maxLength: 6 }).map(
  (pairs) =>
    new RaceGroup(
      pairs.map(([action]) => action),
      pairs.map(([, turns]) => turns),
    ),
);

/**
 * The case repository, with another worker's supplement landing on the case
 * just before each of the first `rivals` saves: the complainant's change
 * loses that many races in a row, deterministically.
 */
function losingRaces(cases: CaseStore, rivals: number, moment: () => Moment): CaseStore {
  let left = rivals;
  const raced = Object.create(cases) as CaseStore;
  raced.saveTransition = async (previous, transition, others) => {
    if (left-- > 0) {
      const current = (await cases.get(previous.caseId, { consistent: true }))!;
      await cases.saveTransition(current, supplementCase(current, '另一位工友补充的考勤记录', moment()));
    }
    return cases.saveTransition(previous, transition, others);
  };
  return raced;
}

describe('regressions the race model found', () => {
  it('a supplement that loses its race to five others at once is still saved, not answered 503 BUSY', async () => {
    // Prepare: workers of a collective dispute share its case number; in a group of six, five may add theirs first.
    const table = await createTestTable();
    try {
      const { model, real } = await startRun(table);
      const collective = model.cases[2]!;
      const deps = {
        ...real.deps,
        cases: losingRaces(real.deps.cases, 5, () => ({ now: real.deps.now(), newEventId: randomUUID })),
      };

      // Act
      const answer = await addSupplement(deps, collective.caseNumber, collective.accessCode, '工资条照片', client()).then(
        () => 'saved',
        (error: AppError) => `${statusOf(error)} ${error.code}`,
      );

      // Assess
      expect(answer).toBe('saved');
      expect((await real.deps.cases.get(collective.caseId, { consistent: true }))?.supplementCount).toBe(6);
      const timeline = await real.deps.cases.timeline(collective.caseId);
      expect(timeline.filter((event) => event.type === 'supplement_added')).toHaveLength(6);
    } finally {
      await table.drop();
    }
  });
});

describe('racing claims, assignments, transfers, work, closures, reopenings, supplements and ratings', () => {
  afterAll(() => {
    const outcomes = [...tally.outcomes.entries()].sort(([, a], [, b]) => b - a).map(([key, n]) => `${key}: ${n}`);
    console.info(
      `case races: ${tally.runs} runs, ${tally.groups} racing groups, ${tally.actions} actions ` +
        `(${outcomes.join(', ')}), ${tally.lostRaces} refusals only a lost race explains, ` +
        `5xx ${tally.serverErrors}, ` +
        `invariant violations ${tally.violations}`,
    );
  });

  it(
    'hold the model after every group: one owner, complete timelines, exact capacity and figures, the supplement cap',
    async () => {
      const property = fc.asyncProperty(
        fc.commands([groupArbitrary], { maxCommands: 2 * GROUPS_PER_RUN, size: 'max' }),
        async (groups) => {
          const table = await createTestTable();
          try {
            tally.runs++;
            const { model, real } = await startRun(table);
            await fc.asyncModelRun(() => Promise.resolve({ model, real }), groups);
            // The reconciliation the monthly job runs finds nothing to correct.
            const report = await reconcile({ ...real.deps, reports: real.reports }, { union: '210000', month: MONTH });
            expect(report.drift).toEqual([]);
          } finally {
            await table.drop();
          }
        },
      );
      do {
        // Each run needs a table of its own, so shrinking (a table per attempt) would take longer than the run; the
        // failing group, its violations and the seed say enough.
        await fc.assert(property, { numRuns: NUM_RUNS, endOnFailure: true, ...REPLAY });
      } while (tally.groups < MIN_GROUPS);
    },
    // Generous: a loaded two-core machine runs DynamoDB Local several times slower than an idle one.
    runs(180_000, 600_000, 2_400_000),
  );
});
