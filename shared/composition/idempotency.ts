/**
 * Retries by Idempotency-Key (Powertools' idempotency utility with its records
 * in the table), for the handlers of the routes that accept one.
 */
export { idempotentByKey } from '../store/idempotency.js';
