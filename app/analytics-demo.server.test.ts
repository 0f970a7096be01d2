// The demo call history on a database seeded like the real start (demo organisation, then the SOP library): ninety
// days of valid runs — each stored state is its events replayed, each wrapped-up run has its facts — with the
// patterns the dashboards are meant to show, seeded once and the same for the same `now`.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client.server";
import { createTestDb } from "../db/test-db.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { getMeta } from "../db/meta.server";
import { runFacts } from "../analytics/facts";
import { replay } from "../runbook/reduce";
import type { SopDocument } from "../sop-schema/types";
import { parseStored } from "../db/json-columns";
import { runEvents, sopVersions } from "../db/schema";
import { DEMO_AGENTS, fromPattern, seedAnalyticsDemo } from "./analytics-demo.server";
import { seededRandom } from "./lib/random";
import { seedSopLibrary } from "./sop-library.server";

const fakeHash = async (p: string) => `hash:${p}`;
const NOW = Date.parse("2025-06-18T15:20:00Z"); // a Wednesday afternoon
const DAY = 86_400_000;

async function seededDb(): Promise<Db> {
  const db = createTestDb();
  await seedDemoOrganisation(db, fakeHash);
  await seedSopLibrary(db);
  return db;
}

type Row = {
  id: string;
  sop_id: string;
  version_id: number;
  agent_id: string;
  status: string;
  outcome: string | null;
  customer_ref: string;
  started_at: number;
  completed_at: number | null;
  updated_at: number;
  event_count: number;
  state: string;
  current_step_index: number | null;
  follow_up_due: string | null;
  follow_up_closed_at: number | null;
  practice: number;
};

let db: Db;
let rows: Row[];
let seeded: boolean;

beforeAll(async () => {
  db = await seededDb();
  seeded = await seedAnalyticsDemo(db, NOW, fakeHash);
  rows = db.$client.prepare("SELECT * FROM runs ORDER BY started_at").all() as Row[];
}, 60_000);

const docs = new Map<number, SopDocument>();
function docOf(versionId: number): SopDocument {
  let d = docs.get(versionId);
  if (!d)
    docs.set(
      versionId,
      (d = parseStored(
        sopVersions.document,
        (db.$client.prepare("SELECT document FROM sop_versions WHERE id = ?").get(versionId) as { document: string })
          .document,
      )),
    );
  return d;
}

const count = (sql: string, ...params: unknown[]) => (db.$client.prepare(sql).get(...params) as { n: number }).n;

describe("the demo call history", () => {
  it("holds a few thousand live runs over the last 90 days, by the demo agents, with DEMO- customer references", () => {
    expect(seeded).toBe(true);
    expect(getMeta(db, "demo_history_seeded_at")).toBe(new Date(NOW).toISOString());
    expect(rows.length).toBeGreaterThan(2_000);
    expect(rows.length).toBeLessThan(5_000);
    expect(rows[0]!.started_at).toBeGreaterThanOrEqual(NOW - 91 * DAY);
    expect(rows[0]!.started_at).toBeLessThan(NOW - 88 * DAY);
    expect(rows.at(-1)!.started_at).toBeLessThan(NOW);
    expect(rows.every((r) => r.customer_ref.startsWith("DEMO-") && r.practice === 0)).toBe(true);
    const agents = db.$client
      .prepare("SELECT DISTINCT u.email, u.role FROM runs r JOIN users u ON u.id = r.agent_id")
      .all() as {
      email: string;
      role: string;
    }[];
    expect(agents.map((a) => a.email).sort()).toEqual(DEMO_AGENTS.map((a) => a.email).sort());
    expect(agents.every((a) => a.role === "agent")).toBe(true);
    // every SOP of the library is run
    expect(new Set(rows.map((r) => r.sop_id)).size).toBe(
      count("SELECT count(*) AS n FROM sops WHERE published_version_id IS NOT NULL"),
    );
  });

  it("follows a working week: weekdays busy (30–55 calls on average), weekends quiet", () => {
    const byDay = new Map<string, number>();
    for (const r of rows) {
      const day = new Date(r.started_at).toISOString().slice(0, 10);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    const full = [...byDay].filter(
      ([day]) => day < new Date(NOW).toISOString().slice(0, 10) && Date.parse(day) > NOW - 89 * DAY,
    );
    const weekday = full.filter(([day]) => ![0, 6].includes(new Date(day).getUTCDay())).map(([, n]) => n);
    const weekend = full.filter(([day]) => [0, 6].includes(new Date(day).getUTCDay())).map(([, n]) => n);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(weekday)).toBeGreaterThan(30);
    expect(mean(weekday)).toBeLessThan(55);
    expect(Math.min(...weekday)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...weekday)).toBeLessThanOrEqual(75);
    expect(mean(weekend)).toBeLessThan(mean(weekday) / 2);
  });

  it("stores for every run the state its events replay to, and the facts of every wrapped-up run", () => {
    const events = db.$client.prepare("SELECT seq, payload FROM run_events WHERE run_id = ? ORDER BY seq");
    const facts = db.$client.prepare("SELECT * FROM run_facts WHERE run_id = ?");
    for (const r of rows) {
      const stored = events.all(r.id) as { seq: number; payload: string }[];
      expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
      expect(stored).toHaveLength(r.event_count);
      const doc = docOf(r.version_id);
      const state = replay(
        doc,
        stored.map((e) => parseStored(runEvents.payload, e.payload)),
      );
      expect(state.appliedEventIds).toHaveLength(stored.length); // none was refused
      expect(JSON.parse(r.state)).toEqual(state);
      expect(r.status).toBe(state.status);
      expect(r.outcome).toBe(state.outcome?.outcome ?? null);
      expect(r.follow_up_closed_at).toBe(state.followUp?.closedAt ?? null);
      const f = facts.get(r.id) as { handle_ms: number | null; skips: number; detail: string } | undefined;
      if (r.status === "completed") {
        const expected = runFacts(doc, state);
        expect(f).toMatchObject({ handle_ms: expected.handleMs, skips: expected.skips });
        expect(JSON.parse(f!.detail)).toEqual(expected.detail);
      } else expect(f).toMatchObject({ handle_ms: null, skips: 0 }); // an open call: counted, its facts come at wrap-up
    }
  });

  it(
    "shows what the dashboards are for: outcomes, a slow SOP, " +
      "skip reasons, flags, follow-ups and a rising contact reason",
    () => {
      const outcomes = Object.fromEntries(
        (
          db.$client.prepare("SELECT coalesce(outcome, status) AS k, count(*) AS n FROM runs GROUP BY 1").all() as {
            k: string;
            n: number;
          }[]
        ).map((o) => [o.k, o.n]),
      );
      expect(outcomes.resolved! / rows.length).toBeGreaterThan(0.6);
      for (const k of ["escalated", "follow-up", "transferred", "abandoned", "active"])
        expect(outcomes[k]).toBeGreaterThan(10);
      // open runs left idle long ago (counted as abandoned)
      expect(rows.filter((r) => r.status === "active" && NOW - r.updated_at > 4 * 3_600_000).length).toBeGreaterThan(
        10,
      );

      const overTarget = db.$client
        .prepare(
          "SELECT r.sop_id AS sop, avg(f.handle_ms > json_extract(v.document, " +
            "'$.meta.targets.handleTimeSeconds') * 1000) AS share " +
            "FROM runs r JOIN run_facts f ON f.run_id = r.id JOIN sop_versions v ON v.id = r.version_id " +
            "WHERE r.outcome <> 'abandoned' GROUP BY 1 ORDER BY 2 DESC",
        )
        .all() as { sop: string; share: number }[];
      expect(overTarget[0]).toMatchObject({ sop: "internet-outage-troubleshooting" });
      expect(overTarget[0]!.share).toBeGreaterThan(0.6);
      expect(overTarget[1]!.share).toBeLessThan(0.4);

      const reasons = db.$client
        .prepare(
          "SELECT DISTINCT json_extract(payload, '$.reason') AS reason FROM run_events WHERE type = 'step.skipped'",
        )
        .all() as {
        reason: string;
      }[];
      expect(reasons.map((r) => r.reason)).toEqual(
        expect.arrayContaining(["Customer was in a hurry", "Courier portal down, checked after the call"]),
      );
      expect(count("SELECT count(*) AS n FROM run_events WHERE type = 'step.flagged'")).toBe(
        count("SELECT count(*) AS n FROM feedback"),
      );
      const flagStates = db.$client.prepare("SELECT DISTINCT state FROM feedback").all() as { state: string }[];
      expect(flagStates.map((s) => s.state)).toEqual(expect.arrayContaining(["new", "accepted", "dismissed"]));
      expect(
        count("SELECT count(*) AS n FROM runs WHERE follow_up_due IS NOT NULL AND follow_up_closed_at IS NOT NULL"),
      ).toBeGreaterThan(50);
      expect(
        count("SELECT count(*) AS n FROM runs WHERE follow_up_due IS NOT NULL AND follow_up_closed_at IS NULL"),
      ).toBeGreaterThan(10);

      // one answer dominates the delivery decision; delivery calls rise in the last 30 days (the carrier problem)
      const answers = db.$client
        .prepare(
          "SELECT json_extract(payload, '$.to') AS k, count(*) AS n FROM run_events " +
            "WHERE type = 'flow.answered' AND json_extract(payload, '$.nodeId') = 'status' GROUP BY 1 ORDER BY 2 DESC",
        )
        .all() as { k: string; n: number }[];
      expect(answers[0]!.n).toBeGreaterThan(answers[1]!.n * 1.3);
      const runsOf = (sop: string, from: number, to: number) =>
        rows.filter((r) => r.sop_id === sop && r.started_at >= from && r.started_at < to).length;
      expect(runsOf("late-missing-delivery", NOW - 30 * DAY, NOW)).toBeGreaterThan(
        1.6 * runsOf("late-missing-delivery", NOW - 60 * DAY, NOW - 30 * DAY),
      );
      expect(runsOf("complaint-handling", NOW - 30 * DAY, NOW)).toBeGreaterThan(
        1.2 * runsOf("complaint-handling", NOW - 60 * DAY, NOW - 30 * DAY),
      );
      // … while the SOPs the problem does not touch stay about where they were
      const steady = [
        "billing-dispute-card-charge",
        "call-opening-aidet",
        "identity-verification",
        "internet-outage-troubleshooting",
        "refund-and-return",
      ];
      const sum = (from: number, to: number) => steady.reduce((n, sop) => n + runsOf(sop, from, to), 0);
      expect(sum(NOW - 30 * DAY, NOW) / sum(NOW - 60 * DAY, NOW - 30 * DAY)).toBeGreaterThan(0.8);
      expect(sum(NOW - 30 * DAY, NOW) / sum(NOW - 60 * DAY, NOW - 30 * DAY)).toBeLessThan(1.25);
    },
  );

  it("seeds once: a second call does nothing", async () => {
    const events = count("SELECT count(*) AS n FROM run_events");
    expect(await seedAnalyticsDemo(db, NOW + DAY, fakeHash)).toBe(false);
    expect(count("SELECT count(*) AS n FROM runs")).toBe(rows.length);
    expect(count("SELECT count(*) AS n FROM run_events")).toBe(events);
    expect(count("SELECT count(*) AS n FROM users WHERE role = 'agent'")).toBe(DEMO_AGENTS.length + 1);
  });

  it("is the same history for the same `now` (seeded randomness)", async () => {
    const other = await seededDb();
    await seedAnalyticsDemo(other, NOW, fakeHash);
    const shape = (d: Db) =>
      d.$client
        .prepare(
          "SELECT r.id, r.sop_id, r.started_at, r.outcome, r.event_count, " +
            "u.email FROM runs r JOIN users u ON u.id = r.agent_id ORDER BY r.id",
        )
        .all();
    expect(shape(other)).toEqual(shape(db));
  }, 60_000);
});

describe("fromPattern", () => {
  it("writes values the demo SOPs' field patterns accept", () => {
    const rand = seededRandom(7);
    for (const pattern of [
      "^[A-Z]{2}[0-9]{6}$",
      "^CMP-[0-9]{6}$",
      "^(AC[0-9]{8}|[A-Z]{2}[0-9]{6})$",
      "^GR[0-9]{25}$",
      "^T-\\d{7}$",
    ]) {
      for (let i = 0; i < 20; i++) expect(fromPattern(pattern, rand)).toMatch(new RegExp(pattern));
    }
    expect(fromPattern("^[a-z]+@x$", rand)).toBeNull(); // beyond the simple forms: the caller falls back
  });
});
