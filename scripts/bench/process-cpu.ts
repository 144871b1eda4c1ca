/**
 * CPU time of another process (DynamoDB Local's JVM), from Linux's
 * /proc/<pid>/stat. Elsewhere, or once the process is gone, there is no
 * figure: callers then go without it rather than guess.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined | null = null;

/** The kernel's clock ticks per second, in which /proc reports CPU time (`getconf CLK_TCK`, 100 almost everywhere). */
function clockTicksPerSecond(): number | undefined {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || undefined;
    } catch {
      ticksPerSecond = undefined;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU milliseconds the process has used so far, or undefined where that cannot be read. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const ticks = clockTicksPerSecond();
  if (ticks === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces, so it is skipped by its closing parenthesis):
  // state is field 3, utime 14 and stime 15, so 11 and 12 here.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const used = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(used) ? (used * 1000) / ticks : undefined;
}
