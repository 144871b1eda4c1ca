import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Annotations, Duration, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { deploymentOf } from './deployment-config.js';

/**
 * How the web pages (staff console at `/`, workers' H5 page at `/h5/`) are
 * served. `cloudfront`: a private S3 bucket behind CloudFront with Origin
 * Access Control, the `aws` partition's default. `none`: nothing is deployed;
 * the China regions' choice until an ICP-filed domain and its certificate exist
 * (see docs/DEPLOY-CHINA.md).
 */
export type StaticHosting = 'cloudfront' | 'none';

/** CloudFront in `aws-cn` serves only an ICP-filed domain with an IAM-uploaded certificate: not by default. */
export function defaultHosting(partition: string | undefined): StaticHosting {
  return partition === undefined || partition === 'aws' ? 'cloudfront' : 'none';
}

export interface StaticSiteProps {
  /** Defaults to the partition's choice (defaultHosting). */
  readonly hosting?: StaticHosting;
  /** The built pages (`npm run build`, `npm run build:h5`): console files at its root, the H5 page in `h5/`. */
  readonly sourceDir: string;
  /** Written to `h5/config.json` as `apiBaseUrl`: the H5 page calls the API there. */
  readonly apiUrl?: string;
}

/** Hashed file names (Vite's assets) may be cached for a year; entry pages and config must be fetched fresh. */
const ENTRY_FILES = ['*.html', '**/*.html', '*/config.json'];

/**
 * Rewrites a request for a folder to its index.html (S3 has no directory
 * index behind OAC), sends /h5 to /h5/, and answers the single-page apps'
 * client routes (paths without a file extension) with their index.html.
 */
export const VIEWER_REQUEST_CODE = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/h5') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/h5/' } } };
  }
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (!/\\.[A-Za-z0-9]+$/.test(uri)) {
    request.uri = uri.startsWith('/h5/') ? '/h5/index.html' : '/index.html';
  }
  return request;
}
`;

export class StaticSite extends Construct {
  readonly hosting: StaticHosting;
  readonly bucket?: s3.Bucket;
  readonly distribution?: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    this.hosting = props.hosting ?? defaultHosting(deploymentOf(this).features.partition);
    if (this.hosting === 'none') {
      Annotations.of(this).addInfo(
        'Static hosting is off (hosting: none): serve web/dist yourself, e.g. behind the union’s ICP-filed domain (docs/DEPLOY-CHINA.md).',
      );
      return;
    }
    if (!existsSync(path.join(props.sourceDir, 'index.html')) && !existsSync(path.join(props.sourceDir, 'h5', 'index.html'))) {
      // Info, not a warning: synth without built pages (CI, infra tests) is normal and must stay clean.
      Annotations.of(this).addInfo(
        `No built pages in ${path.basename(props.sourceDir)}/: run \`npm run build:h5\` (and the console's build) before synth to deploy them; the site is left out of this template.`,
      );
      return;
    }

    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with ACLs, which need this ownership setting.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the site bucket’s and CloudFront’s access logs; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Pages', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
    });

    const viewerRequest = new cloudfront.Function(this, 'ViewerRequest', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Folder index, /h5 redirect and SPA fallback for the Weiquan web pages',
      code: cloudfront.FunctionCode.fromInline(VIEWER_REQUEST_CODE),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Weiquan web pages: staff console at /, workers’ page at /h5/',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: viewerRequest, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      // Class 200 includes Asia's edges (Hong Kong is nearest the mainland) and leaves out the dearest regions.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Workers may open their case from anywhere (migrant workers travel); the pages are public and hold no data.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static files only: every request that reaches data goes to the REST API, which has its own WAF (per-IP rate limits). ' +
        'A CloudFront web ACL would have to live in us-east-1, outside this env-agnostic stack.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate is fixed at TLSv1 by CloudFront; a deployment with its own domain ' +
        'adds its ACM certificate and minimumProtocolVersion TLSv1.2_2021.',
    });

    const sources = [s3deploy.Source.asset(props.sourceDir)];
    const hashed = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources,
      destinationBucket: this.bucket,
      exclude: ENTRY_FILES,
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 512,
    });
    const entries = new s3deploy.BucketDeployment(this, 'DeployEntries', {
      sources: [...sources, ...(props.apiUrl ? [s3deploy.Source.jsonData('h5/config.json', { apiBaseUrl: props.apiUrl })] : [])],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ENTRY_FILES,
      // The other deployment's files stay: this one adds the entry pages after them.
      prune: false,
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    entries.node.addDependency(hashed);
    for (const deployment of [hashed, entries]) this.acknowledgeDeploymentHandler(deployment);
  }

  /** The BucketDeployment's handler is CDK's own singleton Lambda; its findings are CDK's choices. */
  private acknowledgeDeploymentHandler(deployment: s3deploy.BucketDeployment): void {
    const handler = deployment.handlerRole.node.scope as Construct;
    const stack = Stack.of(this);
    // A stack with a region writes its partition and region into ARNs as literals; an env-agnostic one as tokens.
    const literalOr = (value: string, token: string) => (Token.isUnresolved(value) ? token : value);
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK’s BucketDeployment handler writes its own logs with the basic execution role.',
    });
    // Object wildcards on the CDK asset bucket (read) and the site bucket (write, delete on prune), as CDK grants them.
    const wildcards = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::arn:${literalOr(stack.partition, '<AWS::Partition>')}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${literalOr(stack.region, '<AWS::Region>')}/*`,
      `Resource::<${stack.getLogicalId(this.bucket!.node.defaultChild as CfnElement)}.Arn>/*`,
      // Invalidating the distribution after a deployment: CloudFront's CreateInvalidation takes no resource ARN here.
      'Resource::*',
    ];
    for (const wildcard of wildcards) {
      Validations.of(handler).acknowledge({
        id: `AwsSolutions-IAM5[${wildcard}]`,
        reason: 'CDK’s BucketDeployment handler copies the asset’s objects into the site bucket and invalidates the CDN.',
      });
    }
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The runtime of CDK’s BucketDeployment handler is set by aws-cdk-lib and moves with its upgrades.',
    });
  }
}
