import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLocalToken } from '../../scripts/local/auth.js';
import type { DemoUser } from '../../scripts/local/demo-data.js';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { DERIVED_LABELS, FIGURE_NAMES, figureLabel } from '../../shared/domain/figures.js';
import { previousMonth } from '../../shared/domain/monthly-report.js';
import { FilingReceiptResponse, MonthlyReportResponse } from '../../shared/schemas/report-responses.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

let api: LocalApi;
const month = chinaMonth(new Date());
const SHENYANG_DISTRICTS = [
  '210102',
  '210103',
  '210104',
  '210105',
  '210106',
  '210111',
  '210112',
  '210113',
  '210114',
  '210115',
  '210123',
  '210124',
  '210181',
];

/** The raw bytes of a response (LocalApi decodes text, which would drop a BOM and mangle a spreadsheet). */
async function download(path: string, user: DemoUser) {
  const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: await signLocalToken(user, api.baseUrl) } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  api = await startLocalApi();
  // This month: two cases in 和平区 (one closed with money recovered), one in 沈河区, one the city keeps (no district union for 210122).
  const register = async (user: string, regionCode: string) =>
    (await api.request('POST', '/cases', { user: demo(user), body: complaint({ regionCode }) })).body;
  const closed = await register('op-heping', '210102');
  await register('op-heping', '210102');
  await register('op-shenhe', '210103');
  await register('op-shenyang', '210122');
  const closing = await api.request('POST', `/cases/${closed.caseId}/close`, {
    user: demo('admin-shenyang'),
    body: { outcome: 'mediated_agreement', summary: '调解成功，工资已付', amountRecoveredFen: 3_600_000 },
  });
  expect(closing.status).toBe(200);
});
afterAll(async () => api.stop());

describe('monthly report over HTTP', () => {
  it('shows a city legal department the city, its roll-up and each district as a child', async () => {
    const response = await api.request('GET', `/reports/monthly?month=${month}`, { user: demo('admin-shenyang') });
    expect(response.status).toBe(200);
    expect(MonthlyReportResponse.safeParse(response.body).error?.issues ?? []).toEqual([]);
    const { union, months } = response.body;
    expect(union).toEqual({ code: '210100', name: '沈阳市总工会' });
    const [current] = months;
    expect(current.month).toBe(month);
    expect(current.own.figures).toMatchObject({ opened: 1 });
    expect(current.subtree.figures).toMatchObject({
      opened: 4,
      closed: 1,
      amountRecoveredFen: 3_600_000,
      'outcome.mediated_agreement': 1,
      'category.wage_arrears': 4,
    });
    expect(current.subtree.derived).toMatchObject({ onTimeRate: 1 });
    expect(current.children.map((child: { unionCode: string }) => child.unionCode)).toEqual(SHENYANG_DISTRICTS);
    const heping = current.children.find((child: { unionCode: string }) => child.unionCode === '210102');
    expect(heping).toMatchObject({ unionName: '和平区总工会', figures: { opened: 2, closed: 1 } });
    expect(current.filing).toEqual({});
    expect(Object.keys(current.subtree.figures)).toEqual(FIGURE_NAMES);
  });

  it('gives a district legal department 404 for its city and its sibling, alike; 403 to an operator', async () => {
    const district = demo('admin-heping');
    const city = await api.request('GET', `/reports/monthly?union=210100&month=${month}`, { user: district });
    const sibling = await api.request('GET', `/reports/monthly?union=210103&month=${month}`, { user: district });
    const unknown = await api.request('GET', `/reports/monthly?union=210199&month=${month}`, { user: district });
    for (const refused of [city, sibling, unknown]) {
      expect(refused.status).toBe(404);
      expect(refused.body.error).toMatchObject({ code: 'NOT_FOUND', message: city.body.error.message });
    }
    expect(JSON.stringify(sibling.body)).not.toContain('沈河');
    const own = await api.request('GET', `/reports/monthly?month=${month}`, { user: district });
    expect(own.status).toBe(200);
    expect(own.body.months[0]).toMatchObject({ own: { figures: { opened: 2 } }, children: [] });

    const operator = await api.request('GET', `/reports/monthly?month=${month}`, { user: demo('op-heping') });
    expect(operator.status).toBe(403);
    const filing = await api.request('POST', `/reports/210103/${previousMonth(month)}/file`, { user: district });
    expect(filing.status).toBe(404);
  });

  it('refuses bad months with field paths', async () => {
    const admin = { user: demo('admin-shenyang') };
    const malformed = await api.request('GET', '/reports/monthly?month=2026-13', admin);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details).toEqual([expect.objectContaining({ path: 'month' })]);
    const tooLong = await api.request('GET', `/reports/monthly?month=2020-01&to=${month}`, admin);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([expect.objectContaining({ path: 'to', code: 'too_many_months' })]);
    const format = await api.request('GET', `/reports/monthly/export?month=${month}&format=pdf`, admin);
    expect(format.status).toBe(400);
    expect(format.body.error.details).toEqual([expect.objectContaining({ path: 'format' })]);
    const noFormat = await api.request('GET', `/reports/monthly/export?month=${month}`, admin);
    expect(noFormat.status).toBe(400);
    expect(noFormat.body.error.details).toEqual([expect.objectContaining({ path: 'format' })]);
    // The JSON report serves JSON only: a file is the export route's.
    const fileFromJsonRoute = await api.request('GET', `/reports/monthly?month=${month}&format=csv`, admin);
    expect(fileFromJsonRoute.status).toBe(400);
    expect(fileFromJsonRoute.body.error.details).toEqual([expect.objectContaining({ path: 'format' })]);
  });

  it('serves the same figures as CSV with Chinese headers (UTF-8 with BOM)', async () => {
    const admin = demo('admin-shenyang');
    const json = (await api.request('GET', `/reports/monthly?month=${month}`, { user: admin })).body;
    const csv = await download(`/reports/monthly/export?month=${month}&format=csv`, admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="monthly-report-210100-${month}.csv"`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['月份', '口径', '单位代码', '单位名称']);
    expect(header).toContain('受理案件');
    expect(header).toContain('争议类别：欠薪/劳动报酬');
    expect(header).toContain(DERIVED_LABELS.onTimeRate);
    // The city itself, its roll-up, then each district.
    expect(lines).toHaveLength(1 + 2 + SHENYANG_DISTRICTS.length);
    const row = (index: number) => Object.fromEntries(lines[index]!.split(',').map((cell, column) => [header[column], cell]));
    expect(row(1)).toMatchObject({ 口径: '本级', 单位代码: '210100', 受理案件: String(json.months[0].own.figures.opened) });
    expect(row(2)).toMatchObject({ 口径: '合计', 受理案件: '4', [figureLabel('amountRecoveredFen')]: '3600000' });
    expect(row(3)).toMatchObject({ 口径: '下级', 单位代码: '210102', 单位名称: '和平区总工会', 受理案件: '2', 按期办结率: '1' });
  });

  it('serves an Excel workbook that holds the same figures as the JSON, one sheet per level', async () => {
    const admin = demo('admin-shenyang');
    const json = (await api.request('GET', `/reports/monthly?month=${month}`, { user: admin })).body;
    const xlsx = await download(`/reports/monthly/export?month=${month}&format=xlsx`, admin);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['本级', '合计', '下级']);
    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const rows: Record<string, unknown>[] = [];
      sheet.eachRow((row, number) => {
        if (number > 1) rows.push(Object.fromEntries((row.values as unknown[]).slice(1).map((value, i) => [header[i], value])));
      });
      return { header, rows };
    };
    const expectSame = (row: Record<string, unknown>, figures: Record<string, number>) => {
      for (const name of FIGURE_NAMES) expect(row[figureLabel(name)], name).toBe(figures[name]);
    };

    const own = rowsOf('本级');
    expect(own.header.slice(0, 3)).toEqual(['月份', '单位代码', '单位名称']);
    expect(own.rows).toHaveLength(1);
    expectSame(own.rows[0]!, json.months[0].own.figures);
    const subtree = rowsOf('合计');
    expectSame(subtree.rows[0]!, json.months[0].subtree.figures);
    expect(subtree.rows[0]![DERIVED_LABELS.onTimeRate]).toBe(1);
    const children = rowsOf('下级');
    expect(children.rows.map((row) => row['单位代码'])).toEqual(SHENYANG_DISTRICTS);
    json.months[0].children.forEach((child: { figures: Record<string, number> }, index: number) =>
      expectSame(children.rows[index]!, child.figures),
    );

    // A district has no children: no 下级 sheet.
    const district = await download(`/reports/monthly/export?month=${month}&format=xlsx`, demo('admin-heping'));
    const districtBook = new ExcelJS.Workbook();
    await districtBook.xlsx.load(district.bytes as unknown as ArrayBuffer);
    expect(districtBook.worksheets.map((sheet) => sheet.name)).toEqual(['本级', '合计']);
  });

  it('files a finished month (201, revision by revision) and refuses the month still running (422)', async () => {
    const admin = { user: demo('admin-shenyang') };
    const running = await api.request('POST', `/reports/210100/${month}/file`, admin);
    expect(running.status).toBe(422);
    const last = previousMonth(month);
    const first = await api.request('POST', `/reports/210100/${last}/file`, admin);
    expect(first.status).toBe(201);
    expect(FilingReceiptResponse.safeParse(first.body).error?.issues ?? []).toEqual([]);
    expect(first.body).toMatchObject({ revision: 1, filedBy: demo('admin-shenyang').sub, union: { code: '210100' } });
    const second = await api.request('POST', `/reports/210100/${last}/file`, admin);
    expect(second.body).toMatchObject({ revision: 2, previous: { revision: 1 }, difference: {} });
    const report = await api.request('GET', `/reports/monthly?month=${last}`, admin);
    expect(report.body.months[0].filing).toMatchObject({ filed: { revision: 2 }, difference: {} });
  });
});
