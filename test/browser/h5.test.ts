import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFieldsOf } from '../../shared/store/case-item.js';
import { demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';
import { horizontalOverflow, launchChromium, screenshot, seriousA11yProblems } from './support/h5-browser.js';

/**
 * The workers' page (web/h5) in a real Chromium on a 360 px phone, against
 * the local API: filing, the access code shown once, following the case,
 * adding information, and rating once staff have closed it through the API.
 * Each main screen is checked with axe-core and photographed into
 * test/browser/.screenshots.
 */

let api: LocalApi;
let site: { readonly baseUrl: string };
let browser: Browser;

// The page as `npm start` serves it: web/dist/h5 (built by `npm run test:browser`) at /h5/ on the API's origin.
beforeAll(async () => {
  [api, browser] = await Promise.all([startLocalApi(), launchChromium()]);
  site = { baseUrl: api.baseUrl };
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/**
 * A phone 360 px wide whose clock runs in New York: dates on the page must
 * still read in China time.
 */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'America/New_York',
  });
  return { context, page: await context.newPage() };
}

/** A main screen: nothing serious for axe-core, nothing sticking out sideways, and a picture of it. */
async function checkScreen(page: Page, name: string): Promise<void> {
  // Toasts and popups fade; let them go so that the picture and axe see the screen itself.
  await eventually(() => page.locator('.adm-toast-main').count()).toBe(0);
  // (Page scripts are strings here: the tests' tsconfig has no DOM types.)
  await page.waitForFunction(`document.getAnimations().every((animation) => animation.playState !== 'running')`);
  await screenshot(page, name);
  expect(await seriousA11yProblems(page), name).toEqual([]);
  expect(await horizontalOverflow(page), `${name} scrolls sideways`).toBe(0);
}

/** Waits for what a person would wait for; generous, since two cores run the browser, the API and DynamoDB Local. */
function eventually<T>(check: () => Promise<T>) {
  return expect.poll(check, { timeout: 20_000, interval: 100 });
}

const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-12-01T07:05:00Z → 2026年12月1日 15:05, as a reader in China writes it. */
function chinaTime(iso: string): string {
  const parts = Object.fromEntries(CHINA_TIME.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

async function pickRegion(page: Page, names: string[]): Promise<void> {
  await page.getByRole('button', { name: /^在哪里工作/ }).click();
  const popup = page.locator('.adm-cascader');
  for (const name of names) await popup.getByText(name, { exact: true }).click();
  await popup.getByText('确定', { exact: true }).click();
  // The picker slides away (a spring animation, not a Web Animation): a person waits for it to go.
  await eventually(() => popup.isVisible()).toBe(false);
}

/** Steps 1–3 of the filing form, as a worker of 和平区 owed wages fills them in. */
async function fillComplaint(page: Page, { description, screenshots = false }: { description: string; screenshots?: boolean }) {
  await page.goto(`${site.baseUrl}/h5/`);
  if (screenshots) await checkScreen(page, '1-home');
  await page.getByRole('button', { name: '我要投诉' }).click();

  await eventually(() => page.getByRole('heading', { name: /第1步.*选择问题类型/ }).isVisible()).toBe(true);
  await page.getByRole('button', { name: '下一步' }).click();
  await eventually(() => page.getByText('请选择问题类型').isVisible()).toBe(true);
  await page.getByRole('option', { name: '欠薪/劳动报酬' }).click();
  if (screenshots) await checkScreen(page, '2-file-type');
  await page.getByRole('button', { name: '下一步' }).click();

  await pickRegion(page, ['辽宁省', '沈阳市', '和平区']);
  await page.getByLabel('用人单位名称').fill('沈阳和平建筑工程有限公司');
  await page.getByLabel('发生了什么').fill(description);
  await page.getByLabel('涉及金额（元，可不填）').fill('7200.5');
  if (screenshots) await checkScreen(page, '3-file-details');
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByLabel('您的姓名').fill('王建国');
  const phoneField = page.getByLabel('联系电话（手机或座机）');
  await phoneField.fill('1370000');
  await page.getByRole('button', { name: '下一步' }).click();
  // The message sits beside the field it is about.
  await expect
    .poll(() =>
      page
        .locator('.adm-form-item', { hasText: '联系电话' })
        .getByText('请填写手机号码，或带区号的座机号码（如024-23456789）')
        .isVisible(),
    )
    .toBe(true);
  // A worker without a mobile gives the site's landline, written as people write it: the API takes it, so the page does.
  await phoneField.fill('024-2345 6789');
  await page.getByText('我是农民工').click();
  if (screenshots) await checkScreen(page, '4-file-contact');
  await page.getByRole('button', { name: '下一步' }).click();
  await eventually(() => page.getByRole('heading', { name: /第4步.*确认提交/ }).isVisible()).toBe(true);
}

describe('the workers’ page on a 360 px phone', () => {
  it('files a complaint, shows the code once, follows the case, adds information and rates after closure', async () => {
    const { context, page } = await phone();
    const description = `在和平区工地做钢筋工，9月和10月工资共7200.5元一直没发。（浏览器测试 ${Date.now()}）`;
    await fillComplaint(page, { description, screenshots: true });

    // The summary reads back what the worker gave, money in yuan.
    await eventually(() => page.getByText('7200.50元').isVisible()).toBe(true);
    await eventually(() => page.getByText('辽宁省 沈阳市 和平区').isVisible()).toBe(true);
    expect(await page.getByText('024-23456789').isVisible()).toBe(true);
    await checkScreen(page, '5-file-confirm');
    await page.getByRole('button', { name: '提交', exact: true }).click();

    // The receipt: case number and access code, once, with a prompt to save them.
    await eventually(() => page.getByRole('heading', { name: '请保存：案件编号和查询码' }).isVisible()).toBe(true);
    const caseNumber = (await page.getByTestId('case-number').textContent())!.trim();
    const accessCode = (await page.getByTestId('access-code').textContent())!.trim();
    expect(caseNumber).toMatch(/^210102-\d{8}-\d{4,6}$/);
    expect(accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.getByRole('button', { name: '复制案件编号和查询码' }).isVisible()).toBe(true);
    expect(await page.getByText('和平区总工会已收到您的投诉').isVisible()).toBe(true);
    // The deadline of the first call, in China time although the phone's clock is in New York.
    const due = page.locator('.due time');
    const dueAt = (await due.getAttribute('datetime'))!;
    expect(await due.textContent()).toBe(`${chinaTime(dueAt)}（北京时间）`);
    await checkScreen(page, '6-receipt');

    // Leaving asks whether the code is saved; then the status opens without typing it again.
    await page.getByRole('button', { name: '我已保存，查看进度' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '已保存', exact: true }).click();
    await eventually(() => page.getByRole('heading', { name: '办理经过' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '正在为您安排劳动争议调解员' }).isVisible()).toBe(true);
    expect(await page.getByText('案件已登记').isVisible()).toBe(true);
    // No rating while the case is open.
    expect(await page.getByRole('heading', { name: '评价本次服务' }).count()).toBe(0);
    await checkScreen(page, '7-status');

    // Adding information: it joins the timeline, and the staff see it on the case.
    await page.getByLabel('补充内容').fill('补充：项目经理姓李，电话13800005678。');
    await page.getByRole('button', { name: '提交补充' }).click();
    await eventually(() => page.getByText('您补充了材料').isVisible()).toBe(true);

    const admin = { user: demo('admin-heping') };
    const listed = await api.request('GET', '/cases?limit=100', admin);
    const staffCase = listed.body.items.find((item: any) => item.caseNumber === caseNumber);
    expect(staffCase).toBeDefined();
    const timeline = await api.request('GET', `/cases/${staffCase.caseId}/timeline`, admin);
    expect(JSON.stringify(timeline.body)).toContain('项目经理姓李');

    // Staff close the case through the API.
    const mediator = { user: demo('mediator-heping') };
    expect((await api.request('POST', `/cases/${staffCase.caseId}/claim`, mediator)).status).toBe(200);
    const closing = await api.request('POST', `/cases/${staffCase.caseId}/close`, {
      ...mediator,
      body: { outcome: 'mediated_agreement', summary: '调解成功，用人单位已支付全部欠薪。', amountRecoveredFen: 720_050 },
    });
    expect(closing.status).toBe(200);

    // Coming back later: the code was never stored on the phone, so the worker types it (as written down).
    await page.reload();
    await page.getByLabel('案件编号').fill(caseNumber);
    await page.getByLabel('查询码').fill('WRONG-CODE-0000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await eventually(() => page.getByRole('alert').textContent()).toBe('案件编号或查询码不正确，请核对后再试');
    await checkScreen(page, '8-lookup');
    await page.getByLabel('查询码').fill(accessCode.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await eventually(() => page.getByRole('heading', { name: '已办结' }).isVisible()).toBe(true);
    expect(await page.getByLabel('补充内容').count()).toBe(0);

    // Rating: five stars and a word of thanks.
    // The worker taps the fifth star; the radio behind it is what assistive technology reports.
    const fiveStars = page.getByRole('radio', { name: /^5星/ });
    await page.locator('label.star', { has: fiveStars }).click();
    expect(await fiveStars.isChecked()).toBe(true);
    await page.getByLabel('想说的话（可不填）').fill('工资拿到了，谢谢。');
    await checkScreen(page, '9-rate');
    await page.getByRole('button', { name: '提交评价' }).click();
    await eventually(() => page.getByRole('heading', { name: '您的评价' }).isVisible()).toBe(true);
    expect(await page.getByText(/^5星（很满意）/).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '评价本次服务' }).count()).toBe(0);
    await checkScreen(page, '10-rated');
    await context.close();
  }, 120_000);

  it('resends a submission whose answer was lost with the same Idempotency-Key, and files one case', async () => {
    const { context, page } = await phone();
    const description = `重发测试：工资没发。（浏览器测试 ${Date.now()}）`;
    await fillComplaint(page, { description });
    const keys: string[] = [];
    let lost = false;
    await page.route('**/public/complaints', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost) return route.continue();
      // The request reaches the API, but its answer never reaches the phone.
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });

    await page.getByRole('button', { name: '提交', exact: true }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('网络不畅');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await eventually(() => page.getByTestId('case-number').isVisible()).toBe(true);

    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const cases = (await api.items())
      .filter((item) => item.SK === 'CASE')
      .map(caseFieldsOf)
      .filter((caseRecord) => caseRecord.description === description);
    expect(cases).toHaveLength(1);
    expect(await page.getByTestId('case-number').textContent()).toBe(cases[0]!.caseNumber);
    await context.close();
  }, 120_000);

  it('stays usable with the text at 200%: nothing scrolls sideways and the touch targets grow with it', async () => {
    const { context, page } = await phone();
    // What a phone's "large text" setting does to a web page: the root font size doubles.
    await context.addInitScript({
      content: `document.addEventListener('DOMContentLoaded', () => { document.documentElement.style.fontSize = '200%'; });`,
    });
    await page.goto(`${site.baseUrl}/h5/`);
    const start = page.getByRole('button', { name: '我要投诉' });
    expect((await start.boundingBox())!.height).toBeGreaterThanOrEqual(96);
    await checkScreen(page, 'large-1-home');
    await start.click();
    await page.getByRole('option', { name: '欠薪/劳动报酬' }).click();
    await checkScreen(page, 'large-2-file-type');
    await page.getByRole('button', { name: '下一步' }).click();
    await checkScreen(page, 'large-3-file-details');
    await page.goto(`${site.baseUrl}/h5/#/status`);
    await checkScreen(page, 'large-4-lookup');
    await context.close();
  }, 120_000);
});
