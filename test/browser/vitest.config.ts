import { defineConfig } from 'vitest/config';

/**
 * Browser tests: Chromium (Debian's package, driven by playwright-core)
 * against the console and the API as `npm start` serves them, one per
 * person's main job. Run by `npm run test:browser` (which builds web/ first);
 * kept out of `npm test` because they need the browser and the build.
 * One file at a time: two Chromiums beside DynamoDB Local starve a small machine.
 */
export default defineConfig({
  test: {
    name: 'browser',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 90_000,
    // A screen answers within seconds on a loaded CI machine; polls wait for it, never a fixed sleep.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
