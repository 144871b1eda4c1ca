import { CfnParameter, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SMS_TEMPLATES } from '../shared/domain/notifications.js';
import type { SmsSetting } from './background-jobs.js';
import type { Deployment } from './deployment-config.js';

/**
 * The deployment's SMS provider. Configured: as given (checked by
 * BackgroundJobs). Unset: SNS where it sends SMS; in China, where it does not,
 * Alibaba Cloud SMS, whose approved template codes only the deploying union
 * knows, so each is a stack parameter (`SmsTemplate<Kind>`) given at deploy time.
 */
export function smsSettingOf(scope: Construct, deployment: Deployment): SmsSetting {
  if (deployment.sms) return deployment.sms as unknown as SmsSetting;
  if (deployment.features.snsSms) return { provider: 'sns' };
  const stack = Stack.of(scope);
  const templates = Object.fromEntries(
    SMS_TEMPLATES.map((template) => [
      template,
      new CfnParameter(
        stack,
        `SmsTemplate${template.replace(/(^|_)(\w)/g, (_all, _sep, letter: string) => letter.toUpperCase())}`,
        {
          type: 'String',
          minLength: 1,
          description: `Alibaba Cloud SMS: the approved template code for ${template} (README, "SMS")`,
        },
      ).valueAsString,
    ]),
  );
  return { provider: 'aliyun', templates: templates as SmsSetting['templates'] };
}
