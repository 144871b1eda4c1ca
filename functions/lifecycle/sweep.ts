import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { sweep, type SweepReport } from '../../shared/usecases/sweeper.js';

/**
 * The clock sweeper, run by an EventBridge schedule (every 5 minutes in the
 * stack; every minute under `npm start`): escalates missed clocks and returns
 * stale claims to their pools. Overlapping runs are harmless (see sweep).
 */
export const handler = async (_event?: ScheduledEvent): Promise<SweepReport> => {
  const report = await sweep(defaultDependencies());
  logger.info('sweep completed', { ...report });
  return report;
};
