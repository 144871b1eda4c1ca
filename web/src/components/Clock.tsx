import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseView } from '../api/client';
import { chinaTime, spanWords } from '../lib/time';
import { TAG_COLORS } from './tag-colors';

type Deadline = CaseView['deadlines'][number];

/** The clock that matters now: the earliest one still running, or the first missed. */
export function currentDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
  const running = deadlines.filter((deadline) => deadline.state === 'running').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return running[0] ?? deadlines.find((deadline) => deadline.state === 'missed');
}

function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** One statutory or target clock: time left, or how long overdue in red. */
export function DeadlineClock({ deadline }: { deadline: Deadline | undefined }) {
  const now = useNow();
  if (!deadline) return <span className="muted">无进行中的时限</span>;
  const left = new Date(deadline.dueAt).getTime() - now;
  const overdue = deadline.state === 'missed' || (deadline.state === 'running' && left < 0);
  const words = overdue ? `已超期 ${spanWords(left)}` : deadline.state === 'running' ? `剩余 ${spanWords(left)}` : '已完成';
  return (
    <Tooltip title={`${deadline.clockLabel}：${chinaTime(deadline.dueAt)} 到期（${deadline.basis}）`}>
      <Tag
        color={overdue ? TAG_COLORS.red : left < 24 * 3600_000 ? TAG_COLORS.orange : TAG_COLORS.blue}
        className={overdue ? 'clock-overdue' : 'clock'}
      >
        {deadline.clockLabel} · {words}
      </Tag>
    </Tooltip>
  );
}
