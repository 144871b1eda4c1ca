import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Feeds DynamoDB Local's stream to the stream jobs, as Lambda's event source
 * mappings do in the cloud: every shard read in order, batches handed to the
 * same consumers the deployed functions run (stream-jobs.ts). A failed record
 * is read again on the next poll (the jobs are idempotent, like in the cloud).
 */
export interface StreamFeeder {
  stop(): Promise<void>;
}

export async function startStreamFeeder(options: {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  consume: (records: DynamoDBRecord[]) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** Called after each poll round (every shard read once, its records consumed), failed or not. */
  onRound?: () => void;
}): Promise<StreamFeeder> {
  const table = await options.client.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
  const config = await options.client.config.credentials();
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: await options.client.config.region(),
    credentials: config,
  });
  /** Next position per shard: an iterator, or the sequence number to resume after a failure. */
  const positions = new Map<string, { iterator?: string; retryFrom?: string }>();
  const finished = new Set<string>();
  let stopped = false;

  async function iteratorFor(shardId: string, retryFrom?: string): Promise<string | undefined> {
    const result = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(retryFrom
          ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: retryFrom }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return result.ShardIterator;
  }

  async function pollOnce(): Promise<void> {
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (finished.has(shardId)) continue;
      const position = positions.get(shardId) ?? {};
      const iterator = position.iterator ?? (await iteratorFor(shardId, position.retryFrom));
      if (!iterator) {
        finished.add(shardId);
        continue;
      }
      const batch = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      const records = (batch.Records ?? []).map(toLambdaRecord);
      const failed = records.length > 0 ? (await options.consume(records)).batchItemFailures[0] : undefined;
      if (failed) positions.set(shardId, { retryFrom: failed.itemIdentifier });
      else if (batch.NextShardIterator) positions.set(shardId, { iterator: batch.NextShardIterator });
      else finished.add(shardId);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const loop = (): void => {
    current = pollOnce()
      .catch((error: unknown) => options.onError?.(error))
      .then(() => {
        options.onRound?.();
        if (!stopped) timer = setTimeout(loop, options.pollMs ?? 1000);
      });
  };
  loop();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
      streams.destroy();
    },
  };
}

/**
 * The streams client reads an empty map attribute (`{"M":{}}`) back as `{}`,
 * which no longer says its type; Lambda hands the consumer `{"M":{}}`.
 */
function restoreEmptyMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreEmptyMaps);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 0) return { M: {} };
  return Object.fromEntries(entries.map(([key, inner]) => [key, restoreEmptyMaps(inner)]));
}

/** The stream record as Lambda hands it to the consumer. */
export function toLambdaRecord(streamRecord: _Record): DynamoDBRecord {
  const record = restoreEmptyMaps(streamRecord) as _Record;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      ...(record.dynamodb?.Keys ? { Keys: record.dynamodb.Keys } : {}),
      ...(record.dynamodb?.NewImage ? { NewImage: record.dynamodb.NewImage } : {}),
      ...(record.dynamodb?.OldImage ? { OldImage: record.dynamodb.OldImage } : {}),
      SequenceNumber: record.dynamodb?.SequenceNumber,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
  } as DynamoDBRecord;
}
