import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import { signLocalToken } from '../../scripts/local/auth.js';
import type { DemoUser } from '../../scripts/local/demo-data.js';
import { LOCAL_AWS_ENV } from '../../scripts/local/dynamodb-local.js';
import { closeCaseDirectly } from '../../scripts/local/close-directly.js';
import { startLocalEnvironment, type LocalEnvironment } from '../../scripts/local/environment.js';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export interface RequestOptions {
  readonly user?: DemoUser;
  /** JSON-encoded unless `raw` is given. */
  readonly body?: unknown;
  readonly raw?: string | Buffer;
  readonly headers?: Record<string, string>;
  /**
   * A loopback address (127.x.y.z) to send from, so the request reaches the
   * handlers with that source IP: another client, as far as the API can tell.
   */
  readonly from?: string;
}

export interface LocalApi {
  readonly baseUrl: string;
  /** The API's table, for tests that read its stream and run the stream consumer by hand (streamRecords). */
  readonly table: { readonly raw: DynamoDBClient; readonly tableName: string; readonly endpoint: string };
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** Every item in the table (tests only: proves what was or was not written). */
  items(): Promise<Record<string, unknown>[]>;
  /** Closes a case directly in the table, until a route for closing exists (lifecycle work). */
  closeCase(caseNumber: string): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalApiOptions {
  /** A DynamoDB Local of the test's own (e.g. one it kills), instead of the run's shared one. */
  readonly dynamoDbEndpoint?: string;
  /** An invocation's time budget (see LocalServerOptions.invocationBudgetMs); 25 s unless told. */
  readonly invocationBudgetMs?: number;
}

/**
 * The local API exactly as `npm start` serves it (local server, authorizer
 * emulation, real handlers), on a free port, against the run's DynamoDB Local
 * with a table of its own.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const environment: LocalEnvironment = await startLocalEnvironment({
    port: 0,
    dynamoDbEndpoint: options.dynamoDbEndpoint ?? inject('dynamoDbEndpoint'),
    tableName: `e2e-${randomUUID()}`,
    // DynamoDB Local serialises transactions; under a test's burst of hundreds of requests it, not the code, is slow.
    // Invocations get the test's budget (below vitest's 30 s) instead of the deployed 10 s, so no test hangs on it.
    invocationBudgetMs: options.invocationBudgetMs ?? 25_000,
  });
  const raw = new DynamoDBClient({
    endpoint: environment.dynamoDbEndpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
  const tokens = new Map<string, string>();
  const tokenFor = async (user: DemoUser) => {
    if (!tokens.has(user.username)) tokens.set(user.username, await signLocalToken(user, environment.baseUrl));
    return tokens.get(user.username)!;
  };
  return {
    baseUrl: environment.baseUrl,
    table: { raw, tableName: environment.tableName, endpoint: environment.dynamoDbEndpoint },
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.user) headers.authorization ??= await tokenFor(options.user);
      let body: string | Buffer | undefined;
      if (options.raw !== undefined) body = options.raw;
      else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const url = `${environment.baseUrl}${path}`;
      const response = options.from
        ? await sendFrom(options.from, url, method, headers, body)
        : await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async items() {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, any> | undefined;
      do {
        const page = await raw.send(new ScanCommand({ TableName: environment.tableName, ExclusiveStartKey: startKey }));
        items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
    closeCase: (caseNumber) => closeCaseDirectly(raw, environment.tableName, caseNumber),
    async stop() {
      raw.destroy();
      await environment.stop();
    },
  };
}

/** `fetch` cannot choose the local address of its connection; node:http can. */
function sendFrom(
  localAddress: string,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<Response> {
  // node:http frames a GET's or DELETE's body only when told its length; unframed, the bytes read as a second request.
  const framed = body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers };
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers: framed, localAddress }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const one of [value ?? []].flat()) responseHeaders.append(name, one);
        }
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0, headers: responseHeaders }));
      });
      incoming.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
