import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { keys } from '../../shared/store/keys.js';

/**
 * Marks a case closed in the table itself, with no timeline event and no
 * figures: a shortcut for measurements and tests that need a closed case
 * (the public routes refuse some actions once it is), not a product action.
 */
export async function closeCaseDirectly(client: DynamoDBClient, tableName: string, caseNumber: string): Promise<void> {
  const reservation = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.caseNumber(caseNumber)) }));
  const caseId = reservation.Item?.caseId?.S;
  if (!caseId) throw new Error(`no case ${caseNumber}`);
  await client.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: marshall(keys.case(caseId)),
      // A case's status is in its row (see shared/store/case-item.ts).
      UpdateExpression: 'SET #row.#status = :closed',
      ExpressionAttributeNames: { '#row': 'row', '#status': 'status' },
      ExpressionAttributeValues: { ':closed': { S: 'closed' } },
    }),
  );
}
