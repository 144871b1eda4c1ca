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

/** What each refusal means to the person at the screen, in the console's words. */
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

/**
 * The console's words for a field whose own rule failed (a check digit, a
 * phone number), by the API's field path: short, and the same whatever the
 * API's sentence says.
 */
/** What a phone number field asks for: a mobile, or a landline with its area code (the API's rule). */
export const PHONE_NUMBER_HINT = '请输入正确的手机号码，或带区号的固定电话（如024-23456789）';

const FIELD_MESSAGES: Record<string, string> = {
  'complainant.mobile': PHONE_NUMBER_HINT,
  phone: PHONE_NUMBER_HINT,
  'employer.creditCode': '统一社会信用代码不正确（18位，末位为校验码）',
  'complainant.idNumber': '身份证号码不正确',
  regionCode: '地区代码不正确',
  employer: '投诉须填写用人单位名称',
  answeredOnCall: '只有咨询可以当场解答',
};

const HAN = /\p{Script=Han}/u;

/**
 * The API answers the console in Chinese (its default; the console sends no
 * Accept-Language of its own): a rule's own sentence is shown as it comes;
 * zod's generic sentences give way to shorter words by code.
 */
function fieldWords(path: string, code: string | undefined, message: string): string {
  if (code === 'custom' || code === 'invalid_format') {
    return FIELD_MESSAGES[path] ?? (HAN.test(message) ? message : '格式不正确');
  }
  switch (code) {
    case 'required':
      return '此项必填';
    case 'too_small':
      return '内容为空或太少';
    case 'too_big':
      return '超出允许的长度或数值';
    case 'invalid_type':
      return '格式不正确';
    case 'invalid_value':
      return '请从列表中选择';
    case 'unknown_field':
    case 'unrecognized_keys':
      return '多余的字段';
    default:
      return HAN.test(message) ? message : '格式不正确';
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
        ? details.map((detail) => ({
            path: detail.path ?? '',
            message: fieldWords(detail.path ?? '', detail.code, detail.message ?? ''),
          }))
        : [];
    return new ApiError(status, code, message, fields, error?.requestId);
  }
}

/** Words for anything a screen caught. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '操作未成功，请重试。';
}
