import type { FileComplaintRequest } from './api/types';
import { normalizePhoneNumber } from '../../../shared/domain/identifiers';

/** The filing form as the worker fills it in; converted to the API's request on submit. */
export interface ComplaintFormValues {
  kind?: FileComplaintRequest['kind'][];
  category?: FileComplaintRequest['category'][];
  /** The cascade's path, province → city → district; the last one is the region. */
  regionCode?: string[];
  employer?: { name?: string };
  description?: string;
  /** Yuan as typed (7200 or 7200.50): workers think in yuan, the API counts fen. */
  amountYuan?: string;
  /** As typed; the API takes a whole number. */
  workersInvolved?: string;
  complainant?: { name?: string; mobile?: string; migrantWorker?: boolean; womanWorker?: boolean; modelWorker?: boolean };
}

export const STEP_TITLES = ['选择问题类型', '填写情况', '联系方式', '确认提交'] as const;

/** The form fields on each step (the last step only confirms). */
export const STEP_FIELDS: readonly (readonly string[])[] = [
  ['kind', 'category'],
  ['regionCode', 'employer.name', 'description', 'amountYuan', 'workersInvolved'],
  ['complainant.name', 'complainant.mobile', 'complainant.migrantWorker', 'complainant.womanWorker', 'complainant.modelWorker'],
  [],
];

export const KIND_OPTIONS: { label: string; value: FileComplaintRequest['kind']; description: string }[] = [
  { label: '投诉', value: 'complaint', description: '单位侵害了我的权益' },
  { label: '申请法律援助', value: 'legal_aid_application', description: '需要律师帮我仲裁或打官司' },
  { label: '咨询', value: 'consultation', description: '想先问问怎么办' },
  { label: '信访', value: 'petition', description: '向工会反映问题、提出诉求' },
];

/** Kinds that concern an employer must name it (the API refuses them otherwise). */
export function needsEmployer(kind: FileComplaintRequest['kind'] | undefined): boolean {
  return kind === 'complaint' || kind === 'legal_aid_application' || kind === 'petition';
}

/**
 * A number the union can call back: a mobile, or a landline with its area
 * code, however it is written. The API's own rule, so the page refuses nothing
 * the API would take.
 */
export function isPhoneNumber(written: string): boolean {
  return normalizePhoneNumber(written) !== null;
}

/** What to write, said the same beside the field and when the API refuses it. */
export const PHONE_NUMBER_HINT = '请填写手机号码，或带区号的座机号码（如024-23456789）';
export const AMOUNT_PATTERN = /^\d{1,9}(\.\d{1,2})?$/;
export const WORKERS_PATTERN = /^[1-9]\d{0,4}$|^100000$/;

/** 7200.5 yuan → 720050 fen, exactly (no floating point). */
export function yuanToFen(yuan: string): number {
  const [whole = '0', fraction = ''] = yuan.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? `${yuan}` : `${yuan}.${String(cents).padStart(2, '0')}`;
}

/** The form's values as the API's request. */
export function toRequest(values: ComplaintFormValues): FileComplaintRequest {
  const kind = values.kind?.[0] ?? 'complaint';
  const complainant = values.complainant ?? {};
  const employerName = values.employer?.name?.trim();
  const amount = values.amountYuan?.trim();
  return {
    kind,
    channel: 'web',
    category: values.category?.[0] ?? 'other',
    regionCode: values.regionCode?.at(-1) ?? '',
    complainant: {
      name: complainant.name?.trim() ?? '',
      mobile: complainant.mobile?.replace(/\s/g, '') ?? '',
      migrantWorker: complainant.migrantWorker ?? false,
      womanWorker: complainant.womanWorker ?? false,
      modelWorker: complainant.modelWorker ?? false,
    },
    ...(employerName ? { employer: { name: employerName } } : {}),
    description: values.description?.trim() ?? '',
    workersInvolved: values.workersInvolved?.trim() ? Number(values.workersInvolved.trim()) : 1,
    ...(amount ? { amountClaimedFen: yuanToFen(amount) } : {}),
  };
}

/** The form field an API path belongs to (`amountClaimedFen` is typed in yuan; `employer` is its name). */
export function formFieldOf(apiPath: string): string {
  if (apiPath === 'amountClaimedFen') return 'amountYuan';
  if (apiPath === 'employer') return 'employer.name';
  return apiPath;
}

/** The step that holds a form field (the confirmation step when no step does). */
export function stepOf(field: string): number {
  const step = STEP_FIELDS.findIndex((fields) => fields.includes(field));
  return step === -1 ? STEP_FIELDS.length - 1 : step;
}
