import * as z from 'zod/mini';
import { ERROR_CODES } from '../domain/errors.js';
import { documented, shownText } from './common.js';

export const ErrorResponse = documented(
  z.object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: shownText(1000),
      /**
       * Field paths of invalid input, with zod's issue code where it has one (e.g. `too_big`). A path can
       * name an unknown key the client sent, so it is bounded only by the largest body (16 KiB).
       */
      details: z.optional(
        z.array(z.object({ path: shownText(16 * 1024), message: shownText(500), code: z.optional(shownText(64)) })),
      ),
      /** API Gateway's request id (Lambda's locally): quote it when reporting a problem. */
      requestId: shownText(128),
    }),
  }),
  {
    id: 'Error',
    description: 'Every error, from every route. `details` lists field paths for invalid input.',
    examples: [
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请按提示修改。',
          details: [
            { path: 'complainant.mobile', code: 'custom', message: '应为手机号码或固定电话（区号-号码，如024-23456789）' },
          ],
          requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        },
      },
    ],
  },
);
