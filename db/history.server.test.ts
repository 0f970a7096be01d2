// Bulk-inserted history on a real (in-memory) database: the rows a live run would have left, read back through the
// normal run API (the app's engine), and a later append continuing a historic run like any other.
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "./client.server";
import { createTestDb, createTestUser } from "./test-db.server";
import { createDepartment } from "./users.server";
import { publishVersion } from "./sops.server";
import { feedback, runEvents, runFacts as runFactsTable, runs } from "./schema";
import { getRun } from "./runs.server";
import { insertHistoricRuns, type HistoricRun } from "./history.server";
import { replay } from "../runbook/reduce";
import type { RunEvent } from "../runbook/events";
import type { RunState } from "../runbook/state";
import { uuid } from "../runbook/test-helpers";
import { cardDoc } from "../training/test-doc";
import { runFacts } from "../analytics/facts";
import { appendEvents, runPayload, runSummary } from "../app/runs.server";
import type { SessionUser } from "../app/auth/session.server";

let db: Db;
let versionId: number;
let agent: SessionUser;
let lead: SessionUser;
let admin: SessionUser;
const T0 = Date.parse("2025-03-03T09:00:00Z");

beforeEach(async () => {
  db = createTestDb();
  const cards = await createDepartment(db, { name: "Cards" }, null);
  versionId = (
    await publishVersion(db, {
      sopId: "blocked-card",
      title: "Blocked card",
      departmentId: cards,
      source: "v1",
      hash: "h1",
      document: cardDoc,
      errorCount: 0,
      warningCount: 0,
      changeNote: "v1",
      actorId: null,
    })
  ).versionId;
  agent = await createTestUser(db, "agent", "agent", cards);
  lead = await createTestUser(db, "lead", "lead", cards);
  admin = await createTestUser(db, "admin", "admin", null);
});

/** Events with ids from `base`, one minute apart from `start`. */
function events(base: number, start: number, parts: Record<string, unknown>[]): RunEvent[] {
  return [
    { type: "started", sopId: "blocked-card", versionId, customerRef: "DEMO-000001", channel: "phone" },
    ...parts,
  ].map((p, i) => ({ ...p, id: uuid(base + i), at: start + i * 60_000 }) as RunEvent);
}

function historic(id: string, evs: RunEvent[], flags?: HistoricRun["flags"]): HistoricRun<RunEvent, RunState> {
  const state = replay(cardDoc, evs);
  expect(state.appliedEventIds).toHaveLength(evs.length); // every event was accepted by the runbook
  return {
    id,
    sopId: "blocked-card",
    versionId,
    agentId: agent.id,
    customerRef: state.customerRef,
    channel: state.channel,
    events: evs,
    state,
    summary: runSummary(state, cardDoc),
    facts: state.status === "completed" ? runFacts(cardDoc, state) : null,
    flags,
  };
}

const FINISHED = [
  { type: "field.captured", name: "account_number", value: "12345" },
  { type: "check.toggled", checkId: "confirm-id", checked: true },
  { type: "step.completed", stepId: "verify" },
  { type: "step.focused", stepId: "status" },
  { type: "flow.answered", flowId: "card", nodeId: "start", to: "blocked" },
  { type: "flow.answered", flowId: "card", nodeId: "blocked", to: "to-unblock", label: "Yes" },
  { type: "field.captured", name: "reason", value: "Lost wallet" },
  { type: "step.flagged", stepId: "unblock", kind: "unclear", text: "Which system do we unblock in?" },
  { type: "step.completed", stepId: "unblock" },
  { type: "step.focused", stepId: "wrap" },
  { type: "step.completed", stepId: "wrap" },
  {
    type: "completed",
    outcome: "follow-up",
    followUpDue: "2025-03-05",
    wrapUp: "Card unblocked; call back Wednesday.",
  },
];

describe("insertHistoricRuns", () => {
  it("stores the run row, every event, the facts of a wrapped-up run and a feedback row per flag", async () => {
    const done = historic("11111111-1111-4111-8111-111111111111", events(100, T0, FINISHED), {
      [uuid(108)]: { state: "accepted", reply: "Rewriting it.", handledBy: lead.id, handledAt: T0 + 86_400_000 },
    });
    const open = historic(
      "22222222-2222-4222-8222-222222222222",
      events(200, T0 + 3_600_000, [
        { type: "field.captured", name: "account_number", value: "777" },
        { type: "step.flagged", stepId: "verify", kind: "wrong", text: "Wrong number format" },
      ]),
    );
    await insertHistoricRuns(db, [done, open]);

    const row = db.select().from(runs).where(eq(runs.id, done.id)).get()!;
    expect(row).toMatchObject({
      status: "completed",
      outcome: "follow-up",
      followUpDue: "2025-03-05",
      followUpClosedAt: null,
      customerRef: "DEMO-000001",
      channel: "phone",
      startedAt: T0,
      completedAt: T0 + 12 * 60_000,
      updatedAt: T0 + 12 * 60_000,
      eventCount: 13,
      currentStepIndex: 3,
      practice: false,
    });
    expect(row.state).toEqual(done.state);
    const stored = db.select().from(runEvents).where(eq(runEvents.runId, done.id)).orderBy(runEvents.seq).all();
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(stored.map((e) => e.payload)).toEqual(done.events);
    expect(stored.every((e) => e.receivedAt === e.at)).toBe(true);

    const facts = db.select().from(runFactsTable).all();
    const doneFacts = facts.find((f) => f.runId === done.id);
    expect(doneFacts).toMatchObject({
      status: "completed",
      handleMs: 12 * 60_000,
      flags: 1,
      stepsDone: 3,
      detail: done.facts!.detail,
    });
    // the open run is counted from its start, with no facts yet (as the live path writes it)
    expect(facts.filter((f) => f.runId !== done.id)).toEqual([
      expect.objectContaining({ status: "active", handleMs: null, stepsDone: 0 }),
    ]);

    const flags = db.select().from(feedback).orderBy(feedback.createdAt).all();
    expect(flags).toEqual([
      expect.objectContaining({
        id: uuid(108),
        runId: done.id,
        stepId: "unblock",
        kind: "unclear",
        createdBy: agent.id,
        createdAt: T0 + 8 * 60_000,
        state: "accepted",
        reply: "Rewriting it.",
        handledBy: lead.id,
        resolvedAt: null,
      }),
      expect.objectContaining({
        id: uuid(202),
        runId: open.id,
        stepId: "verify",
        kind: "wrong",
        state: "new",
        handledBy: null,
        handledAt: null,
      }),
    ]);
    expect(db.select().from(runs).where(eq(runs.id, open.id)).get()).toMatchObject({
      status: "active",
      completedAt: null,
      eventCount: 3,
      updatedAt: T0 + 3_600_000 + 2 * 60_000,
      currentStepIndex: 0,
    });
  });

  it("is read back through the normal run API with the same state, and a later append continues it", async () => {
    const done = historic("33333333-3333-4333-8333-333333333333", events(300, T0, FINISHED));
    await insertHistoricRuns(db, [done]);
    const read = await runPayload(db, admin, done.id);
    expect(read.state).toEqual(done.state);
    expect(read.events).toEqual(done.events);
    expect((await getRun(db, done.id))?.agentName).toBe("agent");

    // The follow-up is closed days later, through the live path: accepted on top of the stored state.
    const closed = await appendEvents(db, agent, done.id, {
      events: [{ id: uuid(399), at: T0 + 2 * 86_400_000, type: "followup.closed", note: "Called back." }],
    });
    expect(closed).toMatchObject({ accepted: 1, eventCount: 14 });
    expect(await getRun(db, done.id)).toMatchObject({ followUpClosedAt: T0 + 2 * 86_400_000, eventCount: 14 });
    expect((await runPayload(db, admin, done.id)).state).toEqual(
      replay(cardDoc, [
        ...done.events,
        { id: uuid(399), at: T0 + 2 * 86_400_000, type: "followup.closed", note: "Called back." },
      ]),
    );
  });

  it("sets resolved_at for a dismissed flag", async () => {
    const done = historic("44444444-4444-4444-8444-444444444444", events(400, T0, FINISHED), {
      [uuid(408)]: {
        state: "dismissed",
        dismissReason: "Covered by the tip.",
        handledBy: lead.id,
        handledAt: T0 + 5_000_000,
      },
    });
    await insertHistoricRuns(db, [done]);
    expect(db.select().from(feedback).get()).toMatchObject({
      state: "dismissed",
      dismissReason: "Covered by the tip.",
      resolvedAt: T0 + 5_000_000,
      handledAt: T0 + 5_000_000,
    });
  });

  it("refuses an inconsistent batch as a whole: nothing of it is stored", async () => {
    const good = historic("55555555-5555-4555-8555-555555555555", events(500, T0, FINISHED));
    const noFacts = { ...historic("66666666-6666-4666-8666-666666666666", events(600, T0, FINISHED)), facts: null };
    await expect(insertHistoricRuns(db, [good, noFacts])).rejects.toThrow(/needs its facts/);
    const notStarted = { ...good, id: "77777777-7777-4777-8777-777777777777", events: good.events.slice(1) };
    await expect(insertHistoricRuns(db, [notStarted])).rejects.toThrow(/first event must be “started”/);
    expect(db.select().from(runs).all()).toEqual([]);
    expect(db.select().from(runEvents).all()).toEqual([]);
    expect(db.select().from(runFactsTable).all()).toEqual([]);
  });
});
