/**
 * What each AWS partition offers that the stack uses, in one place. A region
 * chooses the partition; everything the China regions lack switches here, and
 * nowhere else decides by region name.
 *
 * Sources (AWS China "Getting Started" guide, feature differences per service):
 * - Cognito user pools, and so API Gateway's Cognito authorizer, do not exist in
 *   cn-north-1 / cn-northwest-1: staff sign in with the union's own OpenID
 *   Connect issuer there, verified by the same Lambda authorizer.
 * - Lambda: "X-Ray integration with Lambda functions is not available".
 * - SNS: no SMS to phone numbers; mainland SMS goes through Alibaba Cloud or
 *   Tencent Cloud SMS with an approved signature and templates.
 * - WAF: regional only; managed rule groups are offered (Bot Control at the
 *   common level only). Check `aws wafv2 list-available-managed-rule-groups
 *   --scope REGIONAL` in the target region before adding a group here.
 * - A public endpoint must be reached through an ICP-filed domain (备案).
 */
export type PartitionName = 'aws' | 'aws-cn';

export interface PartitionFeatures {
  readonly partition: PartitionName;
  /** Cognito user pools exist (the default staff issuer). */
  readonly cognitoUserPools: boolean;
  /** Lambda functions may trace to X-Ray. */
  readonly lambdaXRay: boolean;
  /** API Gateway stages may trace to X-Ray (kept with Lambda's: a trace with no function segments helps nobody). */
  readonly apiGatewayXRay: boolean;
  /** SNS can send SMS to mainland numbers. */
  readonly snsSms: boolean;
  /** AWS managed WAF rule groups the web ACL uses. */
  readonly wafManagedRuleGroups: readonly string[];
  /** A public API needs an ICP-filed custom domain to be reachable. */
  readonly needsIcpDomain: boolean;
  /** The DNS suffix of service endpoints. */
  readonly urlSuffix: string;
}

const WAF_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

export const PARTITIONS: Readonly<Record<PartitionName, PartitionFeatures>> = {
  aws: {
    partition: 'aws',
    cognitoUserPools: true,
    lambdaXRay: true,
    apiGatewayXRay: true,
    snsSms: true,
    wafManagedRuleGroups: WAF_GROUPS,
    needsIcpDomain: false,
    urlSuffix: 'amazonaws.com',
  },
  'aws-cn': {
    partition: 'aws-cn',
    cognitoUserPools: false,
    lambdaXRay: false,
    apiGatewayXRay: false,
    snsSms: false,
    wafManagedRuleGroups: WAF_GROUPS,
    needsIcpDomain: true,
    urlSuffix: 'amazonaws.com.cn',
  },
};

/** The China regions; every other region (or none: an environment-agnostic synth) is the global partition. */
export const CHINA_REGIONS = ['cn-north-1', 'cn-northwest-1'] as const;

export function partitionOfRegion(region: string | undefined): PartitionFeatures {
  return region && (CHINA_REGIONS as readonly string[]).includes(region) ? PARTITIONS['aws-cn'] : PARTITIONS.aws;
}
