import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../shared/domain/notifications.js';
import { SnsSmsSender, SnsStaffNoticeSender } from '../../../shared/notify/sns-sender.js';
import { SmsNotSent, SmsRefused } from '../../../shared/usecases/notify.js';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:cn-north-1:123456789012:staff-notices';

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('SMS through SNS', () => {
  it('publishes the rendered text, signed with 【签名】, as a transactional SMS to the +86 number', async () => {
    await new SnsSmsSender().send({
      phoneNumber: '13900000000',
      template: 'case_acknowledged',
      params: { unionName: '和平区总工会', caseNumber: '210102-20261201-0001' },
      signName: '沈阳市和平区总工会',
    });

    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual([
      {
        PhoneNumber: '+8613900000000',
        Message: '【沈阳市和平区总工会】您的诉求已由和平区总工会受理，案件编号210102-20261201-0001。如需了解进度请致电12351。',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      },
    ]);
  });

  it('passes on throttling as such and other failures by name only (SNS messages can quote the number)', async () => {
    const request = { phoneNumber: '13900000000', template: 'case_closed' as const, params: { caseNumber: 'x' }, signName: 's' };
    sns.on(PublishCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(new SnsSmsSender().send(request)).rejects.toEqual(new SmsRefused('throttled', 'sns', 'ThrottledException'));

    sns.reset();
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('Invalid parameter: PhoneNumber 13900000000'), { name: 'InvalidParameterException' }));
    const failure = await new SnsSmsSender().send(request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SmsNotSent);
    expect(JSON.stringify((failure as SmsNotSent).details) + (failure as Error).message).not.toContain('13900000000');
  });
});

describe('staff notices through SNS', () => {
  it('publishes the rendered text to the staff topic with the template, parameters and recipient as attributes', async () => {
    const notice: OutboxMessage = {
      caseId: 'case-1',
      messageId: 'm-1',
      createdAt: '2026-12-01T02:00:00.000Z',
      channel: 'staff_notice',
      recipient: { kind: 'staff', staffId: 'staff-7' },
      unionCode: '210102',
      template: 'case_assigned_to_you',
      params: { caseNumber: '210102-20261201-0001' },
    };

    await new SnsStaffNoticeSender(TOPIC).send(notice, { kind: 'staff', staffId: 'staff-7' });

    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      TopicArn: TOPIC,
      Message: '案件210102-20261201-0001已指派给您办理，请及时联系当事人。',
      MessageAttributes: {
        template: { DataType: 'String', StringValue: 'case_assigned_to_you' },
        params: { DataType: 'String', StringValue: '{"caseNumber":"210102-20261201-0001"}' },
        recipientKind: { DataType: 'String', StringValue: 'staff' },
        recipient: { DataType: 'String', StringValue: 'staff-7' },
        caseId: { DataType: 'String', StringValue: 'case-1' },
      },
    });
  });
});
