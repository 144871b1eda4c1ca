import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobEntry } from '../functions/jobs.js';
import type { DataTable } from './data-table.js';
import { RouteFunction } from './route-function.js';

export interface BackgroundJobsProps {
  readonly jobs: readonly JobEntry[];
  readonly repoRoot: string;
  readonly data: DataTable;
  readonly phoneHashSecret: secretsmanager.ISecret;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The functions off the request path (functions/jobs.ts), each with its
 * trigger: EventBridge schedules, and the table's stream filtered to the item
 * kinds the consumer acts on, with failed batches kept in a dead-letter
 * queue. Notifications go out through SNS: SMS to complainants, staff notices
 * to an encrypted topic the staff apps subscribe to.
 */
export class BackgroundJobs extends Construct {
  readonly functions: ReadonlyMap<string, RouteFunction>;
  readonly staffNotices: sns.Topic;
  readonly streamFailures: sqs.Queue;

  constructor(scope: Construct, id: string, props: BackgroundJobsProps) {
    super(scope, id);
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
          ...(job.notifies ? { environment: { STAFF_NOTICES_TOPIC_ARN: this.staffNotices.topicArn } } : {}),
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
            filters: [
              lambda.FilterCriteria.filter({
                eventName: lambda.FilterRule.isEqual('INSERT'),
                dynamodb: { NewImage: { entity: { S: lambda.FilterRule.or(...job.trigger.stream.entities) } } },
              }),
            ],
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

  /** Staff notices to the topic; SMS straight to phone numbers, which have no ARN to name. */
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
