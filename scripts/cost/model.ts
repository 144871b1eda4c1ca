/**
 * The inputs of docs/cost.md that are not measured: how often each route is
 * called, the background jobs, and the list prices with where each was read.
 * `npm run cost` multiplies these by the measured figures
 * (functions/capacity-budgets.ts, docs/cost-measurements.json) and rewrites
 * the generated part of docs/cost.md. Change an assumption here, not in the
 * document.
 */

/** Requests per case registered, by route (staff and public). */
export const PER_CASE: Readonly<Record<string, number>> = {
  registerCase: 0.7, // hotline, walk-in, letter, referral: 70 % of registrations (assumed)
  fileComplaint: 0.3, // web and WeChat: the other 30 %
  lookupCaller: 0.7, // the operator looks the caller up before each hotline registration
  logHotlineCall: 1, // the worker calls back once about the case
  listCases: 10, // console list views (operators, lawyers, legal department) per case
  getCase: 8,
  getCaseTimeline: 3,
  getPool: 2, // lawyers browsing the pool, per case that passes through it
  claimCase: 0.7,
  assignCase: 0.3, // the legal department assigns the rest
  releaseCase: 0.05,
  transferCase: 0.1,
  acceptTransfer: 0.08,
  rejectTransfer: 0.02,
  listTransfers: 0.5,
  addCaseWork: 3, // recorded work entries: calls, sessions, documents
  closeCase: 1,
  followUpCase: 1, // 回访: one follow-up call per closed case
  reopenCase: 0.02,
  getPublicComplaint: 3, // the worker checks the status with case number and access code
  addPublicSupplement: 0.1,
  givePublicFeedback: 0.3,
};

/** Requests per union per month (a city has its districts' unions, a province its cities' and counties'). */
export const PER_UNION_MONTH: Readonly<Record<string, number>> = {
  getMonthlyReport: 20, // the report viewed while it is prepared and checked
  fileMonthlyReport: 1,
  listAlerts: 60, // about three times a working day
  listStaff: 10,
  getStaff: 5,
  putStaff: 2,
  listUnions: 30, // the console loads the directory
};

export interface Scenario {
  readonly name: string;
  readonly casesPerMonth: number;
  /** Unions in the deployment, each with its own reports, alerts and roster. */
  readonly unions: number;
}

export const SCENARIOS: readonly Scenario[] = [
  // Shenyang: the city union and its 13 district and county unions (the demo hierarchy, DOMAIN.md).
  { name: 'City (500 cases/month)', casesPerMonth: 500, unions: 14 },
  // Liaoning: the province, 14 cities and about 100 county-level unions (assumed count).
  { name: 'Province (50,000 cases/month)', casesPerMonth: 50_000, unions: 115 },
];

/** What the background jobs (functions/jobs.ts) do in a month, per deployment; none of it is measured here. */
export const BACKGROUND = {
  /** sweepClocks: rate(5 minutes), 730 hours a month. */
  sweepRunsPerMonth: 12 * 730,
  /** A sweep that finds nothing due reads one page of the due-clock index (assumed, not measured). */
  sweepReadUnitsPerRun: 1,
  /** Escalations and stale claims the sweeper writes, per case (assumed). */
  sweepWriteUnitsPerCase: 2,
  /**
   * Stream jobs: invocations per case: deliverNotifications for the registration and closing notices,
   * raiseEarlyWarnings for the new case (assumed, batching ignored).
   */
  streamInvocationsPerCase: 3,
  /** Outbox records marked sent, alerts written, per stream invocation (assumed). */
  streamWriteUnitsPerInvocation: 2,
  /** reconcileMonthlyFigures: reads the previous month's cases once (assumed 0.5 unit each). */
  reconcileReadUnitsPerCase: 0.5,
  /** Durations of the jobs, ms (assumed: they are not measured by measure:functions). */
  jobDurationMs: 100,
  /** The staff authorizer's answer is cached 5 minutes (infra/rest-api.ts): one invocation per this many staff requests (assumed). */
  staffRequestsPerAuthorizerCall: 5,
  authorizerDurationMs: 20,
} as const;

/** CloudWatch Logs written per Lambda invocation plus its API access log line, bytes (assumed). */
export const LOG_BYTES_PER_REQUEST = 1_500;

/** Every route function's memory (infra/route-function.ts, `memorySize`). */
export const FUNCTION_MEMORY_MB = 512;

export interface Price {
  /** Per unit, in the partition's currency; undefined: not found, left as a named parameter. */
  readonly value?: number;
  readonly unit: string;
  readonly source: string;
  /** The date shown on the page, or when the stored copy was retrieved. */
  readonly dated: string;
  readonly note?: string;
}

export interface PriceList {
  readonly partition: 'aws' | 'aws-cn';
  readonly region: string;
  readonly currency: 'USD' | 'CNY';
  readonly writeRequestUnitsPerMillion: Price;
  readonly readRequestUnitsPerMillion: Price;
  readonly storagePerGbMonth: Price;
  readonly lambdaRequestsPerMillion: Price;
  readonly lambdaArmGbSecond: Price;
  readonly lambdaX86GbSecond: Price;
  readonly restApiRequestsPerMillion: Price;
  readonly logsIngestionPerGb: Price;
}

const STORED = 'as stored, retrieved 2026-12-02';

export const PRICES: readonly PriceList[] = [
  {
    partition: 'aws',
    region: 'us-east-1',
    currency: 'USD',
    writeRequestUnitsPerMillion: {
      value: 0.625,
      unit: 'per million write request units (on-demand)',
      source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
      dated: 'page dated 2025-07-21',
      note: 'third-party quotation of the US East list price after the November 2024 cut; the stored AWS page renders its prices client-side',
    },
    readRequestUnitsPerMillion: {
      value: 0.125,
      unit: 'per million read request units (on-demand)',
      source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
      dated: 'page dated 2025-07-21',
      note: 'as above',
    },
    storagePerGbMonth: {
      value: 0.25,
      unit: 'per GB-month after the first 25 GB',
      source: 'https://aws.amazon.com/th/dynamodb/pricing/',
      dated: STORED,
      note: 'AWS page (Thai edition); the first 25 GB a month are free',
    },
    lambdaRequestsPerMillion: {
      value: 0.2,
      unit: 'per million requests',
      source: 'https://aws.amazon.com/cn/blogs/china/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings',
      dated: STORED,
      note: 'AWS blog, US East (N. Virginia)',
    },
    lambdaArmGbSecond: {
      value: 0.0000133334,
      unit: 'per GB-second, arm64',
      source: 'https://app.unpkg.com/artillery@2.0.28/files/lib/platform/aws-lambda/prices.js',
      dated: STORED,
      note: 'third-party price table (Artillery), base regions',
    },
    lambdaX86GbSecond: {
      value: 0.0000166667,
      unit: 'per GB-second, x86_64',
      source: 'https://aws.amazon.com/cn/lambda/pricing/',
      dated: STORED,
      note: "AWS page's worked example, US East (N. Virginia)",
    },
    restApiRequestsPerMillion: {
      value: 3.5,
      unit: 'per million REST API calls (first 333 million a month)',
      source:
        'https://docs.aws.amazon.com/pt_br/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html',
      dated: STORED,
      note: 'AWS whitepaper, Table 4',
    },
    logsIngestionPerGb: {
      value: 0.5,
      unit: 'per GB ingested (Standard log class)',
      source: 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization',
      dated: 'page states "us-east-1, June 2026"',
      note: 'third-party quotation',
    },
  },
  {
    partition: 'aws-cn',
    region: 'cn-north-1 / cn-northwest-1',
    currency: 'CNY',
    writeRequestUnitsPerMillion: {
      value: 11.1538,
      unit: 'per million write request units (on-demand)',
      source: 'https://www.amazonaws.cn/en/dynamodb/pricing/',
      dated: STORED,
      note: 'the same price for Beijing and Ningxia',
    },
    readRequestUnitsPerMillion: {
      unit: 'per million read request units (on-demand)',
      source: 'https://www.amazonaws.cn/en/dynamodb/pricing/',
      dated: STORED,
      note: 'not in the stored excerpts: parameter P_CN_RRU',
    },
    storagePerGbMonth: {
      unit: 'per GB-month',
      source: 'https://www.amazonaws.cn/en/dynamodb/pricing/',
      dated: STORED,
      note: 'not in the stored excerpts: parameter P_CN_STORAGE',
    },
    lambdaRequestsPerMillion: {
      value: 1.36,
      unit: 'per million requests',
      source: 'public GitHub README "AWS中国区Personal Health Dashboard集中通知方案", section 成本估算（宁夏区定价）',
      dated: STORED,
      note: 'third-party, Ningxia; amazonaws.cn/lambda/pricing is not stored',
    },
    lambdaArmGbSecond: {
      unit: 'per GB-second, arm64',
      source: 'https://www.amazonaws.cn/en/lambda/pricing/',
      dated: 'not stored',
      note: 'not found: parameter P_CN_LAMBDA_ARM; the x86 price below is used as its upper bound',
    },
    lambdaX86GbSecond: {
      value: 0.000113477,
      unit: 'per GB-second',
      source: 'public GitHub README "AWS中国区Personal Health Dashboard集中通知方案", section 成本估算（宁夏区定价）',
      dated: STORED,
      note: 'third-party, Ningxia; the architecture is not stated',
    },
    restApiRequestsPerMillion: {
      unit: 'per million REST API calls',
      source: 'https://www.amazonaws.cn/en/api-gateway/pricing/',
      dated: 'not stored',
      note: 'not found: parameter P_CN_APIGW',
    },
    logsIngestionPerGb: {
      unit: 'per GB ingested',
      source: 'https://amazonaws.cn/cloudwatch/pricing',
      dated: STORED,
      note: 'the stored excerpt shows the free tier (5 GB of log ingestion a month) but not the price: parameter P_CN_LOGS',
    },
  },
];
