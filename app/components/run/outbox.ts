/**
 * The run's outbox: events the agent made that the server has not acknowledged yet, kept in localStorage
 * so a reload, a crash or a dropped network loses nothing; beside it, the last state the server acknowledged
 * (the snapshot), so a reload while offline resumes exactly where the agent was. Pure helpers (tested without
 * a browser).
 */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;
type WithId = { id: string };
/** What the snapshot logic needs of a run state: the ids of its events, in order (an append-only log). */
type Logged = { appliedEventIds: string[] };

const key = (runId: string) => `stepwise:run:${runId}:outbox`;
const snapshotKey = (runId: string) => `stepwise:run:${runId}:state`;
const RECENT_KEY = "stepwise:runs:recent";
/** Snapshots kept for this many recently opened runs (an outbox with events in it is never dropped). */
export const RECENT_RUNS = 20;

export function loadOutbox<E extends WithId>(storage: KeyValueStorage | undefined, runId: string): E[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(key(runId));
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value)
      ? (value.filter((e) => e && typeof e === "object" && typeof (e as WithId).id === "string") as E[])
      : [];
  } catch {
    return [];
  }
}

export function saveOutbox<E extends WithId>(storage: KeyValueStorage | undefined, runId: string, events: E[]): void {
  if (!storage) return;
  try {
    if (events.length === 0) storage.removeItem(key(runId));
    else storage.setItem(key(runId), JSON.stringify(events));
  } catch {
    // storage full or disabled: the in-memory queue still retries until the server acknowledges
  }
}

/** Drops what the server already has (acknowledged before a reload whose answer was lost). */
export function withoutAcknowledged<E extends WithId>(events: E[], applied: Iterable<string>): E[] {
  const known = new Set(applied);
  return events.filter((e) => !known.has(e.id));
}

function isLogged(value: unknown): value is Logged {
  const ids = value && typeof value === "object" ? (value as Logged).appliedEventIds : undefined;
  return Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === "string");
}

/** The last state the server acknowledged for this run on this device, if any. */
export function loadSnapshot<S extends Logged>(storage: KeyValueStorage | undefined, runId: string): S | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(snapshotKey(runId));
    const value: unknown = raw ? JSON.parse(raw) : null;
    return isLogged(value) ? (value as S) : null;
  } catch {
    return null;
  }
}

export function saveSnapshot<S extends Logged>(storage: KeyValueStorage | undefined, runId: string, state: S): void {
  if (!storage) return;
  try {
    storage.setItem(snapshotKey(runId), JSON.stringify(state));
  } catch {
    // full or disabled: a reload while offline then falls back to the page's own (older) state
  }
}

/**
 * Of two acknowledged states of the same run, the later one. The log is append-only, so the state that has
 * applied more events is the later; on a tie, or when they are not states of the same run, `a` wins.
 */
export function newerState<S extends Logged>(a: S, b: S | null | undefined): S {
  if (!b || !isLogged(b) || b.appliedEventIds[0] !== a.appliedEventIds[0]) return a;
  return b.appliedEventIds.length > a.appliedEventIds.length ? b : a;
}

/**
 * Records that `runId` was opened on this device and forgets the snapshots of runs opened longer ago than the
 * last `keep` ones, unless they still have events waiting to be sent. Returns the run ids forgotten.
 */
export function rememberRun(storage: KeyValueStorage | undefined, runId: string, keep = RECENT_RUNS): string[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(RECENT_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    const before = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
    const recent = [runId, ...before.filter((id) => id !== runId)];
    const kept: string[] = [];
    const forgotten: string[] = [];
    for (const id of recent) {
      if (kept.length < keep || storage.getItem(key(id))) kept.push(id);
      else {
        storage.removeItem(snapshotKey(id));
        forgotten.push(id);
      }
    }
    storage.setItem(RECENT_KEY, JSON.stringify(kept));
    return forgotten;
  } catch {
    return [];
  }
}

/** RFC 4122 v4, also where crypto.randomUUID is missing (plain http on a LAN address). */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Longest wait between two attempts to reach the server (an agent acting, or the network returning, retries at once).
 */
export const MAX_RETRY_DELAY = 10_000;

/** Next retry delay: 1 s doubling to 10 s. */
export function nextDelay(previous: number): number {
  return Math.min(MAX_RETRY_DELAY, Math.max(1_000, previous * 2));
}
