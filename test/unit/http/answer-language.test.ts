import { describe, expect, it } from 'vitest';
import { answerLanguage } from '../../../shared/http/language.js';

const STAFF = { access: { roles: ['operator'] } } as const;
const PUBLIC = { access: { public: true } } as const;

describe('the language an error is answered in', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    ['en-GB, zh-CN;q=0.5', 'en'],
    ['zh;q=0.5, en;q=0.8', 'en'],
    ['fr, en;q=0.8, zh;q=0.3', 'en'],
    ['en;q=0.5, zh;q=0.5', 'en'],
    ['zh;q=0.5, en;q=0.5', 'zh'],
    ['en;q=0', 'zh'],
    ['fr', 'zh'],
    ['*', 'zh'],
  ] as const)('to staff sending Accept-Language %j: %s', (header, language) => {
    expect(answerLanguage(STAFF, header)).toBe(language);
  });

  it.each([undefined, 'en', 'en-US,en;q=0.9'])('to a worker on a public route, whatever %j asks: Chinese', (header) => {
    expect(answerLanguage(PUBLIC, header)).toBe('zh');
  });
});
