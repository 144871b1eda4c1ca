import * as z from 'zod/mini';
import { documented } from './common.js';

export const ErrorResponse = documented(
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.array(z.object({ path: z.string(), message: z.string(), code: z.optional(z.string()) }))),
      requestId: z.string(),
    }),
  }),
  {
    id: 'Error',
    description: 'Every error, from every route. `details` lists field paths for invalid input.',
    examples: [
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request body is not valid.',
          details: [
            { path: 'complainant.mobile', code: 'custom', message: 'must be an 11-digit mainland mobile number starting 13–19' },
          ],
          requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        },
      },
    ],
  },
);
