import type { sms } from 'tencentcloud-sdk-nodejs-sms';
import { orderedParams } from '../domain/notifications.js';
import { SmsNotSent, type SmsRequest, type SmsSender } from '../usecases/notify.js';
import { keptOnceMade, refusals } from './provider-answers.js';
import type { TemplateCodes } from './sms-config.js';

type SdkClient = InstanceType<typeof sms.v20210111.Client>;

export interface TencentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
}

/** The part of the SDK client this adapter uses (tests pass a mock). */
export type TencentSmsClient = Pick<SdkClient, 'SendSms'>;

export interface TencentSmsOptions {
  readonly templateCodes: TemplateCodes;
  /** The SMS application (SmsSdkAppId) the templates and signatures are registered under. */
  readonly sdkAppId: string;
  /** Read once, when the first message needs the client. */
  readonly credentials: () => Promise<TencentCredentials>;
  /** API region, `ap-guangzhou` by default. */
  readonly region?: string;
  /** Builds the client; defaults to the SDK's. */
  readonly createClient?: (credentials: TencentCredentials, region: string) => TencentSmsClient;
}

/** Tencent Cloud's send-status codes that need telling apart: a number that can never receive, and frequency limits. */
const refusal = refusals('tencent', {
  invalidNumber: new Set(['InvalidParameterValue.IncorrectPhoneNumber', 'FailedOperation.PhoneNumberInBlacklist']),
  throttled: /^(LimitExceeded|RequestLimitExceeded)/,
});

/**
 * Tencent Cloud SMS (API 2021-01-11, SendSms): the template's ID registered
 * by the union, its parameters as an ordered list ({1}, {2}, … in the
 * template table's order), the SMS application and the union's signature.
 */
export class TencentSmsSender implements SmsSender {
  private readonly client = keptOnceMade(() => this.makeClient());

  constructor(private readonly options: TencentSmsOptions) {}

  async send({ phoneNumber, template, params, signName }: SmsRequest): Promise<void> {
    const client = await this.client();
    let statuses;
    try {
      ({ SendStatusSet: statuses } = await client.SendSms({
        PhoneNumberSet: [`+86${phoneNumber}`],
        SmsSdkAppId: this.options.sdkAppId,
        SignName: signName,
        TemplateId: this.options.templateCodes[template],
        TemplateParamSet: orderedParams(template, params),
      }));
    } catch (error) {
      // Tencent's API-level answers (bad keys, rate limits) are thrown with its code and a request id; their message
      // is not kept. Network failures have neither and are passed on without their message (retried).
      const answer = error as { code?: unknown; requestId?: unknown } | undefined;
      if (typeof answer?.code === 'string' && typeof answer.requestId === 'string' && answer.requestId !== '') {
        throw refusal(answer.code);
      }
      throw new SmsNotSent('tencent', error instanceof Error ? error.name : 'unknown');
    }
    // One number, one status; a missing status is no acceptance.
    const code = statuses?.[0]?.Code ?? 'NoSendStatus';
    if (code !== 'Ok') throw refusal(code);
  }

  private async makeClient(): Promise<TencentSmsClient> {
    const credentials = await this.options.credentials();
    const region = this.options.region ?? 'ap-guangzhou';
    if (this.options.createClient) return this.options.createClient(credentials, region);
    // Loaded on first use, so a deployment on another provider never initialises this SDK.
    const { sms: sdk } = await import('tencentcloud-sdk-nodejs-sms');
    return new sdk.v20210111.Client({
      credential: { secretId: credentials.secretId, secretKey: credentials.secretKey },
      region,
      profile: { httpProfile: { endpoint: 'sms.tencentcloudapi.com' } },
    });
  }
}
