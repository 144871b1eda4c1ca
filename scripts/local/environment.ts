import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ROUTES } from '../../functions/routes.js';
import { UnionRepository, forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { CORS_ENV } from '../../shared/http/cors.js';
import { authorizeLocally, cachedPerToken, localStaffTokenEnv } from './auth.js';
import { startBackgroundWork } from './background.js';
import { DEMO_ROSTER, DEMO_UNIONS } from './demo-data.js';
import { DEFAULT_HOLIDAY_CALENDAR } from '../../shared/domain/holiday-calendar.js';
import { UnionDirectory } from '../../shared/domain/unions.js';
import { StaffRepository } from '../../shared/store/staff-repository.js';
import { LOCAL_AWS_ENV, LocalSetupError, ensureTable, startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local.js';
import { LOCAL_STATE_DIR, localSecrets } from './secrets.js';
import { createLocalServer, type Interceptor } from './server.js';
import { createStaticSite, localConsoleConfig } from './static-site.js';
import { FUNCTION_ENV } from '../../shared/config/environment.js';

export const LOCAL_TABLE_NAME = 'weiquan-local';
/** The built console (`npm run build:web`), served beside the API. */
export const WEB_DIST = new URL('../../web/dist/', import.meta.url);

export interface LocalEnvironmentOptions {
  /** HTTP port; 0 picks a free one. */
  readonly port: number;
  /** Keep the data under .weiquan/dynamodb between runs (default: in memory). */
  readonly persist?: boolean;
  /** Use an already running DynamoDB Local instead of starting one (tests). */
  readonly dynamoDbEndpoint?: string;
  readonly tableName?: string;
  readonly log?: (line: string) => void;
  /** Also run the stream consumer and the clock sweeper, as the cloud does off the request path. */
  readonly background?: boolean;
  /** See LocalServerOptions.invocationBudgetMs. */
  readonly invocationBudgetMs?: number;
}

export interface LocalEnvironment {
  readonly baseUrl: string;
  /** The local OpenID Connect provider's issuer (`<baseUrl>/oidc`). */
  readonly issuer: string;
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  stop(): Promise<void>;
}

/** Environment the Lambda handlers read, pointed at DynamoDB Local. */
export async function configureHandlerEnvironment(endpoint: string, tableName: string): Promise<void> {
  const { phoneHashKey } = await localSecrets();
  Object.assign(process.env, LOCAL_AWS_ENV, {
    [FUNCTION_ENV.tableName]: tableName,
    [FUNCTION_ENV.dynamoDbEndpoint]: endpoint,
    [FUNCTION_ENV.phoneHashLocalKey]: phoneHashKey,
    // Derived from the local secret, as the OIDC provider's cookie keys are: stable across restarts, never the cloud's.
    [FUNCTION_ENV.cursorLocalKey]: createHash('sha256').update(`page-cursors:${phoneHashKey}`).digest('base64url'),
    // Messages are printed (template, parameters, text), never sent.
    SMS_PROVIDER: 'console',
    // One process serves what many Lambda containers would: let a burst reach DynamoDB Local at once.
    [FUNCTION_ENV.dynamoDbMaxSockets]: '512',
    POWERTOOLS_SERVICE_NAME: 'weiquan',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Origins a union's own web/H5 page (public routes) and a console on another origin (staff routes) may call
    // from; the console served by `npm start` itself is same-origin and needs none.
    [CORS_ENV.publicOrigins]: process.env.WEIQUAN_CORS_PUBLIC_ORIGINS ?? LOCAL_CORS_ORIGINS.public,
    [CORS_ENV.staffOrigins]: process.env.WEIQUAN_CORS_STAFF_ORIGINS ?? LOCAL_CORS_ORIGINS.staff,
  });
}

/** Defaults for local cross-origin callers: a union's page on :8080, the console's Vite dev server on :5173. */
export const LOCAL_CORS_ORIGINS = {
  public: 'http://localhost:8080,http://127.0.0.1:8080',
  staff: 'http://localhost:5173,http://127.0.0.1:5173',
} as const;

/** Creates the table (same definition as the stack) and loads the demo unions. Idempotent. */
export async function prepareStore(dynamoDb: Pick<RunningDynamoDb, 'client'>, tableName: string): Promise<void> {
  await ensureTable(dynamoDb.client, tableName);
  const documents = DynamoDBDocumentClient.from(dynamoDb.client);
  const store = { client: documents, tableName };
  const unions = new UnionRepository(store);
  await unions.putAll(DEMO_UNIONS);
  await unions.putCalendar(DEFAULT_HOLIDAY_CALENDAR, { keepExisting: true });
  forgetCachedDirectory();
  const directory = new UnionDirectory(DEMO_UNIONS);
  const roster = new StaffRepository(store);
  for (const entry of DEMO_ROSTER) {
    const unionPath = directory.pathOf(entry.unionCode);
    if (await roster.get(unionPath[0]!, entry.staffId)) continue; // kept from an earlier --persist run
    await roster.put(
      { ...entry, unionPath, activeCases: 0, updatedAt: new Date().toISOString() },
      { exists: false, activeCases: 0 },
    );
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalSetupError(`Port ${port} is already in use. Stop whatever holds it, or choose another: PORT=3001 npm start`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** DynamoDB Local + table + demo data + the local API, ready to take requests. */
export async function startLocalEnvironment(options: LocalEnvironmentOptions): Promise<LocalEnvironment> {
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const dynamoDb: RunningDynamoDb | undefined = options.dynamoDbEndpoint
    ? undefined
    : await startDynamoDbLocal(options.persist ? { persistDir: fileURLToPath(new URL('dynamodb', LOCAL_STATE_DIR)) } : {});
  try {
    const endpoint = options.dynamoDbEndpoint ?? dynamoDb!.endpoint;
    const client =
      dynamoDb?.client ??
      new DynamoDBClient({
        endpoint,
        region: LOCAL_AWS_ENV.AWS_REGION,
        credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
      });
    await prepareStore({ client }, tableName);
    await configureHandlerEnvironment(endpoint, tableName);
    const interceptors: Interceptor[] = [];
    let origin = '';
    const server = createLocalServer({
      routes: ROUTES,
      authorize: cachedPerToken(authorizeLocally),
      interceptors,
      site: createStaticSite({ root: fileURLToPath(WEB_DIST), config: () => localConsoleConfig(origin) }),
      ...(options.log ? { log: options.log } : {}),
      ...(options.invocationBudgetMs ? { invocationBudgetMs: options.invocationBudgetMs } : {}),
    });
    const port = await listen(server, options.port);
    const baseUrl = `http://localhost:${port}`;
    origin = baseUrl;
    // The issuer URL contains the port, so the provider and the authorizer's settings come once it is known.
    // Imported here, not at the top: scripts that only borrow configureHandlerEnvironment need no provider.
    const { createLocalOidc } = await import('./oidc-provider.js');
    const oidc = await createLocalOidc({ origin: baseUrl, extraConsoleOrigins: LOCAL_CORS_ORIGINS.staff.split(',') });
    interceptors.push(oidc.handle);
    Object.assign(process.env, localStaffTokenEnv(baseUrl));
    const background = options.background
      ? await startBackgroundWork({ client, endpoint, tableName, log: options.log ?? console.log })
      : undefined;
    return {
      baseUrl,
      issuer: oidc.issuer,
      dynamoDbEndpoint: endpoint,
      tableName,
      stop: async () => {
        await background?.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        if (!dynamoDb) client.destroy();
        await dynamoDb?.stop();
      },
    };
  } catch (error) {
    await dynamoDb?.stop();
    throw error;
  }
}
