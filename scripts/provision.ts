/**
 * `npm run provision -- --file <unions.json>` loads a deployment's union
 * directory (division codes, names, SMS signatures, triage configuration),
 * the national holiday calendar by year and the roster: into the running
 * `npm start` store, or with `--stack <name> --region <region>` into a deployed
 * stack's table (the credentials of the AWS CLI profile in use). Everything is
 * checked first and nothing is written on any error; what is already stored is
 * left alone, so running the same file twice changes nothing the second time.
 * `--dry-run` says what would change. Exit codes: 0 done, 2 bad input or usage.
 */
import './local/preflight.js';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { ProvisioningRequest } from '../shared/domain/provisioning.js';
import { ProvisioningFile } from '../shared/schemas/provisioning.js';
import { defaultDependencies } from '../shared/composition/staff-api.js';
import { provision } from '../shared/usecases/provisioning.js';
import { configureHandlerEnvironment } from './local/environment.js';
import { runningStore } from './local/running.js';
import { FUNCTION_ENV } from '../shared/config/environment.js';

const USAGE = 'Usage: npm run provision -- --file <unions.json> [--dry-run] [--stack <name> --region <region>]';

function fail(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

/** Points the repositories at the stack's table: its name is a stack output. */
async function useStack(stackName: string, region: string): Promise<string> {
  const cloudFormation = new CloudFormationClient({ region });
  const { Stacks: stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const tableName = stacks?.[0]?.Outputs?.find((output) => output.OutputKey === 'TableName')?.OutputValue;
  if (!tableName) fail(`Stack ${stackName} in ${region} has no TableName output: is it a Weiquan stack?`);
  Object.assign(process.env, { [FUNCTION_ENV.tableName]: tableName, AWS_REGION: region });
  return `${stackName} (${region}), table ${tableName}`;
}

async function useLocal(): Promise<string> {
  const running = runningStore();
  if (!running)
    fail('No local store is running: start one with `npm start`, or name a deployed stack with --stack and --region.');
  await configureHandlerEnvironment(running.dynamoDbEndpoint, running.tableName);
  return `the running npm start (table ${running.tableName})`;
}

function readRequest(file: string): ProvisioningRequest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const parsed = ProvisioningFile.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    fail(`${file} is not valid; nothing was written:\n${lines.join('\n')}`);
  }
  const { unions, calendar, roster } = parsed.data;
  return {
    // Optional keys absent from the file stay absent (so a stored union compares equal to its file entry).
    unions: unions.map((union) => JSON.parse(JSON.stringify(union)) as ProvisioningRequest['unions'][number]),
    calendar,
    roster,
  };
}

async function main(): Promise<void> {
  let values: { file?: string; stack?: string; region?: string; 'dry-run'?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        file: { type: 'string' },
        stack: { type: 'string' },
        region: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.file) fail('Name the file to load: --file docs/samples/provision-demo.json');
  if ((values.stack === undefined) !== (values.region === undefined)) fail('--stack and --region go together.');
  const request = readRequest(values.file);
  const target = values.stack ? await useStack(values.stack, values.region!) : await useLocal();

  const report = await provision(request, defaultDependencies(), { dryRun: values['dry-run'] === true });
  if (report.problems.length > 0) {
    const lines = report.problems.map((problem) => `  ${problem.path}: ${problem.message}`);
    fail(`${values.file} does not fit ${target}; nothing was written:\n${lines.join('\n')}`);
  }
  const verb = report.dryRun ? 'would write' : 'wrote';
  console.log(`Provisioning ${target}${report.dryRun ? ' (dry run: nothing written)' : ''}:`);
  console.log(`  unions:   ${verb} ${report.unions.written}, unchanged ${report.unions.unchanged}`);
  console.log(
    `  calendar: ${report.calendar.loadedYears.length > 0 ? `${verb} ${report.calendar.loadedYears.join(', ')}` : `${verb} nothing`}, unchanged ${report.calendar.unchanged}`,
  );
  console.log(`  roster:   ${verb} ${report.roster.written}, unchanged ${report.roster.unchanged}`);
  if (report.calendar.loadedYears.length > 0 && !report.dryRun) {
    console.log(`  clocks:   recomputed on ${report.clocksRecomputed} open case(s)`);
  }
  const changed = report.unions.written + report.calendar.loadedYears.length + report.roster.written;
  console.log(
    changed === 0
      ? 'Nothing to change: the store already holds this file.'
      : report.dryRun
        ? 'Run without --dry-run to write.'
        : 'Done.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
