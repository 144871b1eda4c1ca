import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { REGIONS_FILE, renderRegions } from '../../../scripts/h5-regions.js';
import { failureMessage, fieldErrors, issueMessage } from '../../../web/h5/src/api/errors.js';
import type { Failure } from '../../../web/h5/src/api/types.js';
import { normalizePhoneNumber } from '../../../shared/domain/identifiers.js';
import { fenToYuan, formFieldOf, isPhoneNumber, stepOf, toRequest, yuanToFen } from '../../../web/h5/src/complaint-form.js';
import { chinaTime } from '../../../web/h5/src/time.js';

/** The workers' page's pure parts: what the browser test cannot cover case by case. */

const failure = (code: string, issues: Failure['issues'] = [], retryAfterSeconds?: number): Failure => ({
  code,
  issues,
  retryAfterSeconds,
});

describe('generated files', () => {
  it('the API types the console and the workers’ page share match docs/openapi.json (npm run openapi)', async () => {
    const generated = astToString(await openapiTS(new URL('../../../docs/openapi.json', import.meta.url)));
    const committed = readFileSync(new URL('../../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
    // The CLI puts a "do not edit" comment on top of the same text.
    expect(committed.endsWith(generated)).toBe(true);
  });

  it('the region picker matches the union directory it was generated from (npm run regions:h5)', () => {
    expect(readFileSync(REGIONS_FILE, 'utf8')).toBe(renderRegions());
  });
});

describe('money typed in yuan', () => {
  it.each([
    ['7200', 720_000],
    ['7200.5', 720_050],
    ['7200.05', 720_005],
    ['0.1', 10],
    ['19999999.99', 1_999_999_999],
  ])('%s yuan is %i fen, exactly', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
    expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});

describe('the form as a request', () => {
  it('takes the district from the cascade, drops an empty employer and amount, and trims', () => {
    const request = toRequest({
      kind: ['consultation'],
      category: ['wage_arrears'],
      regionCode: ['210000', '210100', '210103'],
      employer: { name: '  ' },
      description: ' 工资没发 ',
      amountYuan: '',
      workersInvolved: '3',
      complainant: { name: '王建国', mobile: '137 0000 1234', migrantWorker: true },
    });
    expect(request).toEqual({
      kind: 'consultation',
      channel: 'web',
      category: 'wage_arrears',
      regionCode: '210103',
      complainant: { name: '王建国', mobile: '13700001234', migrantWorker: true, womanWorker: false, modelWorker: false },
      description: '工资没发',
      workersInvolved: 3,
    });
  });

  it('sends an API field error back to the step and field the worker typed it in', () => {
    expect(stepOf(formFieldOf('complainant.mobile'))).toBe(2);
    expect(formFieldOf('amountClaimedFen')).toBe('amountYuan');
    expect(stepOf(formFieldOf('amountClaimedFen'))).toBe(1);
    expect(formFieldOf('employer')).toBe('employer.name');
    expect(stepOf('category')).toBe(0);
    expect(stepOf('')).toBe(3);
  });
});

describe('the contact number', () => {
  it.each([
    ['13812345678', true],
    ['138 1234 5678', true],
    ['+86 138 1234 5678', true],
    ['024-23456789', true],
    ['(024) 2345 6789', true],
    ['010-12345678', true],
    ['０２４－２３４５６７８９', true],
    ['1370000', false],
    ['23456789', false],
    ['024-0345678', false],
    ['+1 415 555 0100', false],
    ['12812345678', false],
  ])('%s is accepted before sending: %s, as the API reads it', (written, accepted) => {
    expect(isPhoneNumber(written)).toBe(accepted);
    expect(normalizePhoneNumber(written) !== null).toBe(accepted);
  });
});

describe('error messages in Chinese', () => {
  it('puts a message beside each field the API rejected, the first per field', () => {
    const errors = fieldErrors(
      failure('VALIDATION_FAILED', [
        { path: 'complainant.mobile', code: 'custom', message: 'must be an 11-digit mainland mobile number starting 13–19' },
        { path: 'complainant.mobile', code: 'required', message: 'is required' },
        { path: 'employer', code: 'custom', message: 'a complaint must name the employer' },
        { path: 'description', code: 'too_big', message: 'must be at most 4000 characters' },
      ]),
    );
    expect(Object.fromEntries(errors)).toEqual({
      'complainant.mobile': '请填写手机号码，或带区号的座机号码（如024-23456789）',
      employer: '请填写用人单位名称',
      description: '情况说明太长了，请精简后再提交',
    });
  });

  it('names the field when it has no message of its own', () => {
    expect(issueMessage({ path: 'complainant.name', code: 'required', message: 'is required' })).toBe('请填写姓名');
    expect(issueMessage({ path: 'somethingNew', code: 'invalid_type', message: 'must be a string' })).toBe(
      '此项填写不正确，请检查',
    );
  });

  it('explains the whole request’s failure for what the worker was doing', () => {
    expect(failureMessage(failure('NOT_FOUND'), 'status')).toBe('案件编号或查询码不正确，请核对后再试');
    expect(failureMessage(failure('TOO_MANY_REQUESTS', [], 600), 'status')).toBe('查询码输错次数太多，请10分钟后再试');
    expect(failureMessage(failure('CONFLICT'), 'feedback')).toBe('案件办结后才能评价，每个案件只能评价一次');
    expect(failureMessage(failure('NETWORK'), 'file')).toContain('不会重复提交');
    expect(failureMessage(failure('REGION_NOT_SERVED'), 'file')).toContain('12351');
    expect(failureMessage(failure('INTERNAL'), 'supplement')).toContain('12351');
  });
});

describe('China time', () => {
  it('shows an instant as a clock in China reads it', () => {
    expect(chinaTime('2026-12-01T07:05:00Z')).toBe('2026年12月1日 15:05');
    expect(chinaTime('2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30');
  });
});
