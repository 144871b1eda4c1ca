import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import * as z from 'zod/mini';
import { CLAIM_MAPPINGS } from '../shared/auth/staff-claims.js';
import { ROLES } from '../shared/domain/roles.js';
import { partitionOfRegion, type PartitionFeatures } from './partition.js';

/**
 * One deployment's choices, read from CDK context so that `cdk synth` and
 * `cdk deploy` take them on the command line (`-c region=cn-north-1`) or from
 * a file (`-c config=deploy/liaoning.json`, keys as below; command-line keys
 * win). Validated here, once: a typo fails the synth with the key's path.
 */
const Origin = z.string().check(z.regex(/^https?:\/\/[^/\s]+$/, 'an origin: scheme://host[:port], no path'));

const ClaimMappingConfig = z.union([
  z.enum(Object.keys(CLAIM_MAPPINGS) as [keyof typeof CLAIM_MAPPINGS]),
  z.strictObject({
    role: z.string(),
    unionCode: z.string(),
    username: z.string(),
    roleNames: z.optional(z.record(z.string(), z.enum(ROLES))),
  }),
]);

const IdentityConfig = z.strictObject({
  /** The issuer's `iss`, exactly (Keycloak: https://sso.example.cn/realms/<realm>). */
  issuer: z.url(),
  /** The console's client id at the issuer: the `aud` of its ID tokens. */
  audience: z.string().check(z.minLength(1)),
  jwksUri: z.optional(z.url()),
  claims: z._default(ClaimMappingConfig, 'standard'),
});

/** Retention periods CloudWatch Logs offers from six months up (Cybersecurity Law Art. 21, MLPS 2.0: ≥ 6 months). */
const RETENTION_DAYS = [180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const DeploymentConfigSchema = z.strictObject({
  /** Where the stack goes; a China region switches the partition (infra/partition.ts). Unset: environment-agnostic. */
  region: z.optional(z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as cn-north-1'))),
  account: z.optional(z.string().check(z.regex(/^\d{12}$/))),
  /**
   * The staff issuer. Unset in the `aws` partition: a Cognito user pool is created. Unset in `aws-cn`: the
   * issuer, audience and claim mapping become CloudFormation parameters to give at deploy time.
   */
  identity: z.optional(IdentityConfig),
  /** Cognito only: a hosted sign-in domain prefix (https://<prefix>.auth.<region>.amazoncognito.com). */
  cognitoDomainPrefix: z.optional(z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/))),
  cors: z._default(
    z.strictObject({
      /** The union's web page and WeChat H5 origins: they may call /public/*. */
      publicOrigins: z._default(z.array(Origin), []),
      /** The staff console's origins: they may call the staff routes (and are the sign-in callbacks). */
      staffOrigins: z._default(z.array(Origin), []),
    }),
    { publicOrigins: [], staffOrigins: [] },
  ),
  /** A custom (in China: ICP-filed) domain for the API; the execute-api endpoint is then disabled. */
  domain: z.optional(
    z.strictObject({
      name: z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'a lower-case domain name')),
      certificateArn: z.string().check(z.regex(/^arn:aws(-cn)?:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/)),
      /** Path under the domain the API answers at; empty: the root. */
      basePath: z._default(z.string(), ''),
    }),
  ),
  /**
   * How SMS reaches workers (infra/background-jobs.ts checks it whole): `{ provider: sns | aliyun | tencent,
   * templates, sdkAppId?, region?, credentialsSecretArn? }`. Unset: SNS in the aws partition; in China, Alibaba
   * Cloud SMS with its approved template codes given as stack parameters at deploy time.
   */
  sms: z.optional(z.record(z.string(), z.unknown())),
  /** Days every log group keeps its records (functions, API access and execution logs). */
  logRetentionDays: z._default(
    z.number().check(
      z.refine((days) => (RETENTION_DAYS as readonly number[]).includes(days), {
        message: `one of ${RETENTION_DAYS.join(', ')} (at least 180: six months of network logs)`,
      }),
    ),
    365,
  ),
});

export type DeploymentConfigInput = z.input<typeof DeploymentConfigSchema>;
export type ParsedDeploymentConfig = z.output<typeof DeploymentConfigSchema>;

export type StaffIdentitySource =
  | { readonly kind: 'cognito'; readonly domainPrefix?: string }
  | {
      readonly kind: 'oidc';
      readonly issuer: string;
      readonly audience: string;
      readonly jwksUri?: string;
      readonly claims: z.output<typeof ClaimMappingConfig>;
    }
  /** aws-cn without an issuer in the configuration: the deployer gives it as stack parameters. */
  | { readonly kind: 'parameters' };

export interface Deployment extends Omit<ParsedDeploymentConfig, 'identity' | 'cognitoDomainPrefix'> {
  readonly features: PartitionFeatures;
  readonly identity: StaffIdentitySource;
  readonly logRetention: logs.RetentionDays;
}

export class DeploymentConfigError extends Error {
  override readonly name = 'DeploymentConfigError';
}

/** Context keys this module reads; `config` names a JSON file holding any of the others. */
export const CONTEXT_KEYS = [
  'region',
  'account',
  'identity',
  'cognitoDomainPrefix',
  'cors',
  'domain',
  'logRetentionDays',
  'sms',
] as const;

/** `-c key=value` arrives as a string; JSON-looking values are objects or numbers. */
function contextValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (/^[[{]/.test(trimmed) || /^\d+$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch (error) {
      throw new DeploymentConfigError(`Context value ${trimmed.slice(0, 40)}… is not valid JSON: ${(error as Error).message}`);
    }
  }
  return value;
}

/** Reads and validates the deployment's configuration from an app's context (and the file it names). */
export function deploymentFromContext(scope: Construct, repoRoot: string): Deployment {
  const fromFile = (() => {
    const file = scope.node.tryGetContext('config') as string | undefined;
    if (!file) return {};
    try {
      return JSON.parse(readFileSync(path.resolve(repoRoot, file), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new DeploymentConfigError(`Cannot read the deployment configuration ${file}: ${(error as Error).message}`);
    }
  })();
  const input: Record<string, unknown> = { ...fromFile };
  for (const key of CONTEXT_KEYS) {
    const value = scope.node.tryGetContext(key) as unknown;
    if (value !== undefined) input[key] = contextValue(value);
  }
  return resolveDeployment(input);
}

export function resolveDeployment(input: unknown): Deployment {
  const parsed = DeploymentConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new DeploymentConfigError(`The deployment configuration is not valid:\n${problems.join('\n')}`);
  }
  const { identity, cognitoDomainPrefix, ...config } = parsed.data;
  const features = partitionOfRegion(config.region);
  let source: StaffIdentitySource;
  if (identity) {
    source = { kind: 'oidc', ...identity };
  } else if (features.cognitoUserPools) {
    source = { kind: 'cognito', ...(cognitoDomainPrefix ? { domainPrefix: cognitoDomainPrefix } : {}) };
  } else {
    source = { kind: 'parameters' };
  }
  if (config.sms?.provider === 'sns' && !features.snsSms) {
    throw new DeploymentConfigError(`sms.provider: SNS sends no SMS in ${features.partition}; use aliyun or tencent.`);
  }
  if (cognitoDomainPrefix && source.kind !== 'cognito') {
    throw new DeploymentConfigError('cognitoDomainPrefix applies only when the stack creates a Cognito user pool.');
  }
  return { ...config, features, identity: source, logRetention: config.logRetentionDays as logs.RetentionDays };
}

const DEPLOYMENT_CONTEXT_KEY = 'weiquan:deployment';

/** Makes the deployment readable from every construct below the stack (call before adding any). */
export function attachDeployment(stack: Stack, deployment: Deployment): void {
  stack.node.setContext(DEPLOYMENT_CONTEXT_KEY, deployment);
}

/** The deployment of the stack a construct belongs to. */
export function deploymentOf(scope: Construct): Deployment {
  const deployment = scope.node.tryGetContext(DEPLOYMENT_CONTEXT_KEY) as Deployment | undefined;
  if (!deployment) throw new Error(`${scope.node.path} is not inside a Weiquan stack (no deployment attached)`);
  return deployment;
}
