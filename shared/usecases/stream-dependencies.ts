import type { AlertDependencies, TransferredCases } from './early-warning.js';
import type { DeliveryDependencies } from './notify.js';

/** What the table's stream consumer needs: the early warning's ports (with the cases it follows through transfers) and the delivery's. */
export type StreamDependencies = AlertDependencies & TransferredCases & DeliveryDependencies;

/** The senders come from the edge (the stream function's composition, `npm start`, a test): use cases know only the ports. */
export type NotificationSenders = Pick<DeliveryDependencies, 'sms' | 'staffNotices'>;
