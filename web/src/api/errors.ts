import { CASE_ACTIONS, type CaseAction } from '../lib/labels';

/** A field the API refused, with the Chinese words to show beside it. */
export interface FieldProblem {
  /** The API's path, e.g. `complainant.mobile`. */
  readonly path: string;
  readonly message: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { path?: string; code?: string; message?: string }[]; requestId?: string };
}

/** What each refusal means to the person at the screen (the API speaks English to developers). */
const MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改。',
  BAD_REQUEST: '请求有误，请刷新页面后重试。',
  MALFORMED_JSON: '请求有误，请刷新页面后重试。',
  UNAUTHENTICATED: '登录已过期，请重新登录。',
  FORBIDDEN: '您的岗位无权进行此操作。',
  NOT_FOUND: '找不到该记录，或不在您单位的管辖范围内。',
  ROUTE_NOT_FOUND: '找不到该记录。',
  CONFLICT: '该案件刚被他人改动，请刷新后再试。',
  INVALID_TRANSITION: '案件当前的状态不允许此操作。',
  REQUEST_IN_PROGRESS: '上一次提交仍在处理中，请稍候。',
  TOO_MANY_REQUESTS: '操作太频繁，请稍后再试。',
  BUSY: '系统繁忙，请稍后再试。',
  STORE_UNAVAILABLE: '系统暂时无法处理，请稍后再试。',
  OUTCOME_UNKNOWN: '请求处理超时，可能已经保存成功。请先查询（如按来电号码查找案件）确认，再决定是否重新提交。',
  INVALID_CURSOR: '列表已变化，请回到第一页重新查看。',
  IDEMPOTENCY_KEY_REUSED: '该提交与之前的提交内容不一致，请刷新页面后重新填写。',
  REGION_NOT_SERVED: '该地区暂无工会受理，请选择其他地区。',
  REGION_OUTSIDE_SUBTREE: '该地区不在您单位的管辖范围内。',
  UNPROCESSABLE: '无法处理该请求。',
  PAYLOAD_TOO_LARGE: '内容太长。',
  INTERNAL: '系统出错了，请稍后再试；如反复出现请联系管理员。',
};

/** Field messages, matched on the API's words (stable: they come from the shared schemas). */
const FIELD_MESSAGES: [RegExp, string][] = [
  [/mobile number/, '请输入正确的11位手机号码'],
  [/credit code|GB 32100/, '统一社会信用代码不正确（18位，末位为校验码）'],
  [/birth date|GB 11643|18 characters: 17 digits/, '身份证号码不正确'],
  [/division code|GB\/T 2260|province prefix/, '地区代码不正确'],
  [/must name the employer/, '投诉须填写用人单位名称'],
  [/only a consultation/, '只有咨询可以当场解答'],
  [/must be a valid date|ISO date/, '请填写正确的日期'],
];

function fieldWords(code: string | undefined, message: string): string {
  for (const [pattern, words] of FIELD_MESSAGES) if (pattern.test(message)) return words;
  switch (code) {
    case 'too_small':
      return /at least 1 /.test(message) || /at least 1$/.test(message)
        ? '此项必填'
        : `不能少于要求（${message.replace(/^must (be|have) /, '')}）`;
    case 'too_big':
      return '超出允许的长度或数值';
    case 'invalid_type':
      return message.includes('required') ? '此项必填' : '格式不正确';
    case 'invalid_value':
      return '请从列表中选择';
    case 'unrecognized_keys':
      return '多余的字段';
    default:
      return '格式不正确';
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static network(cause: unknown): ApiError {
    console.warn(cause);
    return new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。');
  }

  static from(status: number, body: unknown): ApiError {
    const error = (body as ErrorBody | undefined)?.error;
    const code = error?.code ?? (status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'INTERNAL');
    let message = MESSAGES[code] ?? `请求未成功（${status}）。`;
    const details = error?.details ?? [];
    if (code === 'INVALID_TRANSITION') {
      const allowed = details
        .filter((detail) => detail.path === 'allowedActions' && detail.code && detail.code in CASE_ACTIONS)
        .map((detail) => CASE_ACTIONS[detail.code as CaseAction].label);
      message += allowed.length > 0 ? `现在可以：${allowed.join('、')}。` : '现在没有可进行的操作。';
    }
    const fields =
      code === 'VALIDATION_FAILED'
        ? details.map((detail) => ({ path: detail.path ?? '', message: fieldWords(detail.code, detail.message ?? '') }))
        : [];
    return new ApiError(status, code, message, fields, error?.requestId);
  }
}

/** Words for anything a screen caught. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '操作未成功，请重试。';
}
