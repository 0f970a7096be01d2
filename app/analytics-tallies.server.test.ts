// The dashboards read long periods as day tallies (db/tallies.server.ts). Over the demo's 90 days of history the
// pages must show exactly what the same pure functions give over every run of the period read as rows, in any
// time zone, and a change to a run must reach the tallies of its day (the run_facts triggers).
import { beforeAll, describe, expect, it } from "vitest";
import { byVersion, flowAnswers, pathHeat, skippedSteps, stepFunnel, stepTimes } from "../analytics/sop";
import { overviewFigures, sopTable } from "../analytics/overview";
import { DAY_MS } from "../analytics/tally";
import { readDetailedRunRows, readRunRows, versionInfos } from "../db/analytics.server";
import type { Db } from "../db/client.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { ensureTallies, readPeriod, unsettledFrom, warmTallies } from "../db/tallies.server";
import { createTestDb } from "../db/test-db.server";
import { seedAnalyticsDemo } from "./analytics-demo.server";
import { analyticsOverview, analyticsTrends, periodOf, sopAnalytics, type AnalyticsFilters } from "./analytics.server";
import type { SessionUser } from "./auth/session.server";
import { seedSopLibrary } from "./sop-library.server";

const NOW = Date.parse("2025-06-18T15:20:00Z");
let db: Db;
let admin: SessionUser;

beforeAll(async () => {
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  await seedSopLibrary(db);
  await seedAnalyticsDemo(db, NOW, async (p) => `hash:${p}`);
  admin = db.$client
    .prepare("SELECT id, email, name, role, department_id AS departmentId FROM users WHERE role = 'admin' LIMIT 1")
    .get() as SessionUser;
}, 60_000);

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PERIODS: AnalyticsFilters[] = [
  { from: day(NOW - 29 * DAY_MS), to: day(NOW) },
  { from: day(NOW - 89 * DAY_MS), to: day(NOW) },
  { from: day(NOW - 60 * DAY_MS), to: day(NOW - 20 * DAY_MS) },
];
const ZONES = ["UTC", "Asia/Tehran", "America/New_York", "Asia/Kathmandu"];

/** The figures from every run of the period read as rows (no tally). */
async function fromRows(f: AnalyticsFilters, timeZone: string) {
  const period = periodOf(f, timeZone);
  const q = { from: period.from, to: period.to, departmentIds: null, sopId: f.sopId ?? null };
  const rows = readDetailedRunRows(db, q);
  return {
    rows,
    versions: await versionInfos(
      db,
      rows.map((r) => r.versionId),
    ),
  };
}

describe("the dashboards from tallies", () => {
  it("build the settled days once, and only those", async () => {
    expect(await ensureTallies(db, 0, unsettledFrom(NOW), NOW)).toBeGreaterThan(80);
    expect(await ensureTallies(db, 0, unsettledFrom(NOW), NOW)).toBe(0);
    const days = db.$client.prepare("SELECT max(day) AS last FROM tally_days").get() as { last: number };
    expect(days.last).toBe(unsettledFrom(NOW) - 1);
  });

  for (const timeZone of ZONES) {
    it(`give the overview the rows give, in ${timeZone}`, async () => {
      for (const f of PERIODS) {
        const page = await analyticsOverview(db, admin, f, { now: NOW, timeZone });
        const { rows, versions } = await fromRows(f, timeZone);
        expect(page.figures).toEqual(overviewFigures(rows, versions, NOW));
        expect(page.sops.map(({ title: _, ...s }) => s)).toEqual(sopTable(rows, versions, NOW));
        const counted = page.daily.buckets.map(
          (b) => rows.filter((r) => r.startedAt >= b.from && r.startedAt < b.to).length,
        );
        expect(page.daily.total).toEqual(counted);
        // the trends page's series add up the same starts
        const trends = await analyticsTrends(db, admin, f, { now: NOW, timeZone });
        expect(trends.series.sop.reduce((s, x) => s + x.total, 0)).toBe(rows.length);
        for (const s of trends.series.sop)
          expect(s.counts).toEqual(
            page.daily.buckets.map(
              (b) => rows.filter((r) => r.sopId === s.key && r.startedAt >= b.from && r.startedAt < b.to).length,
            ),
          );
      }
    });
  }

  it("give each SOP's page the rows' figures, funnel, times, skips, answers and path heat", async () => {
    const sops = db.$client.prepare("SELECT id FROM sops WHERE published_version_id IS NOT NULL").all() as {
      id: string;
    }[];
    for (const { id } of sops) {
      for (const timeZone of ["UTC", "Asia/Tehran"]) {
        const f = { ...PERIODS[1]!, sopId: id };
        const page = await sopAnalytics(db, admin, id, f, { now: NOW, timeZone });
        const { rows, versions } = await fromRows(f, timeZone);
        expect(page.figures).toEqual(overviewFigures(rows, versions, NOW));
        expect(page.versions).toEqual(byVersion(rows, versions, NOW));
        expect(page.funnel.map(({ title: _, ...s }) => s)).toEqual(stepFunnel(rows, versions, NOW));
        expect(page.stepTimes.map(({ title: _, ...s }) => s)).toEqual(
          stepTimes(
            rows,
            page.stepTimes.map((s) => s.stepId),
          ),
        );
        const counts = (s: ReturnType<typeof skippedSteps>) =>
          s.map((x) => [x.stepId, x.count, x.other, x.reasons.map((r) => r.count)]);
        expect(counts(page.skips)).toEqual(counts(skippedSteps(rows)));
        for (const fl of page.flows) {
          expect(fl.answers).toEqual(flowAnswers(rows, fl.flow));
          expect(fl.heat).toEqual(pathHeat(rows, fl.flow));
        }
      }
    }
  });

  it("rebuild a day when one of its runs changes, and drop a discarded run", async () => {
    const target = unsettledFrom(NOW) - 10;
    const q = { from: (target - 1) * DAY_MS, to: (target + 2) * DAY_MS, departmentIds: null };
    await warmTallies(db, 400, NOW);
    const closed = async () => (await readPeriod(db, q, NOW)).tallies.reduce((s, t) => s + t.followUpsClosed, 0);
    const before = await closed();
    const run = db.$client
      .prepare(
        "SELECT run_id AS id FROM run_facts WHERE started_at >= ? AND started_at " +
          "< ? AND status = 'completed' AND follow_up_closed_at IS NULL LIMIT 1",
      )
      .get(target * DAY_MS, (target + 1) * DAY_MS) as { id: string };
    db.$client.prepare("UPDATE run_facts SET follow_up_closed_at = ? WHERE run_id = ?").run(NOW, run.id);
    expect(db.$client.prepare("SELECT count(*) AS n FROM tally_days WHERE day = ?").get(target)).toEqual({ n: 0 });
    expect(await closed()).toBe(before + 1);
    const runs = async () => (await readPeriod(db, q, NOW)).tallies.reduce((s, t) => s + t.runs, 0);
    const total = await runs();
    expect(total).toBe((await readRunRows(db, q)).length);
    db.$client.prepare("DELETE FROM run_facts WHERE run_id = ?").run(run.id);
    expect(await runs()).toBe(total - 1);
  });

  it("read an agent's runs as rows", async () => {
    const agent = db.$client
      .prepare("SELECT agent_id AS id FROM run_facts GROUP BY agent_id ORDER BY count(*) DESC LIMIT 1")
      .get() as { id: string };
    const period = periodOf(PERIODS[1]!, "UTC");
    const parts = await readPeriod(
      db,
      { from: period.from, to: period.to, departmentIds: null, agentId: agent.id },
      NOW,
    );
    expect(parts.tallies).toEqual([]);
    expect(parts.rows.length).toBeGreaterThan(10);
    expect(parts.rows.every((r) => r.agentId === agent.id)).toBe(true);
  });
});
