import type { SendSmsRequest, SendSmsResponse } from '@alicloud/dysmsapi20170525';
import { SmsNotSent, type SmsRequest, type SmsSender } from '../usecases/notify.js';
import { templateParams } from '../domain/notifications.js';
import { keptOnceMade, refusals } from './provider-answers.js';
import type { TemplateCodes } from './sms-config.js';

export interface AliyunCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** The part of the SDK client this adapter uses (tests pass a mock). */
export interface AliyunSmsClient {
  sendSms(request: SendSmsRequest): Promise<SendSmsResponse>;
}

export interface AliyunSmsOptions {
  readonly templateCodes: TemplateCodes;
  /** Read once, when the first message needs the client. */
  readonly credentials: () => Promise<AliyunCredentials>;
  /** API region, `cn-hangzhou` by default (the SMS API is central: every region reaches the same service). */
  readonly region?: string;
  /** Builds the client; defaults to the SDK's. */
  readonly createClient?: (credentials: AliyunCredentials, region: string) => AliyunSmsClient;
}

type Sdk = typeof import('@alicloud/dysmsapi20170525');

/** Loaded on first use, so a deployment on another provider never initialises this SDK. */
let sdk: Promise<Sdk> | undefined;
const loadSdk = (): Promise<Sdk> => (sdk ??= import('@alicloud/dysmsapi20170525'));

/** The SDK client class, whichever way the CommonJS module's default export reached us (Node, esbuild). */
function clientClass(module: Sdk): Sdk['default'] {
  const exported = module.default as Sdk['default'] | { default: Sdk['default'] };
  return 'default' in exported ? exported.default : exported;
}

/** Alibaba Cloud's answer codes that need telling apart: a number that can never receive, and flow control. */
const refusal = refusals('aliyun', {
  invalidNumber: new Set(['isv.MOBILE_NUMBER_ILLEGAL']),
  throttled: /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|Throttling)/,
});

/**
 * Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms): the template's code
 * registered by the union, its parameters as a JSON object of named values,
 * and the union's approved signature, which Alibaba puts in front of the text.
 */
export class AliyunSmsSender implements SmsSender {
  private readonly client = keptOnceMade(() => this.makeClient());

  constructor(private readonly options: AliyunSmsOptions) {}

  async send({ phoneNumber, template, params, signName }: SmsRequest): Promise<void> {
    const { SendSmsRequest } = await loadSdk();
    const client = await this.client();
    let response: SendSmsResponse;
    try {
      response = await client.sendSms(
        new SendSmsRequest({
          phoneNumbers: phoneNumber,
          signName,
          templateCode: this.options.templateCodes[template],
          templateParam: JSON.stringify(templateParams(template, params)),
        }),
      );
    } catch (error) {
      // Alibaba's answers the SDK throws (HTTP 4xx/5xx: throttling, bad keys) carry its code and status; their
      // message is not kept. Network failures have neither and are passed on without their message (retried).
      const answer = error as { code?: unknown; statusCode?: unknown } | undefined;
      if (typeof answer?.code === 'string' && typeof answer.statusCode === 'number') throw refusal(answer.code);
      throw new SmsNotSent('aliyun', error instanceof Error ? error.name : 'unknown');
    }
    const code = response.body?.code ?? 'NoAnswer';
    if (code !== 'OK') throw refusal(code);
  }

  private async makeClient(): Promise<AliyunSmsClient> {
    const credentials = await this.options.credentials();
    const region = this.options.region ?? 'cn-hangzhou';
    if (this.options.createClient) return this.options.createClient(credentials, region);
    const Client = clientClass(await loadSdk());
    return new Client({
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      regionId: region,
      endpoint: 'dysmsapi.aliyuncs.com',
    } as ConstructorParameters<typeof Client>[0]);
  }
}
