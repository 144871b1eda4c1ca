/**
 * China has one time zone, UTC+8, with no daylight saving. Case numbers,
 * reporting months and statutory days are counted in it, whatever the server's
 * zone.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function shifted(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 23);
}

/** `2026-11-21T20:15:03.123+08:00` */
export function chinaLocalIso(instant: Date): string {
  return `${shifted(instant)}+08:00`;
}

/** `2026-11-21` */
export function chinaDate(instant: Date): string {
  return shifted(instant).slice(0, 10);
}

/** `2026-11` */
export function chinaMonth(instant: Date): string {
  return shifted(instant).slice(0, 7);
}
