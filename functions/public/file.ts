import { idempotentByKey } from '../../shared/composition/idempotency.js';
import { phoneHashing } from '../../shared/composition/phone-hashing.js';
import { httpHandler } from '../../shared/http/handler.js';
import { publicDependencies } from '../../shared/composition/public-api.js';
import { fileComplaint, idempotencyKeyReused } from '../../shared/usecases/public-complaints.js';
import type { FileComplaintInput } from '../../shared/schemas/public.js';
import { toFiledComplaintView } from '../../shared/views/public-views.js';
import { fileComplaintRoute } from './file.contract.js';

const file = (body: FileComplaintInput, idempotencyKey?: string) =>
  fileComplaint({ ...publicDependencies(), ...phoneHashing }, body, idempotencyKey).then(toFiledComplaintView);

/** A retry within the hour gets the original answer (same case number and access code). */
const fileOnce = idempotentByKey<FileComplaintInput, ReturnType<typeof toFiledComplaintView>>(
  'fileComplaint',
  ({ body, idempotencyKey }) => file(body, idempotencyKey),
  {
    expiresAfterSeconds: 60 * 60,
    conflictMessage: idempotencyKeyReused().said,
  },
);

export const handler = httpHandler(fileComplaintRoute, async ({ body, headers }, context) => {
  const idempotencyKey = headers['idempotency-key'];
  return { body: idempotencyKey ? await fileOnce({ idempotencyKey, body }, context) : await file(body) };
});
