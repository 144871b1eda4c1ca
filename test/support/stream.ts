import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '../../scripts/local/stream-feeder.js';
import type { TestTable } from './store.js';

/** Every record of the test table's stream so far (DynamoDB Local's real stream), as Lambda would hand them over. */
export async function streamRecords(table: Pick<TestTable, 'raw' | 'tableName' | 'endpoint'>): Promise<DynamoDBRecord[]> {
  const described = await table.raw.send(new DescribeTableCommand({ TableName: table.tableName }));
  const streams = new DynamoDBStreamsClient({
    endpoint: table.endpoint,
    region: await table.raw.config.region(),
    credentials: await table.raw.config.credentials(),
  });
  try {
    const records: DynamoDBRecord[] = [];
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: described.Table!.LatestStreamArn! }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: described.Table!.LatestStreamArn!,
            ShardId: shard.ShardId!,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      while (iterator) {
        const batch = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        records.push(...(batch.Records ?? []).map(toLambdaRecord));
        // An open shard keeps returning iterators; stop once it has nothing more to give.
        iterator = (batch.Records ?? []).length > 0 ? batch.NextShardIterator : undefined;
      }
    }
    return records;
  } finally {
    streams.destroy();
  }
}
