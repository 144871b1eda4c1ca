import { DERIVED_LABELS, FIGURE_NAMES, figureLabel, type DerivedFigures } from '../domain/figures.js';
import type { FigureBlock, MonthlyReport } from '../domain/monthly-report.js';
import { REPORT_FILE_TYPES } from '../schemas/reports.js';

/**
 * The monthly report as files a legal department files or opens in Excel:
 * CSV (UTF-8 with a byte-order mark, or Excel shows the Chinese headers as
 * mojibake) and XLSX. Both hold exactly the JSON report's figures, under the
 * Chinese headers the report is filed with. Only the export route bundles
 * this, and ExcelJS is loaded only when a workbook is asked for, so neither
 * the JSON report nor a CSV export starts it.
 */

/** What a row is: the union's own cases, its subtree's roll-up, or a child union's roll-up. */
export const SCOPE_LABELS = { own: '本级', subtree: '合计', child: '下级' } as const;
type Scope = keyof typeof SCOPE_LABELS;

interface Row {
  readonly month: string;
  readonly scope: Scope;
  readonly unionCode: string;
  readonly unionName: string;
  readonly block: FigureBlock;
}

const DERIVED_NAMES = Object.keys(DERIVED_LABELS) as (keyof DerivedFigures)[];

/** Figure names of the report: the full list, then any figure a stored row has beyond it. */
function figureNames(rows: readonly Row[]): string[] {
  const extra = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row.block.figures)) if (!FIGURE_NAMES.includes(name)) extra.add(name);
  return [...FIGURE_NAMES, ...extra];
}

function rowsOf(report: MonthlyReport): Row[] {
  const { code, name } = report.union;
  return report.months.flatMap((month) => [
    { month: month.month, scope: 'own' as const, unionCode: code, unionName: name, block: month.own },
    { month: month.month, scope: 'subtree' as const, unionCode: code, unionName: name, block: month.subtree },
    ...month.children.map((child) => ({
      month: month.month,
      scope: 'child' as const,
      unionCode: child.unionCode,
      unionName: child.unionName,
      block: child,
    })),
  ]);
}

/** A figure's Chinese header; a name outside today's vocabulary (an old counter) keeps its own name. */
const labelOf = (name: string) => (FIGURE_NAMES.includes(name) ? figureLabel(name) : name);

const fixedHeaders = ['月份', '口径', '单位代码', '单位名称'];
const headersOf = (names: readonly string[]) => [
  ...fixedHeaders,
  ...names.map(labelOf),
  ...DERIVED_NAMES.map((name) => DERIVED_LABELS[name]),
];

function valuesOf(row: Row, names: readonly string[], withScope: boolean): (string | number | null)[] {
  return [
    row.month,
    ...(withScope ? [SCOPE_LABELS[row.scope]] : []),
    row.unionCode,
    row.unionName,
    ...names.map((name) => row.block.figures[name] ?? 0),
    ...DERIVED_NAMES.map((name) => row.block.derived[name] ?? null),
  ];
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with `'`. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One row per union and month: the union's own figures (本级), its roll-up
 * (合计) and each child union's roll-up (下级). Rates are left empty where
 * there is nothing to divide by.
 */
export function toCsv(report: MonthlyReport): string {
  const rows = rowsOf(report);
  const names = figureNames(rows);
  const lines = [headersOf(names), ...rows.map((row) => valuesOf(row, names, true))].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const RATE_FORMAT = '0.00%';
const DAYS_FORMAT = '0.0';

/**
 * One worksheet per level present: 本级 (the union's own cases), 合计 (its
 * subtree's roll-up) and, when it has children, 下级 (each child's roll-up).
 * Figures are numbers, rates percentages.
 */
export async function toXlsx(report: MonthlyReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Weiquan';
  workbook.title = `${report.union.name} ${report.from === report.to ? report.from : `${report.from}–${report.to}`} 月报`;
  const rows = rowsOf(report);
  const names = figureNames(rows);
  const headers = headersOf(names).filter((header) => header !== '口径');
  for (const scope of Object.keys(SCOPE_LABELS) as Scope[]) {
    const scoped = rows.filter((row) => row.scope === scope);
    if (scoped.length === 0) continue;
    const sheet = workbook.addWorksheet(SCOPE_LABELS[scope], { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
    sheet.addRow(headers).font = { bold: true };
    for (const row of scoped) sheet.addRow(valuesOf(row, names, false));
    const firstDerived = fixedHeaders.length - 1 + names.length + 1;
    DERIVED_NAMES.forEach((name, offset) => {
      sheet.getColumn(firstDerived + offset).numFmt = name === 'averageDaysToClose' ? DAYS_FORMAT : RATE_FORMAT;
    });
    sheet.getColumn(1).width = 10;
    sheet.getColumn(2).width = 10;
    sheet.getColumn(3).width = 16;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as a file to download: its bytes, content type and file name. */
export async function reportFile(
  report: MonthlyReport,
  format: 'csv' | 'xlsx',
): Promise<{ body: string | Buffer; contentType: string; filename: string }> {
  const period = report.from === report.to ? report.from : `${report.from}_${report.to}`;
  const filename = `monthly-report-${report.union.code}-${period}.${format}`;
  return format === 'csv'
    ? { body: toCsv(report), contentType: REPORT_FILE_TYPES.csv, filename }
    : { body: await toXlsx(report), contentType: REPORT_FILE_TYPES.xlsx, filename };
}
