import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobEntry } from '../functions/jobs.js';
import { SMS_ENV, SMS_PROVIDER_PACKAGES, templateCodeProblems } from '../shared/notify/sms-config.js';
import type { DataTable } from './data-table.js';
import { RouteFunction } from './route-function.js';
import { FUNCTION_ENV } from '../shared/config/environment.js';

/**
 * Which SMS provider the stream consumer sends through. SNS sends SMS in the
 * `aws` partition only; in the AWS China regions use Alibaba Cloud or Tencent
 * Cloud, whose templates and signatures each union registers first (README, "SMS").
 */
export interface SmsSetting {
  readonly provider: 'sns' | 'aliyun' | 'tencent';
  /** Template kind → the provider's template code (Alibaba) or ID (Tencent); every SMS template needs one. */
  readonly templates?: Readonly<Record<string, string>>;
  /** Tencent Cloud's SmsSdkAppId. */
  readonly sdkAppId?: string;
  /** The provider's API region (defaults: Alibaba `cn-hangzhou`, Tencent `ap-guangzhou`). */
  readonly region?: string;
  /**
   * Complete ARN of an existing secret with the provider's keys (JSON: Alibaba `accessKeyId`/`accessKeySecret`,
   * Tencent `secretId`/`secretKey`). Without it the stack creates one, holding a random placeholder for an
   * operator to replace with the keys.
   */
  readonly credentialsSecretArn?: string;
}

export interface BackgroundJobsProps {
  readonly jobs: readonly JobEntry[];
  readonly repoRoot: string;
  readonly data: DataTable;
  readonly phoneHashSecret: secretsmanager.ISecret;
  readonly logRetention: logs.RetentionDays;
  /** Default: SNS. */
  readonly sms?: SmsSetting;
}

/** Refuses at synth an SMS setting the function could not send with. */
export function checkSmsSetting(sms: SmsSetting): void {
  if (!['sns', 'aliyun', 'tencent'].includes(sms.provider)) {
    throw new Error(`sms.provider must be sns, aliyun or tencent, not ${String(sms.provider)}`);
  }
  if (sms.provider === 'sns') return;
  const problems = templateCodeProblems(sms.templates);
  if (sms.provider === 'tencent' && !sms.sdkAppId) problems.push('sms.sdkAppId is required for tencent');
  if (problems.length > 0) throw new Error(`SMS setting for ${sms.provider}: ${problems.join('; ')}`);
}

/**
 * The functions off the request path (functions/jobs.ts), each with its
 * trigger: EventBridge schedules, and the table's stream filtered to the item
 * kinds the consumer acts on, with failed batches kept in a dead-letter
 * queue. Staff notices go to an encrypted SNS topic the staff apps subscribe
 * to; SMS to complainants through the provider the `sms` setting selects (SNS,
 * Alibaba Cloud, Tencent Cloud), with that provider's keys in Secrets Manager.
 */
export class BackgroundJobs extends Construct {
  readonly functions: ReadonlyMap<string, RouteFunction>;
  readonly staffNotices: sns.Topic;
  readonly streamFailures: sqs.Queue;
  /** The SMS provider's keys (Alibaba Cloud, Tencent Cloud); none for SNS. */
  readonly smsCredentials?: secretsmanager.ISecret;
  readonly sms: SmsSetting;

  constructor(scope: Construct, id: string, props: BackgroundJobsProps) {
    super(scope, id);
    this.sms = props.sms ?? { provider: 'sns' };
    checkSmsSetting(this.sms);
    if (this.sms.provider !== 'sns') this.smsCredentials = this.smsCredentialsSecret(this.sms);
    this.staffNotices = new sns.Topic(this, 'StaffNotices', {
      displayName: 'Weiquan staff notices',
      masterKey: props.data.key,
      enforceSSL: true,
    });
    this.streamFailures = new sqs.Queue(this, 'StreamFailures', {
      encryption: sqs.QueueEncryption.KMS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.streamFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the stream consumer; it needs no further DLQ.',
    });

    const functions = new Map<string, RouteFunction>();
    for (const job of props.jobs) {
      const construct = new RouteFunction(this, `Job-${job.name}`, {
        spec: {
          name: job.name,
          description: `${job.name}: ${job.description}`,
          entry: job.entry,
          data: job.data,
          timeout: Duration.seconds(job.timeoutSeconds),
          ...(job.notifies
            ? {
                environment: { [FUNCTION_ENV.staffNoticesTopicArn]: this.staffNotices.topicArn, ...this.smsEnvironment() },
                // Only the selected provider's SDK is bundled (Alibaba's adds ~1.1 MB, Tencent's ~0.5 MB).
                excludedPackages: Object.entries(SMS_PROVIDER_PACKAGES)
                  .filter(([provider]) => provider !== this.sms.provider)
                  .map(([, name]) => name),
              }
            : {}),
        },
        repoRoot: props.repoRoot,
        data: props.data,
        phoneHashSecret: props.phoneHashSecret,
        logRetention: props.logRetention,
      });
      functions.set(job.name, construct);
      if (job.notifies) this.grantNotifications(construct);

      if ('schedule' in job.trigger) {
        new events.Rule(this, `Schedule-${job.name}`, {
          description: `Runs ${job.name}`,
          schedule: events.Schedule.expression(job.trigger.schedule),
          targets: [new targets.LambdaFunction(construct.function, { retryAttempts: 2 })],
        });
      } else {
        construct.function.addEventSource(
          new DynamoEventSource(props.data.table, {
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: 25,
            bisectBatchOnError: true,
            reportBatchItemFailures: true,
            retryAttempts: 10,
            onFailure: new SqsDlq(this.streamFailures),
            // One filter per kind of insert; Lambda invokes for a record any of them matches.
            filters: job.trigger.stream.inserts.map(({ entity, type }) =>
              lambda.FilterCriteria.filter({
                eventName: lambda.FilterRule.isEqual('INSERT'),
                dynamodb: {
                  NewImage: {
                    entity: { S: lambda.FilterRule.isEqual(entity) },
                    ...(type ? { type: { S: lambda.FilterRule.isEqual(type) } } : {}),
                  },
                },
              }),
            ),
          }),
        );
        Validations.of(construct.role.node.findChild('DefaultPolicy')).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'Added by the DynamoDB event source: dynamodb:ListStreams supports no resource-level permission. The ' +
            "stream's own actions (DescribeStream, GetRecords, GetShardIterator) are granted on the table's stream ARN.",
        });
      }
    }
    this.functions = functions;
  }

  /** What the stream function's composition (functions/streams/senders.ts) reads to choose and set up its SMS adapter. */
  private smsEnvironment(): Record<string, string> {
    const { provider, templates, sdkAppId, region } = this.sms;
    return {
      [SMS_ENV.provider]: provider,
      ...(templates && provider !== 'sns' ? { [SMS_ENV.templateCodes]: JSON.stringify(templates) } : {}),
      ...(this.smsCredentials ? { [SMS_ENV.credentialsSecretArn]: this.smsCredentials.secretArn } : {}),
      ...(sdkAppId && provider === 'tencent' ? { [SMS_ENV.sdkAppId]: sdkAppId } : {}),
      ...(region && provider !== 'sns' ? { [SMS_ENV.region]: region } : {}),
    };
  }

  private smsCredentialsSecret(sms: SmsSetting): secretsmanager.ISecret {
    if (sms.credentialsSecretArn) {
      return secretsmanager.Secret.fromSecretCompleteArn(this, 'SmsCredentials', sms.credentialsSecretArn);
    }
    const fields = sms.provider === 'tencent' ? 'secretId, secretKey' : 'accessKeyId, accessKeySecret';
    const secret = new secretsmanager.Secret(this, 'SmsCredentials', {
      description: `${sms.provider} SMS API keys for the stream consumer: replace the value with JSON {${fields}}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Access keys of a third-party SMS provider (Alibaba Cloud or Tencent Cloud): they are issued and rotated in the ' +
        "provider's console, which Secrets Manager rotation cannot reach; an operator puts the new keys here.",
    });
    return secret;
  }

  /** Staff notices to the topic; SMS by the selected provider. */
  private grantNotifications(construct: RouteFunction): void {
    this.staffNotices.grantPublish(construct.role);
    const defaultPolicy = construct.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'Added by topic.grantPublish for the KMS-encrypted staff-notices topic: publishing needs kms:GenerateDataKey* on ' +
          'that one key (the resource is the key ARN, not a wildcard).',
      });
    }
    if (this.smsCredentials) {
      // Read only, only this secret, only the functions that send.
      new iam.Policy(this, `SmsCredentialsRead-${construct.node.id}`, {
        roles: [construct.role],
        statements: [
          new iam.PolicyStatement({
            sid: 'SmsProviderKeys',
            actions: ['secretsmanager:GetSecretValue'],
            resources: [this.smsCredentials.secretArn],
          }),
        ],
      });
      return;
    }
    // SNS sends SMS straight to phone numbers, which have no ARN to name.
    const sms = new iam.Policy(this, 'SmsPublish', {
      roles: [construct.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'SmsToPhoneNumbers',
          actions: ['sns:Publish'],
          resources: ['*'],
          // Only direct SMS: publishing to a topic or endpoint through this statement is refused.
          conditions: { Null: { 'sns:TopicArn': 'true' } },
        }),
      ],
    });
    Validations.of(sms).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'SMS to a phone number (sns:Publish with PhoneNumber) has no resource ARN to scope to; the statement is limited to ' +
        'requests without a topic ARN, and topic publishing is granted separately on the staff-notices topic only.',
    });
  }
}
