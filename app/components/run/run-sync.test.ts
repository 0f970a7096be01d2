import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../../sop-schema/parse";
import { initialState, type RunState } from "../../../runbook/state";
import { isWrapUpEvent, MAX_EVENTS_PER_RUN, type RunEvent } from "../../../runbook/events";
import { reduceAll } from "../../../runbook/reduce";
import { validateEvent } from "../../../runbook/validate";
import { EventFactory, uuid } from "../../../runbook/test-helpers";
import { loadOutbox, loadSnapshot, saveOutbox } from "./outbox";
import { acknowledgedState, RunSync, type RunSyncOptions } from "./run-sync";
import { memoryStorage } from "./test-storage";

const doc = parseSop(
  readFileSync(new URL("../../../content/sops/billing-dispute-card-charge.mdx", import.meta.url), "utf8"),
  { filename: "billing.mdx" },
);
const RUN = "run-1";

/** JSON over the wire, as the server stores and sends it (drops undefined-valued keys). */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const answer = (status: number, body: unknown) => ({
  ok: status >= 200 && status < 300,
  status,
  json: async () => wire(body),
});

/**
 * The server's side, as db/runs.server.ts appendRunEvents and the API behave: dedupe by id, one bad event
 * refuses the batch, the event limit, an answer of `{ accepted, duplicates, eventCount }` after the commit,
 * and GET /api/runs/:id with the stored state.
 */
class FakeServer {
  log: RunEvent[] = [];
  state: RunState;
  down = false;
  /** commit, then lose the answer (the server dies before replying) */
  loseNextAnswer = false;
  /** the next n reads of the run fail (503) */
  failReads = 0;
  /** answer with the whole state too (`?state=1`, or a server from before the counts) */
  withState = false;
  /** the event limit (MAX_EVENTS_PER_RUN on the real server) */
  limit = MAX_EVENTS_PER_RUN;
  /** the answer to the next append instead of the real one (the batch is not stored) */
  nextAnswer: ReturnType<typeof answer> | null = null;
  requests = 0;
  reads = 0;
  constructor(start: RunState, started: RunEvent) {
    this.state = wire(start);
    this.log.push(started);
  }
  fetch = async (url: string, init: RequestInit) => {
    this.requests += 1;
    if (this.down) throw new TypeError("Failed to fetch");
    if ((init.method ?? "GET") === "GET") {
      expect(url).toBe(`/api/runs/${RUN}`);
      this.reads += 1;
      if (this.failReads > 0) {
        this.failReads -= 1;
        return answer(503, { error: "busy" });
      }
      return answer(200, { run: { id: RUN, eventCount: this.log.length }, events: this.log, state: this.state });
    }
    expect(url).toBe(`/api/runs/${RUN}/events`);
    if (this.nextAnswer) {
      const a = this.nextAnswer;
      this.nextAnswer = null;
      return a;
    }
    const { events } = JSON.parse(String(init.body)) as { events: RunEvent[] };
    let s = this.state;
    const fresh: RunEvent[] = [];
    let duplicates = 0;
    for (const [index, e] of events.entries()) {
      if (s.appliedEventIds.includes(e.id)) {
        duplicates += 1;
        continue;
      }
      if (this.log.length + fresh.length >= this.limit && !isWrapUpEvent(e)) {
        return answer(409, {
          error: "This run already holds the most events one run keeps.",
          code: "run-event-limit",
          limit: this.limit,
          eventCount: this.log.length,
        });
      }
      const problem = validateEvent(doc, s, e);
      if (problem) return answer(400, { error: problem, index });
      s = reduceAll(doc, s, [e]);
      fresh.push(e);
    }
    this.state = wire(s);
    this.log.push(...fresh);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError("Failed to fetch");
    }
    return answer(200, {
      accepted: fresh.length,
      duplicates,
      eventCount: this.log.length,
      ...(this.withState ? { state: this.state } : {}),
    });
  };
  /** another tab or device of the same run appends (its own client, committed here) */
  appendElsewhere(...events: RunEvent[]): void {
    this.state = wire(reduceAll(doc, this.state, events));
    this.log.push(...events);
  }
}

function setup(extra: Partial<RunSyncOptions> = {}) {
  const f = new EventFactory();
  const started = f.started(doc);
  const start = initialState(doc, started);
  const server = new FakeServer(start, started);
  const storage = memoryStorage();
  let online = true;
  const timers: (() => void)[] = [];
  let n = 100;
  const make = (state: RunState = server.state) =>
    new RunSync({
      runId: RUN,
      doc,
      server: state,
      storage,
      fetch: server.fetch,
      isOnline: () => online,
      newId: () => uuid(++n),
      setTimer: (fn) => {
        timers.push(fn);
        return 0 as unknown as ReturnType<typeof setTimeout>;
      },
      clearTimer: () => undefined,
      ...extra,
    });
  return {
    server,
    storage,
    make,
    timers,
    setOnline: (v: boolean) => (online = v),
    /** lets the fake fetch promises settle */
    settle: () => new Promise((r) => setTimeout(r, 0)),
  };
}

describe("RunSync", () => {
  it("applies an event at once and clears the outbox only after the server commits it", async () => {
    const t = setup();
    const sync = t.make();
    sync.start();
    expect(sync.dispatch({ type: "field.captured", name: "customer_name", value: "Dana" })).toBeNull();
    // optimistic: visible before any answer, and already on the device
    expect(sync.getSnapshot().state.fields.customer_name?.value).toBe("Dana");
    expect(loadOutbox(t.storage, RUN)).toHaveLength(1);
    await t.settle();
    expect(t.server.state.fields.customer_name?.value).toBe("Dana");
    expect(sync.getSnapshot().sync).toEqual({ kind: "saved" });
    expect(loadOutbox(t.storage, RUN)).toEqual([]);
    expect(loadSnapshot<RunState>(t.storage, RUN)?.appliedEventIds).toEqual(t.server.state.appliedEventIds);
  });

  it("refuses an invalid event without queueing it, and anything but a follow-up once wrapped up", async () => {
    const t = setup();
    const sync = t.make();
    sync.start();
    expect(sync.dispatch({ type: "step.completed", stepId: "verify" })).toMatch(/name/i);
    expect(sync.getSnapshot().pending).toHaveLength(0);
    expect(sync.dispatch({ type: "completed", outcome: "resolved", wrapUp: "done" })).toBeNull();
    expect(sync.dispatch({ type: "step.focused", stepId: "decide" })).toMatch(/wrapped up/);
    expect(sync.dispatch({ type: "note.added", text: "late" })).toMatch(/wrapped up/);
    await t.settle();
    expect(t.server.log.map((e) => e.type)).toEqual(["started", "completed"]);
  });

  it("queues while offline without trying the network, then replays in order once online", async () => {
    const t = setup();
    const sync = t.make();
    sync.start();
    await t.settle();
    t.setOnline(false);
    sync.wentOffline();
    expect(sync.getSnapshot().sync).toMatchObject({ kind: "offline", reason: "offline", pending: 0 });
    const before = t.server.requests;
    sync.dispatch({ type: "note.added", text: "one" });
    sync.dispatch({ type: "note.added", text: "two" });
    sync.dispatch({ type: "field.captured", name: "customer_name", value: "Dana" });
    await t.settle();
    expect(t.server.requests).toBe(before);
    expect(sync.getSnapshot().sync).toMatchObject({ kind: "offline", pending: 3 });
    expect(sync.getSnapshot().state.notes.map((n) => n.text)).toEqual(["one", "two"]);
    t.setOnline(true);
    sync.retryNow();
    await t.settle();
    expect(t.server.log.slice(1).map((e) => (e.type === "note.added" ? e.text : e.type))).toEqual([
      "one",
      "two",
      "field.captured",
    ]);
    expect(sync.getSnapshot().sync).toEqual({ kind: "saved" });
    expect(sync.getSnapshot().state).toEqual(t.server.state);
  });

  it(
    "resumes after a reload from the device: a later " + "snapshot than the page, then the outbox, nothing twice",
    async () => {
      const t = setup();
      const first = t.make();
      const pageState = t.server.state; // the page as the offline cache kept it
      first.start();
      first.dispatch({ type: "note.added", text: "acknowledged" });
      await t.settle();
      t.setOnline(false);
      first.dispatch({ type: "note.added", text: "queued" });
      first.stop();
      // reload while offline: the cached page has the state from before "acknowledged"
      const second = t.make(pageState);
      second.start();
      expect(second.getSnapshot().state.notes.map((n) => n.text)).toEqual(["acknowledged", "queued"]);
      t.setOnline(true);
      second.retryNow();
      await t.settle();
      expect(t.server.state.notes.map((n) => n.text)).toEqual(["acknowledged", "queued"]);
      expect(new Set(t.server.log.map((e) => e.id)).size).toBe(t.server.log.length);
    },
  );

  it("drops events the server already committed when its answer was lost (no duplicates)", async () => {
    const t = setup();
    const sync = t.make();
    sync.start();
    t.server.loseNextAnswer = true;
    sync.dispatch({ type: "note.added", text: "once" });
    await t.settle();
    expect(sync.getSnapshot().sync).toMatchObject({ kind: "offline", reason: "unreachable", pending: 1 });
    expect(t.timers).toHaveLength(1);
    t.timers.shift()!();
    await t.settle();
    expect(t.server.state.notes).toHaveLength(1);
    expect(t.server.log).toHaveLength(2);
    expect(sync.getSnapshot().sync).toEqual({ kind: "saved" });
  });

  it(
    "keeps everything while the server is down and sends " + "it when an action or the retry timer finds it back",
    async () => {
      const t = setup();
      const sync = t.make();
      sync.start();
      t.server.down = true;
      sync.dispatch({ type: "note.added", text: "a" });
      await t.settle();
      sync.dispatch({ type: "note.added", text: "b" });
      await t.settle();
      expect(sync.getSnapshot().sync).toMatchObject({ kind: "offline", reason: "unreachable", pending: 2 });
      t.server.down = false;
      t.timers.pop()!();
      await t.settle();
      expect(t.server.state.notes.map((n) => n.text)).toEqual(["a", "b"]);
      expect(loadOutbox(t.storage, RUN)).toEqual([]);
    },
  );

  it("drops only the event the server refuses, says why, and sends the rest", async () => {
    const t = setup();
    // a stale device: its outbox completes a step the server knows is already wrapped up elsewhere
    const sync = t.make();
    const f = new EventFactory(1_800_000_000_000);
    const good = { ...f.make("note.added", { text: "kept" }), id: uuid(900) };
    const bad = { ...f.make("step.completed", { stepId: "verify" }), id: uuid(901) };
    saveOutbox(t.storage, RUN, [bad, good]);
    sync.start();
    await t.settle();
    expect(sync.getSnapshot().rejected).toMatch(/name/i);
    expect(t.server.state.notes.map((n) => n.text)).toEqual(["kept"]);
    expect(sync.getSnapshot().pending).toEqual([]);
  });

  it("takes a later server state from the page (loader revalidation) and ignores an older one", () => {
    const t = setup();
    const sync = t.make();
    sync.start();
    const old = sync.getSnapshot().server;
    const later = reduceAll(doc, old, [{ id: uuid(777), at: Date.now(), type: "note.added", text: "from elsewhere" }]);
    sync.acceptServerState(later);
    expect(sync.getSnapshot().state.notes).toHaveLength(1);
    sync.acceptServerState(old);
    expect(sync.getSnapshot().state.notes).toHaveLength(1);
    expect(loadSnapshot<RunState>(t.storage, RUN)?.appliedEventIds).toEqual(later.appliedEventIds);
  });
});

describe("RunSync acknowledgements: counts, not the state", () => {
  it(
    "in step: folds its own batch into the last acknowledged " +
      "state — exactly the server's, without reading the run",
    async () => {
      const t = setup();
      const sync = t.make();
      sync.start();
      sync.dispatch({ type: "field.captured", name: "customer_name", value: "Dana" });
      sync.dispatch({ type: "step.completed", stepId: "verify" });
      sync.dispatch({ type: "note.added", text: "calm caller" });
      await t.settle();
      for (let i = 0; i < 5; i++) sync.dispatch({ type: "note.added", text: `n${i}` });
      await t.settle();
      expect(t.server.reads).toBe(0);
      expect(sync.stats).toEqual({ folded: sync.stats.folded, reads: 0 });
      expect(sync.stats.folded).toBeGreaterThanOrEqual(2);
      expect(sync.getSnapshot().server).toEqual(t.server.state);
      expect(wire(sync.getSnapshot().server)).toStrictEqual(t.server.state);
      expect(loadSnapshot<RunState>(t.storage, RUN)).toStrictEqual(t.server.state);
      expect(sync.getSnapshot().sync).toEqual({ kind: "saved" });
    },
  );

  it(
    "duplicates reported (an earlier answer was lost): " + "reads the run instead of guessing where they landed",
    async () => {
      const t = setup();
      const sync = t.make();
      sync.start();
      t.server.loseNextAnswer = true;
      sync.dispatch({ type: "note.added", text: "once" });
      await t.settle();
      sync.dispatch({ type: "note.added", text: "twice" }); // sent together with the retry of "once"
      await t.settle();
      expect(t.server.reads).toBe(1);
      expect(t.server.log.map((e) => (e.type === "note.added" ? e.text : e.type))).toEqual([
        "started",
        "once",
        "twice",
      ]);
      expect(sync.getSnapshot().server).toStrictEqual(t.server.state);
      expect(sync.getSnapshot().pending).toEqual([]);
      expect(sync.getSnapshot().sync).toEqual({ kind: "saved" });
    },
  );

  it("out of step (another tab or device appended): the count shows it, and the run is read", async () => {
    const t = setup();
    const sync = t.make();
    sync.start();
    sync.dispatch({ type: "note.added", text: "mine 1" });
    await t.settle();
    const f = new EventFactory(1_800_000_000_000);
    t.server.appendElsewhere({ ...f.make("note.added", { text: "from the other tab" }), id: uuid(5000) });
    sync.dispatch({ type: "note.added", text: "mine 2" });
    await t.settle();
    expect(t.server.reads).toBe(1);
    expect(sync.getSnapshot().server).toStrictEqual(t.server.state);
    expect(sync.getSnapshot().state.notes.map((n) => n.text)).toEqual(["mine 1", "from the other tab", "mine 2"]);
    // and back in step afterwards: the next acknowledgement is folded again
    sync.dispatch({ type: "note.added", text: "mine 3" });
    await t.settle();
    expect(t.server.reads).toBe(1);
    expect(sync.getSnapshot().server).toStrictEqual(t.server.state);
  });

  it(
    "keeps the batch queued when the run cannot be read " + "after an out-of-step answer, and converges on the retry",
    async () => {
      const t = setup();
      const sync = t.make();
      sync.start();
      await t.settle();
      t.server.appendElsewhere({
        ...new EventFactory(1_800_000_000_000).make("note.added", { text: "elsewhere" }),
        id: uuid(5001),
      });
      t.server.failReads = 1;
      sync.dispatch({ type: "note.added", text: "mine" });
      await t.settle();
      // committed on the server, but not known here: still shown, still queued (a resend is a no-op)
      expect(sync.getSnapshot().pending.map((e) => e.type)).toEqual(["note.added"]);
      expect(sync.getSnapshot().state.notes.map((n) => n.text)).toEqual(["mine"]);
      expect(sync.getSnapshot().sync).toMatchObject({ kind: "offline", reason: "unreachable" });
      t.timers.pop()!();
      await t.settle();
      expect(sync.getSnapshot().server).toStrictEqual(t.server.state);
      expect(sync.getSnapshot().pending).toEqual([]);
      expect(new Set(t.server.log.map((e) => e.id)).size).toBe(t.server.log.length);
    },
  );

  it("takes the state when the server sends it (?state=1, or a server from before the counts)", async () => {
    const t = setup();
    t.server.withState = true;
    const sync = t.make();
    sync.start();
    sync.dispatch({ type: "note.added", text: "x" });
    await t.settle();
    expect(sync.getSnapshot().server).toStrictEqual(t.server.state);
    expect(t.server.reads).toBe(0);
  });

  it("acknowledgedState proves or declines: every mismatch of the counts declines", () => {
    const f = new EventFactory();
    const started = f.started(doc);
    const base = initialState(doc, started);
    const batch = [f.make("note.added", { text: "a" }), f.make("note.added", { text: "b" })] as RunEvent[];
    const folded = acknowledgedState(doc, base, batch, { accepted: 2, duplicates: 0, eventCount: 3 });
    expect(folded?.notes.map((n) => n.text)).toEqual(["a", "b"]);
    expect(folded?.appliedEventIds).toHaveLength(3);
    expect(acknowledgedState(doc, base, batch, { accepted: 1, duplicates: 1, eventCount: 2 })).toBeNull();
    // one came before
    expect(acknowledgedState(doc, base, batch, { accepted: 2, duplicates: 0, eventCount: 4 })).toBeNull();
    expect(acknowledgedState(doc, base, batch, { accepted: 2, duplicates: 0, eventCount: 2 })).toBeNull();
    expect(acknowledgedState(doc, base, batch, {})).toBeNull(); // no counts (an unexpected answer)
    // a batch the reducer would not apply whole (here: an event invalid for the state) is never "proved"
    const invalid = [f.make("step.completed", { stepId: "verify" })] as RunEvent[];
    expect(acknowledgedState(doc, base, invalid, { accepted: 1, duplicates: 0, eventCount: 2 })).toBeNull();
  });

  it(
    "randomised: whatever the interleaving (lost answers, other " +
      "devices, failed reads, outages), it ends in the server's state",
    async () => {
      const fc = await import("fast-check");
      type Step =
        | { kind: "dispatch"; n: number }
        | { kind: "lose" }
        | { kind: "elsewhere" }
        | { kind: "failRead" }
        | { kind: "down" }
        | { kind: "up" }
        | { kind: "tick" };
      const step = fc.oneof(
        {
          arbitrary: fc.record({ kind: fc.constant("dispatch" as const), n: fc.integer({ min: 1, max: 4 }) }),
          weight: 5,
        },
        fc.constant({ kind: "lose" as const }),
        fc.constant({ kind: "elsewhere" as const }),
        fc.constant({ kind: "failRead" as const }),
        fc.constant({ kind: "down" as const }),
        fc.constant({ kind: "up" as const }),
        { arbitrary: fc.constant({ kind: "tick" as const }), weight: 2 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 1, maxLength: 25 }),
          fc.integer({ min: 1, max: 5 }),
          async (steps: Step[], batchSize: number) => {
            const t = setup({ batchSize });
            const sync = t.make();
            sync.start();
            const elsewhere = new EventFactory(1_900_000_000_000);
            let other = 0;
            let mine = 0;
            for (const st of steps) {
              if (st.kind === "dispatch")
                for (let i = 0; i < st.n; i++) sync.dispatch({ type: "note.added", text: `mine ${mine++}` });
              else if (st.kind === "lose") t.server.loseNextAnswer = true;
              else if (st.kind === "elsewhere")
                t.server.appendElsewhere({
                  ...elsewhere.make("note.added", { text: `other ${other}` }),
                  id: uuid(60_000 + other++),
                });
              else if (st.kind === "failRead") t.server.failReads += 1;
              else if (st.kind === "down") t.server.down = true;
              else if (st.kind === "up") t.server.down = false;
              else t.timers.shift()?.();
              await t.settle();
            }
            // the network settles and the agent acts once more (a device learns of other devices' events from its
            // next acknowledgement, or a page load): it retries until nothing is left
            t.server.down = false;
            t.server.loseNextAnswer = false;
            t.server.failReads = 0;
            await t.settle();
            sync.dispatch({ type: "note.added", text: `mine ${mine++}` });
            await t.settle();
            for (let i = 0; i < 20 && sync.getSnapshot().pending.length + t.timers.length > 0; i++) {
              t.timers.shift()?.();
              sync.retryNow();
              await t.settle();
            }
            const snap = sync.getSnapshot();
            expect(snap.pending).toEqual([]);
            // the server's state is the agent's and nothing is stored twice; every event of the agent is stored once
            expect(snap.server).toStrictEqual(t.server.state);
            expect(new Set(t.server.log.map((e) => e.id)).size).toBe(t.server.log.length);
            expect(
              t.server.log
                .filter((e) => e.type === "note.added" && e.text.startsWith("mine"))
                .map((e) => (e as { text: string }).text),
            ).toEqual(Array.from({ length: mine }, (_, i) => `mine ${i}`));
            sync.stop();
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});

describe("RunSync and the run's event limit", () => {
  /** A run that already holds `count` events (its `started` included). */
  function fullRun(count: number) {
    const t = setup();
    const f = new EventFactory(1_700_000_000_000);
    const notes = Array.from(
      { length: count - 1 },
      (_, i) => ({ ...f.make("note.added", { text: `n${i}` }), id: uuid(100_000 + i) }) as RunEvent,
    );
    t.server.appendElsewhere(...notes);
    return t;
  }

  it("says so on the agent's action once the run holds the limit, and still takes the wrap-up", async () => {
    const t = fullRun(MAX_EVENTS_PER_RUN);
    const sync = t.make();
    sync.start();
    expect(sync.dispatch({ type: "note.added", text: "one more" })).toMatch(/reached 5,000 changes.*wrap it up/);
    expect(sync.getSnapshot().pending).toEqual([]);
    expect(sync.dispatch({ type: "completed", outcome: "resolved", wrapUp: "done" })).toBeNull();
    await t.settle();
    expect(t.server.log).toHaveLength(MAX_EVENTS_PER_RUN + 1);
    expect(sync.getSnapshot().sync).toEqual({ kind: "saved" });
  });

  it(
    "when the server refuses a batch for the limit: keeps " + "what fits and the wrap-up, drops the rest and says so",
    async () => {
      const t = fullRun(MAX_EVENTS_PER_RUN - 3);
      const sync = t.make();
      sync.start();
      t.server.down = true;
      for (let i = 0; i < 2; i++) sync.dispatch({ type: "note.added", text: `fits ${i}` });
      await t.settle();
      // another device fills the run meanwhile: 1 place left
      const other = new EventFactory(1_800_000_000_000);
      t.server.appendElsewhere(
        { ...other.make("note.added", { text: "elsewhere 1" }), id: uuid(7000) },
        { ...other.make("note.added", { text: "elsewhere 2" }), id: uuid(7001) },
      );
      sync.dispatch({ type: "note.added", text: "too many" });
      sync.dispatch({ type: "completed", outcome: "resolved", wrapUp: "done" });
      await t.settle();
      t.server.down = false;
      sync.retryNow();
      await t.settle();
      expect(sync.getSnapshot().rejected).toMatch(/^2 changes could not be saved: this run already holds 5,000 events/);
      expect(t.server.log.slice(-4).map((e) => (e.type === "note.added" ? e.text : e.type))).toEqual([
        "elsewhere 1",
        "elsewhere 2",
        "fits 0",
        "completed",
      ]);
      expect(t.server.log).toHaveLength(MAX_EVENTS_PER_RUN + 1);
      expect(sync.getSnapshot().server).toStrictEqual(t.server.state);
      expect(sync.getSnapshot().pending).toEqual([]);
    },
  );

  it("a 413 for a batch sends half as many at a time; for a single event it says so and stops retrying", async () => {
    const t = setup({ batchSize: 8 });
    const sync = t.make();
    sync.start();
    t.server.down = true;
    for (let i = 0; i < 8; i++) sync.dispatch({ type: "note.added", text: `n${i}` });
    await t.settle();
    t.server.down = false;
    t.server.nextAnswer = answer(413, { error: "A batch of run events may be at most 5 MB", limit: 5 * 1024 * 1024 });
    const sizes: number[] = [];
    const inner = t.server.fetch;
    t.server.fetch = async (url, init) => {
      if (init.method === "POST") sizes.push((JSON.parse(String(init.body)) as { events: unknown[] }).events.length);
      return inner(url, init);
    };
    const sync2 = t.make(); // a fresh device state (same outbox) using the wrapped fetch
    sync.stop();
    sync2.start();
    await t.settle();
    expect(sizes).toEqual([8, 4, 4]);
    expect(t.server.state.notes).toHaveLength(8);
    t.server.nextAnswer = answer(413, { error: "A batch of run events may be at most 5 MB" });
    sync2.dispatch({ type: "note.added", text: "huge" });
    await t.settle();
    expect(sync2.getSnapshot().sync).toEqual({
      kind: "error",
      pending: 1,
      message: "A batch of run events may be at most 5 MB",
    });
  });
});
