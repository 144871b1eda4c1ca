import { secretKey } from './secret-key.js';
import { FUNCTION_ENV } from '../config/environment.js';

/**
 * Key of the HMAC that binds a page cursor to the query it came from (see
 * shared/usecases/cursor.ts). Its own secret, not the phone-hash key: a list
 * route has no business holding the key that reverses phone hashes, and this
 * one may be rotated at any time (outstanding cursors then answer 400 and the
 * client starts again from the first page).
 *
 * In the cloud it is a Secrets Manager secret (CURSOR_SECRET_ARN); locally CURSOR_KEY.
 */
export const cursorKey = secretKey({
  purpose: 'page cursor',
  localKeyEnv: FUNCTION_ENV.cursorLocalKey,
  secretArnEnv: FUNCTION_ENV.cursorSecretArn,
});
