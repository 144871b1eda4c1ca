/**
 * The cold-start floor: the least a DynamoDB-backed function can be. A bare
 * DocumentClient created at module scope (as a typical Lambda does) and one
 * GetCommand. `npm run bench` bundles it exactly like the route handlers and
 * reports every handler's size and init time as a multiple of this.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: { id?: string }): Promise<unknown> {
  const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.id ?? 'floor' } }));
  return Item ?? null;
}
