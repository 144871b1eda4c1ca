import * as path from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { RouteEntry } from '../functions/routes.js';
import type { DataAccess } from '../shared/http/contract.js';
import { BUNDLING, LAMBDA_NODE_MAJOR } from './bundling.js';
import type { DataTable } from './data-table.js';
import { CORS_ENV } from '../shared/http/cors.js';
import { deploymentOf } from './deployment-config.js';
import { FUNCTION_ENV } from '../shared/config/environment.js';

/** Table actions that write items: only these functions may encrypt under the table key. */
const WRITE_ACTIONS: ReadonlySet<string> = new Set([
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
]);

/** The Lambda runtime matching LAMBDA_NODE_MAJOR (shared with the benchmark). */
export function lambdaRuntime(): lambda.Runtime {
  const runtime = (lambda.Runtime as unknown as Record<string, lambda.Runtime | undefined>)[`NODEJS_${LAMBDA_NODE_MAJOR}_X`];
  if (!runtime) throw new Error(`aws-cdk-lib has no Runtime.NODEJS_${LAMBDA_NODE_MAJOR}_X`);
  return runtime;
}

/** What a function needs to be built: its code, what it may touch, how long it may run. */
export interface FunctionSpec {
  readonly name: string;
  readonly description: string;
  /** Handler module, relative to the repository root. */
  readonly entry: string;
  readonly data: DataAccess;
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  /** Packages left out of the bundle: code paths this deployment never takes (an SMS provider it does not use). */
  readonly excludedPackages?: readonly string[];
}

/** A route's function, from its route table entry. */
export function routeSpec(route: RouteEntry): FunctionSpec {
  const { contract, entry } = route;
  return {
    name: contract.name,
    description: `${contract.name}: ${contract.method} ${contract.path}`,
    entry,
    data: contract.data,
  };
}

export interface RouteFunctionProps {
  readonly spec: FunctionSpec;
  readonly repoRoot: string;
  readonly data: DataTable;
  readonly phoneHashSecret: secretsmanager.ISecret;
  /** Needed only by functions whose data access asks for the cursor key (lists that page). */
  readonly cursorSecret?: secretsmanager.ISecret;
  readonly logRetention: logs.RetentionDays;
}

/**
 * One function (a route's, or a background job's) with its own role, log
 * group and data grants. The grants are derived from its declared data access
 * (`data.actions`, `data.indexes`, `data.phoneHashKey`, `data.cursorKey`), which for routes is
 * the contract, so the handler and its permissions cannot drift apart.
 */
export class RouteFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** The contract-derived data permissions, absent when the route touches no data. */
  readonly dataPolicy?: iam.Policy;

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    super(scope, id);
    const { spec } = props;
    const { actions, indexes, phoneHashKey = false, cursorKey = false } = spec.data;
    const stack = Stack.of(this);
    const cursorSecret = cursorKey ? props.cursorSecret : undefined;
    if (cursorKey && !cursorSecret) throw new Error(`${spec.name} pages with cursors but was given no cursor secret`);
    const deployment = deploymentOf(this);

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });

    // An explicit role instead of AWSLambdaBasicExecutionRole: logs go to this
    // function's own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${spec.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(props.repoRoot, spec.entry),
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: path.join(props.repoRoot, 'package-lock.json'),
      runtime: lambdaRuntime(),
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: spec.timeout ?? Duration.seconds(10),
      tracing: deployment.features.lambdaXRay ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      role: this.role,
      logGroup: this.logGroup,
      description: spec.description,
      environment: {
        [FUNCTION_ENV.tableName]: props.data.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'weiquan',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(phoneHashKey ? { [FUNCTION_ENV.phoneHashSecretArn]: props.phoneHashSecret.secretArn } : {}),
        ...(cursorSecret ? { [FUNCTION_ENV.cursorSecretArn]: cursorSecret.secretArn } : {}),
        // Which browser origins may read the answers (shared/http/cors.ts); API Gateway answers the preflights.
        ...(deployment.cors.publicOrigins.length > 0
          ? { [CORS_ENV.publicOrigins]: deployment.cors.publicOrigins.join(',') }
          : {}),
        ...(deployment.cors.staffOrigins.length > 0 ? { [CORS_ENV.staffOrigins]: deployment.cors.staffOrigins.join(',') } : {}),
        ...spec.environment,
      },
      bundling: {
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourcemap,
        target: BUNDLING.target,
        format: OutputFormat.ESM,
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        externalModules: [...BUNDLING.external, ...(spec.excludedPackages ?? [])],
        forceDockerBundling: false,
      },
    });

    // Lambda's role default policy holds only what the runtime needs (logs
    // above, X-Ray added by `tracing`). X-Ray's PutTraceSegments and
    // PutTelemetryRecords support no resource-level permissions.
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy && deployment.features.lambdaXRay) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only xray:PutTraceSegments and xray:PutTelemetryRecords use Resource "*": X-Ray supports no resource-level ' +
          'permissions for them (https://docs.aws.amazon.com/xray/latest/devguide/security_iam_service-with-iam.html). ' +
          'Table, key and secret grants live in the separate DataAccess policy, which has no wildcard.',
      });
    }

    const statements: iam.PolicyStatement[] = [];
    if (actions.length > 0) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'Table',
          actions: [...actions],
          resources: [props.data.table.tableArn, ...indexes.map((name) => props.data.indexArn(name))],
        }),
        new iam.PolicyStatement({
          sid: 'TableKey',
          actions: actions.some((action) => WRITE_ACTIONS.has(action))
            ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']
            : ['kms:Decrypt'],
          resources: [props.data.key.keyArn],
          // The key is usable only through DynamoDB, not to decrypt arbitrary blobs.
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
        }),
      );
    }
    if (phoneHashKey) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'PhoneHashKey',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [props.phoneHashSecret.secretArn],
        }),
      );
    }
    if (cursorSecret) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'CursorKey',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [cursorSecret.secretArn],
        }),
      );
    }
    if (statements.length > 0) {
      this.dataPolicy = new iam.Policy(this, 'DataAccess', { roles: [this.role], statements });
    }
  }
}
