import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db/client.server";
import { publishVersion } from "../db/sops.server";
import { createTestDb, createTestUser } from "../db/test-db.server";
import { createAssignment } from "../db/training.server";
import { createDepartment } from "../db/users.server";
import type { SopDocument } from "../sop-schema/types";
import { playScenario } from "../training/simulate";
import { cardDoc, cardScenario } from "../training/test-doc";
import { analyticsCsv } from "./analytics-export.server";
import {
  analyticsAgents,
  analyticsOverview,
  analyticsTrends,
  backfillRunFacts,
  parseAnalyticsFilters,
  sopAnalytics,
} from "./analytics.server";
import type { SessionUser } from "./auth/session.server";
import { appendEvents, startRun } from "./runs.server";
import { acknowledge, startPracticeRun } from "./training.server";

let db: Db;
let cards: number;
let other: number;
let agent: SessionUser;
let lead: SessionUser;
let otherLead: SessionUser;
let admin: SessionUser;

const doc: SopDocument = {
  ...cardDoc,
  scenarios: [cardScenario],
  fields: cardDoc.fields.map((f) => (f.name === "account_number" ? { ...f, sensitive: true as const } : f)),
};

/** A live call played through the real run API; `outcome` and `stepMs` shape its figures. */
async function call(
  who: SessionUser,
  opts: { outcome?: "resolved" | "abandoned"; stepMs?: number; blocked?: "Yes" | "No" } = {},
) {
  const { runId } = await startRun(db, who, { sopId: "blocked-card" });
  const scenario = {
    ...cardScenario,
    answers: cardScenario.answers.map((a) => (a.kind === "flow" ? { ...a, choose: opts.blocked ?? "Yes" } : a)),
  };
  const played = playScenario(
    doc,
    scenario,
    { sopId: "blocked-card", versionId: 1 },
    {
      startedAt: Date.now(),
      idPrefix: runId,
      stepMs: opts.stepMs ?? 10_000,
      mistakes: opts.outcome === "abandoned" ? { outcome: "abandoned" } : undefined,
    },
  );
  await appendEvents(db, who, runId, { events: played.events.slice(1) });
  return runId;
}

const ctx = () => ({ now: Date.now(), timeZone: "Europe/Rome" });
const filters = () => parseAnalyticsFilters(new URLSearchParams(), ctx()).filters;

beforeEach(async () => {
  db = createTestDb();
  cards = await createDepartment(db, { name: "Cards" }, null);
  other = await createDepartment(db, { name: "Billing" }, null);
  agent = await createTestUser(db, "ana", "agent", cards);
  lead = await createTestUser(db, "leo", "lead", cards);
  otherLead = await createTestUser(db, "bea", "lead", other);
  admin = await createTestUser(db, "ada", "admin", null);
  await publishVersion(db, {
    sopId: "blocked-card",
    title: "Blocked card",
    departmentId: cards,
    source: "v1",
    hash: "h1",
    document: doc,
    errorCount: 0,
    warningCount: 0,
    changeNote: "First",
    actorId: null,
  });
});

describe("the dashboards over live runs", () => {
  it("count live runs only, with the facts stored at wrap-up, for the department's lead and admins", async () => {
    await call(agent);
    await call(agent, { blocked: "No" });
    await call(agent, { outcome: "abandoned" });
    await startRun(db, agent, { sopId: "blocked-card" }); // still open: in progress
    await createAssignment(db, {
      sopId: "blocked-card",
      target: { departmentId: cards },
      required: true,
      dueDate: "2099-01-01",
      actorId: admin.id,
    });
    await acknowledge(db, agent, { sopId: "blocked-card", version: 1, ip: "", userAgent: "" });
    const practice = await startPracticeRun(db, agent, { sopId: "blocked-card", scenarioId: cardScenario.id });
    expect(practice.runId).toBeTruthy();

    const o = await analyticsOverview(db, lead, filters(), ctx());
    expect(o.figures).toMatchObject({ runs: 4, completed: 3, inProgress: 1, abandoned: 1 });
    expect(o.figures.handleMedianMs).toBeGreaterThan(0);
    expect(o.sops.map((s) => s.sopId)).toEqual(["blocked-card"]);
    expect((await analyticsOverview(db, admin, filters(), ctx())).figures.runs).toBe(4);
    // Another department's lead sees none of it, and may not ask for it.
    expect((await analyticsOverview(db, otherLead, filters(), ctx())).figures.runs).toBe(0);
    await expect(analyticsOverview(db, otherLead, { ...filters(), departmentId: cards }, ctx())).rejects.toThrow(
      /own department/,
    );
    await expect(analyticsOverview(db, agent, filters(), ctx())).rejects.toThrow(/cannot see analytics/);
  });

  it("per SOP: versions, funnel, answers and path heat from the runs' paths", async () => {
    await call(agent);
    await call(agent);
    await call(agent, { blocked: "No" });
    const s = await sopAnalytics(db, lead, "blocked-card", filters(), ctx());
    expect(s.versions).toHaveLength(1);
    expect(s.versions[0]!.figures.completed).toBe(3);
    const flow = s.flows.find((f) => f.flow.id === "card")!;
    expect(flow.heat.runs).toBe(3);
    const yes = flow.heat.edges.find((e) => e.label === "Yes")!;
    expect(yes).toMatchObject({ runs: 2 });
    expect(yes.share).toBeCloseTo(2 / 3);
    expect(s.funnel.map((x) => x.stepId)).toEqual(doc.steps.map((x) => x.id));
    await expect(sopAnalytics(db, otherLead, "blocked-card", filters(), ctx())).rejects.toThrow(/no published SOP/);
  });

  it("agents and trends read the same rows", async () => {
    await call(agent);
    const a = await analyticsAgents(db, lead, filters(), ctx());
    expect(a.agents).toHaveLength(1);
    expect(a.agents[0]).toMatchObject({ agentId: agent.id, name: "ana", runs: 1 });
    expect(a.agents[0]!.adherence).toBeGreaterThan(0);
    const t = await analyticsTrends(db, lead, filters(), ctx());
    expect(t.series.sop[0]).toMatchObject({ key: "blocked-card", total: 1 });
  });

  it("exports runs as CSV without sensitive fields, and refuses a table without its SOP", async () => {
    await call(agent);
    const file = await analyticsCsv(db, lead, "runs", filters(), ctx(), {});
    const text = await new Response(file.body).text();
    const [header, row] = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain("field_callback_phone");
    expect(header).not.toContain("account_number");
    expect(text).not.toContain("۱۲۳۴۵");
    expect(row).toContain("+44 7700 900123");
    expect(row).toContain("Is the card blocked?");
    await expect(analyticsCsv(db, lead, "funnel", filters(), ctx(), {})).rejects.toThrow(/which SOP/);
    const sops = await analyticsCsv(db, lead, "sops", filters(), ctx(), {});
    expect(String(sops.body)).toContain("blocked-card");
  });

  it("backfills the facts of runs wrapped up before they were stored", async () => {
    await call(agent);
    db.$client.prepare("DELETE FROM run_facts").run();
    expect((await analyticsOverview(db, lead, filters(), ctx())).figures.handleMedianMs).toBeNull();
    expect(await backfillRunFacts(db)).toBe(1);
    expect(await backfillRunFacts(db)).toBe(0);
    expect((await analyticsOverview(db, lead, filters(), ctx())).figures.handleMedianMs).toBeGreaterThan(0);
  });

  it("reads the filters, naming what was wrong", () => {
    const p = parseAnalyticsFilters(new URLSearchParams({ from: "2026-02-30", to: "2026-11-30", department: "x" }), {
      now: Date.UTC(2026, 11, 1),
      timeZone: "UTC",
    });
    expect(p.errors).toMatchObject({ from: expect.stringMatching(/YYYY-MM-DD/), departmentId: expect.any(String) });
    expect(p.filters).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    const long = parseAnalyticsFilters(new URLSearchParams({ from: "2020-01-01", to: "2026-11-30" }), {
      now: Date.UTC(2026, 11, 1),
      timeZone: "UTC",
    });
    expect(long.errors.from).toMatch(/at most/);
    expect(
      parseAnalyticsFilters(new URLSearchParams(), { now: Date.UTC(2026, 11, 1, 23, 30), timeZone: "Asia/Tehran" })
        .filters.to,
    ).toBe("2026-12-02");
  });
});
