import type { CaseRecord, TimelineEvent } from '../domain/cases.js';
import { nextStep, publicStatusText, publicTimeline } from '../domain/public-case.js';
import { CATEGORIES } from '../domain/vocabulary.js';
import type { FiledComplaint } from '../usecases/public-complaints.js';

/**
 * What a complainant sees. Built field by field from an allow-list: no phone,
 * ID number, staff name or staff id, and no internal event can reach it.
 */
export function toFiledComplaintView({ caseRecord, unionName, accessCode }: FiledComplaint) {
  return {
    caseNumber: caseRecord.caseNumber,
    accessCode,
    status: caseRecord.status,
    statusText: publicStatusText(caseRecord),
    unionName,
    registeredAt: caseRecord.registeredAt,
    nextStep: nextStep(caseRecord),
    notice: '请保存案件编号和查询码：查询码只显示这一次，凭二者可查询进度、补充材料和评价服务。',
  };
}

export function toPublicCaseView(caseRecord: CaseRecord, unionName: string, events: readonly TimelineEvent[]) {
  const closed = caseRecord.status === 'closed' || caseRecord.status === 'followed_up';
  return {
    caseNumber: caseRecord.caseNumber,
    status: caseRecord.status,
    statusText: publicStatusText(caseRecord),
    category: caseRecord.category,
    categoryLabel: CATEGORIES[caseRecord.category],
    unionName,
    registeredAt: caseRecord.registeredAt,
    nextStep: nextStep(caseRecord),
    timeline: publicTimeline(events),
    canGiveFeedback: closed && !caseRecord.feedback,
    ...(caseRecord.feedback ? { feedback: { score: caseRecord.feedback.score, at: caseRecord.feedback.at } } : {}),
  };
}
