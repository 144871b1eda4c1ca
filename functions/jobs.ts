import type { DataAccess } from '../shared/http/contract.js';
import { EARLY_WARNING_INSERTS, OUTBOX_INSERTS, type StreamInsert } from '../shared/composition/stream.js';

/**
 * The functions that run off the request path, beside the route table: what
 * starts each one and what data it may touch. The CDK stack builds a function,
 * its trigger and its least-privilege grants from each entry; `npm start`
 * runs the same handlers on a timer and from DynamoDB Local's stream.
 */
export type JobTrigger =
  | { readonly schedule: string }
  /** New items of these kinds on the table's stream (filtered before Lambda is invoked). */
  | { readonly stream: { readonly inserts: readonly StreamInsert[] } };

export interface JobEntry {
  readonly name: string;
  readonly description: string;
  readonly entry: string;
  readonly trigger: JobTrigger;
  readonly data: DataAccess;
  /** Sends SMS (through the deployment's SMS provider) and staff notices (SNS topic). */
  readonly notifies?: boolean;
  readonly timeoutSeconds: number;
}

export const JOBS: readonly JobEntry[] = [
  {
    name: 'sweepClocks',
    description: 'Escalates missed clocks and returns stale claims to their pools',
    entry: 'functions/lifecycle/sweep.ts',
    trigger: { schedule: 'rate(5 minutes)' },
    data: {
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
      indexes: ['casesByDueTime'],
    },
    timeoutSeconds: 120,
  },
  {
    name: 'deliverNotifications',
    description: 'Delivers outbox notifications: SMS to complainants, notices to staff',
    entry: 'functions/streams/deliver-notifications.ts',
    trigger: { stream: { inserts: OUTBOX_INSERTS } },
    data: {
      // GetItem: the case's contact; Query: the union directory; Put/Update/Delete: the delivery's claim and mark.
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      indexes: [],
    },
    notifies: true,
    timeoutSeconds: 60,
  },
  {
    name: 'raiseEarlyWarnings',
    description: 'Runs the wage-arrears early warning on new cases and accepted transfers',
    entry: 'functions/streams/early-warning.ts',
    trigger: { stream: { inserts: EARLY_WARNING_INSERTS } },
    data: {
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ],
      indexes: [],
    },
    timeoutSeconds: 60,
  },
  {
    name: 'reconcileMonthlyFigures',
    description: 'Recomputes the previous month figures from the cases and reports drift from the counters',
    entry: 'functions/reports/reconcile.ts',
    // 02:00 China time on the 1st (18:00 UTC on the last day of the month before).
    trigger: { schedule: 'cron(0 18 L * ? *)' },
    data: {
      // Query: the union directory and the month's activity index (base table); BatchGetItem: the active cases.
      actions: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
      indexes: [],
    },
    timeoutSeconds: 900,
  },
];
