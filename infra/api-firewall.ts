import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { deploymentOf } from './deployment-config.js';

export interface ApiFirewallProps {
  readonly stage: apigateway.Stage;
  /** The stage's name as a literal, so the web ACL does not wait for the stage. */
  readonly stageName: string;
  /** Requests per IP per 5 minutes over the whole API. */
  readonly apiRateLimit: number;
  /** Requests per IP per 5 minutes to the public routes (`/public/...`). */
  readonly publicRateLimit: number;
  /** Path prefix of the unauthenticated complaint and status routes. */
  readonly publicPathPrefix?: string;
}

/** Rules of a managed group that only count here (see the class comment on body size). */
const COUNT_ONLY: Readonly<Record<string, wafv2.CfnWebACL.RuleActionOverrideProperty[]>> = {
  AWSManagedRulesCommonRuleSet: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
};

/** Five minutes: the window WAF counts rate-based rules over. */
const RATE_WINDOW_SECONDS = 300;

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { metricName, cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true };
}

/**
 * AWS WAF in front of the API stage. Public routes have no login, so they get
 * a stricter per-IP rate than the API as a whole (staff behind one office NAT
 * share an IP; so do mobile users behind carrier NAT, hence limits that are
 * not tiny). Blocked requests get API Gateway's WAF_FILTERED response (403 in
 * the error shape).
 *
 * Body size: API Gateway caps payloads at 10 MB and handlers enforce 16 KiB
 * (413 in the error shape). The common rule set's SizeRestrictions_BODY would
 * block anything over 8 KB with a bare 403, cutting off long complaint
 * descriptions the handlers accept, so it only counts.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly association: wafv2.CfnWebACLAssociation;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const publicPrefix = props.publicPathPrefix ?? '/public/';

    // The URI WAF sees on the execute-api endpoint starts with the stage name;
    // behind a custom domain (base path mapping) it does not. Match both.
    const publicPath: wafv2.CfnWebACL.StatementProperty = {
      orStatement: {
        statements: [publicPrefix, `/${props.stageName}${publicPrefix}`].map((searchString) => ({
          byteMatchStatement: {
            fieldToMatch: { uriPath: {} },
            positionalConstraint: 'STARTS_WITH',
            searchString,
            textTransformations: [
              { priority: 0, type: 'URL_DECODE' },
              { priority: 1, type: 'NORMALIZE_PATH' },
            ],
          },
        })),
      },
    };

    const managedRuleGroup = (
      name: string,
      priority: number,
      ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[],
    ): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Weiquan API: per-IP rate limits and AWS managed rule groups',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WeiquanApi'),
      rules: [
        {
          name: 'PublicRoutesRateLimit',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.publicRateLimit,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: publicPath,
            },
          },
          visibilityConfig: visibility('PublicRoutesRateLimit'),
        },
        {
          name: 'ApiRateLimit',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.apiRateLimit,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('ApiRateLimit'),
        },
        // The groups the partition offers (infra/partition.ts).
        ...deploymentOf(this).features.wafManagedRuleGroups.map((name, index) =>
          managedRuleGroup(name, 2 + index, COUNT_ONLY[name]),
        ),
      ],
    });

    this.association = new wafv2.CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
