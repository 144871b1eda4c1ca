import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handler as sweepHandler } from '../../functions/lifecycle/sweep.js';
import { consoleSms, consoleStaffNotices } from '../../shared/notify/console-sender.js';
import { streamDependencies } from '../../shared/composition/stream-jobs.js';
import { startStreamFeeder } from './stream-feeder.js';
import { runAsInvocation } from './server.js';
import { runStreamJobs } from './stream-jobs.js';

/**
 * The work the cloud does off the request path, run locally by `npm start`:
 * the stream jobs fed from DynamoDB Local's stream (notifications, early
 * warning) and the clock sweeper on a timer.
 */
export async function startBackgroundWork(options: {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  log: (line: string) => void;
  sweepEveryMs?: number;
}): Promise<{ stop(): Promise<void> }> {
  const deps = streamDependencies({ sms: consoleSms(options.log), staffNotices: consoleStaffNotices(options.log) });
  const feeder = await startStreamFeeder({
    client: options.client,
    endpoint: options.endpoint,
    tableName: options.tableName,
    consume: (records) => runStreamJobs(deps, records),
    onError: (error) => options.log(`stream consumer: ${error instanceof Error ? error.message : String(error)}`),
  });
  let sweeping: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    // An invocation of its own, as in the cloud, so its log lines carry its name (see runAsInvocation).
    sweeping = runAsInvocation('sweepClocks', () => sweepHandler()).then(
      (report) => {
        if (report.escalated > 0)
          options.log(`[sweeper] escalated ${report.escalated}, stale claims returned ${report.staleClaimsReturned}`);
      },
      (error: unknown) => options.log(`sweeper: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, options.sweepEveryMs ?? 60_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all([feeder.stop(), sweeping]);
    },
  };
}
