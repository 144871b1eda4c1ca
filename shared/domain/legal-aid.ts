import { unprocessableField as refuse } from './errors.js';
import { LEGAL_AID_EXEMPTION_GROUNDS, type Category, type LegalAidExemptionGround, type RequestKind } from './vocabulary.js';

/**
 * The financial-hardship decision on a legal-aid application (Legal Aid Law
 * 2021): either the applicant is exempt from the test on one of Art. 42's
 * grounds, or their hardship was assessed. Recorded at intake, shown to the
 * lawyer who takes the case, and exempt applications are counted in the report.
 */
export type LegalAidEligibility =
  | {
      readonly basis: 'exempt';
      readonly ground: LegalAidExemptionGround;
      /** True when intake suggested the exemption from the facts rather than an operator choosing it. */
      readonly suggested?: boolean;
    }
  | { readonly basis: 'assessed'; readonly eligible: boolean };

/** Claims Art. 42 (3) names: pay (劳动报酬) and work-injury compensation; an occupational disease is a work injury. */
const PAY_OR_INJURY_CATEGORIES: readonly Category[] = ['wage_arrears', 'work_injury', 'occupational_disease'];

interface EligibilityFacts {
  readonly kind: RequestKind;
  readonly category: Category;
  readonly complainant: { readonly migrantWorker: boolean };
}

/** Whether the intake facts fit Art. 42 (3): a migrant worker claiming pay or work-injury compensation. */
function fitsMigrantWorkerExemption(facts: EligibilityFacts): boolean {
  return facts.complainant.migrantWorker && PAY_OR_INJURY_CATEGORIES.includes(facts.category);
}

/**
 * The decision a legal-aid application is registered with: the one given,
 * or, when none is given and the facts fit Art. 42 (3), that exemption as a
 * suggestion; otherwise none yet (the hardship test is still to be done).
 * Refused for a request that is not a legal-aid application, and for an
 * Art. 42 (3) exemption the facts do not support.
 */
export function legalAidEligibilityAtIntake(
  facts: EligibilityFacts,
  given: LegalAidEligibility | undefined,
): LegalAidEligibility | undefined {
  if (facts.kind !== 'legal_aid_application') {
    if (given)
      refuse('legalAidEligibility', {
        zh: '只有法律援助申请需要作出援助资格决定',
        en: 'only a legal-aid application has an eligibility decision',
      });
    return undefined;
  }
  if (given?.basis === 'exempt' && given.ground === 'migrant_worker_pay_or_injury' && !fitsMigrantWorkerExemption(facts)) {
    refuse('legalAidEligibility.ground', {
      zh: '第四十二条第（三）项仅适用于农民工请求支付劳动报酬或者工伤事故人身损害赔偿',
      en: 'Art. 42 (3) covers migrant workers claiming pay or work-injury compensation only',
    });
  }
  if (given) return given;
  return fitsMigrantWorkerExemption(facts)
    ? { basis: 'exempt', ground: 'migrant_worker_pay_or_injury', suggested: true }
    : undefined;
}

/** The decision as the lawyer reads it, in Chinese. */
export function legalAidEligibilityLabel(eligibility: LegalAidEligibility): string {
  if (eligibility.basis === 'assessed') return `经济困难审查：${eligibility.eligible ? '符合' : '不符合'}法律援助条件`;
  const suggested = eligibility.suggested ? '（系统根据登记信息建议）' : '';
  return `免予经济困难审查：${LEGAL_AID_EXEMPTION_GROUNDS[eligibility.ground]}${suggested}`;
}
