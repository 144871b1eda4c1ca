import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { signLocalToken } from '../../scripts/local/auth.js';
import { demoUser } from '../../scripts/local/demo-data.js';
import { DEMO_PASSWORD } from '../../scripts/local/oidc-settings.js';
import { WEB_DIST, startLocalEnvironment, type LocalEnvironment } from '../../scripts/local/environment.js';

/** Debian's chromium (installed by .ci/run); CHROMIUM overrides the path. */
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Debian's Chromium, headless, kept off the network it has not got (the flags this machine needs). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Not committed (.gitignore); the README's few are copied to docs/screenshots by hand. */
export const SCREENSHOTS = new URL('.screenshots/', import.meta.url);

export interface Console {
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh browser context (no shared session storage) on the console's origin. */
  newPage(): Promise<Page>;
  /** A staff member's ID token, for arranging data over the API as another person would. */
  token(username: string): Promise<string>;
  /** Calls the API directly (arranging and checking, never instead of the screen under test). */
  request(username: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** The API and console exactly as `npm start` serves them, on a free port, with a table of their own. */
export async function startConsole(): Promise<Console> {
  if (!existsSync(new URL('index.html', WEB_DIST)))
    throw new Error('web/dist is missing: run `npm run build:web` (npm run test:browser does)');
  const environment: LocalEnvironment = await startLocalEnvironment({
    port: 0,
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
    tableName: `browser-${randomUUID()}`,
    invocationBudgetMs: 25_000,
    // The stream consumer and the sweeper too, as under `npm start`: early warnings appear on the dashboard.
    background: true,
    log: (line) => console.log(line),
  });
  const browser = await launchChromium();
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    const user = demoUser(username);
    if (!user) throw new Error(`no demo user ${username}`);
    if (!tokens.has(username)) tokens.set(username, await signLocalToken(user, environment.baseUrl));
    return tokens.get(username)!;
  };
  return {
    baseUrl: environment.baseUrl,
    browser,
    async newPage() {
      const context = await browser.newContext({
        baseURL: environment.baseUrl,
        locale: 'zh-CN',
        // A Europe-based browser still shows China time: the console never uses the browser's zone.
        timezoneId: 'Europe/Berlin',
        viewport: { width: 1440, height: 900 },
        acceptDownloads: true,
      });
      const page = await context.newPage();
      // A script error on a screen is a failure worth reading in the test log.
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      page.on('console', (entry) => entry.type() === 'error' && console.error(`[browser console] ${entry.text()}`));
      return page;
    },
    token,
    async request(username, method, path, body) {
      const response = await fetch(`${environment.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${await token(username)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await browser.close();
      await environment.stop();
    },
  };
}

/**
 * Signs a demo user in as a person does: the console's 登录 button, the
 * union's sign-in page (the local OpenID Connect provider), user name and
 * password, and back to the console with an ID token (code + PKCE).
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/oidc') && url.pathname !== '/auth/callback' && url.pathname !== '/login',
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}

/** axe-core on the screen as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

/** Picks an option of an Ant Design select or cascader opened from the field labelled `label`. */
export async function choose(page: Page, label: string, ...titles: string[]): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  for (const title of titles) {
    await page.locator(`.ant-select-item-option[title="${title}"], .ant-cascader-menu-item[title="${title}"]`).last().click();
  }
}

/** A wage or injury complaint as an operator would register it (the arranging step of other people's tests). */
export function complaint(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    channel: 'walk_in',
    category: 'work_injury',
    regionCode: '210102',
    complainant: { name: '张伟', mobile: '13812345678', migrantWorker: true },
    employer: { name: '沈阳和平建筑工程有限公司', creditCode: '91210102MA0QC12347' },
    description: '在工地摔伤，单位不给申报工伤。',
    workersInvolved: 1,
    amountClaimedFen: 5_000_000,
    ...overrides,
  };
}
