import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { HolidayCalendar, LoadedCalendar } from '../domain/holiday-calendar.js';
import { UnionDirectory, type Union } from '../domain/unions.js';
import { defaultStore, type StoreContext } from './client.js';
import { keys } from './keys.js';
import { putIf, queryAll } from './operations.js';
import { ENTITY } from './entities.js';

/** The directory changes rarely; a container re-reads it after this long. */
const DIRECTORY_TTL_MS = 5 * 60 * 1000;

let cached: { directory: UnionDirectory; loadedAt: number; tableName: string } | undefined;

export class UnionRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  /** The whole hierarchy, from one partition (one Query, paged if large), cached per container. */
  async directory(now = Date.now()): Promise<UnionDirectory> {
    if (cached && cached.tableName === this.store.tableName && now - cached.loadedAt < DIRECTORY_TTL_MS) {
      return cached.directory;
    }
    const items = await queryAll(this.store, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.unionDirectory().PK },
    });
    const calendarItem = items.find((item) => item.SK === keys.holidayCalendar().SK);
    const unions: Union[] = items
      .filter((item) => item !== calendarItem)
      .map((item) => ({
        code: item.code as string,
        name: item.name as string,
        parentCode: (item.parentCode as string | null | undefined) ?? null,
        ...(item.triage ? { triage: item.triage as Union['triage'] } : {}),
        ...(item.completionTargets ? { completionTargets: item.completionTargets as Union['completionTargets'] } : {}),
        ...(item.arbitrationAcceptanceCounting
          ? { arbitrationAcceptanceCounting: item.arbitrationAcceptanceCounting as Union['arbitrationAcceptanceCounting'] }
          : {}),
        ...(typeof item.smsSignature === 'string' ? { smsSignature: item.smsSignature } : {}),
      }));
    const calendar: LoadedCalendar | undefined = calendarItem
      ? {
          holidays: calendarItem.holidays as string[],
          adjustedWorkdays: calendarItem.adjustedWorkdays as string[],
          ...(calendarItem.years ? { years: calendarItem.years as number[] } : {}),
          revision: (calendarItem.revision as number | undefined) ?? 0,
          ...(calendarItem.sources ? { sources: calendarItem.sources as Record<string, string> } : {}),
        }
      : undefined;
    const directory = new UnionDirectory(unions, calendar);
    cached = { directory, loadedAt: now, tableName: this.store.tableName };
    return directory;
  }

  /** Replaces the working-day calendar (administration: once a year, when the State Council publishes the holidays). */
  async putCalendar(calendar: HolidayCalendar, { keepExisting = false }: { keepExisting?: boolean } = {}): Promise<void> {
    await putIf(this.store, {
      Item: { ...keys.holidayCalendar(), entity: ENTITY.holidayCalendar, ...calendar },
      // Seeding must not overwrite a calendar an administrator has already replaced.
      ...(keepExisting ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
    });
    cached = undefined;
  }

  /**
   * Replaces the calendar with `next` if it is still the one read as
   * `previous` (two administrators loading years at once: one must re-read).
   * Returns false when someone else changed it first.
   */
  async replaceCalendar(previous: LoadedCalendar | undefined, next: LoadedCalendar): Promise<boolean> {
    const revision = previous?.revision ?? 0;
    // A replacement applied but answered with a 500 is not a lost race (see conditionalPut).
    const replaced = await putIf(this.store, {
      Item: {
        ...keys.holidayCalendar(),
        entity: ENTITY.holidayCalendar,
        ...next,
        revision: revision + 1,
        updatedAt: new Date().toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(PK) OR attribute_not_exists(revision) OR revision = :revision',
      ExpressionAttributeValues: { ':revision': revision },
    });
    if (replaced) cached = undefined;
    return replaced;
  }

  /** Seeding and administration only (not on a request path). */
  async putAll(unions: readonly Union[]): Promise<void> {
    for (let i = 0; i < unions.length; i += 25) {
      let requests: Record<string, unknown>[] | undefined = unions.slice(i, i + 25).map((union) => ({
        PutRequest: { Item: { ...keys.union(union.code), ...union } },
      }));
      while (requests && requests.length > 0) {
        const result = await this.store.client.send(
          new BatchWriteCommand({ RequestItems: { [this.store.tableName]: requests } }),
        );
        requests = result.UnprocessedItems?.[this.store.tableName] as Record<string, unknown>[] | undefined;
      }
    }
    cached = undefined;
  }
}

/** Forget the cached directory (tests and seeding). */
export function forgetCachedDirectory(): void {
  cached = undefined;
}
