import { idempotentByKey } from '../../shared/composition/idempotency.js';
import { keyedAccessCodes } from '../../shared/composition/filing.js';
import { phoneHashing } from '../../shared/composition/phone-hashing.js';
import { httpHandler } from '../../shared/http/handler.js';
import { publicDependencies } from '../../shared/composition/public-api.js';
import { accessCodeOfFiling, fileComplaint, idempotencyKeyReused } from '../../shared/usecases/public-complaints.js';
import type { FileComplaintInput } from '../../shared/schemas/public.js';
import { toFiledComplaintView } from '../../shared/views/public-views.js';
import { fileComplaintRoute } from './file.contract.js';

type FiledComplaintView = ReturnType<typeof toFiledComplaintView>;

const file = (body: FileComplaintInput, idempotencyKey?: string) =>
  fileComplaint({ ...publicDependencies(), ...keyedAccessCodes, ...phoneHashing }, body, idempotencyKey).then(
    toFiledComplaintView,
  );

/**
 * A retry within the hour gets the original answer (same case number and
 * status). The answer is stored without its access code, which is derived
 * from the key again for each answer, so the table never holds a code.
 */
const fileOnce = idempotentByKey<FileComplaintInput, Omit<FiledComplaintView, 'accessCode'>>(
  'fileComplaint',
  async ({ body, idempotencyKey }) => {
    const { accessCode: _shownNotStored, ...answer } = await file(body, idempotencyKey);
    return answer;
  },
  {
    expiresAfterSeconds: 60 * 60,
    conflictMessage: idempotencyKeyReused().said,
  },
);

export const handler = httpHandler(fileComplaintRoute, async ({ body, headers }, context) => {
  const idempotencyKey = headers['idempotency-key'];
  if (!idempotencyKey) return { body: await file(body) };
  const [answer, accessCode] = await Promise.all([
    fileOnce({ idempotencyKey, body }, context),
    accessCodeOfFiling(keyedAccessCodes, idempotencyKey),
  ]);
  return { body: { ...answer, accessCode } };
});
