import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ROUTES, type RouteEntry } from '../functions/routes.js';
import { JOBS, type JobEntry } from '../functions/jobs.js';
import { ApiFirewall } from './api-firewall.js';
import { BackgroundJobs } from './background-jobs.js';
import { DataTable } from './data-table.js';
import { WeiquanApi } from './rest-api.js';
import { attachDeployment, deploymentFromContext, type Deployment } from './deployment-config.js';
import { RouteFunction, routeSpec } from './route-function.js';
import { smsSettingOf } from './sms-setting.js';
import { StaffIdentity } from './staff-identity.js';
import { StaticSite, type StaticHosting } from './static-site.js';

/** The repository root: route entries are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface WeiquanStackProps extends StackProps {
  /** Defaults to the route table. */
  readonly routes?: readonly RouteEntry[];
  /** Defaults to the background jobs (functions/jobs.ts). */
  readonly jobs?: readonly JobEntry[];
  /** Defaults to this repository. */
  readonly repoRoot?: string;
  /** API stage name, the first path segment of the execute-api URL. */
  readonly stageName?: string;
  /** WAF rate limits, requests per IP per 5 minutes. */
  readonly rateLimits?: { readonly api?: number; readonly public?: number };
  /** This deployment's choices; defaults to the app's context (infra/deployment-config.ts). */
  readonly deployment?: Deployment;
  /** Web pages: `cloudfront` (default in `aws`) or `none` (default elsewhere); see infra/static-site.ts. */
  readonly staticHosting?: StaticHosting;
  /** The built pages; defaults to web/dist in the repository. */
  readonly webDist?: string;
}

/**
 * Everything Weiquan runs on, with no lookups, so it synthesizes offline
 * without credentials: one DynamoDB table, the staff identity (a Cognito user
 * pool or the union's own issuer) and its authorizer, one function per route
 * table entry, the REST API and its WAF. The region, when configured, picks
 * the partition; what the China regions lack switches in infra/partition.ts.
 */
export class WeiquanStack extends Stack {
  readonly data: DataTable;
  readonly phoneHashSecret: secretsmanager.Secret;
  readonly cursorSecret: secretsmanager.Secret;
  readonly deployment: Deployment;
  readonly identity: StaffIdentity;
  /** Each route's function construct, by contract name. */
  readonly routeFunctions: ReadonlyMap<string, RouteFunction>;
  readonly api: WeiquanApi;
  readonly firewall: ApiFirewall;
  readonly jobs: BackgroundJobs;
  readonly site: StaticSite;

  constructor(scope: Construct, id: string, props: WeiquanStackProps = {}) {
    const { routes = ROUTES, jobs = JOBS, repoRoot = REPO_ROOT, stageName = 'v1', rateLimits = {}, ...stackProps } = props;
    const deployment = props.deployment ?? deploymentFromContext(scope, repoRoot);
    super(scope, id, {
      description: 'Weiquan: labour-dispute intake and routing for trade union legal aid',
      ...(deployment.region
        ? { env: { region: deployment.region, ...(deployment.account ? { account: deployment.account } : {}) } }
        : {}),
      ...stackProps,
    });
    this.deployment = deployment;
    attachDeployment(this, deployment);
    const logRetention = deployment.logRetention;

    this.data = new DataTable(this, 'Data');

    // Key of the HMAC that turns phone numbers into the caller look-up index key.
    this.phoneHashSecret = new secretsmanager.Secret(this, 'PhoneHashKey', {
      description: 'HMAC key for phone-number hashes (caller look-up). Do not rotate: stored hashes would stop matching.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.phoneHashSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'HMAC key whose outputs are stored as the casesByPhoneHash index key; rotating it would make every earlier ' +
        'case unfindable by caller phone number. Re-keying needs a planned migration (re-hash every case), not rotation.',
    });

    // Key of the HMAC that binds a list's page cursors to the query they came from (shared/usecases/cursor.ts).
    this.cursorSecret = new secretsmanager.Secret(this, 'CursorKey', {
      description: 'HMAC key for page cursors. Replacing it only makes outstanding cursors answer 400 (start again).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'HMAC key for short-lived page cursors, read once per container: replacing it by hand (or by redeploying a new ' +
        'secret) is safe at any time, so a rotation function would add a Lambda and nothing of value.',
    });

    this.identity = new StaffIdentity(this, 'StaffIdentity', {
      repoRoot,
      data: this.data,
      phoneHashSecret: this.phoneHashSecret,
      logRetention,
    });

    const names = new Set<string>();
    const routeFunctions = new Map<string, RouteFunction>();
    for (const route of routes) {
      const { name } = route.contract;
      if (names.has(name)) throw new Error(`Duplicate route name ${name} in the route table`);
      names.add(name);
      routeFunctions.set(
        name,
        new RouteFunction(this, `Route-${name}`, {
          spec: routeSpec(route),
          repoRoot,
          data: this.data,
          phoneHashSecret: this.phoneHashSecret,
          cursorSecret: this.cursorSecret,
          logRetention,
        }),
      );
    }
    this.routeFunctions = routeFunctions;

    this.jobs = new BackgroundJobs(this, 'Jobs', {
      jobs,
      repoRoot,
      data: this.data,
      phoneHashSecret: this.phoneHashSecret,
      logRetention,
      sms: smsSettingOf(this, deployment),
    });

    this.api = new WeiquanApi(this, 'Api', {
      routes,
      functions: new Map([...routeFunctions].map(([name, construct]) => [name, construct.function])),
      authorizerFunction: this.identity.authorizerFunction,
      stageName,
      accessLogRetention: logRetention,
      throttling: { rateLimit: 50, burstLimit: 100 },
    });

    this.firewall = new ApiFirewall(this, 'Firewall', {
      stage: this.api.restApi.deploymentStage,
      stageName,
      apiRateLimit: rateLimits.api ?? 1000,
      publicRateLimit: rateLimits.public ?? 100,
    });

    this.site = new StaticSite(this, 'Site', {
      ...(props.staticHosting ? { hosting: props.staticHosting } : {}),
      sourceDir: props.webDist ?? path.join(repoRoot, 'web/dist'),
      apiUrl: this.api.url,
    });
    if (this.site.distribution) {
      new CfnOutput(this, 'WebUrl', { value: `https://${this.site.distribution.distributionDomainName}/h5/` });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API' });
    if (this.api.domain) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: this.api.domain.domainNameAliasDomainName,
        description: `Point a CNAME for ${deployment.domain!.name} at this name`,
      });
    } else if (deployment.features.needsIcpDomain) {
      Annotations.of(this).addInfo(
        'China regions: the execute-api URL is not reachable from the internet without an ICP-filed domain. ' +
          'Configure `domain` (name and ACM certificate ARN) before going live; see docs/DEPLOY-CHINA.md.',
      );
    }
    new CfnOutput(this, 'StaffIssuer', { value: this.identity.issuer, description: 'OpenID Connect issuer staff sign in with' });
    const { cognito } = this.identity;
    if (cognito) {
      new CfnOutput(this, 'UserPoolId', { value: cognito.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: cognito.client.userPoolClientId });
    }
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'StaffNoticesTopicArn', { value: this.jobs.staffNotices.topicArn });
  }
}
