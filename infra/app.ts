/**
 * CDK app entry (cdk.json: `npx tsx infra/app.ts`). The CLI synthesizes the
 * app when this process exits; cdk-nag runs as part of that synth.
 */
import { buildApp } from './build-app.js';

buildApp({ bundle: true });
