// Discarded runs (runbook `discarded`): kept in the log, never counted by the run listings (issue 16).
import { beforeEach, describe, expect, it } from "vitest";
import { createTestDb, seedRunFixture } from "./test-db.server";
import type { Db } from "./client.server";
import {
  appendRunEvents,
  createRun,
  getRun,
  listOpenFollowUps,
  listRunEvents,
  listRunsForAgent,
  type RunEngine,
  type RunSummary,
  type StoredEvent,
} from "./runs.server";

type Ev = StoredEvent & { due?: string };
type State = { status: RunSummary["status"]; due?: string };
/** A toy engine: "follow-up" completes with a follow-up due, "discarded" discards. */
const engine: RunEngine<Ev, State> = {
  validate: (s) => (s.status === "discarded" ? "This run was discarded and can no longer be changed." : null),
  reduce: (s, e) =>
    e.type === "discarded"
      ? { ...s, status: "discarded" }
      : e.type === "follow-up"
        ? { status: "completed", due: e.due }
        : s,
  summarise: (s) => ({ status: s.status, followUpDue: s.due ?? null }),
};

let db: Db;
let n = 0;
let agentId: string;
const ev = (type: string, extra: Partial<Ev> = {}): Ev => ({
  id: `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`,
  type,
  at: n,
  ...extra,
});
const newRun = async () =>
  await createRun(db, {
    sopId: "s1",
    versionId: 1,
    agentId,
    started: ev("started"),
    state: { status: "active" },
    summary: { status: "active" },
  });

beforeEach(async () => {
  db = createTestDb();
  agentId = await seedRunFixture(db);
});

describe("discarded runs", () => {
  it("are stored with status discarded, their events kept", async () => {
    const run = await newRun();
    await appendRunEvents(db, run, [ev("discarded")], engine);
    expect((await getRun(db, run))?.status).toBe("discarded");
    expect((await listRunEvents(db, run)).map((e) => e.type)).toEqual(["started", "discarded"]);
  });

  it("are left out of My runs (unless an audit view asks) and of the open follow-ups and their count", async () => {
    const kept = await newRun();
    const followUp = await newRun();
    await appendRunEvents(db, followUp, [ev("follow-up", { due: "2099-01-01T09:30" })], engine);
    const discarded = await newRun();
    await appendRunEvents(db, discarded, [ev("discarded")], engine);
    expect((await listRunsForAgent(db, agentId)).map((r) => r.id).sort()).toEqual([kept, followUp].sort());
    const audit = await listRunsForAgent(db, agentId, { includeDiscarded: true });
    expect(audit.find((r) => r.id === discarded)?.status).toBe("discarded");
    expect((await listOpenFollowUps(db, agentId)).map((r) => r.id)).toEqual([followUp]);
    // a row that somehow has a follow-up and is discarded still never counts
    db.$client.prepare("UPDATE runs SET status = 'discarded' WHERE id = ?").run(followUp);
    expect(await listOpenFollowUps(db, agentId)).toEqual([]);
  });
});
