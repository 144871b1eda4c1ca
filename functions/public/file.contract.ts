import { defineRoute } from '../../shared/http/contract.js';
import { FileComplaintBody, IdempotencyHeaders } from '../../shared/schemas/public.js';

export const fileComplaintRoute = defineRoute({
  name: 'fileComplaint',
  method: 'POST',
  path: '/public/complaints',
  summary: 'File a complaint on the web or WeChat (no login)',
  description:
    'The case lands in the union responsible for the region. The answer carries the case number and an access code, ' +
    'shown this once. Send an `Idempotency-Key` (e.g. a UUID per submission) so that retries on a bad connection ' +
    'return the original case number and access code, however late, instead of a second case; the same key with a ' +
    'different body is refused (422).',
  tags: ['public'],
  access: { public: true },
  request: { body: FileComplaintBody, headers: IdempotencyHeaders },
  response: { status: 201, description: 'The case number and its access code.' },
  errors: [400, 409, 413, 415, 422, 429],
  data: {
    // Query + GetItem: union directory, idempotency records; PutItem/UpdateItem/DeleteItem: the
    // registration transaction and Powertools' idempotency records.
    actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    indexes: [],
    phoneHashKey: true,
  },
});
