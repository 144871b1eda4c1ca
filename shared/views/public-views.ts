import type { CaseRecord, TimelineEvent } from '../domain/cases.js';
import { nextStep, publicStatusText, publicTimeline } from '../domain/public-case.js';
import { CATEGORIES } from '../domain/vocabulary.js';
import type { FiledComplaint } from '../usecases/public-complaints.js';
import { inChinaTime } from './china-time-view.js';

/** The next step a worker reads, its time in China time. */
function nextStepView(caseRecord: CaseRecord) {
  const step = nextStep(caseRecord);
  return step.dueAt ? { ...step, dueAt: inChinaTime(step.dueAt) } : step;
}

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
    registeredAt: inChinaTime(caseRecord.registeredAt),
    nextStep: nextStepView(caseRecord),
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
    registeredAt: inChinaTime(caseRecord.registeredAt),
    nextStep: nextStepView(caseRecord),
    timeline: publicTimeline(events).map((entry) => ({ ...entry, at: inChinaTime(entry.at) })),
    canGiveFeedback: closed && !caseRecord.feedback,
    ...(caseRecord.feedback ? { feedback: { score: caseRecord.feedback.score, at: inChinaTime(caseRecord.feedback.at) } } : {}),
  };
}
