import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { choose, complaint, expectAccessible, screenshot, signIn, startConsole, type Console } from './support.js';

let app: Console;
let page: Page;

beforeAll(async () => {
  app = await startConsole();
  page = await app.newPage();
});
afterAll(async () => app?.stop());

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
const previousMonth = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
};

describe('the city union’s legal department', () => {
  const thisMonth = chinaMonth(new Date());

  beforeAll(async () => {
    // This month's complaints: two in 和平区, one in 沈河区.
    for (const [operator, regionCode, category] of [
      ['op-heping', '210102', 'wage_arrears'],
      ['op-heping', '210102', 'work_injury'],
      ['op-shenhe', '210103', 'wage_arrears'],
    ] as const) {
      const created = await app.request(operator, 'POST', '/cases', complaint({ regionCode, category }));
      expect(created.status).toBe(201);
    }
  });

  it('lands on the supervision dashboard', async () => {
    await signIn(page, 'admin-shenyang');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dept');
    await expect.poll(() => page.getByText('暂无欠薪预警').isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'legal-dashboard');
  });

  it('reads this month’s report for the city and its districts, with the year’s trend and the breakdowns', async () => {
    await page.getByRole('menuitem', { name: '月度报表' }).click();
    await choose(page, '月份', monthWords(thisMonth));
    const opened = page.locator('.ant-statistic').filter({ hasText: '受理案件' }).locator('.ant-statistic-content');
    await expect.poll(() => opened.textContent()).toBe('3');
    await expect
      .poll(() => page.getByRole('img', { name: '近12个月来电、受理、办结、超期趋势图' }).locator('svg').count())
      .toBe(1);
    await expect.poll(() => page.getByRole('img', { name: '按下级工会的受理案件数' }).textContent()).toContain('和平区总工会');
    await expectAccessible(page);
    await screenshot(page, 'legal-report');
  });

  it('downloads the month as an Excel workbook', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 XLSX' }).click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an Office Open XML (zip) file, not an error page
  });

  it('files last month, and the filed revision shows beside the current figures', async () => {
    const month = previousMonth(thisMonth);
    await choose(page, '月份', monthWords(month));
    await page.getByRole('button', { name: '报送本月' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '报送', exact: true }).click();
    await expect.poll(() => page.getByText('已报送第 1 版').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('columnheader', { name: '已报送（第1版）' }).isVisible()).toBe(true);

    const report = await app.request('admin-shenyang', 'GET', `/reports/monthly?month=${month}`);
    expect(report.body.months[0].filing.filed).toMatchObject({ revision: 1 });
  });

  it('acknowledges a wage-arrears early warning raised by complaints against one employer', async () => {
    // Three wage complaints against one employer within a week raise 欠薪预警 for the unions concerned.
    const employer = { name: '沈阳铁西钢构有限公司', creditCode: '91210106MA0TX1234R' };
    for (const regionCode of ['210102', '210102', '210103']) {
      const operator = regionCode === '210102' ? 'op-heping' : 'op-shenhe';
      const created = await app.request(
        operator,
        'POST',
        '/cases',
        complaint({ regionCode, category: 'wage_arrears', employer }),
      );
      expect(created.status).toBe(201);
    }
    // The warning is raised from the table's stream, moments after the third registration.
    await expect
      .poll(async () => (await app.request('admin-shenyang', 'GET', '/alerts')).body.items.length, { timeout: 60_000 })
      .toBe(1);

    await page.getByRole('menuitem', { name: '督办与预警' }).click();
    const alert = page.getByRole('listitem').filter({ hasText: employer.name });
    await expect.poll(() => alert.getByText('3 件投诉').isVisible()).toBe(true);
    expect(await alert.textContent()).toMatch(/和平区总工会.*沈河区总工会|沈河区总工会.*和平区总工会/);
    await expectAccessible(page);
    await alert.getByRole('button', { name: '确认预警' }).click();
    await expect.poll(() => alert.getByText(/^已确认/).isVisible()).toBe(true);
    await screenshot(page, 'legal-alert-acknowledged');

    const stored = await app.request('admin-shenyang', 'GET', '/alerts');
    expect(stored.body.items[0]).toMatchObject({ creditCode: employer.creditCode, acknowledgedBy: expect.any(String) });
  });
});
