import type { APIGatewayProxyEvent } from 'aws-lambda';
import { AppError, type Phrase } from '../domain/errors.js';
import { ROLE_LABELS, type Caller } from '../domain/roles.js';
import { callerFromEvent } from './caller.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  allowedRoles,
  isPublic,
  type BodyOf,
  type HeadersOf,
  type ParamsOf,
  type QueryOf,
  type RouteContract,
  type Schema,
} from './contract.js';
import { errorMapFor, toFieldIssues } from './issues.js';
import { answerLanguage, type Language } from './language.js';

export interface ParsedRequest<C extends RouteContract> {
  /** The staff member calling; undefined only on public routes. */
  readonly caller: C['access'] extends { public: true } ? undefined : Caller;
  readonly params: ParamsOf<C>;
  readonly query: QueryOf<C>;
  readonly body: BodyOf<C>;
  /** The route's declared headers, validated; all headers (lower-cased) when it declares none. */
  readonly headers: HeadersOf<C>;
  readonly requestId: string;
  /**
   * The client's address as API Gateway saw the connection
   * (`requestContext.identity.sourceIp`; the local server sets it the same
   * way). Never a header a client could forge. Empty if absent.
   */
  readonly sourceIp: string;
}

/**
 * Turns an API Gateway event into a typed, validated request, or throws the
 * AppError the caller should see. Order matters: who is calling is settled
 * before anything about the request's shape is revealed.
 */
export function parseRequest<C extends RouteContract>(contract: C, event: APIGatewayProxyEvent): ParsedRequest<C> {
  const caller = authorize(contract, event);
  const headers = lowerCaseHeaders(event.headers);
  const language = answerLanguage(contract, headers['accept-language']);
  const { params, query, body } = contract.request;
  const declaredHeaders = contract.request.headers;
  return {
    caller: caller as ParsedRequest<C>['caller'],
    params: validate(params, event.pathParameters ?? {}, INVALID.params, language) as ParamsOf<C>,
    query: validate(query, singleValuedQuery(event), INVALID.query, language) as QueryOf<C>,
    body: (body
      ? validate(
          body,
          readJsonBody(event, headers, contract.request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
          INVALID.body,
          language,
        )
      : rejectUnexpectedBody(event)) as BodyOf<C>,
    headers: (declaredHeaders ? validate(declaredHeaders, headers, INVALID.headers, language) : headers) as HeadersOf<C>,
    requestId: event.requestContext?.requestId ?? '',
    sourceIp: event.requestContext?.identity?.sourceIp ?? '',
  };
}

function authorize(contract: RouteContract, event: APIGatewayProxyEvent): Caller | undefined {
  if (isPublic(contract.access)) return undefined;
  const caller = callerFromEvent(event);
  if (!caller) {
    throw new AppError('UNAUTHENTICATED', {
      zh: '请先登录：此操作需要有效的工作人员令牌。',
      en: 'Sign in: this route needs a valid staff token.',
    });
  }
  const roles = allowedRoles(contract.access);
  if (!caller.roles.some((role) => roles.includes(role))) {
    throw new AppError('FORBIDDEN', {
      zh: `此操作仅限以下岗位：${roles.map((role) => ROLE_LABELS[role]).join('、')}。`,
      en: `This route is for: ${roles.join(', ')}.`,
    });
  }
  if (caller.unionCode === '') {
    throw new AppError('FORBIDDEN', { zh: '您的账号尚未关联工会。', en: 'Your account is not attached to a union.' });
  }
  return caller;
}

/** What a refused part of the request is called. */
const INVALID = {
  params: { zh: '路径参数有误。', en: 'Path parameters are not valid.' },
  query: { zh: '查询参数有误。', en: 'Query parameters are not valid.' },
  body: { zh: '提交的内容有误，请按提示修改。', en: 'The request body is not valid.' },
  headers: { zh: '请求头有误。', en: 'Request headers are not valid.' },
} as const satisfies Record<string, Phrase>;

function validate(schema: Schema | undefined, input: unknown, message: Phrase, language: Language): unknown {
  if (!schema) {
    const unknownKeys = input && typeof input === 'object' ? Object.keys(input) : [];
    if (unknownKeys.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        message,
        unknownKeys.map((key) => ({
          path: key,
          code: 'unknown_field',
          message: { zh: '不是可识别的参数', en: 'is not a known parameter' },
        })),
      );
    }
    return undefined;
  }
  const result = schema.safeParse(input, { reportInput: true, error: errorMapFor(language) });
  if (!result.success) throw new AppError('VALIDATION_FAILED', message, toFieldIssues(result.error.issues, language));
  return result.data;
}

function singleValuedQuery(event: APIGatewayProxyEvent): Record<string, string> {
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {}).filter(([, values]) => (values?.length ?? 0) > 1);
  if (repeated.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      INVALID.query,
      repeated.map(([name]) => ({ path: name, code: 'repeated', message: { zh: '只能给出一次', en: 'must be given once' } })),
    );
  }
  return Object.fromEntries(
    Object.entries(event.queryStringParameters ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

function readJsonBody(event: APIGatewayProxyEvent, headers: Record<string, string>, maxBytes: number): unknown {
  if (event.body === null || event.body === undefined || event.body === '') {
    throw new AppError('VALIDATION_FAILED', { zh: '请求须带有JSON内容。', en: 'The request needs a JSON body.' }, [
      { path: '', code: 'required', message: { zh: '缺少请求内容', en: 'body is required' } },
    ]);
  }
  if (!JSON_CONTENT_TYPE.test(headers['content-type'] ?? '')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      zh: '请以 application/json（UTF-8）格式提交。',
      en: 'Send the body as application/json (UTF-8).',
    });
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.byteLength > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      zh: `提交的内容有${raw.byteLength}字节，超过上限${maxBytes}字节，请删减后再提交。`,
      en: `The body is ${raw.byteLength} bytes; this route accepts at most ${maxBytes}.`,
    });
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('MALFORMED_JSON', { zh: '提交的内容不是有效的JSON。', en: 'The body is not valid JSON.' });
  }
}

function rejectUnexpectedBody(event: APIGatewayProxyEvent): undefined {
  if (event.body !== null && event.body !== undefined && event.body !== '') {
    throw new AppError('VALIDATION_FAILED', { zh: '此操作不接受请求内容。', en: 'This route takes no request body.' }, [
      { path: '', code: 'unexpected_body', message: { zh: '请去掉请求内容', en: 'remove the body' } },
    ]);
  }
  return undefined;
}

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = value;
  }
  return result;
}
