import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { JOBS } from '../../functions/jobs.js';
import { deliverNotifications } from '../../functions/streams/deliver-notifications.js';
import { raiseEarlyWarnings } from '../../functions/streams/early-warning.js';
import { isInsertOf } from '../../shared/composition/stream.js';
import type { StreamDependencies } from '../../shared/usecases/stream-dependencies.js';
import { runAsInvocation } from './server.js';

type Consumer = (deps: StreamDependencies, records: readonly DynamoDBRecord[]) => Promise<DynamoDBBatchResponse>;

/** The stream jobs of functions/jobs.ts by name: what each runs on the records its filter lets through. */
const CONSUMERS: Readonly<Record<string, Consumer>> = { deliverNotifications, raiseEarlyWarnings };

const STREAM_JOBS = JOBS.flatMap((job) => {
  if (!('stream' in job.trigger)) return [];
  const consume = CONSUMERS[job.name];
  if (!consume) throw new Error(`scripts/local/stream-jobs.ts does not know the stream job ${job.name}: add it to CONSUMERS`);
  return [{ name: job.name, inserts: job.trigger.stream.inserts, consume }];
});

/**
 * Every stream job of the stack over one batch read from the table's stream,
 * each given only the records its filter lets through in the cloud (as its
 * own event source mapping would). Used by `npm start` and the tests, which
 * read DynamoDB Local's one stream. Each job's run is an invocation of its
 * own, named as the local server names a route's (`currentInvocation`), so
 * its log lines carry its name and a request id of their own. A failure
 * reports the earliest failed record of any job, so the batch is read again
 * from there: the jobs are idempotent, so what one of them already did is
 * not done twice.
 */
export async function runStreamJobs(
  deps: StreamDependencies,
  records: readonly DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> {
  let earliest: number | undefined;
  for (const { name, inserts, consume } of STREAM_JOBS) {
    const mine = records.filter((record) => record.eventName === 'INSERT' && isInsertOf(record.dynamodb?.NewImage, inserts));
    const outcome = await runAsInvocation(name, () => consume(deps, mine));
    for (const { itemIdentifier } of outcome.batchItemFailures) {
      const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier);
      if (earliest === undefined || index < earliest) earliest = index;
    }
  }
  if (earliest === undefined) return { batchItemFailures: [] };
  return { batchItemFailures: [{ itemIdentifier: records[earliest]?.dynamodb?.SequenceNumber ?? '' }] };
}
