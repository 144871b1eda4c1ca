import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { renderText, signedText } from '../domain/notifications.js';
import { SmsNotSent, SmsRefused, type SmsRequest, type SmsSender, type StaffNoticeSender } from '../usecases/notify.js';

let defaultClient: SNSClient | undefined;

/** One SNS client per container, made on first use. */
function snsClient(): SNSClient {
  return (defaultClient ??= new SNSClient({}));
}

/**
 * SMS through SNS (the `aws` partition only: SNS sends no SMS from the AWS
 * China regions). SNS sends text, not templates: the template is rendered
 * here and the union's signature put in front as 【签名】, as mainland
 * carriers require.
 */
export class SnsSmsSender implements SmsSender {
  constructor(private readonly client: () => Pick<SNSClient, 'send'> = snsClient) {}

  async send({ phoneNumber, template, params, signName }: SmsRequest): Promise<void> {
    try {
      await this.client().send(
        new PublishCommand({
          PhoneNumber: `+86${phoneNumber}`,
          Message: signedText(signName, template, params),
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
    } catch (error) {
      // Only the error's name is passed on (an SNS message can quote the number it refused); all are retried.
      const name = error instanceof Error ? error.name : 'unknown';
      if (name === 'ThrottledException' || name === 'ThrottlingException') throw new SmsRefused('throttled', 'sns', name);
      throw new SmsNotSent('sns', name);
    }
  }
}

/**
 * Staff notices to the staff-notices topic, with the recipient as message
 * attributes so each subscriber (the staff app, e-mail) filters its own.
 */
export class SnsStaffNoticeSender implements StaffNoticeSender {
  constructor(
    private readonly staffTopicArn: string,
    private readonly client: () => Pick<SNSClient, 'send'> = snsClient,
  ) {}

  async send(...[message, to]: Parameters<StaffNoticeSender['send']>): Promise<void> {
    await this.client().send(
      new PublishCommand({
        TopicArn: this.staffTopicArn,
        Message: renderText(message.template, message.params),
        MessageAttributes: {
          template: { DataType: 'String', StringValue: message.template },
          // The same values as structured data, for a subscriber that shows its own wording.
          params: { DataType: 'String', StringValue: JSON.stringify(message.params) },
          recipientKind: { DataType: 'String', StringValue: to.kind },
          recipient: { DataType: 'String', StringValue: to.kind === 'staff' ? to.staffId : to.unionCode },
          caseId: { DataType: 'String', StringValue: message.caseId },
        },
      }),
    );
  }
}
