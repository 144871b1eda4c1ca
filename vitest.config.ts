import { defineConfig } from 'vitest/config';

/**
 * One run, four kinds of test:
 * - test/unit: pure domain and handlers with the SDK mocked (aws-sdk-client-mock);
 * - test/integration: repositories and use cases against DynamoDB Local;
 * - test/e2e: the local HTTP server, driven over HTTP;
 * - test/infra: the synthesized CloudFormation template and cdk-nag;
 * (test/browser, the web pages in a real Chromium, runs apart: `npm run test:browser`,
 * with its own config and timeouts, after building the pages; .ci/run runs both.)
 * The global setup starts one DynamoDB Local and stops it after; each
 * integration or e2e file creates its own table, so files run in parallel.
 *
 * The load tests (10,000 racing claims; a burst of 200 online filings; a
 * load run with faults injected; a burst with DynamoDB Local killed in the
 * middle) run afterwards, one at a time: DynamoDB Local serialises
 * transactions, so run beside each other or beside the suite they measure the
 * emulator's queue, and the bursts' requests outlive the functions' 10-second
 * timeout. The long evidence runs (WEIQUAN_LONG_RUNS=1, set by .ci/run) grow
 * their counts but not their number, see test/support/long-runs.ts.
 */
const LOAD_TESTS = [
  'test/integration/dispatch.test.ts',
  'test/e2e/public-complaints.test.ts',
  'test/e2e/fault-injection.test.ts',
  'test/e2e/store-killed.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...LOAD_TESTS, 'test/browser/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // A burst's test outlasts the suite's 30 s when the machine is loaded (CI beside another run), not because it hangs.
        test: { name: 'load', include: LOAD_TESTS, fileParallelism: false, testTimeout: 120_000, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
