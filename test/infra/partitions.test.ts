import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../infra/build-app.js';
import { DeploymentConfigError } from '../../infra/deployment-config.js';

/**
 * The stack in one global and both China regions, synthesized offline as
 * `npm run synth -- -c region=…` does, and the differences the partitions
 * require. cdk-nag runs in every synth.
 */
type Json = Record<string, any>;

interface Synth {
  readonly built: BuiltApp;
  readonly json: Json;
  readonly text: string;
  ofType(type: string): Json[];
}

function synth(context: Record<string, unknown>): Synth {
  const built = buildApp({ bundle: false, context });
  const json = Template.fromStack(built.stack).toJSON() as Json;
  const resources = Object.values(json.Resources as Record<string, Json>);
  return {
    built,
    json,
    text: JSON.stringify(json),
    ofType: (type) => resources.filter((resource) => resource.Type === type).map((resource) => resource.Properties as Json),
  };
}

function nagFindings(built: BuiltApp): string[] {
  const report = new AwsSolutionsChecks().validateScope(built.app);
  return report.violations.map(
    (violation) => `${violation.ruleName} ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );
}

function assertCleanSynth(built: BuiltApp): void {
  expect(nagFindings(built)).toEqual([]);
  const reportFile = path.join(built.app.outdir, 'validation-report.json');
  expect(existsSync(reportFile)).toBe(true);
  expect(JSON.parse(readFileSync(reportFile, 'utf8')).pluginReports).toEqual([]);
  const messages = built.app
    .synth()
    .getStackArtifact(built.stack.artifactId)
    .messages.filter((message) => message.level !== 'info');
  expect(messages.map((message) => `${message.level} ${String(message.entry.data)}`)).toEqual([]);
}

const GLOBAL = 'ap-southeast-1';

describe.each([
  { region: GLOBAL, partition: 'aws' },
  { region: 'cn-north-1', partition: 'aws-cn' },
  { region: 'cn-northwest-1', partition: 'aws-cn' },
])('synth for $region', ({ region, partition }) => {
  const china = partition === 'aws-cn';
  const stack = synth({ region });

  it('passes cdk-nag and CDK validation with nothing left over', () => {
    assertCleanSynth(stack.built);
  });

  it(`writes ARNs of the ${partition} partition only`, () => {
    expect(stack.built.stack.region).toBe(region);
    expect(stack.text).toContain(`arn:${partition}:`);
    if (china) expect(stack.text).not.toMatch(/arn:aws:/);
  });

  it(
    china ? 'creates no Cognito resources; the issuer is a deploy-time parameter' : 'creates the Cognito user pool issuer',
    () => {
      const cognito = Object.values(stack.json.Resources as Record<string, Json>).filter((resource) =>
        (resource.Type as string).startsWith('AWS::Cognito::'),
      );
      if (china) {
        expect(cognito).toEqual([]);
        expect(Object.keys(stack.json.Parameters)).toEqual(
          expect.arrayContaining(['StaffOidcIssuer', 'StaffOidcAudience', 'StaffOidcJwksUri', 'StaffOidcClaims']),
        );
      } else {
        expect(cognito.map((resource) => resource.Type)).toContain('AWS::Cognito::UserPool');
        expect(Object.keys(stack.json.Parameters ?? {}).filter((name) => name.startsWith('StaffOidc'))).toEqual([]);
      }
      // Either way every staff method goes through the one token authorizer.
      expect(stack.ofType('AWS::ApiGateway::Authorizer').map((authorizer) => authorizer.Type)).toEqual(['TOKEN']);
    },
  );

  it(china ? 'turns X-Ray off for functions and the stage' : 'traces functions and the stage with X-Ray', () => {
    const functions = stack.ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(30);
    for (const fn of functions) expect(fn.TracingConfig).toEqual(china ? undefined : { Mode: 'Active' });
    expect(stack.ofType('AWS::ApiGateway::Stage')[0]!.TracingEnabled).toBe(!china);
  });

  it(china ? 'sends SMS through Alibaba Cloud, template codes given at deploy time, never SNS' : 'sends SMS through SNS', () => {
    const stream = stack.ofType('AWS::Lambda::Function').find((fn) => fn.Environment.Variables.SMS_PROVIDER)!;
    expect(stream.Environment.Variables.SMS_PROVIDER).toBe(china ? 'aliyun' : 'sns');
    const templateParameters = Object.keys(stack.json.Parameters ?? {}).filter((name) => name.startsWith('SmsTemplate'));
    expect(templateParameters.length).toBe(china ? 4 : 0);
    const smsPublish = stack
      .ofType('AWS::IAM::Policy')
      .flatMap((policy) => policy.PolicyDocument.Statement as Json[])
      .filter((statement) => statement.Sid === 'SmsToPhoneNumbers');
    expect(smsPublish.length).toBe(china ? 0 : 1);
  });

  it('keeps every log group at least 180 days (access and execution logs included)', () => {
    const groups = stack.ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(30);
    for (const group of groups) expect(group.RetentionInDays).toBeGreaterThanOrEqual(180);
  });
});

describe('deployment configuration', () => {
  it("takes the union's own issuer in China instead of parameters, with its claim mapping", () => {
    const { built, json, ofType } = synth({
      region: 'cn-northwest-1',
      identity: JSON.stringify({
        issuer: 'https://sso.lnzgh.org.cn/realms/weiquan',
        audience: 'weiquan-console',
        claims: 'keycloak',
      }),
    });
    assertCleanSynth(built);
    expect(json.Parameters ?? {}).not.toHaveProperty('StaffOidcIssuer');
    const authorizer = ofType('AWS::Lambda::Function').find((fn) => fn.Environment.Variables.STAFF_OIDC_ISSUER);
    expect(authorizer!.Environment.Variables).toMatchObject({
      STAFF_OIDC_ISSUER: 'https://sso.lnzgh.org.cn/realms/weiquan',
      STAFF_OIDC_AUDIENCE: 'weiquan-console',
      STAFF_OIDC_CLAIMS: 'keycloak',
    });
  });

  it('serves an ICP-filed custom domain and disables the execute-api endpoint', () => {
    const { built, ofType, json } = synth({
      region: 'cn-north-1',
      domain: {
        name: 'api.12351.lnzgh.org.cn',
        certificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/0b7e5c2a-1111-4222-8333-444455556666',
      },
    });
    assertCleanSynth(built);
    expect(ofType('AWS::ApiGateway::RestApi')[0]!.DisableExecuteApiEndpoint).toBe(true);
    expect(ofType('AWS::ApiGateway::DomainName')[0]).toMatchObject({
      DomainName: 'api.12351.lnzgh.org.cn',
      RegionalCertificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/0b7e5c2a-1111-4222-8333-444455556666',
      SecurityPolicy: 'TLS_1_2',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    expect(ofType('AWS::ApiGateway::BasePathMapping')).toHaveLength(1);
    expect(json.Outputs.ApiUrl.Value).toBe('https://api.12351.lnzgh.org.cn/');
    expect(json.Outputs).toHaveProperty('ApiDomainTarget');
  });

  it('answers CORS preflights on public paths for the union pages and on staff paths for the console only', () => {
    const { built, text } = synth({
      region: 'cn-north-1',
      cors: {
        publicOrigins: ['https://www.lnzgh.org.cn', 'https://h5.lnzgh.org.cn'],
        staffOrigins: ['https://console.lnzgh.org.cn'],
      },
    });
    assertCleanSynth(built);
    const template = Template.fromStack(built.stack);
    const resources = template.toJSON().Resources as Record<string, Json>;
    const pathOf = (id: Json): string => {
      if (id['Fn::GetAtt']) return '';
      const resource = resources[id.Ref as string]!;
      return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
    };
    const preflights = new Map(
      Object.values(resources)
        .filter((resource) => resource.Type === 'AWS::ApiGateway::Method' && resource.Properties.HttpMethod === 'OPTIONS')
        .map((resource) => [pathOf(resource.Properties.ResourceId), JSON.stringify(resource.Properties.Integration)]),
    );
    expect(preflights.get('/public/complaints')).toContain('https://h5.lnzgh.org.cn');
    expect(preflights.get('/public/complaints')).not.toContain('console.lnzgh');
    expect(preflights.get('/cases')).toContain('https://console.lnzgh.org.cn');
    expect(preflights.get('/cases')).not.toContain('www.lnzgh');
    // The functions add the same lists to their answers.
    expect(text).toContain('"CORS_PUBLIC_ORIGINS":"https://www.lnzgh.org.cn,https://h5.lnzgh.org.cn"');
  });

  it('keeps logs longer when asked, never shorter than six months', () => {
    const { ofType } = synth({ region: 'cn-north-1', logRetentionDays: '731' });
    for (const group of ofType('AWS::Logs::LogGroup')) expect(group.RetentionInDays).toBe(731);
    expect(() => synth({ region: 'cn-north-1', logRetentionDays: '90' })).toThrow(DeploymentConfigError);
    expect(() => synth({ region: 'cn-north-1', logRetentionDays: '90' })).toThrow(/logRetentionDays: one of 180, 365/);
  });

  it('names the key of a mistake in the configuration', () => {
    expect(() => synth({ region: 'cn-north-1', cors: { publicOrigins: ['https://x.cn/path'] } })).toThrow(
      /cors\.publicOrigins\.0/,
    );
    expect(() => synth({ region: 'cn-north-1', cognitoDomainPrefix: 'weiquan' })).toThrow(/Cognito/);
  });
});
