import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { REPO_ROOT, WeiquanStack, type WeiquanStackProps } from './weiquan-stack.js';

export interface BuildAppOptions {
  /**
   * Bundle the functions with esbuild (default true). Tests pass false: the
   * template is the same except for asset hashes, and synth takes seconds.
   */
  readonly bundle?: boolean;
  /** Cloud assembly directory; defaults to the CLI's (cdk.out) or a temporary one. */
  readonly outdir?: string;
  readonly stackProps?: WeiquanStackProps;
  /** Context as `cdk synth -c key=value` gives it (e.g. `{ region: 'cn-north-1' }`; see infra/deployment-config.ts). */
  readonly context?: Record<string, unknown>;
}

export interface BuiltApp {
  readonly app: App;
  readonly stack: WeiquanStack;
}

/**
 * Feature flags from cdk.json, so that an app built in a test has the flags
 * `cdk synth` runs with (the CLI passes the same values, which take precedence).
 */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * The one way the app is built, for `cdk synth` (infra/app.ts) and the infra
 * tests alike. cdk-nag's AWS Solutions pack is registered on every synth (cdk-nag
 * v3 is a policy-validation plugin, not an Aspect). An unacknowledged finding
 * fails the synth: errors always, warnings too because cdk.json sets
 * `@aws-cdk/core:strictCfnValidateErrors`. Acknowledge a finding with
 * `Validations.of(construct).acknowledge({ id: 'AwsSolutions-XXX', reason })`
 * (v3 replaced NagSuppressions; v2's `appliesTo` is now `AwsSolutions-IAM5[Resource::*]`).
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const { bundle = true } = options;
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: {
      ...cdkJsonContext(),
      // No stack is bundled: NodejsFunction assets are left unbuilt.
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stack = new WeiquanStack(app, 'Weiquan', options.stackProps);
  // writeSuppressionsToCloudFormation: each acknowledgement and its reason is
  // also written into the template (resource Metadata `cdk_nag`) for auditors.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stack };
}
