import { AliyunSmsSender } from '../notify/aliyun-sms.js';
import { consoleSms, consoleStaffNotices } from '../notify/console-sender.js';
import { credentialField, smsSettingsFrom, type SmsSettings } from '../notify/sms-config.js';
import { SnsSmsSender, SnsStaffNoticeSender } from '../notify/sns-sender.js';
import { TencentSmsSender } from '../notify/tencent-sms.js';
import { secretJson } from '../security/secret-json.js';
import type { SmsSender } from '../usecases/notify.js';
import type { NotificationSenders } from '../usecases/stream-dependencies.js';
import { FUNCTION_ENV } from '../config/environment.js';

/**
 * The stream function's composition: which adapters stand behind the SMS and
 * staff-notice ports, from the environment the stack sets (SMS_PROVIDER and
 * its settings, STAFF_NOTICES_TOPIC_ARN). Nothing is read at import: the SMS
 * settings and the provider's keys are read when the first SMS goes out, so
 * a wrong setting fails that delivery (retried, then the dead-letter queue)
 * instead of every invocation, early warnings included.
 */
export function notificationSenders(env: Readonly<Record<string, string | undefined>> = process.env): NotificationSenders {
  if (env.SMS_PROVIDER === 'console') return { sms: consoleSms(), staffNotices: consoleStaffNotices() };
  return {
    sms: onFirstUse(() => smsSender(smsSettingsFrom(env))),
    staffNotices: new SnsStaffNoticeSender(env[FUNCTION_ENV.staffNoticesTopicArn] ?? ''),
  };
}

export function smsSender(settings: SmsSettings): SmsSender {
  switch (settings.provider) {
    case 'console':
      return consoleSms();
    case 'sns':
      return new SnsSmsSender();
    case 'aliyun': {
      const { credentialsSecretArn } = settings;
      return new AliyunSmsSender({
        templateCodes: settings.templateCodes,
        ...(settings.region ? { region: settings.region } : {}),
        credentials: async () => {
          const secret = await secretJson(credentialsSecretArn);
          return {
            accessKeyId: credentialField(secret, 'accessKeyId'),
            accessKeySecret: credentialField(secret, 'accessKeySecret'),
          };
        },
      });
    }
    case 'tencent': {
      const { credentialsSecretArn } = settings;
      return new TencentSmsSender({
        templateCodes: settings.templateCodes,
        sdkAppId: settings.sdkAppId,
        ...(settings.region ? { region: settings.region } : {}),
        credentials: async () => {
          const secret = await secretJson(credentialsSecretArn);
          return { secretId: credentialField(secret, 'secretId'), secretKey: credentialField(secret, 'secretKey') };
        },
      });
    }
  }
}

/** Builds the sender when the first SMS needs it; a failure to build is thrown to that send and tried again next time. */
function onFirstUse(make: () => SmsSender): SmsSender {
  let sender: SmsSender | undefined;
  return { send: async (sms) => (sender ??= make()).send(sms) };
}
