import { describe, expect, it, vi } from 'vitest';
import { TencentSmsSender, type TencentSmsClient } from '../../../shared/notify/tencent-sms.js';
import { SmsNotSent, SmsRefused, type SmsRequest } from '../../../shared/usecases/notify.js';

const TEMPLATE_CODES = {
  case_acknowledged: '2100001',
  case_acknowledged_online: '2100002',
  case_assigned: '2100003',
  case_closed: '2100004',
};

const REQUEST: SmsRequest = {
  phoneNumber: '13900000000',
  template: 'case_assigned',
  // Stored order differs from the template's: the adapter must send the template's order.
  params: { handlerRole: '志愿律师', caseNumber: '210102-20261201-0003' },
  signName: '沈阳市和平区总工会',
};

type SendSms = TencentSmsClient['SendSms'];

function status(code: string) {
  return {
    SendStatusSet: [{ SerialNo: 's-1', PhoneNumber: '+8613900000000', Fee: 1, Code: code, Message: code, IsoCode: 'CN' }],
    RequestId: 'r-1',
  };
}

function sender(sendSms: SendSms) {
  const client = { SendSms: vi.fn(sendSms) };
  const credentials = vi.fn(async () => ({ secretId: 'AKID-test', secretKey: 'key' }));
  const createClient = vi.fn(() => client);
  return {
    client,
    credentials,
    createClient,
    sms: new TencentSmsSender({ templateCodes: TEMPLATE_CODES, sdkAppId: '1400123456', credentials, createClient }),
  };
}

describe('Tencent Cloud SMS', () => {
  it('sends SendSms with the +86 number, SMS app, signature, template ID and the values in the template’s order', async () => {
    const { sms, client } = sender(async () => status('Ok'));

    await sms.send(REQUEST);

    expect(client.SendSms).toHaveBeenCalledOnce();
    expect(client.SendSms.mock.calls[0]![0]).toStrictEqual({
      PhoneNumberSet: ['+8613900000000'],
      SmsSdkAppId: '1400123456',
      SignName: '沈阳市和平区总工会',
      TemplateId: '2100003',
      TemplateParamSet: ['210102-20261201-0003', '志愿律师'],
    });
  });

  it('reads the keys and builds the client once, in ap-guangzhou unless told otherwise', async () => {
    const { sms, credentials, createClient } = sender(async () => status('Ok'));

    await sms.send(REQUEST);
    await sms.send(REQUEST);

    expect(credentials).toHaveBeenCalledOnce();
    expect(createClient).toHaveBeenCalledExactlyOnceWith({ secretId: 'AKID-test', secretKey: 'key' }, 'ap-guangzhou');
  });

  it('treats a send status other than Ok as a failure: invalid numbers, frequency limits and the rest told apart', async () => {
    const cases: [string, SmsRefused['reason']][] = [
      ['InvalidParameterValue.IncorrectPhoneNumber', 'invalid_number'],
      ['FailedOperation.PhoneNumberInBlacklist', 'invalid_number'],
      ['LimitExceeded.PhoneNumberThirtySecondLimit', 'throttled'],
      ['LimitExceeded.PhoneNumberDailyLimit', 'throttled'],
      ['FailedOperation.TemplateIncorrectOrUnapproved', 'rejected'],
      ['FailedOperation.SignatureIncorrectOrUnapproved', 'rejected'],
      ['FailedOperation.InsufficientBalanceInSmsPackage', 'rejected'],
    ];
    for (const [code, reason] of cases) {
      const { sms } = sender(async () => status(code));
      await expect(sms.send(REQUEST), code).rejects.toEqual(new SmsRefused(reason, 'tencent', code));
    }
  });

  it('counts an answer without a send status as no acceptance', async () => {
    const { sms } = sender(async () => ({ SendStatusSet: [], RequestId: 'r-1' }));
    await expect(sms.send(REQUEST)).rejects.toEqual(new SmsRefused('rejected', 'tencent', 'NoSendStatus'));
  });

  it('classifies Tencent’s thrown answers by code, and passes network failures on without their message', async () => {
    const limited = sender(async () => {
      throw Object.assign(new Error('请求频率超限'), { code: 'RequestLimitExceeded', requestId: 'r-2' });
    });
    await expect(limited.sms.send(REQUEST)).rejects.toEqual(new SmsRefused('throttled', 'tencent', 'RequestLimitExceeded'));

    const network = sender(async () => {
      throw new Error('request to https://sms.tencentcloudapi.com/ failed, reason: getaddrinfo ENOTFOUND');
    });
    await expect(network.sms.send(REQUEST)).rejects.toBeInstanceOf(SmsNotSent);
  });
});
