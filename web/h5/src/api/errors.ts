import type { Failure, FieldIssue } from './types';
import { PHONE_NUMBER_HINT } from '../complaint-form';

/**
 * Every message a worker reads about a failed request, in one place: the API
 * answers in English codes and field paths; the page shows Chinese beside the
 * field (or at the top of the form when no field is to blame).
 */

/** The form's fields by API path (the form uses the same names). */
const FIELD_LABELS: Record<string, string> = {
  kind: '求助类型',
  category: '问题类型',
  regionCode: '工作地点',
  description: '情况说明',
  'employer.name': '用人单位名称',
  'employer.creditCode': '统一社会信用代码',
  amountClaimedFen: '被拖欠或要求的金额',
  workersInvolved: '涉及人数',
  occurredOn: '发生日期',
  'complainant.name': '姓名',
  'complainant.mobile': '联系电话',
  'complainant.idNumber': '身份证号码',
  text: '补充内容',
  score: '评分',
  comment: '评价内容',
};

/** Messages for a field whatever went wrong with it: the worker can act on these without knowing the rule. */
const FIELD_MESSAGES: Record<string, string> = {
  regionCode: '请选择您工作所在的区县',
  employer: '请填写用人单位名称',
  'employer.name': '请填写用人单位名称（100字以内）',
  'employer.creditCode': '统一社会信用代码应为18位，可不填',
  'complainant.mobile': PHONE_NUMBER_HINT,
  'complainant.idNumber': '身份证号码不正确，可不填',
  amountClaimedFen: '请填写金额，例如 7200 或 7200.50',
  occurredOn: '请选择正确的日期',
};

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? '此项';
}

export function issueMessage(issue: FieldIssue): string {
  const label = fieldLabel(issue.path);
  const specific = FIELD_MESSAGES[issue.path];
  if (issue.code === 'required') return specific ?? `请填写${label}`;
  if (specific) return specific;
  switch (issue.code) {
    case 'too_small':
      return `${label}不能为空`;
    case 'too_big':
      return `${label}太长了，请精简后再提交`;
    case 'invalid_value':
      return `请选择${label}`;
    default:
      return `${label}填写不正确，请检查`;
  }
}

/** The field issues the worker can fix, keyed by the form's field path (`complainant.mobile`). */
export function fieldErrors(failure: Failure): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of failure.issues) {
    if (!errors.has(issue.path)) errors.set(issue.path, issueMessage(issue));
  }
  return errors;
}

/** What the action is, so a conflict can be explained for it. */
export type Action = 'file' | 'status' | 'supplement' | 'feedback';

/** One sentence for the whole request, shown above the form or as a toast. */
export function failureMessage(failure: Failure, action: Action): string {
  const minutes = failure.retryAfterSeconds ? Math.ceil(failure.retryAfterSeconds / 60) : undefined;
  switch (failure.code) {
    case 'NETWORK':
      return action === 'file' ? '网络不畅，请检查网络后再点一次“提交”（不会重复提交）' : '网络不畅，请检查网络后重试';
    case 'VALIDATION_FAILED':
    case 'MALFORMED_JSON':
    case 'BAD_REQUEST':
      return '有内容需要修改，请看标红的地方';
    case 'NOT_FOUND':
      return '案件编号或查询码不正确，请核对后再试';
    case 'TOO_MANY_REQUESTS':
      return action === 'status'
        ? `查询码输错次数太多，请${minutes ?? 15}分钟后再试`
        : `操作太频繁，请${minutes ? `${minutes}分钟后` : '稍后'}再试`;
    case 'REGION_NOT_SERVED':
    case 'REGION_OUTSIDE_SUBTREE':
      return '您选择的地区暂未开通网上投诉，请拨打12351职工维权热线';
    case 'REQUEST_IN_PROGRESS':
      return '正在处理您刚才的提交，请稍等几秒后再点一次';
    case 'IDEMPOTENCY_KEY_REUSED':
      return '内容已修改，请重新提交';
    case 'PAYLOAD_TOO_LARGE':
      return '内容太长了，请精简后再提交';
    case 'INVALID_TRANSITION':
    case 'CONFLICT':
      if (action === 'feedback') return '案件办结后才能评价，每个案件只能评价一次';
      if (action === 'supplement') return '这个案件现在不能再补充材料，如有需要请拨打12351';
      return '当前状态下不能进行这个操作';
    case 'BUSY':
      return '系统繁忙，请稍后再试';
    default:
      return '系统出了点问题，请稍后再试，或拨打12351职工维权热线';
  }
}
