/** The long evidence runs (issue 12) run when WEIQUAN_LONG_RUNS=1; .ci/run sets it, a developer's `npm test` stays quick. */
export const LONG_RUNS = process.env.WEIQUAN_LONG_RUNS === '1';
/** `quick` by default, `long` under WEIQUAN_LONG_RUNS=1. */
export const runs = (quick: number, long: number): number => (LONG_RUNS ? long : quick);
