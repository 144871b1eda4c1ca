import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE, type IndexDefinition, type TableDefinition } from '../shared/store/table-definition.js';

export interface DataTableProps {
  /** Defaults to the project's one table definition; tests may pass another. */
  readonly definition?: TableDefinition;
}

/**
 * The single Weiquan table, built from `TABLE` (keys, GSIs, TTL) so the cloud
 * table is the one DynamoDB Local runs. It holds personal information under
 * PIPL, hence a customer managed key (auditable in CloudTrail, revocable),
 * point-in-time recovery and deletion protection; RETAIN so that deleting the
 * stack never deletes case files.
 */
export class DataTable extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;
  private readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, props: DataTableProps = {}) {
    super(scope, id);
    const definition = (this.definition = props.definition ?? TABLE);

    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Weiquan case table and its stream',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: stringKey(definition.partitionKey),
      sortKey: stringKey(definition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of definition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        ...projectionOf(index),
      });
    }
  }

  /** ARN of one named index: grants name each index, never `index/*`. */
  indexArn(indexName: string): string {
    // Route contracts name indexes as strings (the edge does not import the store); a typo fails the synth here.
    if (!this.definition.indexes.some((index) => index.indexName === indexName)) {
      throw new Error(`A function is granted index ${indexName}, which the table does not have`);
    }
    return `${this.table.tableArn}/index/${indexName}`;
  }
}

/** Every key attribute of the table is a string (see table-definition.ts). */
function stringKey(name: string): dynamodb.Attribute {
  return { name, type: dynamodb.AttributeType.STRING };
}

function projectionOf(index: IndexDefinition): Pick<dynamodb.GlobalSecondaryIndexProps, 'projectionType' | 'nonKeyAttributes'> {
  return index.projection === 'KEYS_ONLY'
    ? { projectionType: dynamodb.ProjectionType.KEYS_ONLY }
    : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] };
}
