import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, expectAccessible, screenshot, signIn, startConsole, type Console } from './support.js';

let app: Console;
let page: Page;

beforeAll(async () => {
  app = await startConsole();
  page = await app.newPage();
});
afterAll(async () => app?.stop());

const CALLER = '13900001111';
const chinaClock = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

const chinaMonthOf = (iso: string) => chinaClock(iso).slice(0, 7).replace('/', '-');

/** 12351来电接听 of 和平区 in a month, as its legal department's report shows it. */
async function callsAnswered(month: string): Promise<number> {
  const report = await app.request('admin-heping', 'GET', `/reports/monthly?union=210102&month=${month}`);
  expect(report.status).toBe(200);
  return report.body.months[0].own.figures.callsAnswered;
}

describe('a 12351 operator on a call', () => {
  let earlier: { caseId: string; caseNumber: string; registeredAt: string };
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // The same worker rang last week about overtime pay; that call was answered on the spot.
    const response = await app.request('op-heping', 'POST', '/cases', {
      kind: 'consultation',
      channel: 'hotline',
      category: 'working_hours_leave',
      regionCode: '210102',
      complainant: { name: '李强', mobile: CALLER },
      description: '加班费怎么算？',
      answeredOnCall: { advice: '按《劳动法》第44条计算加班费。' },
    });
    expect(response.status).toBe(201);
    earlier = response.body;
  });

  it('signs in and lands on the call desk, ready to type a number', async () => {
    await signIn(page, 'op-heping');
    const phone = page.getByRole('textbox', { name: '来电号码' });
    await phone.waitFor({ state: 'visible' });
    // First load of the operator's screen, cold (no HTTP cache), on the local server: navigation start → the
    // number field takes input. The session survives the reload, as it does in a real tab.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.reload();
    await expect.poll(() => phone.isEditable()).toBe(true);
    timings.interactiveMs = await page.evaluate(() => performance.now());
    timings.javascriptKb = await page.evaluate(
      () =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('.js'))
          .reduce((sum, entry) => sum + (entry as unknown as { encodedBodySize: number }).encodedBodySize, 0) / 1024,
    );
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    console.log(
      `operator first load: interactive after ${Math.round(timings.interactiveMs)} ms, ${Math.round(timings.javascriptKb)} KiB of JavaScript (compressed: none, local server)`,
    );
    expect(new URL(page.url()).pathname).toBe('/hotline');
    await expect.poll(() => page.getByRole('menuitem', { name: '来电登记' }).isVisible()).toBe(true);
    // The report's chart library is another role's chunk: the operator never downloads it.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(scripts.some((name) => /Report|echarts/i.test(name))).toBe(false);
    await expectAccessible(page);
    await screenshot(page, 'operator-call-desk');
  });

  it('sees the repeat caller’s earlier case as soon as the number is pasted', async () => {
    await page.getByRole('textbox', { name: '来电号码' }).fill(`+86 ${CALLER}`);
    await expect.poll(() => page.getByText('重复来电').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: earlier.caseNumber }).isVisible()).toBe(true);
    // Shown in China time, though this browser runs on Berlin time.
    await expect.poll(() => page.getByText(chinaClock(earlier.registeredAt), { exact: false }).isVisible()).toBe(true);
    // The number is carried into the form.
    expect(await page.getByLabel('联系电话（手机或座机）').inputValue()).toBe(CALLER);
  });

  it('logs this call on the earlier case: it is on the case’s timeline and counts as a call answered this month', async () => {
    const month = chinaMonthOf(new Date().toISOString());
    const answeredBefore = await callsAnswered(month);

    await page.getByRole('button', { name: `记录本次来电（${earlier.caseNumber}）` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('通话时长（分钟，选填）').fill('3');
    await dialog.getByLabel('来电内容').fill('职工再次来电询问加班费计算基数，已解答。');
    await expectAccessible(page);
    await screenshot(page, 'operator-log-call');
    await dialog.getByRole('button', { name: '保存来电记录' }).click();
    await expect.poll(() => page.getByText(`已记录 ${earlier.caseNumber} 的来电`).isVisible()).toBe(true);

    const timeline = await app.request('op-heping', 'GET', `/cases/${earlier.caseId}/timeline`);
    expect(timeline.body.events.filter((event: { type: string }) => event.type === 'hotline_call')).toMatchObject([
      { data: { direction: 'inbound', durationSeconds: 180, note: '职工再次来电询问加班费计算基数，已解答。' } },
    ]);
    expect(await callsAnswered(month)).toBe(answeredBefore + 1);
  });

  it('registers a wage complaint; the API’s field error shows beside the field in Chinese; an answer lost on the way is sent again without a second case; the case number is read out', async () => {
    await choose(page, '争议类别', '欠薪/劳动报酬');
    await choose(page, '用工地区', '辽宁省', '沈阳市', '和平区');
    await page.getByLabel('来电人姓名').fill('李强');
    await page.getByLabel('用人单位').fill('沈阳和平建筑工程有限公司');
    // One character off: the check character of a unified social credit code no longer matches.
    await page.getByLabel('统一社会信用代码（选填）').fill('91210102MA0QC12340');
    await page.getByLabel('涉及职工人数').fill('3');
    await page.getByLabel('请求金额（元，选填）').fill('36,000.29');
    await page.getByLabel('诉求描述').fill('在和平区工地做钢筋工，8月至10月工资未发，项目经理不接电话。');
    await page.getByRole('button', { name: '登记', exact: true }).click();

    const creditCodeError = page.locator('#employer_creditCode_help');
    await expect.poll(() => creditCodeError.textContent()).toContain('统一社会信用代码不正确');
    await expectAccessible(page);
    await screenshot(page, 'operator-field-error');

    await page.getByLabel('统一社会信用代码（选填）').fill('91210102MA0QC12347');
    // The complaint was about the old value: corrected, it goes.
    await expect.poll(() => creditCodeError.isVisible()).toBe(false);
    // The registration reaches the API, but its answer is lost on the way back (a dropped connection).
    const keysSent: string[] = [];
    let lostAnswer: { caseNumber: string } | undefined;
    const isRegistration = (url: URL) => url.pathname === '/cases';
    await page.route(isRegistration, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keysSent.push(route.request().headers()['idempotency-key'] ?? '');
      if (lostAnswer) return route.fallback();
      const answer = await route.fetch();
      lostAnswer = await answer.json();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '不会重复登记' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'operator-answer-lost');
    // The operator presses 登记 again: the same form goes with the same key, and the API answers with the case it
    // registered the first time.
    await page.getByRole('button', { name: '登记', exact: true }).click();

    const number = page.getByRole('status', { name: '案件编号' });
    await number.waitFor({ state: 'visible' });
    await page.unroute(isRegistration);
    const caseNumber = (await number.textContent())!.trim();
    expect(caseNumber).toMatch(/^210102-\d{8}-\d{4}$/);
    expect(caseNumber).not.toBe(earlier.caseNumber);
    expect(caseNumber).toBe(lostAnswer?.caseNumber);
    expect(keysSent).toHaveLength(2);
    expect(keysSent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keysSent[1]).toBe(keysSent[0]);
    expect(
      await number.evaluate((element) => parseFloat((globalThis as any).getComputedStyle(element).fontSize)),
    ).toBeGreaterThanOrEqual(32);
    await expectAccessible(page);
    await screenshot(page, 'operator-registered');

    // What the screen sent is what was meant: 36,000.29 yuan is 3,600,029 fen exactly.
    const lookup = await app.request('op-heping', 'POST', '/callers/lookup', { phone: CALLER });
    // The earlier consultation and this complaint: no second case from the retry.
    expect(lookup.body.cases.map((row: { caseNumber: string }) => row.caseNumber).sort()).toEqual(
      [earlier.caseNumber, caseNumber].sort(),
    );
    const created = lookup.body.cases.find((row: { caseNumber: string }) => row.caseNumber === caseNumber);
    const stored = await app.request('op-heping', 'GET', `/cases/${created.caseId}`);
    expect(stored.body).toMatchObject({
      kind: 'complaint',
      category: 'wage_arrears',
      regionCode: '210102',
      workersInvolved: 3,
      amountClaimedFen: 3_600_029,
      employer: { name: '沈阳和平建筑工程有限公司', creditCode: '91210102MA0QC12347' },
    });
  });

  it('works through the call-backs: records the worker’s satisfaction and the case leaves the list', async () => {
    await page.getByRole('menuitem', { name: '待回访' }).click();
    const row = page.getByRole('row').filter({ hasText: earlier.caseNumber });
    await expect.poll(() => row.isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'operator-followups');

    await row.getByRole('button', { name: '回访' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.ant-rate-star').nth(4).click(); // 很满意
    await dialog.getByLabel('回访记录（选填）').fill('职工表示问题已解决。');
    await dialog.getByRole('button', { name: '保存回访' }).click();
    await expect.poll(() => page.getByText(`${earlier.caseNumber} 回访已记录`).isVisible()).toBe(true);
    await expect.poll(() => row.count()).toBe(0);

    const stored = await app.request('op-heping', 'GET', `/cases/${earlier.caseId}`);
    expect(stored.body).toMatchObject({ status: 'followed_up', followUp: { reached: true, satisfaction: 5 } });
  });
});

describe('a session that runs out', () => {
  it('says so in a dialog and signs in again, instead of failing on the next click', async () => {
    const tab = await app.newPage();
    // The tab's clock is the test's to move; the server's is real. The local issuer's ID tokens last an hour.
    await tab.clock.install();
    await signIn(tab, 'op-heping');
    await tab.getByRole('textbox', { name: '来电号码' }).waitFor({ state: 'visible' });

    await tab.clock.fastForward('01:00:01');
    const dialog = tab.getByRole('dialog').filter({ hasText: '为保护职工信息' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(tab);
    await dialog.getByRole('button', { name: '重新登录' }).click();
    await expect.poll(() => new URL(tab.url()).pathname).toBe('/login');
    await expect.poll(() => tab.getByText('登录已过期，请重新登录。').isVisible()).toBe(true);
    await tab.context().close();
  });
});
