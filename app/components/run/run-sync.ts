/**
 * A run on the agent's device, without React: the state the server acknowledged, plus the agent's events it
 * has not acknowledged yet (applied at once, kept in localStorage, sent in order until the server commits
 * them). `use-run.ts` binds it to React with useSyncExternalStore; tests drive it with a fake fetch and storage.
 *
 * Guarantees: an event leaves the outbox only when the server answered 2xx for the batch holding it (it is then
 * committed) and the new acknowledged state holds it, when the server refused that very event (4xx naming
 * it), or when the run's event limit leaves no room for it (said on screen); everything else — no network, a
 * server that is down, a 5xx, a lost answer — keeps it queued and retries, and the server drops ids it already
 * has, so a retry never duplicates anything.
 *
 * The acknowledgement carries counts, not the state (`{ accepted, duplicates, eventCount }`): the device folds
 * its own batch into the state it last had acknowledged, with the same reducer the server runs, when the
 * counts prove that is the server's state (`acknowledgedState`), and reads the run (GET /api/runs/:id) when
 * they do not.
 */
import type { SopDocument } from "../../../sop-schema/types";
import { isWrapUpEvent, MAX_EVENTS_PER_RUN, type RunEvent } from "../../../runbook/events";
import { reduceAll } from "../../../runbook/reduce";
import { validateEvent } from "../../../runbook/validate";
import type { RunState } from "../../../runbook/state";
import {
  loadOutbox,
  loadSnapshot,
  newerState,
  nextDelay,
  rememberRun,
  saveOutbox,
  saveSnapshot,
  uuid,
  withoutAcknowledged,
  type KeyValueStorage,
} from "./outbox";

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type NewRunEvent = DistributiveOmit<RunEvent, "id" | "at">;

export type SyncStatus =
  | { kind: "saved" }
  | { kind: "saving"; pending: number }
  /** `offline`: the browser says it has no network; `unreachable`: the server did not answer */
  | { kind: "offline"; pending: number; reason: "offline" | "unreachable" }
  | { kind: "error"; pending: number; message: string };

export type RunSyncSnapshot = {
  /** what the agent sees: the acknowledged state with the pending events applied */
  state: RunState;
  /** the last state the server acknowledged */
  server: RunState;
  pending: RunEvent[];
  sync: SyncStatus;
  /** why the server refused one of the agent's changes (shown until dismissed) */
  rejected: string | null;
};

type Timer = ReturnType<typeof setTimeout>;

export type RunSyncOptions = {
  runId: string;
  doc: SopDocument;
  /** the state the page was rendered with */
  server: RunState;
  storage?: KeyValueStorage;
  fetch: (url: string, init: RequestInit) => Promise<Pick<Response, "ok" | "status" | "json">>;
  /** false when the browser knows it has no network (navigator.onLine) */
  isOnline?: () => boolean;
  now?: () => number;
  newId?: () => string;
  setTimer?: (fn: () => void, ms: number) => Timer;
  clearTimer?: (t: Timer | undefined) => void;
  /** events per request (the server takes up to 200) */
  batchSize?: number;
  /** the interface language of refusals (validateEvent's messages) */
  lang?: string;
};

const FIRST_DELAY = 500;

/** What POST /api/runs/:id/events answers once the batch is committed (README "Running a call"). */
export type EventsAck = {
  accepted?: number;
  duplicates?: number;
  /** the run's stored event count right after this batch */
  eventCount?: number;
  /** only with `?state=1` (or from a server before the counts): the whole state */
  state?: RunState;
};

/**
 * The server's state after it committed `batch` on top of `base`, computed here — or null when the answer
 * does not prove what that state is (then the caller reads the run).
 *
 * Why the result is exactly the server's state: `base` is a state the server committed (the page, an earlier
 * acknowledgement, a read of the run), and a stored run's event count always equals its state's
 * `appliedEventIds.length` (every stored event is one the reducer applied: the append path validates each with
 * the checks `reduce` uses, and never stores an id twice). The log is append-only, so the first
 * `base.appliedEventIds.length` events of the run are the ones `base` applied. With no duplicates and every
 * event of the batch accepted, `eventCount − accepted` events came before the batch; when that is `base`'s
 * count, the server's state before the batch was `base`, and it applied the batch, in order, event by event.
 * The reducer is pure and deterministic and the same code on both sides, so folding the batch into `base`
 * gives the server's state. Anything else — duplicates (an earlier attempt whose answer was lost, placed who
 * knows where), or other events before the batch (another tab or device) — returns null.
 */
export function acknowledgedState(
  doc: SopDocument,
  base: RunState,
  batch: readonly RunEvent[],
  ack: EventsAck,
): RunState | null {
  if (ack.state && Array.isArray(ack.state.appliedEventIds)) return ack.state;
  const before = base.appliedEventIds.length;
  if (ack.duplicates !== 0 || ack.accepted !== batch.length || ack.eventCount !== before + batch.length) return null;
  const next = reduceAll(doc, base, batch);
  // Belt and braces: the fold applied every event, as the server did.
  return next.appliedEventIds.length === ack.eventCount ? next : null;
}

/** Whether `state` holds every event of `batch` (a state the device may take after that batch's 2xx). */
function holdsAll(state: RunState, batch: readonly RunEvent[]): boolean {
  const ids = new Set(state.appliedEventIds);
  return batch.every((e) => ids.has(e.id));
}

export class RunSync {
  private readonly o: Required<Omit<RunSyncOptions, "storage" | "lang">> & { storage?: KeyValueStorage; lang?: string };
  private snap: RunSyncSnapshot;
  private readonly listeners = new Set<() => void>();
  private inFlight = false;
  private stopped = true;
  private delay = FIRST_DELAY;
  private timer: Timer | undefined;
  /** events per request; halved when the server says a batch is too large (413) */
  private batchLimit: number;
  /** acknowledgements folded here / answered by reading the run (for tests and diagnostics) */
  readonly stats = { folded: 0, reads: 0 };

  constructor(options: RunSyncOptions) {
    this.o = {
      isOnline: () => true,
      now: () => Date.now(),
      newId: uuid,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t),
      batchSize: 100,
      ...options,
    };
    this.batchLimit = this.o.batchSize;
    this.snap = { state: options.server, server: options.server, pending: [], sync: { kind: "saved" }, rejected: null };
  }

  // ------------------------------------------------------------------ store protocol (useSyncExternalStore)

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunSyncSnapshot => this.snap;

  private set(patch: Partial<RunSyncSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private get runUrl(): string {
    return `/api/runs/${this.o.runId}/events`;
  }

  /** The run's committed state as the server has it now (GET /api/runs/:id), or null if it cannot be read. */
  private async readServerState(): Promise<RunState | null> {
    this.stats.reads += 1;
    try {
      const res = await this.o.fetch(`/api/runs/${this.o.runId}`, {
        method: "GET",
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!res.ok) return null;
      const body = ((await res.json().catch(() => null)) ?? {}) as { state?: RunState };
      return body.state && Array.isArray(body.state.appliedEventIds) ? body.state : null;
    } catch {
      return null;
    }
  }

  // ------------------------------------------------------------------ life cycle

  /**
   * Resumes what this device knows beyond the page: a later acknowledged state (the page came from the offline
   * cache) and the events not acknowledged yet, then starts sending. Client-only (reads storage).
   */
  start(): void {
    this.stopped = false;
    const { storage, runId, doc } = this.o;
    const stored = loadSnapshot<RunState>(storage, runId);
    const server = newerState(this.snap.server, stored);
    if (server !== stored) saveSnapshot(storage, runId, server);
    rememberRun(storage, runId);
    const pending = withoutAcknowledged(loadOutbox<RunEvent>(storage, runId), server.appliedEventIds);
    saveOutbox(storage, runId, pending);
    this.set({ server, pending, state: reduceAll(doc, server, pending) });
    void this.flush();
  }

  stop(): void {
    this.stopped = true;
    this.o.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** The page's loader ran again: take its state if it is later than ours. */
  acceptServerState(server: RunState): void {
    const next = newerState(this.snap.server, server);
    if (next === this.snap.server) return;
    saveSnapshot(this.o.storage, this.o.runId, next);
    const pending = withoutAcknowledged(this.snap.pending, next.appliedEventIds);
    this.replaceQueue(pending, next);
  }

  /** The network came back (window `online`), the tab became visible, or the agent asked: try now. */
  retryNow = (): void => {
    this.delay = FIRST_DELAY;
    void this.flush();
  };

  /** The browser lost its network (window `offline`): say so now rather than at the next attempt. */
  wentOffline = (): void => {
    if (this.snap.sync.kind !== "error")
      this.set({ sync: { kind: "offline", pending: this.snap.pending.length, reason: "offline" } });
  };

  dismissRejected = (): void => this.set({ rejected: null });

  // ------------------------------------------------------------------ events

  /** Applies an event now and queues it; returns why it was refused (nothing is queued then), or null. */
  dispatch = (partial: NewRunEvent): string | null => {
    const current = this.snap.state;
    if (current.status === "completed" && partial.type !== "followup.closed")
      return "This call is wrapped up and can no longer be changed.";
    if (current.appliedEventIds.length >= MAX_EVENTS_PER_RUN && !isWrapUpEvent(partial)) {
      return (
        `This call has reached ${MAX_EVENTS_PER_RUN.toLocaleString("en")} changes, the most ` +
        `one run keeps: wrap it up to save the outcome (and start a new run to go on).`
      );
    }
    const event = { ...partial, id: this.o.newId(), at: this.o.now() } as RunEvent;
    const problem = validateEvent(this.o.doc, current, event, this.o.lang);
    if (problem) return problem;
    const pending = [...this.snap.pending, event];
    saveOutbox(this.o.storage, this.o.runId, pending);
    this.set({ pending, state: reduceAll(this.o.doc, current, [event]), rejected: null });
    // An action is also the best moment to retry: the agent is here, and the server may be back.
    this.delay = FIRST_DELAY;
    void this.flush();
    return null;
  };

  private replaceQueue(pending: RunEvent[], server = this.snap.server): void {
    saveOutbox(this.o.storage, this.o.runId, pending);
    this.set({ server, pending, state: reduceAll(this.o.doc, server, pending) });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.o.clearTimer(this.timer);
    this.delay = nextDelay(this.delay);
    this.timer = this.o.setTimer(() => void this.flush(), this.delay);
  }

  /** Sends the oldest pending events (one request at a time, so they arrive in order). */
  async flush(): Promise<void> {
    this.o.clearTimer(this.timer);
    this.timer = undefined;
    if (this.stopped || this.inFlight) return;
    const queued = this.snap.pending.length;
    if (!this.o.isOnline()) {
      // Nothing would get through; the `online` event resumes.
      this.set({ sync: { kind: "offline", pending: queued, reason: "offline" } });
      return;
    }
    if (queued === 0) {
      if (this.snap.sync.kind !== "saved") this.set({ sync: { kind: "saved" } });
      return;
    }
    this.inFlight = true;
    const batch = this.snap.pending.slice(0, this.batchLimit);
    // the acknowledged state this batch goes on top of (a page revalidation may replace it while in flight)
    const base = this.snap.server;
    this.set({ sync: { kind: "saving", pending: queued } });
    let again = false;
    try {
      const res = await this.o.fetch(this.runUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ events: batch }),
      });
      const body = ((await res.json().catch(() => null)) ?? {}) as EventsAck & {
        error?: string;
        index?: number;
        code?: string;
        limit?: number;
      };
      if (res.ok) {
        // Committed. The server's state after it: folded here when the counts prove it, else read from the run.
        let acked = acknowledgedState(this.o.doc, base, batch, body);
        if (acked) this.stats.folded += 1;
        else acked = await this.readServerState();
        // Not readable (or, impossibly, without the batch): keep the batch queued and try again later — a resend
        // is a no-op the server reports as duplicates, and then the run is read again.
        if (!acked || !holdsAll(acked, batch)) throw new Error("The run could not be read after a save.");
        const server = newerState(this.snap.server, acked);
        saveSnapshot(this.o.storage, this.o.runId, server);
        // What is left of the queue goes on top of it.
        this.replaceQueue(withoutAcknowledged(this.snap.pending, server.appliedEventIds), server);
        this.delay = FIRST_DELAY;
        again = this.snap.pending.length > 0;
        this.set({ sync: again ? { kind: "saving", pending: this.snap.pending.length } : { kind: "saved" } });
      } else if (
        res.status === 409 &&
        body.code === "run-event-limit" &&
        typeof body.limit === "number" &&
        typeof body.eventCount === "number"
      ) {
        // The run is full: nothing of the batch was stored. What still fits (and the wrap-up, always taken) is
        // sent; the rest can never be stored, so it is dropped — and the agent is told.
        const room = Math.max(0, body.limit - body.eventCount);
        const dropped = this.snap.pending.filter((e) => !isWrapUpEvent(e)).slice(room);
        if (dropped.length === 0) {
          this.set({
            sync: { kind: "error", pending: queued, message: body.error ?? "This run holds as many events as it may." },
          });
        } else {
          const gone = new Set(dropped.map((e) => e.id));
          this.replaceQueue(this.snap.pending.filter((e) => !gone.has(e.id)));
          const n = dropped.length;
          this.set({
            rejected:
              `${n} change${n === 1 ? "" : "s"} could not be saved: this run already ` +
              `holds ${body.limit.toLocaleString("en")} events, the most one run keeps. ` +
              `Wrap up the call (the wrap-up is still saved) and start a new run to go on.`,
            sync: { kind: "saving", pending: this.snap.pending.length },
          });
          again = true;
        }
      } else if (res.status === 413 && batch.length > 1) {
        // Too large for one request: send half as many at a time (one event always fits).
        this.batchLimit = Math.max(1, Math.ceil(batch.length / 2));
        again = true;
      } else if ((res.status === 400 || res.status === 409) && typeof body.index === "number" && batch[body.index]) {
        // The server refused this one event (and stored nothing of the batch): drop it, say why, send the rest.
        const bad = batch[body.index]!;
        this.replaceQueue(this.snap.pending.filter((e) => e.id !== bad.id));
        this.set({
          rejected: body.error ?? "A change could not be saved.",
          sync: { kind: "saving", pending: this.snap.pending.length },
        });
        again = true;
      } else if (res.status === 401) {
        this.set({
          sync: {
            kind: "error",
            pending: queued,
            message: "Your session has ended: sign in again in another tab. Your changes are kept on this device.",
          },
        });
        this.schedule();
      } else if (
        res.status === 400 ||
        res.status === 403 ||
        res.status === 404 ||
        res.status === 409 ||
        res.status === 413
      ) {
        // Retrying cannot help; keep the events (nothing is thrown away without a reason the agent can see).
        this.set({
          sync: { kind: "error", pending: queued, message: body.error ?? "This run can no longer be changed." },
        });
      } else {
        throw new Error(body.error ?? `HTTP ${res.status}`);
      }
    } catch {
      if (!this.stopped) {
        this.set({
          sync: {
            kind: "offline",
            pending: this.snap.pending.length,
            reason: this.o.isOnline() ? "unreachable" : "offline",
          },
        });
        this.schedule();
      }
    } finally {
      this.inFlight = false;
    }
    if (again) await this.flush();
  }
}
