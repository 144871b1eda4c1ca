import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { LOCAL_AWS_ENV } from '../../scripts/local/dynamodb-local.js';
import { prepareStore } from '../../scripts/local/environment.js';
import { newAccessCode } from '../../shared/usecases/digests.js';
import { deriveAccessCode } from '../../shared/security/filing-access-code.js';
import { hashPhone } from '../../shared/security/phone-hash.js';
import { CaseRepository } from '../../shared/store/case-repository.js';
import { newDynamoDbClient, type StoreContext } from '../../shared/store/client.js';
import { PublicAccessRepository } from '../../shared/store/public-access-repository.js';
import { StaffRepository } from '../../shared/store/staff-repository.js';
import { UnionRepository } from '../../shared/store/union-repository.js';
import type {
  ComplainantAccess,
  Dependencies,
  KeyedAccessCodes,
  PageCursors,
  PhoneHashing,
} from '../../shared/usecases/dependencies.js';

export interface TestTable extends StoreContext {
  readonly endpoint: string;
  readonly raw: DynamoDBClient;
  drop(): Promise<void>;
}

/** A fresh table in the run's DynamoDB Local, created from the one table definition and seeded with the demo unions. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = inject('dynamoDbEndpoint');
  const raw = newDynamoDbClient({
    endpoint,
    // Race tests keep hundreds of requests in flight.
    requestHandler: { httpAgent: { maxSockets: 512 } },
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
  const tableName = `test-${randomUUID()}`;
  await prepareStore({ client: raw }, tableName);
  return {
    endpoint,
    raw,
    tableName,
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    drop: async () => {
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
    },
  };
}

export const TEST_PHONE_KEY = 'integration-test-key';
export const TEST_CURSOR_KEY = 'integration-test-cursor-key';

/** Use-case dependencies over a test table; override the clock or ids as a test needs. */
export function testDependencies(
  table: StoreContext,
  overrides: Partial<Dependencies & ComplainantAccess & KeyedAccessCodes & PhoneHashing & PageCursors> = {},
): Dependencies & ComplainantAccess & KeyedAccessCodes & PhoneHashing & PageCursors {
  return {
    cases: new CaseRepository(table),
    unions: new UnionRepository(table),
    staff: new StaffRepository(table),
    publicAccess: new PublicAccessRepository(table),
    now: () => new Date(),
    newId: randomUUID,
    newAccessCode,
    accessCodeForKey: async (keyHash) => deriveAccessCode(TEST_PHONE_KEY, keyHash),
    hashPhone: async (mobile) => hashPhone(TEST_PHONE_KEY, mobile),
    cursorKey: async () => TEST_CURSOR_KEY,
    ...overrides,
  };
}
