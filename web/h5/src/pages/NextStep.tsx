import type { PublicCase } from '../api/client';
import { CHINA_TIME_NOTE, chinaTime } from '../time';

/** Status in plain words, what happens next and by when (China time). */
export function CaseStatus({ statusText, unionName, nextStep }: Pick<PublicCase, 'statusText' | 'unionName' | 'nextStep'>) {
  return (
    <section className="status-card" aria-labelledby="status-title">
      <h2 id="status-title" className="status-text">
        {statusText}
      </h2>
      <p>受理工会：{unionName}</p>
      <p className="next-step">
        <strong>下一步：</strong>
        {nextStep.text}
      </p>
      {nextStep.dueAt && (
        <p className="due">
          <strong>最晚：</strong>
          <time dateTime={nextStep.dueAt}>
            {chinaTime(nextStep.dueAt)}
            <span className="nowrap">{CHINA_TIME_NOTE}</span>
          </time>
        </p>
      )}
    </section>
  );
}
