/**
 * `npm start`: DynamoDB Local, the table and demo data, and every route of the
 * route table on http://localhost:3000 (PORT overrides), served by the real
 * Lambda handlers. `npm start -- --persist` keeps data under .weiquan/.
 * Ctrl-C stops everything, DynamoDB Local's Java process included.
 */
import './local/preflight.js';
import { signLocalToken } from './local/auth.js';
import { DEMO_PASSWORD } from './local/oidc-settings.js';
import { DEMO_USERS } from './local/demo-data.js';
import { chinaDate } from '../shared/domain/china-time.js';
import { CALENDAR_WARNING_DAYS, calendarLastDay, daysOfCalendarLeft } from '../shared/domain/holiday-calendar.js';
import { UnionRepository } from '../shared/store/union-repository.js';
import { LocalSetupError } from './local/dynamodb-local.js';
import { startLocalEnvironment, type LocalEnvironment } from './local/environment.js';
import { ensureWebBuilt } from './local/web-build.js';
import { forgetRunningStore, recordRunningStore } from './local/running.js';

const persist = process.argv.includes('--persist');
const port = Number(process.env.PORT ?? 3000);

async function banner(environment: LocalEnvironment): Promise<string> {
  const lines = [
    '',
    `Weiquan local API on ${environment.baseUrl}  (DynamoDB Local ${environment.dynamoDbEndpoint}, table ${environment.tableName}, ${persist ? 'persisted in .weiquan/dynamodb' : 'in memory'})`,
    `Staff console: ${environment.baseUrl}/  (sign in as op-heping, lawyer-heping or admin-shenyang)`,
    '',
    `Staff sign-in: OpenID Connect provider ${environment.issuer} (discovery: ${environment.issuer}/.well-known/openid-configuration);`,
    `every demo user's password is ${DEMO_PASSWORD}. ID tokens for the seeded staff (valid 1 h; \`npm run token -- <username>\` prints one):`,
  ];
  for (const user of DEMO_USERS) {
    lines.push(`  ${user.username.padEnd(16)} ${user.role.padEnd(12)} ${user.unionCode}  ${user.displayName}`);
  }
  lines.push('');
  for (const user of DEMO_USERS) {
    lines.push(
      `export TOKEN_${user.username.toUpperCase().replaceAll('-', '_')}='${await signLocalToken(user, environment.baseUrl)}'`,
    );
  }
  const api = environment.baseUrl;
  lines.push(
    '',
    'Try it (paste the export lines above first):',
    `  curl -s ${api}/openapi.json | head -c 300`,
    `  curl -s -X POST ${api}/cases -H "Authorization: $TOKEN_OP_HEPING" -H 'Content-Type: application/json' \\`,
    `    -d '{"kind":"consultation","channel":"hotline","category":"working_hours_leave","regionCode":"210102","complainant":{"name":"李强","mobile":"13900001111"},"description":"加班费怎么算？","answeredOnCall":{"advice":"按《劳动法》第44条计算加班费。"}}'`,
    `  curl -s "${api}/cases?month=$(date +%Y-%m)" -H "Authorization: $TOKEN_OP_HEPING"`,
    `  curl -s -X POST ${api}/callers/lookup -H "Authorization: $TOKEN_OP_HEPING" -H 'Content-Type: application/json' -d '{"phone":"13900001111"}'`,
    '  # a worker filing on WeChat (no token; keep the caseNumber and accessCode it returns):',
    `  curl -s -X POST ${api}/public/complaints -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s%N)" \\`,
    `    -d '{"channel":"wechat","category":"wage_arrears","regionCode":"210103","complainant":{"name":"王建国","mobile":"13700001234"},"employer":{"name":"沈阳沈河物业服务有限公司"},"description":"两个月工资没发"}'`,
    `  curl -s ${api}/public/complaints/<caseNumber> -H 'X-Access-Code: <accessCode>'`,
    '',
    'Off the request path, as in the cloud: the stream jobs print each notification they would send',
    '([would send] …) and raise early warnings; the clock sweeper runs every minute.',
    '',
    'Ctrl-C stops the API and DynamoDB Local.',
    '',
  );
  return lines.join('\n');
}

/** The holiday calendar's end, loudly when it is near: clocks past it count a plain Monday–Friday week. */
async function calendarNotice(): Promise<string> {
  const { calendar } = await new UnionRepository().directory();
  const today = chinaDate(new Date());
  const daysLeft = daysOfCalendarLeft(calendar, today);
  const lastDay = calendarLastDay(calendar) ?? 'none loaded';
  if (daysLeft > CALENDAR_WARNING_DAYS) return `Holiday calendar loaded to ${lastDay}.`;
  return (
    `WARNING: the holiday calendar ends ${lastDay} (${daysLeft} days from today). Clocks running past it are counted on a ` +
    'Monday–Friday week and flagged beyondCalendar. Load the next year when the State Council publishes it: add it to a ' +
    'provisioning file and run `npm run provision -- --file <file>` (see README, "The holiday calendar").'
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  await ensureWebBuilt((line) => console.log(line));
  const environment = await startLocalEnvironment({ port, persist, background: true, log: (line) => console.log(line) });
  recordRunningStore({
    pid: process.pid,
    dynamoDbEndpoint: environment.dynamoDbEndpoint,
    tableName: environment.tableName,
    baseUrl: environment.baseUrl,
  });
  console.log(await banner(environment));
  console.log(await calendarNotice());
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the API and DynamoDB Local…`);
    forgetRunningStore();
    await environment.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof LocalSetupError ? `\n${error.message}\n` : error);
  process.exit(1);
});
