import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { OutboxMessage } from '../domain/notifications.js';
import type { Address, NotificationSender } from '../usecases/notify.js';

let client: SNSClient | undefined;

/**
 * SNS delivery: SMS straight to the complainant's mainland number; staff
 * notices to the staff-notices topic, with the recipient as message
 * attributes so each subscriber (the staff app, e-mail) filters its own.
 */
export class SnsSender implements NotificationSender {
  constructor(private readonly staffTopicArn: string) {}

  async send(message: OutboxMessage, to: Address): Promise<void> {
    client ??= new SNSClient({});
    if (to.kind === 'phone') {
      await client.send(
        new PublishCommand({
          PhoneNumber: `+86${to.mobile}`,
          Message: message.text,
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
      return;
    }
    await client.send(
      new PublishCommand({
        TopicArn: this.staffTopicArn,
        Message: message.text,
        MessageAttributes: {
          template: { DataType: 'String', StringValue: message.template },
          recipientKind: { DataType: 'String', StringValue: to.kind },
          recipient: { DataType: 'String', StringValue: to.kind === 'staff' ? to.staffId : to.unionCode },
          caseId: { DataType: 'String', StringValue: message.caseId },
        },
      }),
    );
  }
}
