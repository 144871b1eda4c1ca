import { SendSmsRequest, SendSmsResponse, SendSmsResponseBody } from '@alicloud/dysmsapi20170525';
import { describe, expect, it, vi } from 'vitest';
import { AliyunSmsSender, type AliyunSmsClient } from '../../../shared/notify/aliyun-sms.js';
import { SmsNotSent, SmsRefused, type SmsRequest } from '../../../shared/usecases/notify.js';

const TEMPLATE_CODES = {
  case_acknowledged: 'SMS_470001',
  case_acknowledged_online: 'SMS_470002',
  case_assigned: 'SMS_470003',
  case_closed: 'SMS_470004',
};

const REQUEST: SmsRequest = {
  phoneNumber: '13900000000',
  template: 'case_acknowledged_online',
  params: { caseNumber: '210103-20261201-0007', unionName: '沈河区总工会' },
  signName: '沈阳市总工会',
};

function answer(code: string): SendSmsResponse {
  return new SendSmsResponse({
    statusCode: 200,
    headers: {},
    body: new SendSmsResponseBody({ code, message: code === 'OK' ? 'OK' : '某原因', requestId: 'req-1', bizId: 'biz-1' }),
  });
}

/** An Alibaba client mock, and the sender built on it with credentials counted. */
function sender(sendSms: AliyunSmsClient['sendSms']) {
  const client = { sendSms: vi.fn(sendSms) };
  const credentials = vi.fn(async () => ({ accessKeyId: 'LTAI-test', accessKeySecret: 'secret' }));
  const createClient = vi.fn(() => client);
  return {
    client,
    credentials,
    createClient,
    sms: new AliyunSmsSender({ templateCodes: TEMPLATE_CODES, credentials, createClient }),
  };
}

describe('Alibaba Cloud SMS', () => {
  it('sends SendSmsRequest with the number, signature, template code and the parameters as a JSON object', async () => {
    const { sms, client } = sender(async () => answer('OK'));

    await sms.send(REQUEST);

    expect(client.sendSms).toHaveBeenCalledOnce();
    const sent = client.sendSms.mock.calls[0]![0];
    expect(sent).toBeInstanceOf(SendSmsRequest);
    expect(sent).toStrictEqual(
      new SendSmsRequest({
        phoneNumbers: '13900000000',
        signName: '沈阳市总工会',
        templateCode: 'SMS_470002',
        templateParam: '{"unionName":"沈河区总工会","caseNumber":"210103-20261201-0007"}',
      }),
    );
  });

  it('reads the keys and builds the client once per container, in the region asked for', async () => {
    const client = { sendSms: vi.fn<AliyunSmsClient['sendSms']>(async () => answer('OK')) };
    const credentials = vi.fn(async () => ({ accessKeyId: 'LTAI-test', accessKeySecret: 'secret' }));
    const createClient = vi.fn(() => client);
    const sms = new AliyunSmsSender({ templateCodes: TEMPLATE_CODES, credentials, createClient, region: 'cn-shanghai' });

    await sms.send(REQUEST);
    await sms.send({ ...REQUEST, template: 'case_closed', params: { caseNumber: '210103-20261201-0007' } });

    expect(credentials).toHaveBeenCalledOnce();
    expect(createClient).toHaveBeenCalledExactlyOnceWith({ accessKeyId: 'LTAI-test', accessKeySecret: 'secret' }, 'cn-shanghai');
    expect(client.sendSms.mock.calls[1]![0]).toMatchObject({
      templateCode: 'SMS_470004',
      templateParam: '{"caseNumber":"210103-20261201-0007"}',
    });
  });

  it('treats an answer other than OK as a failure: invalid numbers, flow control and the rest told apart', async () => {
    const cases: [string, SmsRefused['reason']][] = [
      ['isv.MOBILE_NUMBER_ILLEGAL', 'invalid_number'],
      ['isv.BUSINESS_LIMIT_CONTROL', 'throttled'],
      ['isv.SMS_TEMPLATE_ILLEGAL', 'rejected'],
      ['isv.SMS_SIGNATURE_ILLEGAL', 'rejected'],
      ['isv.AMOUNT_NOT_ENOUGH', 'rejected'],
    ];
    for (const [code, reason] of cases) {
      const { sms } = sender(async () => answer(code));
      await expect(sms.send(REQUEST), code).rejects.toEqual(new SmsRefused(reason, 'aliyun', code));
    }
  });

  it('classifies Alibaba’s thrown answers by code, and keeps no SDK message (it quotes the request, number included)', async () => {
    const throttling = sender(async () => {
      throw Object.assign(new Error('code: 400, Throttling.User request id: x'), { code: 'Throttling.User', statusCode: 400 });
    });
    await expect(throttling.sms.send(REQUEST)).rejects.toEqual(new SmsRefused('throttled', 'aliyun', 'Throttling.User'));

    const network = sender(async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND POST https://dysmsapi.aliyuncs.com/?PhoneNumbers=13900000000'), {
        code: 'ENOTFOUND',
      });
    });
    const failure = await network.sms.send(REQUEST).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SmsNotSent);
    expect(`${(failure as Error).message} ${JSON.stringify((failure as SmsNotSent).details)}`).not.toContain('13900000000');
  });

  it('tries the keys again after a failed read instead of keeping the failure', async () => {
    const client = { sendSms: vi.fn<AliyunSmsClient['sendSms']>(async () => answer('OK')) };
    const credentials = vi
      .fn<() => Promise<{ accessKeyId: string; accessKeySecret: string }>>()
      .mockRejectedValueOnce(new Error('AccessDenied'))
      .mockResolvedValue({ accessKeyId: 'LTAI-test', accessKeySecret: 'secret' });
    const sms = new AliyunSmsSender({ templateCodes: TEMPLATE_CODES, credentials, createClient: () => client });

    await expect(sms.send(REQUEST)).rejects.toThrow('AccessDenied');
    await sms.send(REQUEST);
    expect(client.sendSms).toHaveBeenCalledOnce();
  });
});
