import { describe, expect, it } from "vitest";
import { row, version, versionMap } from "./test-helpers";
import { bucketIndex, bucketsOf, contactTrends, type Bucket, type Series } from "./trends";
import type { RunRow } from "./types";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
/** [key, from ISO, hours long] per bucket: easy to check by eye */
const shape = (buckets: Bucket[]) =>
  buckets.map((b) => [b.key, new Date(b.from).toISOString(), (b.to - b.from) / HOUR]);

describe("bucketsOf", () => {
  it("cuts a period into UTC days", () => {
    expect(
      shape(bucketsOf({ from: at("2025-01-01T00:00:00Z"), to: at("2025-01-04T00:00:00Z") }, "day", "UTC")),
    ).toEqual([
      ["2025-01-01", "2025-01-01T00:00:00.000Z", 24],
      ["2025-01-02", "2025-01-02T00:00:00.000Z", 24],
      ["2025-01-03", "2025-01-03T00:00:00.000Z", 24],
    ]);
  });

  it("clips the first and last bucket to the period", () => {
    const buckets = bucketsOf({ from: at("2025-01-01T06:00:00Z"), to: at("2025-01-02T12:00:00Z") }, "day", "UTC");
    expect(buckets).toEqual([
      { key: "2025-01-01", from: at("2025-01-01T06:00:00Z"), to: at("2025-01-02T00:00:00Z") },
      { key: "2025-01-02", from: at("2025-01-02T00:00:00Z"), to: at("2025-01-02T12:00:00Z") },
    ]);
  });

  it("starts days at local midnight in a half-hour zone (Asia/Tehran, +03:30)", () => {
    expect(
      shape(bucketsOf({ from: at("2024-04-30T20:30:00Z"), to: at("2024-05-02T20:30:00Z") }, "day", "Asia/Tehran")),
    ).toEqual([
      ["2024-05-01", "2024-04-30T20:30:00.000Z", 24],
      ["2024-05-02", "2024-05-01T20:30:00.000Z", 24],
    ]);
  });

  it("follows Tehran's DST, whose clocks jumped over midnight (00:00 → 01:00) and back (24:00 → 23:00)", () => {
    // 2021-03-22 began at 01:00 +04:30, the instant of the jump: a 23-hour day
    expect(
      shape(bucketsOf({ from: at("2021-03-20T20:30:00Z"), to: at("2021-03-22T19:30:00Z") }, "day", "Asia/Tehran")),
    ).toEqual([
      ["2021-03-21", "2021-03-20T20:30:00.000Z", 24],
      ["2021-03-22", "2021-03-21T20:30:00.000Z", 23],
    ]);
    // 2021-09-21 had its last hour twice: a 25-hour day
    expect(
      shape(bucketsOf({ from: at("2021-09-20T19:30:00Z"), to: at("2021-09-22T20:30:00Z") }, "day", "Asia/Tehran")),
    ).toEqual([
      ["2021-09-21", "2021-09-20T19:30:00.000Z", 25],
      ["2021-09-22", "2021-09-21T20:30:00.000Z", 24],
    ]);
  });

  it("follows America/New_York across both DST changes", () => {
    expect(
      shape(bucketsOf({ from: at("2024-03-09T05:00:00Z"), to: at("2024-03-12T04:00:00Z") }, "day", "America/New_York")),
    ).toEqual([
      ["2024-03-09", "2024-03-09T05:00:00.000Z", 24],
      ["2024-03-10", "2024-03-10T05:00:00.000Z", 23],
      ["2024-03-11", "2024-03-11T04:00:00.000Z", 24],
    ]);
    expect(
      shape(bucketsOf({ from: at("2024-11-03T04:00:00Z"), to: at("2024-11-05T05:00:00Z") }, "day", "America/New_York")),
    ).toEqual([
      ["2024-11-03", "2024-11-03T04:00:00.000Z", 25],
      ["2024-11-04", "2024-11-04T05:00:00.000Z", 24],
    ]);
  });

  it("handles a change that ends at midnight (America/Nuuk, 23:00 → 00:00) and a day a zone skipped (Samoa)", () => {
    expect(
      shape(bucketsOf({ from: at("2024-03-30T02:00:00Z"), to: at("2024-04-01T01:00:00Z") }, "day", "America/Nuuk")),
    ).toEqual([
      ["2024-03-30", "2024-03-30T02:00:00.000Z", 23],
      ["2024-03-31", "2024-03-31T01:00:00.000Z", 24],
    ]);
    // Pacific/Apia went from 2011-12-29 straight to 2011-12-31
    expect(
      shape(bucketsOf({ from: at("2011-12-29T10:00:00Z"), to: at("2011-12-31T10:00:00Z") }, "day", "Pacific/Apia")),
    ).toEqual([
      ["2011-12-29", "2011-12-29T10:00:00.000Z", 24],
      ["2011-12-31", "2011-12-30T10:00:00.000Z", 24],
    ]);
  });

  it("cuts weeks from Monday, keyed by the Monday even when the period starts later in the week", () => {
    // 2024-03-06 is a Wednesday
    expect(
      shape(bucketsOf({ from: at("2024-03-06T00:00:00Z"), to: at("2024-03-20T00:00:00Z") }, "week", "UTC")),
    ).toEqual([
      ["2024-03-04", "2024-03-06T00:00:00.000Z", 5 * 24],
      ["2024-03-11", "2024-03-11T00:00:00.000Z", 7 * 24],
      ["2024-03-18", "2024-03-18T00:00:00.000Z", 2 * 24],
    ]);
    // a Sunday belongs to the week of the Monday before
    expect(
      bucketsOf({ from: at("2024-03-10T00:00:00Z"), to: at("2024-03-11T00:00:00Z") }, "week", "UTC").map((b) => b.key),
    ).toEqual(["2024-03-04"]);
    // a week holding the spring change is an hour short
    expect(
      shape(
        bucketsOf({ from: at("2024-03-04T05:00:00Z"), to: at("2024-03-18T04:00:00Z") }, "week", "America/New_York"),
      ),
    ).toEqual([
      ["2024-03-04", "2024-03-04T05:00:00.000Z", 7 * 24 - 1],
      ["2024-03-11", "2024-03-11T04:00:00.000Z", 7 * 24],
    ]);
  });

  it("takes the local day of the period's start, not the UTC one", () => {
    // 2025-01-01T22:00Z is already 2025-01-02 in Tehran
    expect(
      bucketsOf({ from: at("2025-01-01T22:00:00Z"), to: at("2025-01-02T20:30:00Z") }, "day", "Asia/Tehran").map(
        (b) => b.key,
      ),
    ).toEqual(["2025-01-02"]);
  });

  it("is empty for an empty or reversed period, and refuses an unknown time zone", () => {
    expect(bucketsOf({ from: 5, to: 5 }, "day", "UTC")).toEqual([]);
    expect(bucketsOf({ from: 10, to: 5 }, "week", "UTC")).toEqual([]);
    expect(() => bucketsOf({ from: 0, to: HOUR }, "day", "Mars/Olympus")).toThrow(RangeError);
  });

  it("covers a year of days back to back", () => {
    const period = { from: at("2024-01-01T05:00:00Z"), to: at("2025-01-01T05:00:00Z") };
    const buckets = bucketsOf(period, "day", "America/New_York");
    expect(buckets).toHaveLength(366);
    expect(buckets[0]!.from).toBe(period.from);
    expect(buckets.at(-1)!.to).toBe(period.to);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.from).toBe(buckets[i - 1]!.to);
    expect(buckets.filter((b) => b.to - b.from !== 24 * HOUR).map((b) => b.key)).toEqual(["2024-03-10", "2024-11-03"]);
  });
});

describe("bucketIndex", () => {
  const buckets: Bucket[] = [
    { key: "a", from: 0, to: 10 },
    { key: "b", from: 10, to: 20 },
    { key: "c", from: 20, to: 25 },
  ];

  it("finds the bucket holding an instant, -1 outside", () => {
    expect([-1, 0, 9, 10, 19, 20, 24, 25, 1000].map((ms) => bucketIndex(buckets, ms))).toEqual([
      -1, 0, 0, 1, 1, 2, 2, -1, -1,
    ]);
    expect(bucketIndex([], 0)).toBe(-1);
  });
});

const day = (d: number) => at(`2025-01-0${d}T10:00:00Z`);
const period = { from: at("2025-01-01T00:00:00Z"), to: at("2025-01-04T00:00:00Z") };
const labels = {
  sop: new Map([["refund", "Refund and return"]]),
  department: new Map([
    [1, "Billing"],
    [2, "Returns"],
  ]),
};
const opts = { period, unit: "day" as const, timeZone: "UTC", labels };

describe("contactTrends", () => {
  const versions = versionMap(
    version({ versionId: 1, sopId: "refund", tags: ["refund", "damaged"] }),
    version({ versionId: 2, sopId: "refund", tags: ["refund"] }),
    version({ versionId: 3, sopId: "billing", tags: [] }),
    version({ versionId: 4, sopId: "billing", tags: ["refund", "refund"] }),
  );
  const current = [
    row({ versionId: 1, sopId: "refund", departmentId: 2, startedAt: day(1) }),
    row({ versionId: 1, sopId: "refund", departmentId: 2, startedAt: day(1) }),
    row({ versionId: 2, sopId: "refund", departmentId: 2, startedAt: day(2) }),
    row({ versionId: 3, sopId: "billing", departmentId: 1, startedAt: day(2) }),
    row({ versionId: 3, sopId: "billing", departmentId: 1, startedAt: day(3) }),
    row({ versionId: 4, sopId: "billing", departmentId: 1, startedAt: day(3) }),
    row({ versionId: 2, sopId: "refund", departmentId: 2, startedAt: day(3) }),
    // started as the period ends: in the total, in no bucket
    row({ versionId: 2, sopId: "refund", departmentId: 1, startedAt: period.to }),
  ];
  const previous = [
    ...Array.from({ length: 4 }, () => row({ versionId: 3, sopId: "billing", departmentId: 1 })),
    row({ versionId: 2, sopId: "refund", departmentId: 2 }),
    row({ versionId: 77, sopId: "gone", departmentId: 1 }), // a version the map does not know: no tags
  ];
  const t = contactTrends(current, previous, versions, opts);
  const brief = (s: Series) => [s.key, s.label, s.counts, s.total, s.previousTotal];

  it("buckets the period's runs per SOP, most runs first, with the previous period's total", () => {
    expect(t.buckets.map((b) => b.key)).toEqual(["2025-01-01", "2025-01-02", "2025-01-03"]);
    expect(t.series.sop.map(brief)).toEqual([
      ["refund", "Refund and return", [2, 1, 1], 5, 1],
      ["billing", "billing", [0, 1, 2], 3, 4],
      ["gone", "gone", [0, 0, 0], 0, 1],
    ]);
    expect(t.series.sop[0]!.trend).toEqual({ current: 5, previous: 1, change: 4, relative: 4, direction: "up" });
  });

  it('counts a run once under each tag of its version, untagged runs under the tag ""', () => {
    expect(t.series.tag.map(brief)).toEqual([
      ["refund", "refund", [2, 1, 2], 6, 1],
      ["", "", [0, 1, 1], 2, 5],
      ["damaged", "damaged", [2, 0, 0], 2, 0],
    ]);
  });

  it("counts per department, labelled by the caller", () => {
    expect(t.series.department.map(brief)).toEqual([
      ["1", "Billing", [0, 1, 2], 4, 5],
      ["2", "Returns", [2, 1, 1], 4, 1],
    ]);
  });

  it("lists what moved most either way, with at least 3 runs in one of the periods", () => {
    expect(t.movers.rising.map((m) => [m.dimension, m.key, m.trend.change])).toEqual([
      ["tag", "refund", 5],
      ["sop", "refund", 4],
      ["department", "2", 3],
    ]);
    expect(t.movers.falling.map((m) => [m.dimension, m.key, m.trend.change])).toEqual([
      ["tag", "", -3],
      ["department", "1", -1],
      ["sop", "billing", -1],
    ]);
  });

  it("finds no cross-department rise when a tag rose in one department only", () => {
    expect(t.crossDepartment).toEqual([]);
  });

  it("is empty (bar the buckets) without runs", () => {
    expect(contactTrends([], [], versions, opts)).toEqual({
      buckets: t.buckets,
      series: { sop: [], tag: [], department: [] },
      movers: { rising: [], falling: [] },
      crossDepartment: [],
    });
  });

  it("keeps at most 5 movers each way, biggest change first", () => {
    const rows = (sop: string, n: number) =>
      Array.from({ length: n }, () => row({ sopId: sop, versionId: 99, departmentId: 9, startedAt: day(2) }));
    const now = ["a", "b", "c", "d", "e", "f", "g"].flatMap((s, i) => rows(s, 3 + i));
    const tr = contactTrends(now, [], versions, opts);
    // the department and the (empty) tag both gained all 42 runs: equal changes go by dimension, then key
    expect(tr.movers.rising.map((m) => [m.dimension, m.key])).toEqual([
      ["department", "9"],
      ["tag", ""],
      ["sop", "g"],
      ["sop", "f"],
      ["sop", "e"],
    ]);
    expect(tr.movers.falling).toEqual([]);
  });
});

describe("contactTrends: tags rising in several departments", () => {
  const versions = versionMap(
    version({ versionId: 5, tags: ["outage"] }),
    version({ versionId: 6, tags: ["calm"] }),
    version({ versionId: 7, tags: [] }),
  );
  const runs = (n: number, versionId: number, departmentId: number): RunRow[] =>
    Array.from({ length: n }, () => row({ versionId, departmentId, startedAt: day(1) }));
  // [department, now, before]: 1 +3 (+150 %), 2 +3 (+30 %), 3 +2 (too few), 4 +6 (+20 %: just enough), 5 +5 (+16.7 %:
  // too little)
  const outage: [number, number, number][] = [
    [1, 5, 2],
    [2, 13, 10],
    [3, 14, 12],
    [4, 36, 30],
    [5, 35, 30],
  ];
  const current = [
    ...outage.flatMap(([d, n]) => runs(n, 5, d)),
    ...runs(4, 6, 1),
    ...runs(1, 6, 2),
    ...runs(5, 7, 1),
    ...runs(5, 7, 2),
  ];
  const previous = [...outage.flatMap(([d, , n]) => runs(n, 5, d)), ...runs(1, 6, 1), ...runs(1, 6, 2)];

  it("lists a tag that rose by ≥ 3 runs and ≥ 20 % in two or more departments, most risen department first", () => {
    expect(contactTrends(current, previous, versions, opts).crossDepartment).toEqual([
      {
        tag: "outage",
        departments: [
          { departmentId: 4, label: "4", current: 36, previous: 30 },
          { departmentId: 1, label: "Billing", current: 5, previous: 2 },
          { departmentId: 2, label: "Returns", current: 13, previous: 10 },
        ],
      },
    ]);
  });
});
