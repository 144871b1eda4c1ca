import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../functions/jobs.js';
import { ROUTES } from '../../functions/routes.js';
import { GATEWAY_ERRORS } from '../../infra/error-responses.js';
import { buildApp, type BuiltApp } from '../../infra/build-app.js';
import { deploymentFromContext } from '../../infra/deployment-config.js';
import { App } from 'aws-cdk-lib';
import { ROLES } from '../../shared/domain/roles.js';
import { isPublic } from '../../shared/http/contract.js';
import { TABLE, projectionOf } from '../../shared/store/table-definition.js';

// Prepare: one synth for the whole file, with bundling skipped (the template
// is the same but for asset hashes). cdk-nag runs during this synth: an
// unacknowledged error would already throw here.
type Json = Record<string, any>;

let built: BuiltApp;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  // Without the web pages, whether or not web/dist happens to be built here (test/infra/static-site.test.ts has them).
  built = buildApp({ bundle: false, stackProps: { staticHosting: 'none' } });
  template = Template.fromStack(built.stack);
  resources = template.toJSON().Resources as Record<string, Json>;
});

function logicalId(construct: IConstruct): string {
  return built.stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

function ofType(type: string): [string, Json][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** The URL path of an API Gateway resource, rebuilt from the template's ParentId chain. */
function resourcePath(resourceId: Json): string {
  if (resourceId['Fn::GetAtt']?.[1] === 'RootResourceId') return '/';
  const resource = resources[resourceId.Ref as string];
  if (!resource) throw new Error(`Unknown API resource ${JSON.stringify(resourceId)}`);
  const parent = resourcePath(resource.Properties.ParentId);
  return `${parent === '/' ? '' : parent}/${resource.Properties.PathPart}`;
}

function methodsAt(apiPath: string, httpMethod: string): Json[] {
  return ofType('AWS::ApiGateway::Method')
    .map(([, method]) => method.Properties)
    .filter((method) => method.HttpMethod === httpMethod && resourcePath(method.ResourceId) === apiPath);
}

function statementsOfRole(roleId: string): Json[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as Json[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Json[]);
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const sortedJson = (values: unknown[]) => values.map((value) => JSON.stringify(value)).sort();

describe('functions: one per route table entry and background job', () => {
  it('creates exactly one function per route, on Node.js 24 / arm64, with tracing, its own log group and no physical name', () => {
    const functions = ofType('AWS::Lambda::Function');
    // One per route and job, and the staff authorizer.
    expect(functions).toHaveLength(ROUTES.length + JOBS.length + 1);

    for (const { contract } of ROUTES) {
      const construct = built.stack.routeFunctions.get(contract.name);
      expect(construct, contract.name).toBeDefined();
      const fn = resources[logicalId(construct!.function)]!.Properties;
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Handler).toBe('index.handler');
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.LoggingConfig.LogGroup).toEqual({ Ref: logicalId(construct!.logGroup) });
      expect(fn.FunctionName).toBeUndefined();

      const env = fn.Environment.Variables;
      expect(env.TABLE_NAME).toEqual({ Ref: logicalId(built.stack.data.table) });
      expect(env.POWERTOOLS_SERVICE_NAME).toBe('weiquan');
      expect(env.POWERTOOLS_LOG_LEVEL).toBe('INFO');
      if (contract.data.phoneHashKey) {
        expect(env.PHONE_HASH_SECRET_ARN).toEqual({ Ref: logicalId(built.stack.phoneHashSecret) });
      } else {
        expect(env.PHONE_HASH_SECRET_ARN).toBeUndefined();
      }
      if (contract.data.cursorKey) {
        expect(env.CURSOR_SECRET_ARN).toEqual({ Ref: logicalId(built.stack.cursorSecret) });
      } else {
        expect(env.CURSOR_SECRET_ARN).toBeUndefined();
      }
    }
  });

  /** Each stream job is invoked only for its own kinds of insert: the deliverer for new outbox messages, the early warning for new cases and accepted transfers. */
  const STREAM_FILTERS: Record<string, unknown[]> = {
    deliverNotifications: [{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['outbox'] } } } }],
    raiseEarlyWarnings: [
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['case'] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['event'] }, type: { S: ['transfer_accepted'] } } } },
    ],
  };

  it('runs each scheduled job on its EventBridge schedule and feeds each stream job only its own kinds of new item', () => {
    for (const job of JOBS) {
      const fn = logicalId(built.stack.jobs.functions.get(job.name)!.function);
      if ('schedule' in job.trigger) {
        const rules = ofType('AWS::Events::Rule').filter(([, rule]) =>
          (rule.Properties.Targets as Json[]).some((target) => target.Arn['Fn::GetAtt']?.[0] === fn),
        );
        expect(rules.map(([, rule]) => rule.Properties.ScheduleExpression)).toEqual([job.trigger.schedule]);
      } else {
        const mapping = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName.Ref === fn)![1]
          .Properties;
        expect(mapping).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'], BisectBatchOnFunctionError: true });
        expect(mapping.DestinationConfig.OnFailure.Destination).toBeDefined();
        const patterns = (mapping.FilterCriteria.Filters as { Pattern: string }[]).map(({ Pattern }) => JSON.parse(Pattern));
        expect(patterns).toEqual(STREAM_FILTERS[job.name]);
      }
    }
  });

  it('gives every function log group an explicit retention', () => {
    for (const [, logGroup] of ofType('AWS::Logs::LogGroup')) {
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });
});

describe('API methods', () => {
  it('exposes each route at its path and method, with the staff token authorizer unless public', () => {
    const authorizerId = logicalId(built.stack.api.authorizer);
    for (const { contract } of ROUTES) {
      const methods = methodsAt(contract.path, contract.method);
      expect(methods, `${contract.method} ${contract.path}`).toHaveLength(1);
      const method = methods[0]!;
      const functionId = logicalId(built.stack.routeFunctions.get(contract.name)!.function);
      expect(method.Integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(method.Integration.Uri)).toContain(functionId);
      if (isPublic(contract.access)) {
        expect(method.AuthorizationType).toBe('NONE');
        expect(method.AuthorizerId).toBeUndefined();
      } else {
        expect(method.AuthorizationType).toBe('CUSTOM');
        expect(method.AuthorizerId).toEqual({ Ref: authorizerId });
      }
    }
    const [[, authorizer]] = ofType('AWS::ApiGateway::Authorizer') as [[string, Json]];
    expect(authorizer.Properties).toMatchObject({
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(
      logicalId(built.stack.identity.authorizerFunction as unknown as IConstruct),
    );
  });

  it('answers other methods on every routed resource with 405 in the error shape', () => {
    const paths = [...new Set(ROUTES.map(({ contract }) => contract.path))];
    for (const apiPath of paths) {
      const methods = methodsAt(apiPath, 'ANY');
      expect(methods, apiPath).toHaveLength(1);
      const { Integration, AuthorizationType, MethodResponses } = methods[0]!;
      expect(AuthorizationType).toBe('NONE');
      expect(Integration.Type).toBe('MOCK');
      expect(Integration.RequestTemplates['application/json']).toBe('{"statusCode": 405}');
      expect(MethodResponses).toEqual([expect.objectContaining({ StatusCode: '405' })]);

      const [response] = Integration.IntegrationResponses as Json[];
      const allowed = ROUTES.filter(({ contract }) => contract.path === apiPath)
        .map(({ contract }) => contract.method)
        .sort();
      expect(response!.ResponseParameters['method.response.header.Allow']).toBe(`'${allowed.join(', ')}'`);
      const body = JSON.parse(response!.ResponseTemplates['application/json'] as string);
      expect(body.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', requestId: '$context.requestId' });
    }
  });

  it('renders gateway errors in the project error shape', () => {
    const expected = [
      'UNAUTHORIZED',
      'ACCESS_DENIED',
      'MISSING_AUTHENTICATION_TOKEN',
      'REQUEST_TOO_LARGE',
      'THROTTLED',
      'WAF_FILTERED',
      'DEFAULT_4XX',
      'DEFAULT_5XX',
    ];
    const responses = new Map(
      ofType('AWS::ApiGateway::GatewayResponse').map(([, r]) => [r.Properties.ResponseType as string, r.Properties]),
    );
    expect([...responses.keys()]).toEqual(expect.arrayContaining(expected));

    for (const error of GATEWAY_ERRORS) {
      const response = responses.get(error.type.responseType)!;
      expect(response.StatusCode).toBe(error.statusCode);
      expect(response.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/json'");
      const vtl = response.ResponseTemplates['application/json'] as string;
      const body = JSON.parse(vtl.replace('$context.error.messageString', '"message from API Gateway"'));
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toEqual({ code: error.code, message: expect.any(String), requestId: '$context.requestId' });
    }
    expect(responses.get('MISSING_AUTHENTICATION_TOKEN')).toMatchObject({ StatusCode: '404' });
    expect(responses.get('DEFAULT_5XX')).toMatchObject({ StatusCode: '500' });
    expect(responses.get('DEFAULT_5XX')!.ResponseTemplates['application/json']).toContain('"INTERNAL"');
  });

  it('logs access as JSON, traces, and logs execution errors without request data', () => {
    const [[stageId, stage]] = ofType('AWS::ApiGateway::Stage') as [[string, Json]];
    const props = stage.Properties;
    expect(props.StageName).toBe('v1');
    expect(props.TracingEnabled).toBe(true);
    expect(props.AccessLogSetting.DestinationArn).toBeDefined();
    const format = JSON.parse(props.AccessLogSetting.Format as string);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(props.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
      }),
    ]);
    expect(stageId).toBe(logicalId(built.stack.api.restApi.deploymentStage));
  });
});

describe('least-privilege grants from the route contracts', () => {
  it('grants each function exactly its contract table actions on the table and its named indexes only', () => {
    const tableArn = { 'Fn::GetAtt': [logicalId(built.stack.data.table), 'Arn'] };
    const keyArn = { 'Fn::GetAtt': [logicalId(built.stack.data.key), 'Arn'] };
    const secretArn = { Ref: logicalId(built.stack.phoneHashSecret) };
    const cursorSecretArn = { Ref: logicalId(built.stack.cursorSecret) };

    for (const { contract } of ROUTES) {
      const { actions, indexes, phoneHashKey, cursorKey } = contract.data;
      const roleId = logicalId(built.stack.routeFunctions.get(contract.name)!.role);
      const statements = statementsOfRole(roleId);
      const actionsOf = (statement: Json) => asArray(statement.Action as string | string[]);

      // No wildcard action anywhere; "*" resources only for X-Ray, which has no resource-level permissions.
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        for (const action of actionsOf(statement)) expect(action, contract.name).not.toContain('*');
        if (asArray(statement.Resource).includes('*')) {
          expect(
            actionsOf(statement).every((action) => action.startsWith('xray:')),
            contract.name,
          ).toBe(true);
        }
      }

      const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
      const kms = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('kms:')));
      if (actions.length === 0) {
        expect(dynamo, contract.name).toEqual([]);
        expect(kms, contract.name).toEqual([]);
      } else {
        expect(dynamo, contract.name).toHaveLength(1);
        expect([...actionsOf(dynamo[0]!)].sort()).toEqual([...actions].sort());
        const expectedResources = [tableArn, ...indexes.map((name) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] }))];
        expect(sortedJson(asArray(dynamo[0]!.Resource))).toEqual(sortedJson(expectedResources));

        const writes = actions.some((action) => action === 'dynamodb:PutItem' || action === 'dynamodb:UpdateItem');
        expect(kms, contract.name).toHaveLength(1);
        expect([...actionsOf(kms[0]!)].sort()).toEqual(
          writes ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
        );
        expect(kms[0]!.Resource).toEqual(keyArn);
      }

      const secrets = statements.filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('secretsmanager:')),
      );
      expect(
        secrets.map((statement) => [actionsOf(statement), statement.Resource]),
        contract.name,
      ).toEqual([
        ...(phoneHashKey ? [[['secretsmanager:GetSecretValue'], secretArn]] : []),
        ...(cursorKey ? [[['secretsmanager:GetSecretValue'], cursorSecretArn]] : []),
      ]);
    }
  });

  it('grants no table, key or secret access to anything but the route and job functions', () => {
    const routeRoles = new Set(
      [...built.stack.routeFunctions.values(), ...built.stack.jobs.functions.values()].map((fn) => logicalId(fn.role)),
    );
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      const roles = (policy.Properties.Roles as Json[]).map((role) => role.Ref as string);
      const text = JSON.stringify(policy.Properties.PolicyDocument);
      if (/dynamodb:|kms:|secretsmanager:/.test(text)) expect(roles.every((role) => routeRoles.has(role))).toBe(true);
      expect(text).not.toContain('index/*');
    }
  });
});

describe('table', () => {
  it('is built from TABLE: on-demand, PITR, deletion protection, KMS CMK, stream, TTL, GSIs', () => {
    const keyId = logicalId(built.stack.data.key);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });

    const [[, table]] = ofType('AWS::DynamoDB::Table') as [[string, Json]];
    expect(table.Properties.TableName).toBeUndefined();
    const indexes = table.Properties.GlobalSecondaryIndexes as Json[];
    expect(indexes.map((index) => index.IndexName)).toEqual(TABLE.indexes.map((index) => index.indexName));
    for (const definition of TABLE.indexes) {
      const index = indexes.find((candidate) => candidate.IndexName === definition.indexName)!;
      expect(index.KeySchema).toEqual([
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        { AttributeName: definition.sortKey, KeyType: 'RANGE' },
      ]);
      expect(index.Projection).toEqual(projectionOf(definition));
    }
  });
});

describe('staff user pool (the aws partition default issuer)', () => {
  it('has one group per role, no self sign-up, required MFA and a union code the client cannot write', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', ROLES.length);
    for (const role of ROLES) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });

    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'union_code', AttributeDataType: 'String', Mutable: true })]),
    });
    const [[, client]] = ofType('AWS::Cognito::UserPoolClient') as [[string, Json]];
    expect(client.Properties.ReadAttributes).toContain('custom:union_code');
    expect(client.Properties.WriteAttributes).not.toContain('custom:union_code');
  });

  it("points the authorizer at the pool's issuer, its app client and Cognito's claim names", () => {
    const fn = resources[logicalId(built.stack.identity.authorizerFunction as unknown as IConstruct)]!.Properties;
    const env = fn.Environment.Variables;
    const pool = logicalId(built.stack.identity.cognito!.userPool);
    expect(JSON.stringify(env.STAFF_OIDC_ISSUER)).toContain(pool);
    expect(env.STAFF_OIDC_AUDIENCE).toEqual({ Ref: logicalId(built.stack.identity.cognito!.client) });
    expect(env.STAFF_OIDC_CLAIMS).toBe('cognito');
  });
});

describe('firewall', () => {
  it('has a per-IP rate rule for the whole API and a stricter one for /public/, and is associated with the stage', () => {
    const [[aclId, acl]] = ofType('AWS::WAFv2::WebACL') as [[string, Json]];
    expect(acl.Properties.Scope).toBe('REGIONAL');
    const rules = acl.Properties.Rules as Json[];
    const rateRules = rules.filter((rule) => rule.Statement.RateBasedStatement);
    const whole = rateRules.find((rule) => !rule.Statement.RateBasedStatement.ScopeDownStatement);
    const publicOnly = rateRules.find((rule) =>
      JSON.stringify(rule.Statement.RateBasedStatement.ScopeDownStatement ?? '').includes('/public/'),
    );
    expect(whole?.Action).toEqual({ Block: {} });
    expect(publicOnly?.Action).toEqual({ Block: {} });
    expect(publicOnly!.Statement.RateBasedStatement.Limit).toBeLessThan(whole!.Statement.RateBasedStatement.Limit);
    for (const rule of rateRules) expect(rule.Statement.RateBasedStatement.AggregateKeyType).toBe('IP');

    const managed = rules.map((rule) => rule.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
    expect(managed).toEqual(expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']));
    for (const rule of [acl.Properties, ...rules]) expect(rule.VisibilityConfig.CloudWatchMetricsEnabled).toBe(true);

    const [[, association]] = ofType('AWS::WAFv2::WebACLAssociation') as [[string, Json]];
    expect(association.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    const arn = JSON.stringify(association.Properties.ResourceArn);
    expect(arn).toContain(logicalId(built.stack.api.restApi));
    expect(arn).toContain(logicalId(built.stack.api.restApi.deploymentStage));
  });
});

describe('SMS provider', () => {
  const TEMPLATES = {
    case_acknowledged: 'SMS_470001',
    case_acknowledged_online: 'SMS_470002',
    case_assigned: 'SMS_470003',
    case_closed: 'SMS_470004',
  };
  const IMPORTED_SECRET = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:weiquan/tencent-sms-AbCdEf';

  /** A stack built with another SMS setting: its template, the stream function's environment and its role's statements. */
  function variant(context: Record<string, unknown>) {
    const other = buildApp({ bundle: false, context });
    const otherTemplate = Template.fromStack(other.stack);
    const otherResources = otherTemplate.toJSON().Resources as Record<string, Json>;
    const stream = other.stack.jobs.functions.get('deliverNotifications')!;
    const id = (construct: IConstruct) => other.stack.getLogicalId(construct.node.defaultChild as CfnElement);
    const env = otherResources[id(stream.function)]!.Properties.Environment.Variables as Json;
    const policies = Object.values(otherResources).filter((resource) => resource.Type === 'AWS::IAM::Policy');
    const statementsOf = (roleId: string) =>
      policies
        .filter((policy) => (policy.Properties.Roles as Json[]).some((role) => role.Ref === roleId))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Json[]);
    const secretReaders = policies
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes('secretsmanager:'))
      .filter((policy) =>
        JSON.stringify(policy.Properties.PolicyDocument).includes(JSON.stringify(env.SMS_CREDENTIALS_SECRET_ARN)),
      )
      .flatMap((policy) => (policy.Properties.Roles as Json[]).map((role) => role.Ref as string));
    return {
      other,
      otherTemplate,
      env,
      statements: statementsOf(id(stream.role)),
      streamRole: id(stream.role),
      secretReaders,
      id,
    };
  }

  const smsPublish = (statement: Json) =>
    asArray(statement.Action as string | string[]).includes('sns:Publish') && asArray(statement.Resource).includes('*');

  it('sends by SNS by default: SMS_PROVIDER sns, sns:Publish to phone numbers only, no provider secret', () => {
    const stream = built.stack.jobs.functions.get('deliverNotifications')!;
    const env = resources[logicalId(stream.function)]!.Properties.Environment.Variables as Json;
    expect(env.SMS_PROVIDER).toBe('sns');
    expect(env.SMS_CREDENTIALS_SECRET_ARN).toBeUndefined();
    expect(env.SMS_TEMPLATE_CODES).toBeUndefined();
    const publish = statementsOfRole(logicalId(stream.role)).filter(smsPublish);
    expect(publish).toEqual([expect.objectContaining({ Condition: { Null: { 'sns:TopicArn': 'true' } } })]);
    expect(built.stack.jobs.smsCredentials).toBeUndefined();
  });

  it('gives the early warning no way to send: no SMS settings, no SMS publish, no staff-notice topic', () => {
    const warning = built.stack.jobs.functions.get('raiseEarlyWarnings')!;
    const env = resources[logicalId(warning.function)]!.Properties.Environment.Variables as Json;
    expect(env.SMS_PROVIDER).toBeUndefined();
    expect(env.STAFF_NOTICES_TOPIC_ARN).toBeUndefined();
    const statements = statementsOfRole(logicalId(warning.role));
    expect(statements.filter((statement) => asArray(statement.Action as string | string[]).includes('sns:Publish'))).toEqual([]);
  });

  it('for Alibaba Cloud: template codes and a new keys secret in the environment, read by the stream function only, no SMS publish', () => {
    const { other, otherTemplate, env, statements, streamRole, secretReaders, id } = variant({
      sms: { provider: 'aliyun', templates: TEMPLATES, region: 'cn-hangzhou' },
    });
    const secretId = id(other.stack.jobs.smsCredentials as unknown as IConstruct);

    expect(env).toMatchObject({
      SMS_PROVIDER: 'aliyun',
      SMS_TEMPLATE_CODES: JSON.stringify(TEMPLATES),
      SMS_CREDENTIALS_SECRET_ARN: { Ref: secretId },
      SMS_REGION: 'cn-hangzhou',
    });
    expect(env.SMS_SDK_APP_ID).toBeUndefined();
    otherTemplate.resourceCountIs('AWS::SecretsManager::Secret', 3); // the phone-hash and cursor keys, and the SMS keys
    expect(statements.filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify({ Ref: secretId }))).toEqual([
      expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow' }),
    ]);
    expect(secretReaders).toEqual([streamRole]);
    expect(statements.filter(smsPublish)).toEqual([]);
    // Staff notices still go to the topic.
    expect(env.STAFF_NOTICES_TOPIC_ARN).toBeDefined();
  });

  it('for Tencent Cloud: the SMS app and an imported keys secret, read by the stream function only, no SMS publish', () => {
    const { otherTemplate, env, statements, streamRole, secretReaders } = variant({
      sms: { provider: 'tencent', templates: TEMPLATES, sdkAppId: '1400123456', credentialsSecretArn: IMPORTED_SECRET },
    });

    expect(env).toMatchObject({
      SMS_PROVIDER: 'tencent',
      SMS_TEMPLATE_CODES: JSON.stringify(TEMPLATES),
      SMS_CREDENTIALS_SECRET_ARN: IMPORTED_SECRET,
      SMS_SDK_APP_ID: '1400123456',
    });
    otherTemplate.resourceCountIs('AWS::SecretsManager::Secret', 2); // the phone-hash and cursor keys: the SMS keys are imported
    expect(statements.filter((statement) => statement.Resource === IMPORTED_SECRET)).toEqual([
      expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow' }),
    ]);
    expect(secretReaders).toEqual([streamRole]);
    expect(statements.filter(smsPublish)).toEqual([]);
  });

  it('refuses at synth a provider setting the function could not send with', () => {
    expect(() =>
      buildApp({ bundle: false, context: { sms: { provider: 'aliyun', templates: { case_closed: 'SMS_1' } } } }),
    ).toThrow(/no template code for case_acknowledged_online, case_acknowledged, case_assigned$/);
    expect(() => buildApp({ bundle: false, context: { sms: { provider: 'tencent', templates: TEMPLATES } } })).toThrow(
      /sdkAppId/,
    );
  });

  it('reads the setting from CDK context `sms`, as JSON text from -c or as an object from cdk.json', () => {
    const setting = { provider: 'tencent', templates: TEMPLATES, sdkAppId: '1400123456' };
    expect(deploymentFromContext(new App({ context: { sms: JSON.stringify(setting) } }), '.').sms).toEqual(setting);
    expect(deploymentFromContext(new App({ context: { sms: setting } }), '.').sms).toEqual(setting);
    expect(deploymentFromContext(new App(), '.').sms).toBeUndefined();
    // SNS sends no SMS in the China regions.
    expect(() => deploymentFromContext(new App({ context: { region: 'cn-north-1', sms: { provider: 'sns' } } }), '.')).toThrow(
      /SNS sends no SMS in aws-cn/,
    );
  });
});

describe('outputs', () => {
  it('exports the API URL, staff issuer, user pool, app client, table name and staff-notices topic', () => {
    const outputs = template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs).sort()).toEqual([
      'ApiUrl',
      'StaffIssuer',
      'StaffNoticesTopicArn',
      'TableName',
      'UserPoolClientId',
      'UserPoolId',
    ]);
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('reports no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    const findings = report.violations.map((violation) => ({
      rule: violation.ruleName,
      severity: violation.severity,
      resources: violation.violatingResources.map((resource) => resource.constructPath),
    }));
    expect(findings).toEqual([]);
  });

  it('records each acknowledgement and its reason in the template for auditors', () => {
    const acknowledged = Object.values(resources).flatMap((resource) =>
      ((resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) as Json[]).map((rule) => rule.id as string),
    );
    expect(acknowledged).toContain('AwsSolutions-SMG4');
    for (const [, resource] of Object.entries(resources)) {
      for (const rule of (resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) as Json[]) {
        expect(rule.id).toMatch(/^AwsSolutions-/);
        expect((rule.reason as string).length).toBeGreaterThan(40);
      }
    }
  });

  it('left nothing in the synth validation report and no CDK warnings or errors', () => {
    const reportFile = path.join(built.app.outdir, 'validation-report.json');
    expect(existsSync(reportFile)).toBe(true);
    expect(JSON.parse(readFileSync(reportFile, 'utf8')).pluginReports).toEqual([]);
    // cdk-nag v3 reports through policy validation, not annotations (v2 did);
    // the stack must carry no warning or error annotation of any kind either.
    // (The synth above is cached: this reads the same cloud assembly.)
    const artifact = built.app.synth().getStackArtifact(built.stack.artifactId);
    const messages = artifact.messages.filter((message) => message.level !== 'info');
    expect(messages.map((message) => `${message.level} ${message.id}: ${String(message.entry.data)}`)).toEqual([]);
  });
});
