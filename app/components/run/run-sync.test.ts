import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../../sop-schema";
import { initialState, reduceAll, validateEvent, type RunEvent, type RunState } from "../../../runbook";
import { EventFactory, uuid } from "../../../runbook/test-helpers";
import { loadOutbox, loadSnapshot, saveOutbox } from "./outbox";
import { RunSync, type RunSyncOptions } from "./run-sync";

const doc = parseSop(readFileSync(new URL("../../../content/sops/billing-dispute-card-charge.mdx", import.meta.url), "utf8"), { filename: "billing.mdx" });
const RUN = "run-1";

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

/** The server's side, as db/runs.server.ts appendRunEvents behaves: dedupe by id, one bad event refuses the batch. */
class FakeServer {
  log: RunEvent[] = [];
  state: RunState;
  down = false;
  /** commit, then lose the answer (the server dies before replying) */
  loseNextAnswer = false;
  requests = 0;
  constructor(start: RunState, started: RunEvent) {
    this.state = start;
    this.log.push(started);
  }
  fetch = async (_url: string, init: RequestInit) => {
    this.requests += 1;
    if (this.down) throw new TypeError("Failed to fetch");
    const { events } = JSON.parse(String(init.body)) as { events: RunEvent[] };
    let s = this.state;
    const fresh: RunEvent[] = [];
    for (const [index, e] of events.entries()) {
      if (s.appliedEventIds.includes(e.id)) continue;
      const problem = validateEvent(doc, s, e);
      if (problem) return { ok: false, status: 400, json: async () => ({ error: problem, index }) };
      s = reduceAll(doc, s, [e]);
      fresh.push(e);
    }
    this.state = s;
    this.log.push(...fresh);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError("Failed to fetch");
    }
    return { ok: true, status: 200, json: async () => ({ accepted: fresh.length, state: s }) };
  };
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
    expect(t.server.log.slice(1).map((e) => (e.type === "note.added" ? e.text : e.type))).toEqual(["one", "two", "field.captured"]);
    expect(sync.getSnapshot().sync).toEqual({ kind: "saved" });
    expect(sync.getSnapshot().state).toEqual(t.server.state);
  });

  it("resumes after a reload from the device: a later snapshot than the page, then the outbox, nothing twice", async () => {
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
  });

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

  it("keeps everything while the server is down and sends it when an action or the retry timer finds it back", async () => {
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
  });

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
