/**
 * What the table's stream consumers share: the kinds of insert each acts on
 * and the decoding of a stream record into the record the repositories wrote.
 * Their dependencies are composed apart (delivery.ts, early-warning.ts), so
 * that neither function bundles the other's adapters.
 */
export {
  EARLY_WARNING_INSERTS,
  OUTBOX_INSERTS,
  isInsertOf,
  streamItemOf,
  type StreamInsert,
  type StreamItem,
} from '../store/stream-images.js';
