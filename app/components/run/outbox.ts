/**
 * The run's outbox: events the agent made that the server has not acknowledged yet, kept in localStorage
 * so a reload, a crash or a dropped network loses nothing. Pure helpers (tested without a browser).
 */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;
type WithId = { id: string };

const key = (runId: string) => `stepwise:run:${runId}:outbox`;

export function loadOutbox<E extends WithId>(storage: KeyValueStorage | undefined, runId: string): E[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(key(runId));
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value) ? (value.filter((e) => e && typeof e === "object" && typeof (e as WithId).id === "string") as E[]) : [];
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

/** Next retry delay: 1 s doubling to 30 s. */
export function nextDelay(previous: number): number {
  return Math.min(30_000, Math.max(1_000, previous * 2));
}
