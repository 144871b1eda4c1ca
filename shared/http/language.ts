import type { Phrase } from '../domain/errors.js';
import { isPublic, type RouteContract } from './contract.js';

/** The languages the API answers in. */
export type Language = keyof Phrase;

/**
 * Which language a request is answered in. Workers (every public route) read
 * Chinese whatever their browser says: the H5 page and the WeChat
 * mini-program are Chinese. Staff read Chinese too unless their client
 * prefers English over Chinese in `Accept-Language` (RFC 9110 §12.5.4: the
 * highest q wins; between equal q, the one listed first).
 */
export function answerLanguage(contract: Pick<RouteContract, 'access'>, acceptLanguage: string | undefined): Language {
  if (isPublic(contract.access) || !acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((entry, position) => {
      const [tag = '', ...parameters] = entry.trim().toLowerCase().split(';');
      const q = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { primary: tag.trim().split('-')[0], q: q === undefined ? 1 : Number(q), position };
    })
    .filter(({ primary, q }) => (primary === 'zh' || primary === 'en') && q > 0)
    .sort((a, b) => b.q - a.q || a.position - b.position);
  return ranked[0]?.primary === 'en' ? 'en' : 'zh';
}

/** A header's value whatever its case (API Gateway passes headers as the client wrote them). */
export function headerValue(headers: Record<string, string | undefined> | null | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}
