import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { SopDocument } from "../../../sop-schema/types";
import type { RunState } from "../../../runbook/state";
import { keepRunPageOffline } from "./offline-cache";
import { RunSync, type NewRunEvent } from "./run-sync";

export type { NewRunEvent, SyncStatus } from "./run-sync";

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

const online = () => typeof navigator === "undefined" || navigator.onLine !== false;

/**
 * A run in the browser (see run-sync.ts): the server's acknowledged state plus the agent's not-yet-acknowledged
 * events, applied optimistically, kept in localStorage and sent in order until the server commits them.
 * The first render equals the server render; what this device kept is resumed right after hydration.
 */
export function useRun({
  runId,
  doc,
  serverState,
  readOnly,
  lang,
}: {
  runId: string;
  doc: SopDocument;
  serverState: RunState;
  readOnly: boolean;
  lang?: string;
}) {
  const [sync] = useState(
    () =>
      new RunSync({
        runId,
        doc,
        server: serverState,
        storage: storage(),
        fetch: (url, init) => fetch(url, init),
        isOnline: online,
        lang,
      }),
  );
  useEffect(() => keepRunPageOffline(window.location.pathname), [runId]);
  useEffect(() => {
    if (readOnly) return; // someone else's run: nothing of it is queued or sent from here
    sync.start();
    const visible = () => {
      if (document.visibilityState === "visible") sync.retryNow();
    };
    window.addEventListener("online", sync.retryNow);
    window.addEventListener("offline", sync.wentOffline);
    document.addEventListener("visibilitychange", visible);
    return () => {
      window.removeEventListener("online", sync.retryNow);
      window.removeEventListener("offline", sync.wentOffline);
      document.removeEventListener("visibilitychange", visible);
      sync.stop();
    };
  }, [sync, readOnly]);
  useEffect(() => sync.acceptServerState(serverState), [sync, serverState]);

  const snap = useSyncExternalStore(sync.subscribe, sync.getSnapshot, sync.getSnapshot);
  const dispatch = useCallback(
    (event: NewRunEvent): string | null =>
      readOnly ? "Only the agent who started this run can change it." : sync.dispatch(event),
    [readOnly, sync],
  );
  /** The state right now (after a dispatch in the same handler), not the one of the last render. */
  const getState = useCallback(() => sync.getSnapshot().state, [sync]);
  return {
    state: snap.state,
    getState,
    dispatch,
    sync: snap.sync,
    rejected: snap.rejected,
    dismissRejected: sync.dismissRejected,
    retryNow: sync.retryNow,
  };
}
