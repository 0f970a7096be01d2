import { beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "./test-db.server";
import type { Db } from "./client.server";
import { createDepartment, createUser } from "./users.server";
import { publishVersion } from "./sops.server";
import { appendRunEvents, createRun, getRun, listRunEvents, RunEventRejected, RunEventWriter, type RunEngine, type StoredEvent } from "./runs.server";

type Ev = StoredEvent & { text?: string };
type State = { texts: string[] };
/** A toy engine: db/ does not know the runbook; it refuses events of type "bad". */
const engine: RunEngine<Ev, State> = {
  validate: (_s, e) => (e.type === "bad" ? "Refused." : null),
  reduce: (s, e) => ({ texts: [...s.texts, e.text ?? e.type] }),
  summarise: () => ({ status: "active" }),
};

let db: Db;
let n = 0;
const ev = (text: string, type = "note"): Ev => ({ id: `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`, type, at: n, text });

function newRun(): string {
  return createRun(db, { sopId: "s1", versionId: 1, agentId, started: ev("started", "started"), state: { texts: [] }, summary: { status: "active" } });
}
let agentId: string;

beforeEach(() => {
  db = createTestDb();
  const dept = createDepartment(db, { name: "Billing" }, null);
  agentId = createUser(db, { email: "a@x.test", name: "A", role: "agent", departmentId: dept, passwordHash: "x" }, null);
  publishVersion(db, { sopId: "s1", title: "S", departmentId: dept, source: "", hash: "h", document: {}, errorCount: 0, warningCount: 0, changeNote: "", actorId: null });
});

describe("appendRunEvents", () => {
  it("stores a batch once; a retry of the same ids is a no-op", () => {
    const run = newRun();
    const batch = [ev("a"), ev("b")];
    expect(appendRunEvents(db, run, batch, engine)).toMatchObject({ accepted: 2, duplicates: 0, state: { texts: ["a", "b"] } });
    expect(appendRunEvents(db, run, batch, engine)).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(listRunEvents(db, run).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(getRun(db, run)?.eventCount).toBe(3);
  });
  it("refuses the whole batch when one event is bad, naming it", () => {
    const run = newRun();
    const bad = ev("x", "bad");
    try {
      appendRunEvents(db, run, [ev("a"), bad], engine);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RunEventRejected);
      expect((e as RunEventRejected).index).toBe(1);
    }
    expect(listRunEvents(db, run)).toHaveLength(1);
  });
});

describe("RunEventWriter (group commit)", () => {
  it("commits appends that arrive together in one transaction, each answered with its own result", async () => {
    const w = new RunEventWriter(db);
    const runs = [newRun(), newRun(), newRun()];
    const results = await Promise.all(runs.flatMap((r) => [w.append(r, [ev(`${r}-1`)], engine), w.append(r, [ev(`${r}-2`)], engine)]));
    expect(w.stats).toMatchObject({ commits: 1, appends: 6, largestGroup: 6 });
    expect(results.map((r) => r.accepted)).toEqual([1, 1, 1, 1, 1, 1]);
    // appends to the same run within a group see each other, in arrival order
    for (const r of runs) expect(getRun(db, r)?.state).toEqual({ texts: [`${r}-1`, `${r}-2`] });
  });
  it("rolls back a refused append alone; the rest of the group is stored", async () => {
    const w = new RunEventWriter(db);
    const run = newRun();
    const [a, b, c] = await Promise.allSettled([w.append(run, [ev("a")], engine), w.append(run, [ev("y"), ev("z", "bad")], engine), w.append(run, [ev("c")], engine)]);
    expect(a.status).toBe("fulfilled");
    expect(b.status).toBe("rejected");
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(RunEventRejected);
    expect(c.status).toBe("fulfilled");
    expect(w.stats.commits).toBe(1);
    expect(listRunEvents(db, run).map((e) => (e.payload as Ev).text)).toEqual(["started", "a", "c"]);
  });
  it("stores an id sent twice in the same group once", async () => {
    const w = new RunEventWriter(db);
    const run = newRun();
    const e = ev("once");
    const results = await Promise.all([w.append(run, [e], engine), w.append(run, [e, e], engine)]);
    expect(results.map((r) => [r.accepted, r.duplicates])).toEqual([
      [1, 0],
      [0, 2],
    ]);
    expect(listRunEvents(db, run)).toHaveLength(2);
  });
  it("answers an unknown run with a rejection, not a crash of the group", async () => {
    const w = new RunEventWriter(db);
    const run = newRun();
    const [bad, good] = await Promise.allSettled([w.append("nope", [ev("a")], engine), w.append(run, [ev("b")], engine)]);
    expect(bad.status).toBe("rejected");
    expect(good.status).toBe("fulfilled");
  });
});
