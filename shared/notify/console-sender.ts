import { maskMobile } from '../domain/masking.js';
import { renderText, signedText } from '../domain/notifications.js';
import type { SmsSender, StaffNoticeSender } from '../usecases/notify.js';

type Log = (line: string) => void;

/**
 * What runs locally instead of an SMS provider: prints the template, its
 * parameters and the text the phone would show, never a full phone number.
 */
export function consoleSms(log: Log = console.log): SmsSender {
  return {
    send: async ({ phoneNumber, template, params, signName }) => {
      log(
        `[would send] ${template} → SMS ${maskMobile(phoneNumber)} ${JSON.stringify(params)}: ${signedText(signName, template, params)}`,
      );
    },
  };
}

/** Staff notices, printed instead of published to the staff-notices topic. */
export function consoleStaffNotices(log: Log = console.log): StaffNoticeSender {
  return {
    send: async (message, to) => {
      const recipient = to.kind === 'staff' ? `staff ${to.staffId}` : `legal department ${to.unionCode}`;
      log(
        `[would send] ${message.template} → ${recipient} ${JSON.stringify(message.params)}: ${renderText(message.template, message.params)}`,
      );
    },
  };
}
