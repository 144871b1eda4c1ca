import { chinaDate, chinaMonth } from '../../../shared/domain/china-time.js';

export { chinaDate, chinaMonth };

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as people in China read it ("2026/12/01 21:30"), whatever the browser's own zone. */
export function chinaTime(iso: string | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

/** "3天4小时" / "45分钟": how far apart two instants are, in the largest two units that matter. */
export function spanWords(milliseconds: number): string {
  const minutes = Math.floor(Math.abs(milliseconds) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return `${hours}小时${minutes % 60}分钟`;
  return `${minutes % 60}分钟`;
}
