/**
 * Whether the whole stack's registration rate under its target is DynamoDB
 * Local's doing. Pure: the figures come from bench/throughput.ts, the verdict
 * goes into the summary.
 */
import { times } from './report.js';
import type { Side, ThroughputLevel } from './throughput.js';

type StoreCpu = Pick<Side, 'storeCores' | 'storeCpuMsPerOperation'>;

export type RateFigures = Pick<ThroughputLevel, 'rateRatio' | 'storeBusyRatio'> & {
  readonly stack: StoreCpu;
  readonly raw: StoreCpu;
};

/**
 * The measured reason when the stack's rate ÷ the raw rate is under `target`
 * because of DynamoDB Local; undefined when that is not shown (the figure is
 * then NOT MET).
 *
 * DynamoDB Local applies one transaction at a time: on 2 cores it keeps about
 * one core busy under either side and leaves the rest of the machine idle. Its
 * rate is then the CPU it uses per second over the CPU a registration costs
 * it, and the stack ÷ raw rate is the product of two ratios, each read from
 * the store's own CPU time in every slice:
 *
 * - busy: the cores the store kept busy, stack ÷ raw (median of the pairs).
 *   This is what the stack decides: a stack that sends work too slowly, or
 *   takes CPU the store needed, leaves the store idle;
 * - work: the store's CPU per registration, raw ÷ stack. The requests are the
 *   same on both sides, so this varies with the store alone (its collections,
 *   its growing table).
 *
 * The shortfall is the store's when busy alone meets the target: at the same
 * CPU per registration on both sides, the stack's rate would have met it.
 */
export function storeRateReason(level: RateFigures, target: number): string | undefined {
  const { storeBusyRatio, stack, raw } = level;
  if (storeBusyRatio === undefined || stack.storeCores === undefined || raw.storeCores === undefined) return undefined;
  if (Math.round(storeBusyRatio * 100) / 100 < target) return undefined;
  const ms = (side: StoreCpu) => side.storeCpuMsPerOperation!.toFixed(1);
  return (
    `DynamoDB Local's CPU per registration: the stack kept it as busy as the raw client did (${times(storeBusyRatio)}, ` +
    `${stack.storeCores.toFixed(2)} vs ${raw.storeCores.toFixed(2)} cores) and it spent ${ms(stack)} ms per ` +
    `registration under the stack, ${ms(raw)} under the raw client (README › Throughput)`
  );
}
