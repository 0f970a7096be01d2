// Autosave for the editor: saves ~2 s after typing stops, when the tab is hidden and (as a keepalive
// request) when the page goes away; keeps unsaved text in localStorage so a crash or a closed tab loses
// nothing; turns a save based on an old revision into a conflict instead of overwriting.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { useFetcher } from "react-router";
import {
  clearBackup,
  hasUnsaved,
  initialSyncState,
  loadBackup,
  nextSave,
  restoreDecision,
  saveBackup,
  syncReducer,
  syncStatus,
  type DraftBackup,
  type SaveOutcome,
  type SaveRequest,
} from "./draft-sync";

export const AUTOSAVE_DELAY_MS = 2000;
const OFFLINE_RETRY_MS = 5000;

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export function editUrl(sopId: string): string {
  return `/sops/${encodeURIComponent(sopId)}/edit`;
}

/** A save that outlives the page (pagehide): React Router's data endpoint for this route's action. */
function beacon(sopId: string, versionId: number, baseRevision: number, source: string) {
  const body = new URLSearchParams({
    intent: "save",
    versionId: String(versionId),
    baseRevision: String(baseRevision),
    source,
  });
  try {
    void fetch(`${editUrl(sopId)}.data`, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(
      () => undefined,
    );
  } catch {
    // too large for a keepalive request: the local backup still has it
  }
}

type Draft = {
  sopId: string;
  /** the draft's id; for a phantom draft (revision 0) the published version's */
  versionId: number;
  source: string;
  revision: number;
  updatedAt: number;
  errorCount: number;
  warningCount: number;
};

export function useDraftSync(draft: Draft, readOnly: boolean) {
  const { sopId } = draft;
  const [state, dispatch] = useReducer(syncReducer, undefined, () => initialSyncState({ ...draft, readOnly }));
  // Saves go to state.versionId: a phantom draft's first save starts the draft and moves it there.
  const { versionId } = state;
  const fetcher = useFetcher<SaveOutcome>({ key: `draft-save-${sopId}-${draft.versionId}` });
  const stateRef = useRef(state);
  stateRef.current = state;
  const pending = useRef<{ request: SaveRequest; data: unknown } | null>(null);
  /** A backup found on load that differs from the server copy, until the user restores or discards it. */
  const [offer, setOffer] = useState<DraftBackup | null>(null);
  const [backupChecked, setBackupChecked] = useState(false);
  /** Bumped to save right after a state change (e.g. "keep mine"). */
  const [flushTick, setFlushTick] = useState(0);

  const save = useCallback(
    (explicit = false) => {
      if (pending.current) return;
      const request = nextSave(stateRef.current, explicit);
      if (!request) return;
      pending.current = { request, data: fetcher.data };
      dispatch({ type: "save-start", request });
      void fetcher.submit(
        { intent: "save", versionId, baseRevision: request.baseRevision, source: request.source },
        { method: "post", encType: "application/json", action: editUrl(sopId) },
      );
    },
    // fetcher.submit is stable; fetcher.data is read for the identity check only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sopId, versionId, fetcher.data],
  );

  useEffect(() => {
    if (flushTick) save(true);
    // Only when asked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flushTick]);

  // The answer to the save in flight.
  useEffect(() => {
    const p = pending.current;
    if (!p || fetcher.state !== "idle" || fetcher.data === p.data || fetcher.data === undefined) return;
    pending.current = null;
    dispatch({ type: "save-done", request: p.request, outcome: fetcher.data });
  }, [fetcher.state, fetcher.data]);

  // Autosave after a pause in typing; retry while offline.
  useEffect(() => {
    if (
      state.mode !== "edit" ||
      state.inFlight ||
      state.source === state.savedSource ||
      state.source === state.refusedSource
    )
      return;
    const t = setTimeout(() => save(), state.problem?.kind === "offline" ? OFFLINE_RETRY_MS : AUTOSAVE_DELAY_MS);
    return () => clearTimeout(t);
  }, [state.mode, state.inFlight, state.source, state.savedSource, state.refusedSource, state.problem, save]);

  // On load: a local backup that differs from the server copy is offered back; an identical one is dropped.
  useEffect(() => {
    const backup = loadBackup(storage(), sopId, draft.versionId);
    const decision = restoreDecision(backup, { source: draft.source });
    if (decision === "discard") clearBackup(storage(), sopId, draft.versionId);
    if (decision === "offer") setOffer(backup);
    setBackupChecked(true);
    // Once per draft version.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sopId, draft.versionId]);

  // The first save of a phantom draft started the draft: the backup kept under the published version moves.
  useEffect(() => {
    if (versionId !== draft.versionId) clearBackup(storage(), sopId, draft.versionId);
  }, [sopId, versionId, draft.versionId]);

  // Keep unsaved text on this device; forget it once the server has it.
  useEffect(() => {
    if (!backupChecked || offer) return;
    if (!hasUnsaved(state)) {
      clearBackup(storage(), sopId, versionId);
      return;
    }
    const t = setTimeout(
      () =>
        saveBackup(storage(), sopId, versionId, {
          source: state.source,
          baseRevision: state.revision,
          savedAt: Date.now(),
        }),
      300,
    );
    return () => clearTimeout(t);
  }, [backupChecked, offer, state, sopId, versionId]);

  // Leaving: hidden tab → save now; page going away (or this screen unmounting) → backup + keepalive save.
  useEffect(() => {
    const flushOut = () => {
      const s = stateRef.current;
      if (!hasUnsaved(s) || s.mode === "locked") return;
      saveBackup(storage(), sopId, versionId, { source: s.source, baseRevision: s.revision, savedAt: Date.now() });
      if (s.mode === "edit") beacon(sopId, versionId, s.revision, s.source);
    };
    const onVisibility = () => {
      if (document.visibilityState !== "hidden") return;
      const s = stateRef.current;
      if (hasUnsaved(s))
        saveBackup(storage(), sopId, versionId, { source: s.source, baseRevision: s.revision, savedAt: Date.now() });
      save();
    };
    const onOnline = () => save();
    window.addEventListener("pagehide", flushOut);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flushOut);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [sopId, versionId, save]);

  useEffect(
    () => () => {
      // Unmounting (navigating away inside the app): the same as the page going away.
      const s = stateRef.current;
      if (!hasUnsaved(s) || s.mode === "locked") return;
      saveBackup(storage(), sopId, versionId, { source: s.source, baseRevision: s.revision, savedAt: Date.now() });
      if (s.mode === "edit" && !pending.current) beacon(sopId, versionId, s.revision, s.source);
    },
    [sopId, versionId],
  );

  return {
    state,
    status: syncStatus(state),
    offer,
    edit: useCallback((source: string) => dispatch({ type: "edit", source }), []),
    saveNow: useCallback(() => setFlushTick((n) => n + 1), []),
    takeTheirs: () => dispatch({ type: "take-theirs" }),
    keepMine: () => {
      dispatch({ type: "keep-mine" });
      setFlushTick((n) => n + 1);
    },
    startMerge: () => dispatch({ type: "start-merge" }),
    cancelMerge: () => dispatch({ type: "cancel-merge" }),
    restoreOffer: () => {
      if (!offer) return;
      dispatch({
        type: "restore",
        source: offer.source,
        baseRevision: Math.min(offer.baseRevision, stateRef.current.revision),
      });
      setOffer(null);
    },
    discardOffer: () => {
      clearBackup(storage(), sopId, versionId);
      setOffer(null);
    },
  };
}
