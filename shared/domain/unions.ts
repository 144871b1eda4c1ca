import { divisionCovers, divisionLevel, type DivisionLevel } from './identifiers.js';
import type { ClockRules } from './case-clocks.js';
import { DEFAULT_COMPLETION_TARGET_WORKING_DAYS, type AcceptanceCounting } from './clocks.js';
import { DEFAULT_HOLIDAY_CALENDAR, type LoadedCalendar } from './holiday-calendar.js';
import type { TriageConfig } from './triage.js';
import type { Category } from './vocabulary.js';

/** A trade union, identified by the division code of the area it serves. */
export interface Union {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  /** The union's own triage configuration, if it departs from the default. */
  readonly triage?: TriageConfig;
  /** The union's own completion targets (限时办结) in working days, by category, where they depart from the default. */
  readonly completionTargets?: Partial<Record<Category, number>>;
  /** How Art. 29's five days are counted where the union is, where it departs from working days. */
  readonly arbitrationAcceptanceCounting?: AcceptanceCounting;
  /**
   * The SMS signature (签名) approved for this union by its SMS provider, without
   * the 【】 brackets, e.g. `沈阳市总工会`. Absent: the nearest union above it that
   * has one signs its messages (a district often sends under its city's).
   */
  readonly smsSignature?: string;
}

/**
 * The union hierarchy (province → city → district) as one immutable value.
 * Tenancy hangs on it: a staff member sees their own union's subtree, and a
 * case belongs to the deepest union whose area covers the case's region.
 */
export class UnionDirectory {
  readonly #byCode: ReadonlyMap<string, Union>;

  constructor(
    unions: Iterable<Union>,
    /** The working-day calendar every union's clocks count with (national holidays). */
    readonly calendar: LoadedCalendar = DEFAULT_HOLIDAY_CALENDAR,
  ) {
    this.#byCode = new Map([...unions].map((union) => [union.code, union]));
  }

  /** Unions directly below `code`. */
  childrenOf(code: string): Union[] {
    return this.all().filter((union) => union.parentCode === code);
  }

  /** `code` and every union below it, parents before children. */
  subtreeOf(code: string): string[] {
    const codes = [code];
    for (let i = 0; i < codes.length; i++) codes.push(...this.childrenOf(codes[i]!).map((union) => union.code));
    return codes;
  }

  get(code: string): Union | undefined {
    return this.#byCode.get(code);
  }

  /** A union's name, or its code when the directory does not (yet) know it. */
  nameOf(code: string): string {
    return this.#byCode.get(code)?.name ?? code;
  }

  /** Codes from the root down to `code` itself, e.g. ['210000', '210100', '210102']. */
  pathOf(code: string): string[] {
    const path: string[] = [];
    // The `includes` guard stops at a parent cycle in bad data instead of looping forever.
    for (
      let union = this.get(code);
      union && !path.includes(union.code);
      union = union.parentCode ? this.get(union.parentCode) : undefined
    ) {
      path.unshift(union.code);
    }
    return path;
  }

  /** The province at the root of a union's path (the roster's partition). */
  provinceOf(code: string): string {
    return this.pathOf(code)[0] ?? code;
  }

  /** The deepest union whose area covers `regionCode`, if any union serves it. */
  responsibleFor(regionCode: string): Union | undefined {
    let best: Union | undefined;
    for (const union of this.#byCode.values()) {
      if (!divisionCovers(union.code, regionCode)) continue;
      if (!best || divisionLevel(union.code) > divisionLevel(best.code)) best = union;
    }
    return best;
  }

  /** Whether `code` is `ancestorCode` itself or lies below it. */
  isWithin(code: string, ancestorCode: string): boolean {
    return this.pathOf(code).includes(ancestorCode);
  }

  levelOf(code: string): DivisionLevel {
    return divisionLevel(code);
  }

  all(): Union[] {
    return [...this.#byCode.values()];
  }
}

/** The registration context's triage configuration for a union (empty: the default applies). */
export function triageConfigOf(directory: UnionDirectory, unionCode: string): { triageConfig?: TriageConfig } {
  const config = directory.get(unionCode)?.triage;
  return config ? { triageConfig: config } : {};
}

/**
 * The clocks of a union's cases: the national calendar, the union's completion
 * targets over the defaults, and how Art. 29's five days are counted (working
 * days unless the union is provisioned otherwise).
 */
export function clockRulesOf(directory: UnionDirectory, unionCode: string): ClockRules {
  const union = directory.get(unionCode);
  return {
    calendar: directory.calendar,
    completionTargets: { ...DEFAULT_COMPLETION_TARGET_WORKING_DAYS, ...union?.completionTargets },
    arbitrationAcceptanceCounting: union?.arbitrationAcceptanceCounting ?? 'working_days',
  };
}

/** The signature for SMS about a case held by `unionCode`: its own, else the nearest one up its path; none if no union on the path has one. */
export function smsSignatureOf(directory: UnionDirectory, unionCode: string): string | undefined {
  const path = directory.pathOf(unionCode);
  for (let i = path.length - 1; i >= 0; i--) {
    const signature = directory.get(path[i]!)?.smsSignature?.trim();
    if (signature) return signature;
  }
  return undefined;
}
