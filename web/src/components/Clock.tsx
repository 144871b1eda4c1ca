import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseRow, CaseView } from '../api/client';
import { chinaTime, spanWords } from '../lib/time';
import { TAG_COLORS } from './tag-colors';

/** A clock of the case page (with its legal basis) or a row's current clock. */
type Clock = CaseView['deadlines'][number] | NonNullable<CaseRow['currentClock']>;

function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** One statutory or target clock: time left, or how long overdue in red. */
export function DeadlineClock({ deadline }: { deadline: Clock | undefined }) {
  const now = useNow();
  if (!deadline) return <span className="muted">无进行中的时限</span>;
  const left = new Date(deadline.dueAt).getTime() - now;
  const overdue = deadline.state === 'missed' || (deadline.state === 'running' && left < 0);
  const words = overdue ? `已超期 ${spanWords(left)}` : deadline.state === 'running' ? `剩余 ${spanWords(left)}` : '已完成';
  return (
    <Tooltip
      title={`${deadline.clockLabel}：${chinaTime(deadline.dueAt)} 到期${'basis' in deadline ? `（${deadline.basis}）` : ''}`}
    >
      <Tag
        color={overdue ? TAG_COLORS.red : left < 24 * 3600_000 ? TAG_COLORS.orange : TAG_COLORS.blue}
        className={overdue ? 'clock-overdue' : 'clock'}
      >
        {deadline.clockLabel} · {words}
      </Tag>
    </Tooltip>
  );
}
