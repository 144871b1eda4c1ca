/**
 * How every function is bundled, declared once: the CDK stack passes these to
 * NodejsFunction and `npm run bench` passes the same to esbuild, so the sizes
 * and init times the benchmark reports are those of what is deployed.
 *
 * The AWS SDK is bundled and minified rather than taken from the runtime: the
 * bundle then carries only the clients and commands a function uses, its
 * version is the one we test, and tree-shaking keeps cold start low.
 */
export const LAMBDA_NODE_MAJOR = 24;

export const BUNDLING = {
  target: `node${LAMBDA_NODE_MAJOR}`,
  format: 'esm',
  platform: 'node',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  /** Nothing external: the SDK is bundled (see above). */
  external: [] as string[],
  /** ESM bundles of CommonJS dependencies still call `require` for Node built-ins. */
  banner:
    "import { createRequire as __weiquanCreateRequire } from 'node:module'; const require = __weiquanCreateRequire(import.meta.url);",
} as const;
