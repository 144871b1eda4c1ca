import { defineConfig } from 'vitest/config';

/**
 * One run, four kinds of test:
 * - test/unit: pure domain and handlers with the SDK mocked (aws-sdk-client-mock);
 * - test/integration: repositories and use cases against DynamoDB Local;
 * - test/e2e: the local HTTP server, driven over HTTP;
 * - test/infra: the synthesized CloudFormation template and cdk-nag.
 * The global setup starts one DynamoDB Local for the run and stops it after;
 * each integration or e2e file creates its own table, so files run in parallel.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
