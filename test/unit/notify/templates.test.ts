import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MalformedMessage,
  SMS_TEMPLATES,
  TEMPLATES,
  orderedParams,
  renderText,
  signedText,
  type Template,
} from '../../../shared/domain/notifications.js';

const CASE_NUMBER = '210102-20261201-0001';

describe('the template table', () => {
  it('names every parameter of each text, in the order the text uses them (Tencent’s {1}, {2}, …)', () => {
    for (const [template, { params, text }] of Object.entries(TEMPLATES)) {
      const used = [...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);
      expect(used, template).toEqual([...params]);
    }
  });

  it('lists as SMS templates exactly the complainant messages, which each need a provider template code', () => {
    expect([...SMS_TEMPLATES].sort()).toEqual(['case_acknowledged', 'case_acknowledged_online', 'case_assigned', 'case_closed']);
  });

  it('never carries an access code or a phone number as a parameter', () => {
    const names = Object.values(TEMPLATES).flatMap(({ params }) => [...params]);
    expect(names.filter((name) => /access|code|phone|mobile/i.test(name))).toEqual([]);
  });

  it('is what the README tells a union to register, parameter order included', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const template of SMS_TEMPLATES) {
      const { params, text } = TEMPLATES[template];
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${template}\` `));
      expect(row, template).toBeDefined();
      expect(row, template).toContain(`| ${params.map((name) => `\`${name}\``).join(', ')} `);
      expect(row, template).toContain(text);
    }
  });

  it('carries no signature in the text: the provider (or the SNS adapter) puts the union’s in front', () => {
    for (const { text } of Object.values(TEMPLATES)) expect(text).not.toMatch(/【|】/);
  });
});

describe('rendering', () => {
  it('fills the Chinese text with the parameters', () => {
    expect(renderText('case_acknowledged', { unionName: '和平区总工会', caseNumber: CASE_NUMBER })).toBe(
      `您的诉求已由和平区总工会受理，案件编号${CASE_NUMBER}。如需了解进度请致电12351。`,
    );
    expect(renderText('case_assigned', { caseNumber: CASE_NUMBER, handlerRole: '劳动争议调解员' })).toBe(
      `您的案件${CASE_NUMBER}已由劳动争议调解员承办，近期将与您联系。`,
    );
    expect(renderText('deadline_missed', { caseNumber: CASE_NUMBER, clocks: '首次响应、调解期限' })).toBe(
      `督办：案件${CASE_NUMBER}已超过首次响应、调解期限，请尽快处理。`,
    );
    expect(renderText('early_warning', { employerName: '沈阳某建筑劳务有限公司', complaints: '3', workersInvolved: '6' })).toBe(
      '欠薪预警：沈阳某建筑劳务有限公司近期被投诉3次，涉及职工6人，请关注。',
    );
  });

  it('puts the signature in 【】 before an SMS', () => {
    expect(signedText('沈阳市总工会', 'case_closed', { caseNumber: CASE_NUMBER })).toBe(
      `【沈阳市总工会】您的案件${CASE_NUMBER}已办结。我们将进行回访，欢迎对服务作出评价。`,
    );
  });

  it('orders the values as the template declares them and ignores anything else stored on the message', () => {
    expect(orderedParams('case_acknowledged_online', { caseNumber: CASE_NUMBER, unionName: '沈河区总工会', extra: 'x' })).toEqual(
      ['沈河区总工会', CASE_NUMBER],
    );
  });

  it('refuses a message missing a parameter (or written by another version) instead of sending a gap', () => {
    expect(() => renderText('case_assigned', { caseNumber: CASE_NUMBER })).toThrow(MalformedMessage);
    expect(() => orderedParams('case_closed' as Template, undefined)).toThrow(MalformedMessage);
  });
});
