// A year of a busy centre: 200,000 synthetic rows through every whole-period aggregation, checked against
// plain filter-and-count recomputations. Correctness only: the timings are bench/'s job.
import { describe, expect, it } from "vitest";
import { agentTable } from "./agents";
import { figuresBy, overviewFigures, sopTable } from "./overview";
import { contactTrends } from "./trends";
import { ABANDONED_AFTER_MS, type RunRow, type VersionInfo } from "./types";

const N = 200_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2024, 0, 1);
const TO = FROM + 366 * DAY;
const NOW = TO + DAY;
const OUTCOMES = ["resolved", "escalated", "follow-up", "transferred", "abandoned"];

/** A small deterministic generator (mulberry32): the same rows on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const versions = new Map<number, VersionInfo>();
for (let v = 0; v < 60; v++) {
  versions.set(v, {
    versionId: v,
    sopId: `sop-${v % 30}`,
    version: 1 + Math.floor(v / 30),
    targetMs: v % 4 === 0 ? null : (4 + (v % 5)) * 60_000,
    tags: v % 7 === 0 ? [] : [`tag-${v % 5}`, ...(v % 3 === 0 ? [`tag-${(v + 1) % 5}`] : [])],
    stepIds: ["s1", "s2", "s3"],
  });
}

function build(): RunRow[] {
  const rnd = random(11);
  const rows: RunRow[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const versionId = Math.floor(rnd() * 60);
    const startedAt = FROM + Math.floor(rnd() * (TO - FROM));
    const isActive = rnd() < 0.02;
    const handleMs = isActive ? null : 30_000 + Math.floor(rnd() * 900_000);
    const outcome = isActive ? null : OUTCOMES[Math.floor(rnd() * OUTCOMES.length)]!;
    const stepsTotal = isActive ? 0 : 3;
    rows[i] = {
      id: `r${i}`,
      sopId: versions.get(versionId)!.sopId,
      versionId,
      agentId: `agent-${Math.floor(rnd() * 150)}`,
      departmentId: 1 + (versionId % 4),
      status: isActive ? "active" : "completed",
      outcome,
      startedAt,
      completedAt: handleMs === null ? null : startedAt + handleMs,
      // most open runs are long idle; some were touched within the idle limit
      updatedAt: isActive
        ? NOW - (rnd() < 0.5 ? ABANDONED_AFTER_MS - 1000 : ABANDONED_AFTER_MS + 1000)
        : startedAt + (handleMs ?? 0),
      followUpDue: outcome === "follow-up" ? "2024-12-31" : null,
      followUpClosedAt: outcome === "follow-up" && rnd() < 0.5 ? NOW - DAY : null,
      currentStepIndex: isActive ? Math.floor(rnd() * 3) : null,
      handleMs,
      escalations: !isActive && rnd() < 0.1 ? 1 : 0,
      flags: rnd() < 0.05 ? 1 : 0,
      skips: 0,
      stepsTotal,
      stepsDone: isActive ? 0 : Math.floor(rnd() * 4),
      checksTotal: isActive ? 0 : 2,
      checksDone: isActive ? 0 : Math.floor(rnd() * 3),
    };
  }
  return rows;
}

const rows = build();
const count = (pred: (r: RunRow) => boolean) => rows.reduce((n, r) => n + (pred(r) ? 1 : 0), 0);
const idle = (r: RunRow) => r.status === "active" && NOW - r.updatedAt >= ABANDONED_AFTER_MS;
const timed = (r: RunRow) => r.status === "completed" && r.outcome !== "abandoned" && r.handleMs !== null;

describe("200,000 rows", () => {
  it("overviewFigures agrees with plain counting", () => {
    const f = overviewFigures(rows, versions, NOW);
    const completed = count((r) => r.status === "completed");
    const abandoned = count((r) => r.outcome === "abandoned") + count(idle);
    const finished = completed + count(idle);
    expect(f.runs).toBe(N);
    expect(f.completed).toBe(completed);
    expect(f.inProgress).toBe(N - completed - count(idle));
    expect(f.abandoned).toBe(abandoned);
    expect(f.finished).toBe(finished);
    expect(f.completionRate).toBeCloseTo((finished - abandoned) / finished, 12);
    for (const o of OUTCOMES) expect(f.outcomes[o]).toBe(count((r) => r.outcome === o));
    expect(f.escalated).toBe(
      count((r) => r.status === "completed" && (r.escalations > 0 || r.outcome === "escalated")),
    );
    expect(f.followUpsOpened).toBe(count((r) => r.followUpDue !== null));
    expect(f.followUpsClosed).toBe(count((r) => r.followUpClosedAt !== null));
    expect(f.flags).toBe(rows.reduce((s, r) => s + r.flags, 0));
    const withTarget = rows.filter((r) => timed(r) && versions.get(r.versionId)!.targetMs !== null);
    expect(f.withTarget).toBe(withTarget.length);
    expect(f.overTarget).toBe(withTarget.filter((r) => r.handleMs! > versions.get(r.versionId)!.targetMs!).length);
    expect(f.targetMs).toBeNull(); // the versions' targets differ
    // handle times are taken to the second, rounded up
    const handles = rows
      .filter(timed)
      .map((r) => Math.ceil(r.handleMs! / 1000) * 1000)
      .sort((a, b) => a - b);
    const mid = handles.length / 2;
    expect(f.handleMedianMs).toBe(
      handles.length % 2 ? handles[Math.floor(mid)] : (handles[mid - 1]! + handles[mid]!) / 2,
    );
    expect(f.handleP90Ms).toBe(handles[Math.ceil(handles.length * 0.9) - 1]);
  });

  it("figuresBy and sopTable split the same totals", () => {
    const byDept = figuresBy(rows, (r) => r.departmentId, versions, NOW);
    expect(byDept.size).toBe(4);
    const sum = (k: "runs" | "completed" | "abandoned" | "overTarget") =>
      [...byDept.values()].reduce((s, f) => s + f[k], 0);
    const all = overviewFigures(rows, versions, NOW);
    for (const k of ["runs", "completed", "abandoned", "overTarget"] as const) expect(sum(k)).toBe(all[k]);
    const table = sopTable(rows, versions, NOW);
    expect(table).toHaveLength(30);
    expect(table.reduce((s, t) => s + t.figures.runs, 0)).toBe(N);
    for (let i = 1; i < table.length; i++)
      expect(table[i - 1]!.figures.overTargetShare! >= table[i]!.figures.overTargetShare!).toBe(true);
  });

  it("agentTable counts every run once", () => {
    const table = agentTable(rows, versions, NOW);
    expect(table).toHaveLength(150);
    expect(table.reduce((s, a) => s + a.runs, 0)).toBe(N);
    expect(table.reduce((s, a) => s + a.stepsDone, 0)).toBe(
      rows.reduce((s, r) => s + (r.status === "completed" ? r.stepsDone : 0), 0),
    );
    for (let i = 1; i < table.length; i++) expect(table[i - 1]!.runs).toBeGreaterThanOrEqual(table[i]!.runs);
  });

  it("contactTrends puts every run in one day bucket per dimension", () => {
    const half = rows.slice(0, N / 2);
    const before = rows.slice(N / 2).map((r) => ({ ...r, startedAt: r.startedAt - (TO - FROM) }));
    const labels = { sop: new Map<string, string>(), department: new Map<number, string>() };
    const t = contactTrends(half, before, versions, {
      period: { from: FROM, to: TO },
      unit: "day",
      timeZone: "Europe/Athens",
      labels,
    });
    // Europe/Athens is 2 hours ahead: the period [FROM, TO) in UTC holds 367 local days, the first and last partial
    expect(t.buckets).toHaveLength(367);
    for (const dim of ["sop", "department"] as const) {
      expect(t.series[dim].reduce((s, x) => s + x.total, 0)).toBe(N / 2);
      expect(t.series[dim].reduce((s, x) => s + x.previousTotal, 0)).toBe(N / 2);
      expect(t.series[dim].reduce((s, x) => s + x.counts.reduce((a, b) => a + b, 0), 0)).toBe(N / 2);
    }
    const tagged = half.reduce((s, r) => s + Math.max(1, versions.get(r.versionId)!.tags.length), 0);
    expect(t.series.tag.reduce((s, x) => s + x.total, 0)).toBe(tagged);
    const jan1 = half.filter((r) => r.startedAt < Date.UTC(2023, 11, 31, 22) + DAY).length;
    expect(t.series.department.reduce((s, x) => s + x.counts[0]!, 0)).toBe(jan1);
  });
});
