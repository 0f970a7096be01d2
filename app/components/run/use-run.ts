import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SopDocument } from "../../../sop-schema";
import { reduce, validateEvent, type RunEvent, type RunState } from "../../../runbook";
import { loadOutbox, nextDelay, saveOutbox, uuid, withoutAcknowledged } from "./outbox";

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type NewRunEvent = DistributiveOmit<RunEvent, "id" | "at">;

export type SyncStatus =
  | { kind: "saved" }
  | { kind: "saving"; pending: number }
  | { kind: "offline"; pending: number }
  | { kind: "error"; pending: number; message: string };

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * A run in the browser: the server's acknowledged state plus the agent's not-yet-acknowledged events,
 * applied optimistically, kept in localStorage and sent in order until the server commits them.
 */
export function useRun({ runId, doc, serverState, readOnly }: { runId: string; doc: SopDocument; serverState: RunState; readOnly: boolean }) {
  const [server, setServer] = useState(serverState);
  const [pending, setPending] = useState<RunEvent[]>([]);
  const [sync, setSync] = useState<SyncStatus>({ kind: "saved" });
  const [rejected, setRejected] = useState<string | null>(null);
  const pendingRef = useRef<RunEvent[]>([]);
  const inFlight = useRef(false);
  const delay = useRef(1_000);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const state = useMemo(() => pending.reduce((s, e) => reduce(doc, s, e), server), [doc, server, pending]);
  const stateRef = useRef(state);
  stateRef.current = state;

  const setQueue = useCallback(
    (events: RunEvent[]) => {
      pendingRef.current = events;
      saveOutbox(storage(), runId, events);
      setPending(events);
    },
    [runId],
  );

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (inFlight.current || pendingRef.current.length === 0) return;
    inFlight.current = true;
    const batch = pendingRef.current.slice(0, 100);
    setSync({ kind: "saving", pending: pendingRef.current.length });
    let retry = false;
    try {
      const res = await fetch(`/api/runs/${runId}/events`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ events: batch }),
      });
      const body = (await res.json().catch(() => ({}))) as { state?: RunState; error?: string; index?: number };
      if (res.ok && body.state) {
        const sent = new Set(batch.map((e) => e.id));
        setServer(body.state);
        setQueue(pendingRef.current.filter((e) => !sent.has(e.id)));
        delay.current = 1_000;
        setSync(pendingRef.current.length ? { kind: "saving", pending: pendingRef.current.length } : { kind: "saved" });
        retry = pendingRef.current.length > 0;
      } else if ((res.status === 400 || res.status === 409) && typeof body.index === "number" && body.index >= 0) {
        // The server refused one event (the rest of the batch was not stored): drop it, say why, send the rest.
        const bad = batch[body.index];
        setRejected(body.error ?? "A change could not be saved.");
        setQueue(pendingRef.current.filter((e) => e.id !== bad?.id));
        retry = true;
      } else if (res.status === 401) {
        setSync({ kind: "error", pending: pendingRef.current.length, message: "Your session has ended. Sign in again in another tab; your changes are kept on this device." });
        timer.current = setTimeout(flush, (delay.current = nextDelay(delay.current)));
      } else if (res.status === 403 || res.status === 404) {
        setSync({ kind: "error", pending: pendingRef.current.length, message: body.error ?? "This run can no longer be changed." });
      } else {
        throw new Error(body.error ?? `HTTP ${res.status}`);
      }
    } catch {
      setSync({ kind: "offline", pending: pendingRef.current.length });
      timer.current = setTimeout(flush, (delay.current = nextDelay(delay.current)));
    } finally {
      inFlight.current = false;
    }
    if (retry) void flush();
  }, [runId, setQueue]);

  // Resume: whatever this device had not got acknowledged is replayed on top of the server's state.
  useEffect(() => {
    const stored = withoutAcknowledged(loadOutbox<RunEvent>(storage(), runId), server.appliedEventIds ?? []);
    if (stored.length) {
      setQueue(stored);
      void flush();
    }
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId]);

  /** Applies an event now and queues it; returns why it was refused, or null. */
  const dispatch = useCallback(
    (partial: NewRunEvent): string | null => {
      if (readOnly) return "This run is finished and read-only.";
      const event = { ...partial, id: uuid(), at: Date.now() } as RunEvent;
      const problem = validateEvent(doc, stateRef.current, event);
      if (problem) return problem;
      stateRef.current = reduce(doc, stateRef.current, event);
      setRejected(null);
      setQueue([...pendingRef.current, event]);
      void flush();
      return null;
    },
    [doc, readOnly, flush, setQueue],
  );

  return { state, dispatch, sync, rejected, dismissRejected: () => setRejected(null), retryNow: () => void flush() };
}
