// Keeping a draft safe: the pure state machine behind autosave (optimistic concurrency with the server's
// revision numbers) and the local backup of unsaved text. No React, no timers: tested without a browser.
import type { KeyValueStorage } from "../run/outbox";

export type Conflict = {
  source: string;
  revision: number;
  updatedAt: number;
  updatedByName: string | null;
  /** the version the other text is in, when it is not the one we saved to (a draft started meanwhile) */
  versionId?: number;
};

/** What a save can come back with: the server's answer, or status 0 when the network failed. */
export type SaveOutcome =
  /** `versionId`: the draft this save started (a phantom draft's first change) */
  | { ok: true; revision: number; updatedAt: number; errorCount: number; warningCount: number; versionId?: number }
  | { ok: false; status: 409; conflict: Conflict; versionId?: number }
  | { ok: false; status: 400 | 404 | 423; error: string }
  | { ok: false; status: 0; error: string };

export type SaveRequest = { source: string; baseRevision: number; seq: number };

export type SyncState = {
  /**
   * The version saves go to. Revision 0: the published version of a phantom draft, whose first save starts the
   * draft and answers with its id.
   */
  versionId: number;
  /** The editor's text now. */
  source: string;
  /** The text of `revision` on the server, as far as we know. */
  savedSource: string;
  revision: number;
  savedAt: number;
  /** edit: autosave on; conflict: waiting for a choice; merge: editing by hand, saved explicitly; locked: read-only. */
  mode: "edit" | "conflict" | "merge" | "locked";
  inFlight: SaveRequest | null;
  conflict: Conflict | null;
  problem: null | { kind: "offline" } | { kind: "error"; message: string };
  /** A text the server refused (400): not retried until it changes. */
  refusedSource: string | null;
  lockedReason: string | null;
  seq: number;
  /** Counts from the last successful save (the server's parse). */
  counts: { errors: number; warnings: number } | null;
};

export type SyncAction =
  | { type: "edit"; source: string }
  | { type: "save-start"; request: SaveRequest }
  | { type: "save-done"; request: SaveRequest; outcome: SaveOutcome }
  | { type: "take-theirs" }
  | { type: "keep-mine" }
  | { type: "start-merge" }
  | { type: "cancel-merge" }
  | { type: "restore"; source: string; baseRevision: number };

export function initialSyncState(draft: {
  versionId: number;
  source: string;
  revision: number;
  updatedAt: number;
  readOnly: boolean;
  errorCount?: number;
  warningCount?: number;
}): SyncState {
  return {
    versionId: draft.versionId,
    source: draft.source,
    savedSource: draft.source,
    revision: draft.revision,
    savedAt: draft.updatedAt,
    mode: draft.readOnly ? "locked" : "edit",
    inFlight: null,
    conflict: null,
    problem: null,
    refusedSource: null,
    lockedReason: null,
    seq: 0,
    counts: draft.errorCount != null ? { errors: draft.errorCount, warnings: draft.warningCount ?? 0 } : null,
  };
}

/** A conflict settled: back to editing, the next save based on their revision. */
function editingOn(state: SyncState, c: Conflict): SyncState {
  return {
    ...state,
    mode: "edit",
    conflict: null,
    versionId: c.versionId ?? state.versionId,
    revision: c.revision,
    savedSource: c.source,
    savedAt: c.updatedAt,
    problem: null,
  };
}

export function syncReducer(state: SyncState, action: SyncAction): SyncState {
  switch (action.type) {
    case "edit":
      return action.source === state.source ? state : { ...state, source: action.source };
    case "save-start":
      return { ...state, inFlight: action.request, seq: Math.max(state.seq, action.request.seq) };
    case "save-done": {
      if (state.inFlight?.seq !== action.request.seq) return state;
      const { outcome, request } = action;
      const base = { ...state, inFlight: null };
      if (outcome.ok) {
        return {
          ...base,
          versionId: outcome.versionId ?? state.versionId,
          revision: outcome.revision,
          savedSource: request.source,
          savedAt: outcome.updatedAt,
          problem: null,
          refusedSource: null,
          mode: state.mode === "merge" || state.mode === "conflict" ? "edit" : state.mode,
          conflict: state.mode === "merge" ? null : state.conflict,
          counts: { errors: outcome.errorCount, warnings: outcome.warningCount },
        };
      }
      switch (outcome.status) {
        case 409: {
          const conflict = { ...outcome.conflict, versionId: outcome.versionId ?? outcome.conflict.versionId };
          // The server already has exactly what we sent (an earlier save whose answer we lost, a page-hide
          // beacon, a save from another tab of ours): nothing to resolve, carry on from its revision.
          if (conflict.source === request.source || conflict.source === state.source)
            return {
              ...base,
              versionId: conflict.versionId ?? state.versionId,
              revision: conflict.revision,
              savedSource: conflict.source,
              savedAt: conflict.updatedAt,
              problem: null,
            };
          return { ...base, mode: "conflict", conflict, problem: null };
        }
        case 423:
          return { ...base, mode: "locked", lockedReason: outcome.error };
        case 0:
          return { ...base, problem: { kind: "offline" } };
        default:
          return { ...base, problem: { kind: "error", message: outcome.error }, refusedSource: request.source };
      }
    }
    case "take-theirs": {
      const c = state.conflict;
      if (!c) return state;
      return { ...editingOn(state, c), source: c.source };
    }
    case "keep-mine": {
      const c = state.conflict;
      if (!c) return state;
      // The next save is based on their revision: it replaces it, knowingly.
      return editingOn(state, c);
    }
    case "start-merge": {
      const c = state.conflict;
      if (!c) return state;
      return {
        ...state,
        mode: "merge",
        versionId: c.versionId ?? state.versionId,
        revision: c.revision,
        savedSource: c.source,
        savedAt: c.updatedAt,
      };
    }
    case "cancel-merge":
      return state.mode === "merge" && state.conflict ? { ...state, mode: "conflict" } : state;
    case "restore":
      return {
        ...state,
        source: action.source,
        revision: action.baseRevision,
        mode: state.mode === "locked" ? "locked" : "edit",
      };
  }
}

/** The save to send now, or null. Autosave only saves in edit mode; `explicit` also saves a manual merge. */
export function nextSave(state: SyncState, explicit = false): SaveRequest | null {
  if (state.inFlight) return null;
  if (!(state.mode === "edit" || (explicit && state.mode === "merge"))) return null;
  if (state.source === state.savedSource && state.mode === "edit") return null;
  if (!explicit && state.source === state.refusedSource) return null;
  return { source: state.source, baseRevision: state.revision, seq: state.seq + 1 };
}

export type SyncStatus =
  | { kind: "saved"; revision: number; at: number }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "error"; message: string }
  | { kind: "conflict" }
  | { kind: "merge" }
  | { kind: "locked"; reason: string | null };

export function syncStatus(state: SyncState): SyncStatus {
  if (state.mode === "locked") return { kind: "locked", reason: state.lockedReason };
  if (state.mode === "conflict") return { kind: "conflict" };
  if (state.mode === "merge") return { kind: "merge" };
  if (state.inFlight) return { kind: "saving" };
  if (state.problem?.kind === "offline") return { kind: "offline" };
  if (state.problem?.kind === "error") return { kind: "error", message: state.problem.message };
  if (state.source !== state.savedSource) return { kind: "dirty" };
  return { kind: "saved", revision: state.revision, at: state.savedAt };
}

/** Whether the page holds text the server does not have. */
export function hasUnsaved(state: SyncState): boolean {
  return state.source !== state.savedSource || state.mode === "conflict" || state.mode === "merge";
}

// ---------------------------------------------------------------------------------------------
// Local backup: the unsaved text of one draft version, on this device.

export type DraftBackup = { source: string; baseRevision: number; savedAt: number };

export const backupKey = (sopId: string, versionId: number) => `stepwise:draft:${sopId}:${versionId}`;

export function loadBackup(storage: KeyValueStorage | undefined, sopId: string, versionId: number): DraftBackup | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(backupKey(sopId, versionId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<DraftBackup>;
    if (typeof v?.source !== "string" || typeof v.baseRevision !== "number" || typeof v.savedAt !== "number")
      return null;
    return { source: v.source, baseRevision: v.baseRevision, savedAt: v.savedAt };
  } catch {
    return null;
  }
}

export function saveBackup(
  storage: KeyValueStorage | undefined,
  sopId: string,
  versionId: number,
  backup: DraftBackup,
): void {
  if (!storage) return;
  try {
    storage.setItem(backupKey(sopId, versionId), JSON.stringify(backup));
  } catch {
    // storage full or disabled: the server copy and the page still hold the text
  }
}

export function clearBackup(storage: KeyValueStorage | undefined, sopId: string, versionId: number): void {
  try {
    storage?.removeItem(backupKey(sopId, versionId));
  } catch {
    // nothing to do
  }
}

/** On load: a backup equal to the server copy is stale (discard it); a different one is offered back. */
export function restoreDecision(backup: DraftBackup | null, server: { source: string }): "none" | "discard" | "offer" {
  if (!backup) return "none";
  return backup.source === server.source ? "discard" : "offer";
}
