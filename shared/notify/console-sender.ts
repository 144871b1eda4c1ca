import { maskMobile } from '../domain/masking.js';
import type { NotificationSender } from '../usecases/notify.js';

/** What runs locally instead of SNS: prints the message and its recipient, never a full phone number. */
export function consoleSender(log: (line: string) => void = console.log): NotificationSender {
  return {
    send: async (message, to) => {
      const recipient =
        to.kind === 'phone'
          ? `SMS ${maskMobile(to.mobile)}`
          : to.kind === 'staff'
            ? `staff ${to.staffId}`
            : `legal department ${to.unionCode}`;
      log(`[would send] ${message.template} → ${recipient}: ${message.text}`);
    },
  };
}
