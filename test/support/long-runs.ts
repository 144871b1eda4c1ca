/**
 * How long the issue 12 evidence runs. A developer's `npm test` runs quick
 * counts; `.ci/run` sets WEIQUAN_LONG_RUNS=1 for counts sized to fit CI's
 * budget on two cores; WEIQUAN_LONG_RUNS=full runs the minimums
 * (1,000 valid and 1,000 mutated requests per route, 1,000 racing groups),
 * which take about half an hour on two cores and are run before a release.
 */
const LEVEL = process.env.WEIQUAN_LONG_RUNS;
export const FULL_RUNS = LEVEL === 'full';
export const LONG_RUNS = LEVEL === '1' || FULL_RUNS;

/** `quick` by default, `long` under WEIQUAN_LONG_RUNS=1, `full` (default: `long`) under WEIQUAN_LONG_RUNS=full. */
export const runs = (quick: number, long: number, full = long): number => (FULL_RUNS ? full : LONG_RUNS ? long : quick);

/** The run's level, for the figures a suite prints. */
export const RUN_LEVEL = FULL_RUNS ? 'full' : LONG_RUNS ? 'long' : 'quick';
