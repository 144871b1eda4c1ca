import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../infra/build-app.js';
import { attachDeployment, resolveDeployment } from '../../infra/deployment-config.js';
import { StaticSite, VIEWER_REQUEST_CODE, defaultHosting } from '../../infra/static-site.js';

type Json = Record<string, any>;

// Prepare: a stand-in for web/dist (console at the root, H5 under h5/) and
// one synth of the whole stack with it, bundling skipped as in stack.test.ts.
let dist: string;
let built: BuiltApp;
let resources: Record<string, Json>;

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'weiquan-dist-'));
  mkdirSync(path.join(dist, 'h5', 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(dist, 'h5', 'index.html'), '<!doctype html><title>h5</title>');
  writeFileSync(path.join(dist, 'h5', 'assets', 'index-abc123.js'), 'console.log(1)');
  built = buildApp({ bundle: false, stackProps: { webDist: dist } });
  resources = Template.fromStack(built.stack).toJSON().Resources as Record<string, Json>;
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  built.stack.getLogicalId(construct.node.defaultChild as any);

describe('static hosting in the aws partition (S3 + CloudFront)', () => {
  it('keeps the pages in a private bucket that refuses plain HTTP and logs its access', () => {
    const pages = resources[logicalId(built.stack.site.bucket!)]!.Properties;
    expect(pages.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(pages.LoggingConfiguration.DestinationBucketName.Ref).toBeDefined();

    const policy = ofType('AWS::S3::BucketPolicy').find(
      ([, p]) => p.Properties.Bucket.Ref === logicalId(built.stack.site.bucket!),
    )!;
    const statements = policy[1].Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Only CloudFront, and only this distribution, may read (Origin Access Control).
    const read = statements.find((statement) => statement.Principal?.Service === 'cloudfront.amazonaws.com')!;
    expect(read.Action).toBe('s3:GetObject');
    expect(JSON.stringify(read.Condition)).toContain(logicalId(built.stack.site.distribution!));
  });

  it('serves over HTTPS through Origin Access Control, with index.html at the root and access logs', () => {
    const config = resources[logicalId(built.stack.site.distribution!)]!.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging.Bucket).toBeDefined();
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.Origins[0].S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(ofType('AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
    expect(ofType('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(0);
  });

  it('deploys web/dist in two passes: hashed assets cached for a year, entry pages and h5/config.json never cached', () => {
    const deployments = ofType('Custom::CDKBucketDeployment').map(([, d]) => d.Properties);
    expect(deployments).toHaveLength(2);
    const assets = deployments.find((d) => !d.DistributionPaths)!;
    const entries = deployments.find((d) => d.DistributionPaths)!;
    expect(assets.SystemMetadata['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(assets.Exclude).toEqual(expect.arrayContaining(['*.html', '**/*.html', '*/config.json']));
    expect(entries.SystemMetadata['cache-control']).toBe('no-cache');
    expect(entries.Prune).toBe(false);
    expect(entries.DistributionPaths).toEqual(['/*']);
    // The page's own file plus config.json (the API's URL, resolved at deploy time).
    expect(entries.SourceBucketNames).toHaveLength(2);
    expect(JSON.stringify(entries.SourceMarkers)).toContain(logicalId(built.stack.api.restApi));
  });

  it('passes cdk-nag with every acknowledgement explained, and synthesizes without warnings', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
    const artifact = built.app.synth().getStackArtifact(built.stack.artifactId);
    expect(artifact.messages.filter((message) => message.level !== 'info')).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(built.app.outdir, 'validation-report.json'), 'utf8')).pluginReports).toEqual([]);
  });
});

describe('viewer-request function (runs in CloudFront; evaluated here as written)', () => {
  const handler = new Function(`${VIEWER_REQUEST_CODE}; return handler;`)() as (event: Json) => Json;
  const uriFor = (uri: string) => handler({ request: { uri } }).uri as string;

  it('answers folders with their index.html and sends /h5 to /h5/', () => {
    expect(uriFor('/')).toBe('/index.html');
    expect(uriFor('/h5/')).toBe('/h5/index.html');
    expect(handler({ request: { uri: '/h5' } })).toMatchObject({ statusCode: 301, headers: { location: { value: '/h5/' } } });
  });

  it('leaves files alone and answers client-side routes with their app’s page', () => {
    expect(uriFor('/h5/assets/index-abc123.js')).toBe('/h5/assets/index-abc123.js');
    expect(uriFor('/h5/config.json')).toBe('/h5/config.json');
    expect(uriFor('/cases/123')).toBe('/index.html');
    expect(uriFor('/h5/status')).toBe('/h5/index.html');
  });
});

describe('where static hosting is left out', () => {
  /** A bare stack carrying the deployment its region implies, as WeiquanStack attaches it. */
  function stackIn(name: string, region?: string): Stack {
    const stack = new Stack(new App(), name, region ? { env: { region } } : {});
    attachDeployment(stack, resolveDeployment(region ? { region } : {}));
    return stack;
  }

  function siteIn(stack: Stack, props: Partial<ConstructorParameters<typeof StaticSite>[2]> = {}) {
    const site = new StaticSite(stack, 'Site', { sourceDir: dist, ...props });
    // Read from the construct tree: synthesizing an empty template only earns a CloudFormation warning.
    const resources = stack.node.findAll().filter((construct) => construct instanceof CfnResource);
    const messages = stack.node.findAll().flatMap((construct) => construct.node.metadata.map((entry) => String(entry.data)));
    return { site, resources, messages };
  }

  it('chooses CloudFront in aws and nothing in the China partition', () => {
    expect(defaultHosting('aws')).toBe('cloudfront');
    expect(defaultHosting(undefined)).toBe('cloudfront');
    expect(defaultHosting('aws-cn')).toBe('none');
  });

  it('deploys nothing in a China region (CloudFront there needs an ICP-filed domain) and says where to look', () => {
    const { site, resources: cn, messages } = siteIn(stackIn('Cn', 'cn-north-1'));
    expect(site.hosting).toBe('none');
    expect(cn).toEqual([]);
    expect(messages.join('\n')).toContain('docs/DEPLOY-CHINA.md');
  });

  it('serves from CloudFront in a global region', () => {
    expect(siteIn(stackIn('Global', 'ap-east-1')).site.hosting).toBe('cloudfront');
  });

  it('skips the site with a note when the pages have not been built', () => {
    const {
      site,
      resources: none,
      messages,
    } = siteIn(stackIn('Unbuilt'), {
      sourceDir: path.join(dist, 'missing'),
    });
    expect(site.distribution).toBeUndefined();
    expect(none).toEqual([]);
    expect(messages.join('\n')).toContain('npm run build:h5');
  });
});
