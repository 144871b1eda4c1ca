import { SMS_TEMPLATES, type SmsTemplate } from '../domain/notifications.js';

/**
 * How the stream function learns which SMS provider to use: environment
 * variables the stack sets (infra/background-jobs.ts) from its `sms` setting,
 * and `npm start` sets to `console`. Declared once here for both.
 */
export const SMS_PROVIDERS = ['sns', 'aliyun', 'tencent', 'console'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

export const SMS_ENV = {
  provider: 'SMS_PROVIDER',
  /** JSON: template kind → the provider's template code (Alibaba `SMS_123…`) or ID (Tencent `1234567`). */
  templateCodes: 'SMS_TEMPLATE_CODES',
  /** Secrets Manager secret with the provider's keys (JSON). */
  credentialsSecretArn: 'SMS_CREDENTIALS_SECRET_ARN',
  /** Tencent Cloud's SmsSdkAppId (the SMS application). */
  sdkAppId: 'SMS_SDK_APP_ID',
  /** The provider's API region (Alibaba `cn-hangzhou`, Tencent `ap-guangzhou` by default). */
  region: 'SMS_REGION',
} as const;

/** Each mainland provider's SDK: bundled only into a deployment that selects that provider (infra/background-jobs.ts). */
export const SMS_PROVIDER_PACKAGES = {
  aliyun: '@alicloud/dysmsapi20170525',
  tencent: 'tencentcloud-sdk-nodejs-sms',
} as const;

export type TemplateCodes = Readonly<Record<SmsTemplate, string>>;

export type SmsSettings =
  | { readonly provider: 'sns' | 'console' }
  | {
      readonly provider: 'aliyun';
      readonly templateCodes: TemplateCodes;
      readonly credentialsSecretArn: string;
      readonly region?: string;
    }
  | {
      readonly provider: 'tencent';
      readonly templateCodes: TemplateCodes;
      readonly credentialsSecretArn: string;
      readonly sdkAppId: string;
      readonly region?: string;
    };

/** The SMS setup is incomplete or wrong: a deployment error, reported without any secret value. */
export class SmsConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsConfigurationError';
  }
}

/**
 * What is wrong with a template-code mapping: every SMS template needs a
 * non-empty code, and nothing else may be mapped (a typo would otherwise
 * leave a template unmapped). Empty when it is complete. The stack checks
 * this at synth, the function again at its first message.
 */
export function templateCodeProblems(codes: unknown): string[] {
  if (typeof codes !== 'object' || codes === null || Array.isArray(codes)) return ['template codes must be a JSON object'];
  const entries = codes as Record<string, unknown>;
  const missing = SMS_TEMPLATES.filter((template) => typeof entries[template] !== 'string' || entries[template] === '');
  const unknown = Object.keys(entries).filter((key) => !(SMS_TEMPLATES as readonly string[]).includes(key));
  return [
    ...(missing.length > 0 ? [`no template code for ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`template codes for unknown templates ${unknown.join(', ')}`] : []),
  ];
}

function required(env: Readonly<Record<string, string | undefined>>, name: string, provider: string): string {
  const value = env[name];
  if (!value) throw new SmsConfigurationError(`${name} must be set for SMS_PROVIDER=${provider}`);
  return value;
}

/** Reads and checks the SMS settings (at the first message, not at import). */
export function smsSettingsFrom(env: Readonly<Record<string, string | undefined>>): SmsSettings {
  const provider = env[SMS_ENV.provider] ?? 'sns';
  if (!(SMS_PROVIDERS as readonly string[]).includes(provider)) {
    throw new SmsConfigurationError(`SMS_PROVIDER must be one of ${SMS_PROVIDERS.join(', ')}`);
  }
  if (provider === 'sns' || provider === 'console') return { provider };
  let templateCodes: unknown;
  try {
    templateCodes = JSON.parse(required(env, SMS_ENV.templateCodes, provider));
  } catch (error) {
    if (error instanceof SmsConfigurationError) throw error;
    throw new SmsConfigurationError(`${SMS_ENV.templateCodes} is not JSON`);
  }
  const problems = templateCodeProblems(templateCodes);
  if (problems.length > 0) throw new SmsConfigurationError(`${SMS_ENV.templateCodes}: ${problems.join('; ')}`);
  const common = {
    templateCodes: templateCodes as TemplateCodes,
    credentialsSecretArn: required(env, SMS_ENV.credentialsSecretArn, provider),
    ...(env[SMS_ENV.region] ? { region: env[SMS_ENV.region] } : {}),
  };
  return provider === 'aliyun'
    ? { provider, ...common }
    : { provider: 'tencent', ...common, sdkAppId: required(env, SMS_ENV.sdkAppId, provider) };
}

/** Reads one string field of a provider's credentials secret, naming only the field when it is missing. */
export function credentialField(secret: unknown, field: string): string {
  const value = typeof secret === 'object' && secret !== null ? (secret as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new SmsConfigurationError(`The SMS credentials secret has no "${field}"`);
  }
  return value;
}
