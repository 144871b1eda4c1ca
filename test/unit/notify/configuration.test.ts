import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notificationSenders, smsSender } from '../../../shared/composition/notification-senders.js';
import { AliyunSmsSender } from '../../../shared/notify/aliyun-sms.js';
import { consoleSms, consoleStaffNotices } from '../../../shared/notify/console-sender.js';
import { SmsConfigurationError, smsSettingsFrom } from '../../../shared/notify/sms-config.js';
import { SnsSmsSender } from '../../../shared/notify/sns-sender.js';
import { TencentSmsSender } from '../../../shared/notify/tencent-sms.js';
import { forgetSecretValues, secretJson } from '../../../shared/security/secret-json.js';

const CODES = JSON.stringify({
  case_acknowledged: 'SMS_1',
  case_acknowledged_online: 'SMS_2',
  case_assigned: 'SMS_3',
  case_closed: 'SMS_4',
});
const SECRET = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:sms-AbCdEf';

describe('SMS settings from the environment the stack sets', () => {
  it('selects SNS when nothing is set, and needs nothing more for it', () => {
    expect(smsSettingsFrom({})).toEqual({ provider: 'sns' });
    expect(smsSender(smsSettingsFrom({ SMS_PROVIDER: 'sns' }))).toBeInstanceOf(SnsSmsSender);
  });

  it('reads Alibaba’s and Tencent’s template codes, keys secret, SMS app and region', () => {
    const aliyun = smsSettingsFrom({ SMS_PROVIDER: 'aliyun', SMS_TEMPLATE_CODES: CODES, SMS_CREDENTIALS_SECRET_ARN: SECRET });
    expect(aliyun).toEqual({ provider: 'aliyun', templateCodes: JSON.parse(CODES), credentialsSecretArn: SECRET });
    expect(smsSender(aliyun)).toBeInstanceOf(AliyunSmsSender);

    const tencent = smsSettingsFrom({
      SMS_PROVIDER: 'tencent',
      SMS_TEMPLATE_CODES: CODES,
      SMS_CREDENTIALS_SECRET_ARN: SECRET,
      SMS_SDK_APP_ID: '1400123456',
      SMS_REGION: 'ap-beijing',
    });
    expect(tencent).toEqual({
      provider: 'tencent',
      templateCodes: JSON.parse(CODES),
      credentialsSecretArn: SECRET,
      sdkAppId: '1400123456',
      region: 'ap-beijing',
    });
    expect(smsSender(tencent)).toBeInstanceOf(TencentSmsSender);
  });

  it('names what is missing or wrong, never a value', () => {
    const base = { SMS_PROVIDER: 'aliyun', SMS_CREDENTIALS_SECRET_ARN: SECRET };
    expect(() => smsSettingsFrom({ SMS_PROVIDER: 'twilio' })).toThrow(SmsConfigurationError);
    expect(() => smsSettingsFrom(base)).toThrow('SMS_TEMPLATE_CODES must be set for SMS_PROVIDER=aliyun');
    expect(() => smsSettingsFrom({ ...base, SMS_TEMPLATE_CODES: '{' })).toThrow('SMS_TEMPLATE_CODES is not JSON');
    expect(() => smsSettingsFrom({ ...base, SMS_TEMPLATE_CODES: '{"case_closed":"SMS_4","case_reopened":"SMS_9"}' })).toThrow(
      'SMS_TEMPLATE_CODES: no template code for case_acknowledged_online, case_acknowledged, case_assigned; ' +
        'template codes for unknown templates case_reopened',
    );
    expect(() =>
      smsSettingsFrom({ SMS_PROVIDER: 'tencent', SMS_TEMPLATE_CODES: CODES, SMS_CREDENTIALS_SECRET_ARN: SECRET }),
    ).toThrow('SMS_SDK_APP_ID must be set for SMS_PROVIDER=tencent');
  });

  it('fails the first SMS, not the function, when the setting is wrong (early warnings keep running)', async () => {
    const senders = notificationSenders({ SMS_PROVIDER: 'aliyun', STAFF_NOTICES_TOPIC_ARN: 'arn:topic' });
    await expect(
      senders.sms.send({ phoneNumber: '13900000000', template: 'case_closed', params: { caseNumber: 'x' }, signName: 's' }),
    ).rejects.toThrow(SmsConfigurationError);
  });
});

describe('the provider keys secret', () => {
  const secrets = mockClient(SecretsManagerClient);

  beforeEach(() => {
    secrets.reset();
    forgetSecretValues();
  });

  it('is read once per container and parsed as JSON', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '{"secretId":"AKID","secretKey":"k"}' });

    expect(await secretJson(SECRET)).toEqual({ secretId: 'AKID', secretKey: 'k' });
    expect(await secretJson(SECRET)).toEqual({ secretId: 'AKID', secretKey: 'k' });

    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: SECRET }]);
  });

  it('is read again after a failure, and never quoted when it is not JSON', async () => {
    secrets.on(GetSecretValueCommand).rejectsOnce(new Error('AccessDenied')).resolves({ SecretString: 'hunter2' });

    await expect(secretJson(SECRET)).rejects.toThrow('AccessDenied');
    await expect(secretJson(SECRET)).rejects.toThrow(/^The SMS credentials secret is not JSON$/);
  });
});

describe('the console (npm start)', () => {
  it('prints the template, the masked number, the parameters and the signed text', async () => {
    const log = vi.fn();
    await consoleSms(log).send({
      phoneNumber: '13912340000',
      template: 'case_closed',
      params: { caseNumber: '210102-20261201-0001' },
      signName: '沈阳市和平区总工会',
    });
    expect(log).toHaveBeenCalledExactlyOnceWith(
      '[would send] case_closed → SMS 139****0000 {"caseNumber":"210102-20261201-0001"}: ' +
        '【沈阳市和平区总工会】您的案件210102-20261201-0001已办结。我们将进行回访，欢迎对服务作出评价。',
    );
  });

  it('prints staff notices with their recipient', async () => {
    const log = vi.fn();
    await consoleStaffNotices(log).send(
      {
        caseId: 'c',
        messageId: 'm',
        createdAt: '2026-12-01T00:00:00.000Z',
        channel: 'staff_notice',
        recipient: { kind: 'legal_department', unionCode: '210102' },
        unionCode: '210102',
        template: 'deadline_missed',
        params: { caseNumber: '210102-20261201-0001', clocks: '首次响应' },
      },
      { kind: 'legal_department', unionCode: '210102' },
    );
    expect(log).toHaveBeenCalledExactlyOnceWith(
      '[would send] deadline_missed → legal department 210102 {"caseNumber":"210102-20261201-0001","clocks":"首次响应"}: ' +
        '督办：案件210102-20261201-0001已超过首次响应，请尽快处理。',
    );
  });
});
