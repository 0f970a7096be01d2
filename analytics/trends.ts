// Contact reasons over time: runs per day or week (local days of the viewer's time zone) by SOP, tag and
// department, what moved most against the previous period, and tags rising in several departments at once
// (one cause, many queues: a billing outage, a courier on strike).
import { trend, type Trend } from "./overview";
import type { Starts } from "./tally";
import type { Period, VersionInfo } from "./types";

const DAY_MS = 86_400_000;

export type Bucket = {
  /**
   * YYYY-MM-DD of the bucket's first day in the time zone (for weeks: the Monday, even when the period starts later)
   */
  key: string;
  /** [from, to) in ms, clipped to the period */
  from: number;
  to: number;
};

/**
 * Local calendar arithmetic in one IANA zone. Days are numbered as in Date.UTC (day 0 = 1970-01-01), so moving
 * between days needs no Intl call; only turning a day into its first instant (or an instant into its day) asks
 * Intl, and offsets already asked are remembered.
 */
class Zone {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** The local wall clock at t, read as if it were UTC (ms, to the second). */
  private wall(t: number): number {
    const p: Record<string, string> = {};
    for (const part of this.format.formatToParts(t)) p[part.type] = part.value;
    const year = p.era === "BC" || p.era === "B" ? 1 - Number(p.year) : Number(p.year);
    const d = new Date(0);
    d.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
    d.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
    return d.getTime();
  }

  /** Local time minus UTC at instant t, in ms. */
  offset(t: number): number {
    let o = this.offsets.get(t);
    if (o === undefined) this.offsets.set(t, (o = this.wall(t) - Math.floor(t / 1000) * 1000));
    return o;
  }

  /** The local day (day number) instant t falls on. */
  dayOf(t: number): number {
    return Math.floor(this.wall(t) / DAY_MS);
  }

  /**
   * The first instant of local day `day`: its midnight, or, when the clocks jump over midnight (Tehran's DST
   * until 2022, Cairo's), the instant of the jump. A day the zone skipped (Samoa, 2011-12-30) starts where the
   * next one does. The day starts at the earlier of two candidates (midnight at the offset before and after
   * any change) that is already on the day; only a jump over midnight that neither starts nor ends at a
   * midnight would start it elsewhere, and tzdb has none (every zone checked, 1970–2030).
   */
  startOf(day: number): number {
    const wall = day * DAY_MS;
    // A zone changes its offset at most once within a day or two: the offsets a day either side are the
    // offset before and after any change near this midnight.
    const before = wall - this.offset(wall - DAY_MS);
    const after = wall - this.offset(wall + DAY_MS);
    if (before === after) return before;
    const lo = Math.min(before, after);
    return this.dayOf(lo) >= day ? lo : Math.max(before, after);
  }
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Days since the Monday of its ISO week (day 0, 1970-01-01, was a Thursday). */
function sinceMonday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The days or ISO weeks (Monday to Sunday) of the period in a time zone, each from its local midnight to the
 * next (23 or 25 hours on a DST change), the first and the last clipped to the period. An invalid time zone
 * throws a RangeError (as Intl does).
 */
export function bucketsOf(period: Period, unit: "day" | "week", timeZone: string): Bucket[] {
  const out: Bucket[] = [];
  if (!(period.to > period.from)) return out;
  const zone = new Zone(timeZone);
  let day = zone.dayOf(period.from);
  if (unit === "week") day -= sinceMonday(day);
  const step = unit === "day" ? 1 : 7;
  let from = period.from;
  while (from < period.to) {
    const next = zone.startOf(day + step);
    const to = Math.min(next, period.to);
    if (to > from) out.push({ key: isoDay(day), from, to });
    from = Math.max(from, to);
    day += step;
  }
  return out;
}

/** The index of the bucket holding ms (binary search over contiguous buckets), -1 outside them all. */
export function bucketIndex(buckets: readonly Bucket[], ms: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = buckets[mid]!;
    if (ms < b.from) hi = mid - 1;
    else if (ms >= b.to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export type Dimension = "sop" | "tag" | "department";

export type Series = {
  /**
   * the SOP id, the tag ("" for runs whose version has no tags) or the department id as text
   */
  key: string;
  /**
   * the SOP's title or the department's name from the caller's labels (the key when missing); a tag is its own label
   */
  label: string;
  /** runs started in each bucket */
  counts: number[];
  /** runs in the period */
  total: number;
  /** runs in the previous period */
  previousTotal: number;
  trend: Trend;
};

export type Mover = Series & { dimension: Dimension };

export type CrossDepartmentTag = {
  tag: string;
  /** the departments where the tag rose, most risen first */
  departments: { departmentId: number; label: string; current: number; previous: number }[];
};

export type ContactTrends = {
  buckets: Bucket[];
  series: Record<Dimension, Series[]>;
  movers: { rising: Mover[]; falling: Mover[] };
  crossDepartment: CrossDepartmentTag[];
};

export type ContactTrendOptions = {
  period: Period;
  unit: "day" | "week";
  timeZone: string;
  labels: { sop: ReadonlyMap<string, string>; department: ReadonlyMap<number, string> };
};

/** A mover needs this many runs in one of the two periods: 1 → 2 is not news. */
export const MOVER_MIN_RUNS = 3;
export const MOVERS_SHOWN = 5;
/** A tag "rises" in a department when it gains at least this many runs … */
export const RISE_MIN_RUNS = 3;
/** … and at least this share of the previous period's runs. */
export const RISE_MIN_SHARE = 0.2;

type Count = { counts: number[]; total: number; previousTotal: number };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Runs by SOP, tag and department per bucket, against the previous period. `current` are the period's rows
 * (bucketed by start time; a row outside the period counts in the total only), `previous` the previous
 * period's. A run counts once under each tag of its version (a version without tags: the tag ""). A series is
 * listed when it has runs in either period, most runs first. Rows and tallies' starts (tally.ts startsOf, with
 * their n) mix freely.
 */
export function contactTrends(
  current: readonly Starts[],
  previous: readonly Starts[],
  versions: ReadonlyMap<number, VersionInfo>,
  opts: ContactTrendOptions,
): ContactTrends {
  const buckets = bucketsOf(opts.period, opts.unit, opts.timeZone);
  const n = buckets.length;
  const maps: Record<Dimension, Map<string, Count>> = { sop: new Map(), tag: new Map(), department: new Map() };
  const countOf = (dim: Dimension, key: string): Count => {
    let c = maps[dim].get(key);
    if (!c) maps[dim].set(key, (c = { counts: new Array<number>(n).fill(0), total: 0, previousTotal: 0 }));
    return c;
  };
  // tag → department → runs now and before (the cross-department rises)
  const tagDept = new Map<string, Map<number, { current: number; previous: number }>>();
  const tagDeptOf = (tag: string, departmentId: number) => {
    let depts = tagDept.get(tag);
    if (!depts) tagDept.set(tag, (depts = new Map()));
    let d = depts.get(departmentId);
    if (!d) depts.set(departmentId, (d = { current: 0, previous: 0 }));
    return d;
  };
  // Everything a row counts under, resolved once per version: the rows of a version share their SOP, its
  // department and the version's tags (checked, in case a caller mixes them).
  type Slot = {
    sopId: string;
    departmentId: number;
    counts: Count[];
    tagDept: { current: number; previous: number }[];
  };
  const slots = new Map<number, Slot>();
  const slotOf = (r: Starts): Slot => {
    let slot = slots.get(r.versionId);
    if (slot && slot.sopId === r.sopId && slot.departmentId === r.departmentId) return slot;
    const tags = [...new Set(versions.get(r.versionId)?.tags ?? [])];
    if (tags.length === 0) tags.push("");
    slot = {
      sopId: r.sopId,
      departmentId: r.departmentId,
      counts: [
        countOf("sop", r.sopId),
        countOf("department", String(r.departmentId)),
        ...tags.map((t) => countOf("tag", t)),
      ],
      tagDept: tags.map((t) => tagDeptOf(t, r.departmentId)),
    };
    slots.set(r.versionId, slot);
    return slot;
  };
  for (const r of current) {
    const slot = slotOf(r);
    const n = r.n ?? 1;
    const b = bucketIndex(buckets, r.startedAt);
    for (const c of slot.counts) {
      c.total += n;
      if (b >= 0) c.counts[b]! += n;
    }
    for (const d of slot.tagDept) d.current += n;
  }
  for (const r of previous) {
    const slot = slotOf(r);
    const n = r.n ?? 1;
    for (const c of slot.counts) c.previousTotal += n;
    for (const d of slot.tagDept) d.previous += n;
  }

  const deptLabel = (id: number) => opts.labels.department.get(id) ?? String(id);
  const labelOf: Record<Dimension, (key: string) => string> = {
    sop: (k) => opts.labels.sop.get(k) ?? k,
    tag: (k) => k,
    department: (k) => deptLabel(Number(k)),
  };
  const seriesOf = (dim: Dimension): Series[] =>
    [...maps[dim]]
      .map(([key, c]): Series => {
        const { counts, total, previousTotal } = c;
        return { key, label: labelOf[dim](key), counts, total, previousTotal, trend: trend(total, previousTotal) };
      })
      .sort((a, b) => b.total - a.total || b.previousTotal - a.previousTotal || byText(a.key, b.key));
  const series: Record<Dimension, Series[]> = {
    sop: seriesOf("sop"),
    tag: seriesOf("tag"),
    department: seriesOf("department"),
  };

  const candidates: Mover[] = [];
  for (const dimension of ["sop", "tag", "department"] as const) {
    for (const s of series[dimension]) {
      if (Math.max(s.total, s.previousTotal) >= MOVER_MIN_RUNS && s.trend.change !== 0)
        candidates.push({ ...s, dimension });
    }
  }
  const tie = (a: Mover, b: Mover) => byText(a.dimension, b.dimension) || byText(a.key, b.key);
  const rising = candidates
    .filter((m) => m.trend.change! > 0)
    .sort((a, b) => b.trend.change! - a.trend.change! || tie(a, b));
  const falling = candidates
    .filter((m) => m.trend.change! < 0)
    .sort((a, b) => a.trend.change! - b.trend.change! || tie(a, b));

  const crossDepartment: CrossDepartmentTag[] = [];
  for (const [tag, depts] of tagDept) {
    // untagged runs share no cause: their rise is not news
    if (tag === "") continue;
    const rose: CrossDepartmentTag["departments"] = [];
    for (const [departmentId, d] of depts) {
      const gain = d.current - d.previous;
      if (gain < RISE_MIN_RUNS || (d.previous > 0 && gain / d.previous < RISE_MIN_SHARE)) continue;
      rose.push({ departmentId, label: deptLabel(departmentId), current: d.current, previous: d.previous });
    }
    if (rose.length < 2) continue;
    rose.sort(
      (a, b) =>
        b.current - b.previous - (a.current - a.previous) ||
        byText(a.label, b.label) ||
        a.departmentId - b.departmentId,
    );
    crossDepartment.push({ tag, departments: rose });
  }
  const gainOf = (t: CrossDepartmentTag) => t.departments.reduce((s, d) => s + d.current - d.previous, 0);
  crossDepartment.sort(
    (a, b) => b.departments.length - a.departments.length || gainOf(b) - gainOf(a) || byText(a.tag, b.tag),
  );

  return {
    buckets,
    series,
    movers: { rising: rising.slice(0, MOVERS_SHOWN), falling: falling.slice(0, MOVERS_SHOWN) },
    crossDepartment,
  };
}
