import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, complaint, expectAccessible, screenshot, signIn, startConsole, type Console } from './support.js';

let app: Console;
let page: Page;

beforeAll(async () => {
  app = await startConsole();
  page = await app.newPage();
});
afterAll(async () => app?.stop());

const LAWYER_STAFF_ID = '8d1c7f0e-0005-4000-8000-000000000005';

describe('a volunteer lawyer', () => {
  let injury: { caseId: string; caseNumber: string };
  let raced: { caseId: string; caseNumber: string };

  beforeAll(async () => {
    // Two work-injury complaints (lawyer's pool) came in at the 和平区 union.
    const first = await app.request('op-heping', 'POST', '/cases', complaint());
    const second = await app.request(
      'op-heping',
      'POST',
      '/cases',
      complaint({ complainant: { name: '王军', mobile: '13812340000' } }),
    );
    expect([first.body.pool, second.body.pool]).toEqual(['lawyer', 'lawyer']);
    injury = first.body;
    raced = second.body;
  });

  it('sees the pool, contact details masked until claimed', async () => {
    await signIn(page, 'lawyer-heping');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/desk');
    const row = page.getByRole('row').filter({ hasText: injury.caseNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain('张*');
    expect(await row.textContent()).not.toContain('张伟');
    await expectAccessible(page);
    await screenshot(page, 'lawyer-pool');
  });

  it('is told plainly when someone else took a case first', async () => {
    // The legal department assigns the second case while the pool is on the lawyer's screen.
    const assigned = await app.request('admin-heping', 'POST', `/cases/${raced.caseId}/assign`, { staffId: LAWYER_STAFF_ID });
    expect(assigned.status).toBe(200);
    await page.getByRole('row').filter({ hasText: raced.caseNumber }).getByRole('button', { name: '认领' }).click();
    await expect.poll(() => page.getByText(`${raced.caseNumber} 已被其他人认领`).isVisible()).toBe(true);
  });

  it('claims with one click and then sees the worker’s name and number', async () => {
    await page.getByRole('row').filter({ hasText: injury.caseNumber }).getByRole('button', { name: '认领' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/case/${injury.caseId}`);
    await expect.poll(() => page.getByText('张伟').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('13812345678').isVisible()).toBe(true);
  });

  it('records that arbitration was filed: the timeline shows it and the acceptance clock runs', async () => {
    await page.getByRole('button', { name: '记录办理' }).click();
    await choose(page, '办理事项', '申请仲裁');
    await page.getByLabel('日期').fill('2026-11-20');
    await page.getByLabel('仲裁委员会').fill('沈阳市和平区劳动人事争议仲裁委员会');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByText('申请仲裁').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('仲裁委：沈阳市和平区劳动人事争议仲裁委员会').isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/仲裁受理期限 · (剩余|已超期)/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'lawyer-case');
  });

  it('lists the case under my cases with its running clock', async () => {
    await page.getByRole('menuitem', { name: '我的案件' }).click();
    const row = page.getByRole('row').filter({ hasText: injury.caseNumber });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/剩余|已超期/);
    // The case assigned by the legal department is mine too.
    await page.getByRole('row').filter({ hasText: raced.caseNumber }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'lawyer-my-cases');
  });

  it('closes the case with the award and the money recovered, in exact fen', async () => {
    await page.getByRole('link', { name: injury.caseNumber }).click();
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await choose(page, '办理结果', '仲裁裁决');
    await page.getByLabel('办结说明').fill('仲裁裁决用人单位支付工伤待遇，已执行到位。');
    await page.getByLabel('协议/裁决金额（元，选填）').fill('12,345.67');
    await page.getByLabel('为职工挽回金额（元，选填）').fill('12345.6');
    await page.getByRole('dialog').getByRole('button', { name: '办结', exact: true }).click();
    await expect.poll(() => page.getByText('已办结').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('¥12,345.67').first().isVisible()).toBe(true);

    const closed = await app.request('lawyer-heping', 'GET', `/cases/${injury.caseId}`);
    expect(closed.body).toMatchObject({
      status: 'closed',
      outcome: 'arbitration_award',
      amountAgreedFen: 1_234_567,
      amountRecoveredFen: 1_234_560,
    });
  });
});
