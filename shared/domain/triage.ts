import type { Category, RequestKind } from './vocabulary.js';

/**
 * Triage: how urgent a new case is and where it goes. Pure and table-driven:
 * each rule has a name, and the decision records the rule that fired and the
 * inputs it read, so anyone can see on the timeline why a case went where it
 * went. Unions may configure the mediation categories.
 */

/** Priorities with their rank: pools list rank 0 first. */
export const PRIORITIES = { urgent: 0, priority: 1, ordinary: 2 } as const;
export type Priority = keyof typeof PRIORITIES;

/** First-response times of 12351 practice (e.g. Gansu): urgent 30 min, priority 2 h, ordinary 24 h. */
export const FIRST_RESPONSE_MS: Record<Priority, number> = {
  urgent: 30 * 60 * 1000,
  priority: 2 * 60 * 60 * 1000,
  ordinary: 24 * 60 * 60 * 1000,
};

/** Collective dispute threshold (Labour Dispute Mediation and Arbitration Law, Art. 7). */
export const COLLECTIVE_DISPUTE_WORKERS = 10;

export type Route = 'closed' | 'mediation' | 'lawyer' | 'legal_department';
/** The pools staff claim from, by the role that works them. */
export type Pool = 'mediation' | 'lawyer';

export interface TriageFacts {
  readonly kind: RequestKind;
  readonly category: Category;
  readonly workersInvolved: number;
  readonly migrantWorker: boolean;
  readonly modelWorker: boolean;
  readonly answeredOnCall: boolean;
}

export interface TriageConfig {
  /** Complaints in these categories go to a labour-dispute mediator first; others to a lawyer. */
  readonly mediationCategories: readonly Category[];
  /** Urgent hotline cases go straight to the lawyer on duty today (if one is free). */
  readonly autoAssignUrgentHotline?: boolean;
}

export const DEFAULT_TRIAGE_CONFIG: TriageConfig = {
  mediationCategories: [
    'wage_arrears',
    'compensation',
    'working_hours_leave',
    'labour_contract',
    'social_insurance',
    'labour_dispatch',
  ],
};

export interface Decision<T> {
  readonly value: T;
  readonly rule: string;
  /** The facts the rule read, as recorded on the timeline. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface TriageDecision {
  readonly priority: Decision<Priority>;
  readonly route: Decision<Route>;
}

interface Rule<T> {
  readonly name: string;
  readonly reads: readonly (keyof TriageFacts)[];
  readonly applies: (facts: TriageFacts, config: TriageConfig) => boolean;
  readonly then: T;
}

const PAY_OR_INJURY: readonly Category[] = ['wage_arrears', 'work_injury', 'occupational_disease', 'compensation'];

/** First matching rule wins; the last rule always applies. */
export const PRIORITY_RULES: readonly Rule<Priority>[] = [
  {
    name: 'collective-dispute',
    reads: ['workersInvolved'],
    applies: (f) => f.workersInvolved >= COLLECTIVE_DISPUTE_WORKERS,
    then: 'urgent',
  },
  { name: 'model-worker', reads: ['modelWorker'], applies: (f) => f.modelWorker, then: 'priority' },
  {
    name: 'migrant-worker-pay-or-injury',
    reads: ['migrantWorker', 'category'],
    applies: (f) => f.migrantWorker && PAY_OR_INJURY.includes(f.category),
    then: 'priority',
  },
  { name: 'default', reads: [], applies: () => true, then: 'ordinary' },
];

export const ROUTE_RULES: readonly Rule<Route>[] = [
  { name: 'answered-on-call', reads: ['answeredOnCall'], applies: (f) => f.answeredOnCall, then: 'closed' },
  {
    name: 'collective-dispute',
    reads: ['workersInvolved'],
    applies: (f) => f.workersInvolved >= COLLECTIVE_DISPUTE_WORKERS,
    then: 'legal_department',
  },
  {
    name: 'petition-or-suggestion',
    reads: ['kind'],
    applies: (f) => f.kind === 'petition' || f.kind === 'suggestion',
    then: 'legal_department',
  },
  { name: 'legal-aid-application', reads: ['kind'], applies: (f) => f.kind === 'legal_aid_application', then: 'lawyer' },
  {
    name: 'suited-to-mediation',
    reads: ['kind', 'category'],
    applies: (f, config) => f.kind === 'complaint' && config.mediationCategories.includes(f.category),
    then: 'mediation',
  },
  { name: 'litigation-bound-or-advice', reads: ['kind', 'category'], applies: () => true, then: 'lawyer' },
];

function decide<T>(rules: readonly Rule<T>[], facts: TriageFacts, config: TriageConfig): Decision<T> {
  const rule = rules.find((candidate) => candidate.applies(facts, config))!;
  return { value: rule.then, rule: rule.name, inputs: Object.fromEntries(rule.reads.map((fact) => [fact, facts[fact]])) };
}

export function triage(facts: TriageFacts, config: TriageConfig = DEFAULT_TRIAGE_CONFIG): TriageDecision {
  return { priority: decide(PRIORITY_RULES, facts, config), route: decide(ROUTE_RULES, facts, config) };
}

/** The pool a route feeds, if staff claim from it. */
export function poolOf(route: Route): Pool | undefined {
  return route === 'mediation' || route === 'lawyer' ? route : undefined;
}

/** Which pool a role claims from. */
export function poolForRole(role: string): Pool | undefined {
  return role === 'lawyer' ? 'lawyer' : role === 'mediator' ? 'mediation' : undefined;
}
