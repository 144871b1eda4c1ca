/**
 * The environment variables the stack sets on each function (infra/) and
 * `npm start` sets locally (scripts/local/environment.ts), read by the store
 * and the adapters: one spelling of each name. The SMS settings have their own
 * table beside the adapters that read them (notify/sms-config.ts, SMS_ENV).
 */
export const FUNCTION_ENV = {
  /** The one table. */
  tableName: 'TABLE_NAME',
  /** DynamoDB Local's address; unset in the cloud. */
  dynamoDbEndpoint: 'DYNAMODB_ENDPOINT',
  /** Sockets per client; raised locally, where one process serves every route. */
  dynamoDbMaxSockets: 'DYNAMODB_MAX_SOCKETS',
  /** The Secrets Manager secret holding the phone-hash key (cloud). */
  phoneHashSecretArn: 'PHONE_HASH_SECRET_ARN',
  /** The phone-hash key itself (local only). */
  phoneHashLocalKey: 'PHONE_HASH_KEY',
  /** The Secrets Manager secret holding the page-cursor key (cloud). */
  cursorSecretArn: 'CURSOR_SECRET_ARN',
  /** The page-cursor key itself (local only). */
  cursorLocalKey: 'CURSOR_KEY',
  /** The SNS topic staff notices go to. */
  staffNoticesTopicArn: 'STAFF_NOTICES_TOPIC_ARN',
} as const;
