import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { currentInvocation, runAsInvocation } from '../../scripts/local/server.js';

/**
 * Records which DynamoDB actions (and indexes) each route's handler issues,
 * in the IAM vocabulary the contracts grant them in (`dynamodb:PutItem`, …).
 *
 * DynamoDB Local enforces no IAM, so a route that calls an action its
 * contract does not declare works locally and fails only in the cloud. The
 * recorder is an SDK middleware on the product's own client
 * (shared/store/client.ts), which the local server's handlers share with the
 * test process; the local server names the route it is invoking
 * (`currentInvocation`). A transaction is recorded as the actions IAM checks for
 * it: one per kind of item operation inside it, not `TransactWriteItems`.
 */
export interface TableActionRecorder {
  /** Route (or job) name → the actions its invocations issued. */
  readonly actions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Route (or job) name → the indexes its queries and scans read. */
  readonly indexes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Calls outside any invocation (the test's own set-up, the local authorizer). */
  readonly unattributed: ReadonlySet<string>;
  /** Runs `work` as if it were the invocation of `name` (background jobs, invoked by the test itself). */
  as<T>(name: string, work: () => Promise<T>): Promise<T>;
  stop(): void;
}

const MIDDLEWARE_NAME = 'tableActionRecorder';

/** IAM actions of a transaction's item operations. */
const TRANSACT_WRITE_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** The IAM actions one command needs, from its name (`PutItemCommand`) and input. */
export function actionsOf(commandName: string, input: Record<string, unknown>): string[] {
  const operation = commandName.replace(/Command$/, '');
  if (operation === 'TransactWriteItems') {
    const items = (input.TransactItems ?? []) as Record<string, unknown>[];
    return items.flatMap((item) => Object.keys(item).map((kind) => TRANSACT_WRITE_ACTIONS[kind] ?? `dynamodb:${kind}?`));
  }
  if (operation === 'TransactGetItems') return ['dynamodb:GetItem'];
  return [`dynamodb:${operation}`];
}

export function recordTableActions(client: DynamoDBClient): TableActionRecorder {
  const actions = new Map<string, Set<string>>();
  const indexes = new Map<string, Set<string>>();
  const unattributed = new Set<string>();
  const addTo = (map: Map<string, Set<string>>, name: string, value: string) => {
    const set = map.get(name) ?? new Set<string>();
    set.add(value);
    map.set(name, set);
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const issued = actionsOf(String(context.commandName), input);
      const route = currentInvocation.getStore()?.route;
      if (route === undefined) for (const action of issued) unattributed.add(action);
      else {
        for (const action of issued) addTo(actions, route, action);
        if (typeof input.IndexName === 'string') addTo(indexes, route, input.IndexName);
      }
      return next(args);
    },
    { step: 'initialize', name: MIDDLEWARE_NAME },
  );
  return {
    actions,
    indexes,
    unattributed,
    as: runAsInvocation,
    stop: () => client.middlewareStack.remove(MIDDLEWARE_NAME),
  };
}
