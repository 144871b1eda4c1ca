import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runStreamJobs } from '../../scripts/local/stream-jobs.js';
import { streamDependencies } from '../../shared/composition/stream-jobs.js';
import { consoleSms, consoleStaffNotices } from '../../shared/notify/console-sender.js';
import { logger } from '../../shared/observability/logger.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';
import { streamRecords } from '../support/stream.js';

let api: LocalApi;
let written: string[];

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

beforeEach(() => {
  written = [];
  logger.setLogLevel('INFO');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

/** The JSON log lines written so far that say `message`. */
function linesSaying(message: string): Record<string, unknown>[] {
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.message === message);
}

describe('the local server’s logs, with requests overlapping', () => {
  it('names each request’s own id on its log line, the id its answer carries', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => api.request('POST', '/cases', { user: demo('op-heping'), body: complaint() })),
    );
    expect(answers.map(({ status }) => status)).toEqual(Array<number>(12).fill(201));
    const answeredIds = answers.map(({ headers }) => headers.get('x-request-id'));

    const completed = linesSaying('request completed');
    // One line per request, each naming the request it closes (a shared logger would name the last to start).
    expect(completed.map((line) => line.function_request_id).sort()).toEqual([...answeredIds].sort());
    expect(new Set(completed.map((line) => line.function_name))).toEqual(new Set(['registerCase']));
  });

  it('names a stream job’s lines by the job and a request id of its own, not by the last request the server ran', async () => {
    const registered = await api.request('POST', '/cases', { user: demo('op-heping'), body: complaint() });
    const quiet = () => undefined;
    const deps = streamDependencies({ sms: consoleSms(quiet), staffNotices: consoleStaffNotices(quiet) });

    await runStreamJobs(deps, await streamRecords(api.table));

    const notifications = linesSaying('notification');
    expect(notifications.length).toBeGreaterThan(0);
    expect(new Set(notifications.map((line) => line.function_name))).toEqual(new Set(['deliverNotifications']));
    expect(notifications.map((line) => line.function_request_id)).not.toContain(registered.headers.get('x-request-id'));
  });
});
