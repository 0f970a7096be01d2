/**
 * A run on the agent's device, without React: the state the server acknowledged, plus the agent's events it
 * has not acknowledged yet (applied at once, kept in localStorage, sent in order until the server commits
 * them). `use-run.ts` binds it to React with useSyncExternalStore; tests drive it with a fake fetch and storage.
 *
 * Guarantees: an event leaves the outbox only when the server answered 2xx for the batch holding it (it is then
 * committed) or refused that very event (4xx naming it); everything else — no network, a server that is down,
 * a 5xx, a lost answer — keeps it queued and retries, and the server drops ids it already has, so a retry
 * never duplicates anything.
 */
import type { SopDocument } from "../../../sop-schema";
import { reduceAll, validateEvent, type RunEvent, type RunState } from "../../../runbook";
import { loadOutbox, loadSnapshot, newerState, nextDelay, rememberRun, saveOutbox, saveSnapshot, uuid, withoutAcknowledged, type KeyValueStorage } from "./outbox";

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
};

const FIRST_DELAY = 500;

export class RunSync {
  private readonly o: Required<Omit<RunSyncOptions, "storage">> & { storage?: KeyValueStorage };
  private snap: RunSyncSnapshot;
  private readonly listeners = new Set<() => void>();
  private inFlight = false;
  private stopped = true;
  private delay = FIRST_DELAY;
  private timer: Timer | undefined;

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
    if (this.snap.sync.kind !== "error") this.set({ sync: { kind: "offline", pending: this.snap.pending.length, reason: "offline" } });
  };

  dismissRejected = (): void => this.set({ rejected: null });

  // ------------------------------------------------------------------ events

  /** Applies an event now and queues it; returns why it was refused (nothing is queued then), or null. */
  dispatch = (partial: NewRunEvent): string | null => {
    const current = this.snap.state;
    if (current.status === "completed" && partial.type !== "followup.closed") return "This call is wrapped up and can no longer be changed.";
    const event = { ...partial, id: this.o.newId(), at: this.o.now() } as RunEvent;
    const problem = validateEvent(this.o.doc, current, event);
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
    const batch = this.snap.pending.slice(0, this.o.batchSize);
    this.set({ sync: { kind: "saving", pending: queued } });
    let again = false;
    try {
      const res = await this.o.fetch(this.runUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ events: batch }),
      });
      const body = ((await res.json().catch(() => null)) ?? {}) as { state?: RunState; error?: string; index?: number };
      if (res.ok && body.state) {
        // Committed: the server's state is the truth; what is left of the queue goes on top of it.
        const sent = new Set(batch.map((e) => e.id));
        saveSnapshot(this.o.storage, this.o.runId, body.state);
        this.replaceQueue(
          this.snap.pending.filter((e) => !sent.has(e.id)),
          body.state,
        );
        this.delay = FIRST_DELAY;
        again = this.snap.pending.length > 0;
        this.set({ sync: again ? { kind: "saving", pending: this.snap.pending.length } : { kind: "saved" } });
      } else if ((res.status === 400 || res.status === 409) && typeof body.index === "number" && batch[body.index]) {
        // The server refused this one event (and stored nothing of the batch): drop it, say why, send the rest.
        const bad = batch[body.index]!;
        this.replaceQueue(this.snap.pending.filter((e) => e.id !== bad.id));
        this.set({ rejected: body.error ?? "A change could not be saved.", sync: { kind: "saving", pending: this.snap.pending.length } });
        again = true;
      } else if (res.status === 401) {
        this.set({ sync: { kind: "error", pending: queued, message: "Your session has ended: sign in again in another tab. Your changes are kept on this device." } });
        this.schedule();
      } else if (res.status === 400 || res.status === 403 || res.status === 404 || res.status === 409 || res.status === 413) {
        // Retrying cannot help; keep the events (nothing is thrown away without a reason the agent can see).
        this.set({ sync: { kind: "error", pending: queued, message: body.error ?? "This run can no longer be changed." } });
      } else {
        throw new Error(body.error ?? `HTTP ${res.status}`);
      }
    } catch {
      if (!this.stopped) {
        this.set({ sync: { kind: "offline", pending: this.snap.pending.length, reason: this.o.isOnline() ? "unreachable" : "offline" } });
        this.schedule();
      }
    } finally {
      this.inFlight = false;
    }
    if (again) await this.flush();
  }
}
