import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, seedRunFixture } from "./test-db.server";
import { migrateDb, openDb, type Db } from "./client.server";
import {
  appendRunEvents,
  createRun,
  currentRunState,
  getRun,
  listRunEvents,
  RunEventLimitReached,
  RunEventRejected,
  RunEventWriter,
  INLINE_SNAPSHOT_MAX_EVENTS,
  SNAPSHOT_EVERY,
  type RunEngine,
  type StoredEvent,
} from "./runs.server";
import { WalSync } from "./wal-sync.server";

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
const ev = (text: string, type = "note"): Ev => ({
  id: `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`,
  type,
  at: n,
  text,
});

async function newRun(): Promise<string> {
  return await createRun(db, {
    sopId: "s1",
    versionId: 1,
    agentId,
    started: ev("started", "started"),
    state: { texts: [] },
    summary: { status: "active" },
  });
}
let agentId: string;

beforeEach(async () => {
  db = createTestDb();
  agentId = await seedRunFixture(db);
});

describe("appendRunEvents", () => {
  it("stores a batch once; a retry of the same ids is a no-op", async () => {
    const run = await newRun();
    const batch = [ev("a"), ev("b")];
    expect(await appendRunEvents(db, run, batch, engine)).toMatchObject({
      accepted: 2,
      duplicates: 0,
      state: { texts: ["a", "b"] },
    });
    expect(await appendRunEvents(db, run, batch, engine)).toMatchObject({ accepted: 0, duplicates: 2 });
    expect((await listRunEvents(db, run)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await getRun(db, run))?.eventCount).toBe(3);
  });
  it("refuses the whole batch when one event is bad, naming it", async () => {
    const run = await newRun();
    const bad = ev("x", "bad");
    try {
      await appendRunEvents(db, run, [ev("a"), bad], engine);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RunEventRejected);
      expect((e as RunEventRejected).index).toBe(1);
    }
    expect(await listRunEvents(db, run)).toHaveLength(1);
  });
  it("appends with the engine's one-step apply when it has one: validate and reduce are not called", async () => {
    const unused = () => {
      throw new Error("not called");
    };
    const oneStep: RunEngine<Ev, State> = {
      ...engine,
      validate: unused,
      reduce: unused,
      apply: (s, e) =>
        e.type === "bad" ? { ok: false, message: "Refused." } : { ok: true, state: { texts: [...s.texts, e.text!] } },
    };
    const run = await newRun();
    expect(await appendRunEvents(db, run, [ev("a"), ev("b")], oneStep)).toMatchObject({
      accepted: 2,
      state: { texts: ["a", "b"] },
    });
    await expect(appendRunEvents(db, run, [ev("c"), ev("x", "bad")], oneStep)).rejects.toThrow(
      expect.objectContaining({ index: 1, message: "Refused." }),
    );
    expect(await getRun(db, run)).toMatchObject({ eventCount: 3, state: { texts: ["a", "b"] } });
  });
  it("refuses an event id another run stored with 409, alone or in a group; a retry on its run is not", async () => {
    const mine = await newRun();
    const other = await newRun();
    const taken = ev("mine");
    await appendRunEvents(db, mine, [taken], engine);
    const refused = async (fn: () => unknown) => {
      try {
        await fn();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RunEventRejected);
        expect(e).toMatchObject({ status: 409, index: 1, eventId: taken.id });
        expect((e as Error).message).toMatch(/another run/);
      }
    };
    await refused(async () => await appendRunEvents(db, other, [ev("fresh"), taken], engine));
    const w = new RunEventWriter(db);
    const [theirs, retry] = await Promise.allSettled([
      w.append(other, [ev("x"), taken], engine),
      w.append(mine, [taken], engine),
    ]);
    await refused(() => {
      throw (theirs as PromiseRejectedResult).reason;
    });
    expect(retry).toMatchObject({ status: "fulfilled", value: { accepted: 0, duplicates: 1, eventCount: 2 } });
    expect(await listRunEvents(db, other)).toHaveLength(1);
    expect((await getRun(db, other))?.eventCount).toBe(1);
  });
});

describe("the event count and the event limit", () => {
  it(
    "answers the run's stored event count right after " + "the batch (duplicates included, not counted twice)",
    async () => {
      const run = await newRun();
      const a = ev("a");
      expect(await appendRunEvents(db, run, [a, ev("b")], engine)).toMatchObject({
        accepted: 2,
        duplicates: 0,
        eventCount: 3,
      });
      expect(await appendRunEvents(db, run, [a, ev("c")], engine)).toMatchObject({
        accepted: 1,
        duplicates: 1,
        eventCount: 4,
      });
      // in a group, each append gets the count as it stood right after it (not the group's final count)
      const w = new RunEventWriter(db);
      const [x, y] = await Promise.all([w.append(run, [ev("d")], engine), w.append(run, [ev("e"), ev("f")], engine)]);
      expect([x.eventCount, x.accepted, y.eventCount, y.accepted]).toEqual([5, 1, 7, 2]);
      expect((await getRun(db, run))?.eventCount).toBe(7);
    },
  );

  it("refuses a batch that would take the run past its limit, all of it; exempt events still go in", async () => {
    const limited: RunEngine<Ev, State> = { ...engine, limit: { maxEvents: 4, exempt: (e) => e.type === "wrap" } };
    const run = await newRun();
    const first = ev("a");
    expect(await appendRunEvents(db, run, [first, ev("b")], limited)).toMatchObject({ eventCount: 3 });
    try {
      await appendRunEvents(db, run, [ev("c"), ev("d")], limited);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RunEventLimitReached);
      expect(e).toMatchObject({ maxEvents: 4, eventCount: 3 });
    }
    expect((await getRun(db, run))?.eventCount).toBe(3); // nothing of the refused batch
    expect(await appendRunEvents(db, run, [ev("c"), ev("w", "wrap")], limited)).toMatchObject({
      accepted: 2,
      eventCount: 5,
    });
    // past the limit: a retry of stored events is still answered (they are not new), a new one is refused
    expect(await appendRunEvents(db, run, [first], limited)).toMatchObject({
      accepted: 0,
      duplicates: 1,
      eventCount: 5,
    });
    await expect(appendRunEvents(db, run, [ev("late")], limited)).rejects.toThrow(RunEventLimitReached);
  });
});

describe("RunEventWriter (group commit)", () => {
  it("commits appends that arrive together in one transaction, each answered with its own result", async () => {
    const w = new RunEventWriter(db);
    const runs = [await newRun(), await newRun(), await newRun()];
    const results = await Promise.all(
      runs.flatMap((r) => [w.append(r, [ev(`${r}-1`)], engine), w.append(r, [ev(`${r}-2`)], engine)]),
    );
    expect(w.stats).toMatchObject({ commits: 1, appends: 6, largestGroup: 6 });
    expect(results.map((r) => r.accepted)).toEqual([1, 1, 1, 1, 1, 1]);
    // appends to the same run within a group see each other, in arrival order
    for (const r of runs) expect((await getRun(db, r))?.state).toEqual({ texts: [`${r}-1`, `${r}-2`] });
  });
  it("rolls back a refused append alone; the rest of the group is stored", async () => {
    const w = new RunEventWriter(db);
    const run = await newRun();
    const [a, b, c] = await Promise.allSettled([
      w.append(run, [ev("a")], engine),
      w.append(run, [ev("y"), ev("z", "bad")], engine),
      w.append(run, [ev("c")], engine),
    ]);
    expect(a.status).toBe("fulfilled");
    expect(b.status).toBe("rejected");
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(RunEventRejected);
    expect(c.status).toBe("fulfilled");
    expect(w.stats.commits).toBe(1);
    expect((await listRunEvents(db, run)).map((e) => (e.payload as Ev).text)).toEqual(["started", "a", "c"]);
    // the run row, written once for the group, holds what its last successful append left
    expect(await getRun(db, run)).toMatchObject({ eventCount: 3, state: { texts: ["a", "c"] } });
    expect((await listRunEvents(db, run)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });
  it("writes a run's row once per group, however many of its appends the group holds", async () => {
    let rowWrites = 0;
    const counting: RunEngine<Ev, State> = { ...engine, summarise: () => (rowWrites++, { status: "active" }) };
    const w = new RunEventWriter(db);
    const run = await newRun();
    const other = await newRun();
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => w.append(run, [ev(`r${i}`)], counting)),
      w.append(other, [ev("o")], counting),
      w.append(run, [ev("last")], counting),
    ]);
    expect(w.stats.commits).toBe(1);
    expect(rowWrites).toBe(2); // one per run
    expect(results.map((r) => r.eventCount)).toEqual([2, 3, 4, 5, 6, 2, 7]);
    expect(await getRun(db, run)).toMatchObject({
      eventCount: 7,
      state: { texts: ["r0", "r1", "r2", "r3", "r4", "last"] },
    });
    expect(await getRun(db, other)).toMatchObject({ eventCount: 2, state: { texts: ["o"] } });
    // the next group starts from the stored row: nothing lost between groups
    expect(await w.append(run, [ev("next")], counting)).toMatchObject({
      eventCount: 8,
      state: { texts: ["r0", "r1", "r2", "r3", "r4", "last", "next"] },
    });
    expect((await getRun(db, run))?.state).toEqual({ texts: ["r0", "r1", "r2", "r3", "r4", "last", "next"] });
  });
  it("stores an id sent twice in the same group once", async () => {
    const w = new RunEventWriter(db);
    const run = await newRun();
    const e = ev("once");
    const results = await Promise.all([w.append(run, [e], engine), w.append(run, [e, e], engine)]);
    expect(results.map((r) => [r.accepted, r.duplicates])).toEqual([
      [1, 0],
      [0, 2],
    ]);
    expect(await listRunEvents(db, run)).toHaveLength(2);
  });
  it("answers an unknown run with a rejection, not a crash of the group", async () => {
    const w = new RunEventWriter(db);
    const run = await newRun();
    const [bad, good] = await Promise.allSettled([
      w.append("nope", [ev("a")], engine),
      w.append(run, [ev("b")], engine),
    ]);
    expect(bad.status).toBe("rejected");
    expect(good.status).toBe("fulfilled");
  });
});

describe("the state snapshot (engines that count their events)", () => {
  type Logged = { ids: string[]; texts: string[] };
  // The column is typed for runbook's state; this suite's toy engine stores its own in it.
  const snapshot = (row: { state: unknown }) => row.state as Logged;
  // like the runbook's state: the ids it applied, so the snapshot's place in the log is its id count
  const logged: RunEngine<Ev, Logged> = {
    validate: (_s, e) => (e.type === "bad" ? "Refused." : null),
    reduce: (s, e) => ({ ids: [...s.ids, e.id], texts: [...s.texts, e.text ?? e.type] }),
    summarise: (s) => ({ status: s.texts.at(-1) === "wrap" ? "completed" : "active" }),
    eventCountOf: (s) => s.ids.length,
  };
  const start = async (on: Db = db): Promise<string> => {
    const started = ev("started", "started");
    return await createRun(on, {
      sopId: "s1",
      versionId: 1,
      agentId,
      started,
      state: { ids: [started.id], texts: [] },
      summary: { status: "active" },
    });
  };
  const stored = async (on: Db, run: string) => snapshot((await getRun(on, run))!);
  const texts = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `t${from + i}`);

  const files: string[] = [];
  afterEach(() => {
    for (const dir of files.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  /** two connections on one file: a second process, or this one after a restart (no cached state) */
  async function twoConnections(): Promise<[Db, Db]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-runs-"));
    files.push(dir);
    const a = openDb(path.join(dir, "t.db"));
    migrateDb(a);
    agentId = await seedRunFixture(a);
    return [a, openDb(path.join(dir, "t.db"))];
  }

  it("stores the state every SNAPSHOT_EVERY events; the events after it make the current state", async () => {
    const run = await start();
    for (let i = 0; i < SNAPSHOT_EVERY - 2; i++) await appendRunEvents(db, run, [ev(`t${i}`)], logged);
    // the row still holds the state as the run started: the events went in, the state was not rewritten
    expect((await stored(db, run)).texts).toEqual([]);
    expect((await getRun(db, run))?.eventCount).toBe(SNAPSHOT_EVERY - 1);
    expect((await currentRunState(db, run, (await getRun(db, run))!, logged)).texts).toEqual(
      texts(0, SNAPSHOT_EVERY - 2),
    );
    const r = await appendRunEvents(db, run, [ev(`t${SNAPSHOT_EVERY - 2}`), ev(`t${SNAPSHOT_EVERY - 1}`)], logged);
    expect(r.stateJson).toBeDefined(); // due: written with this append, and handed back for `?state=1`
    expect((await stored(db, run)).texts).toEqual(texts(0, SNAPSHOT_EVERY));
    expect((await stored(db, run)).ids).toHaveLength(SNAPSHOT_EVERY + 1);
  });

  it(
    "resumes from the snapshot and its tail without a cached " + "state: same state, same count, retries still no-ops",
    async () => {
      const [a, b] = await twoConnections();
      const run = await start(a);
      const sent: Ev[] = [];
      for (let i = 0; i < SNAPSHOT_EVERY + 5; i++) {
        const e = ev(`t${i}`);
        sent.push(e);
        await appendRunEvents(a, run, [e], logged);
      }
      const row = (await getRun(b, run))!;
      expect(row.eventCount).toBe(SNAPSHOT_EVERY + 6);
      expect(snapshot(row).ids.length).toBeLessThan(row.eventCount); // a snapshot with a tail after it
      expect(await currentRunState(b, run, row, logged)).toEqual(
        await currentRunState(a, run, (await getRun(a, run))!, logged),
      );
      // b has no cached state: it folds the tail to append, and a replayed id (in the tail) stays a no-op
      expect(await appendRunEvents(b, run, [sent.at(-1)!, ev("next")], logged)).toMatchObject({
        accepted: 1,
        duplicates: 1,
        eventCount: SNAPSHOT_EVERY + 7,
      });
      // and a's cached state (an older count) is not trusted: a reads b's append
      expect((await appendRunEvents(a, run, [ev("more")], logged)).state.texts).toEqual([
        ...texts(0, SNAPSHOT_EVERY + 5),
        "next",
        "more",
      ]);
      b.$client.close();
      a.$client.close();
    },
  );

  it("stores a run's whole state as soon as it is no longer active", async () => {
    const run = await start();
    await appendRunEvents(db, run, [ev("a")], logged);
    expect((await stored(db, run)).texts).toEqual([]);
    await appendRunEvents(db, run, [ev("wrap")], logged);
    expect(await getRun(db, run)).toMatchObject({
      status: "completed",
      eventCount: 3,
      state: { texts: ["a", "wrap"] },
    });
  });

  /** a run past INLINE_SNAPSHOT_MAX_EVENTS, with its snapshot taken: the writer defers its next ones */
  const long = async (on: Db = db): Promise<string> => {
    const run = await start(on);
    const events = Array.from({ length: INLINE_SNAPSHOT_MAX_EVENTS }, (_, i) => ev(`l${i}`));
    await appendRunEvents(on, run, events, logged);
    return run;
  };

  it("the writer stores a short run's due snapshot with its group: no second transaction", async () => {
    const w = new RunEventWriter(db);
    const run = await start();
    for (let i = 0; i < SNAPSHOT_EVERY * 2; i++) {
      await w.append(run, [ev(`t${i}`)], logged);
      const row = (await getRun(db, run))!;
      expect(row.eventCount - snapshot(row).ids.length).toBeLessThan(SNAPSHOT_EVERY);
    }
    expect(w.stats).toMatchObject({ snapshots: 0, commits: SNAPSHOT_EVERY * 2 });
    expect((await currentRunState(db, run, (await getRun(db, run))!, logged)).texts).toEqual(
      texts(0, SNAPSHOT_EVERY * 2),
    );
  });

  it("the writer stores a long run's due snapshot after answering, in its own transaction", async () => {
    const w = new RunEventWriter(db);
    const run = await long();
    const idle = () => new Promise((r) => setImmediate(r));
    let state: Logged | undefined;
    for (let i = 0; i < SNAPSHOT_EVERY * 3; i++) {
      state = (await w.append(run, [ev(`t${i}`)], logged)).state;
      await idle(); // a turn with nothing to commit: the due snapshot goes in
      const row = (await getRun(db, run))!;
      expect(row.eventCount - snapshot(row).ids.length).toBeLessThan(SNAPSHOT_EVERY);
    }
    expect(w.stats.snapshots).toBe(3);
    expect(w.stats.commits).toBe(SNAPSHOT_EVERY * 3); // the snapshots were not written with the events
    expect(await stored(db, run)).toEqual(state);
    // when the due append is answered its snapshot is not written yet: the acknowledgement does not wait for it
    for (let i = 0; i < SNAPSHOT_EVERY - 1; i++) await w.append(run, [ev(`u${i}`)], logged);
    const due = await w.append(run, [ev("due")], logged);
    expect((await stored(db, run)).ids).toHaveLength(due.eventCount - SNAPSHOT_EVERY);
    await idle();
    expect(await stored(db, run)).toEqual(due.state);
  });

  it("keeps the tail under 2 × SNAPSHOT_EVERY however busy the writer is", async () => {
    const w = new RunEventWriter(db);
    const run = await long();
    // back to back: a group is waiting whenever the writer could store the snapshot
    for (let i = 0; i < SNAPSHOT_EVERY * 6; i++) {
      await w.append(run, [ev(`t${i}`)], logged);
      const row = (await getRun(db, run))!;
      expect(row.eventCount - snapshot(row).ids.length).toBeLessThan(2 * SNAPSHOT_EVERY);
    }
    const { texts: all } = await currentRunState(db, run, (await getRun(db, run))!, logged);
    expect(all.slice(INLINE_SNAPSHOT_MAX_EVENTS)).toEqual(texts(0, SNAPSHOT_EVERY * 6));
  });

  it("on a file database answers a group only after its WAL fsync; the next group commits meanwhile", async () => {
    const [a, b] = await twoConnections();
    const syncs: ((error: Error | null) => void)[] = [];
    const wal = new WalSync(`${a.$client.name}-wal`, (_fd, done) => syncs.push(done));
    const w = new RunEventWriter(a, 512, wal);
    const run = await start(a);
    const settled = new Set<string>();
    const track = <T>(name: string, p: Promise<T>) => {
      p.then(
        () => settled.add(name),
        () => settled.add(`${name} refused`),
      );
      return p;
    };
    const idle = () => new Promise((r) => setImmediate(r));
    const first = track("first", w.append(run, [ev("t0")], logged));
    await idle();
    expect((await getRun(b, run))!.eventCount).toBe(2); // committed, visible to another connection...
    expect(settled).toEqual(new Set()); // ...but not answered before the disk has it
    expect(syncs).toHaveLength(1);
    const second = track("second", w.append(run, [ev("t1")], logged));
    const third = track("third", w.append(run, [ev("t2")], logged));
    await idle();
    expect(w.stats.commits).toBe(1); // they wait for the fsync in flight, as one group
    syncs[0]!(null);
    await first;
    await idle();
    expect(w.stats).toMatchObject({ commits: 2, largestGroup: 2 });
    expect([...settled]).toEqual(["first"]);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    syncs[1]!(new Error("EIO")); // the disk failed: nothing of that group is acknowledged
    await expect(second).rejects.toThrow("EIO");
    await expect(third).rejects.toThrow("EIO");
    quiet.mockRestore();
    // a retry of the refused batch waits for a good fsync, then answers what is stored
    const retry = w.append(run, [ev("t3")], logged);
    await idle();
    syncs[2]!(null);
    expect((await retry).state.texts).toEqual(["t0", "t1", "t2", "t3"]);
    expect(a.$client.pragma("synchronous", { simple: true })).toBe(2); // FULL again for every other write
    wal.close();
    b.$client.close();
    a.$client.close();
  });

  it("a deferred snapshot is dropped if another writer moved the run on meanwhile", async () => {
    const [a, b] = await twoConnections();
    const w = new RunEventWriter(a, 512, null); // answered after its COMMIT: the snapshot follows the answer
    const run = await long(a);
    for (let i = 0; i < SNAPSHOT_EVERY - 1; i++) await w.append(run, [ev(`t${i}`)], logged);
    const p = w.append(run, [ev("due")], logged);
    await p; // answered; its snapshot is scheduled after this turn
    await appendRunEvents(b, run, [ev("other")], logged); // b moves the run on (and stores its own snapshot: it is due)
    await new Promise((r) => setImmediate(r));
    const row = (await getRun(a, run))!;
    // a's snapshot (taken at the count before b's append) must not be stored over b's count
    expect(w.stats.snapshots).toBe(0);
    expect((await currentRunState(a, run, row, logged)).texts.slice(INLINE_SNAPSHOT_MAX_EVENTS)).toEqual([
      ...texts(0, SNAPSHOT_EVERY - 1),
      "due",
      "other",
    ]);
    b.$client.close();
    a.$client.close();
  });
});
