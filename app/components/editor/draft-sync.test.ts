import { describe, expect, it } from "vitest";
import {
  backupKey,
  clearBackup,
  hasUnsaved,
  initialSyncState,
  loadBackup,
  nextSave,
  restoreDecision,
  saveBackup,
  syncReducer,
  syncStatus,
  type SyncState,
} from "./draft-sync";

const start = () => initialSyncState({ versionId: 7, source: "v1", revision: 3, updatedAt: 1000, readOnly: false });
/** A phantom draft: the editor opened on published version 5; no draft exists yet. */
const phantom = () => initialSyncState({ versionId: 5, source: "pub", revision: 0, updatedAt: 1000, readOnly: false });

function saveWith(
  state: SyncState,
  outcome: Parameters<typeof syncReducer>[1] extends infer A
    ? A extends { type: "save-done"; outcome: infer O }
      ? O
      : never
    : never,
) {
  const request = nextSave(state, true)!;
  const s = syncReducer(state, { type: "save-start", request });
  return { request, state: syncReducer(s, { type: "save-done", request, outcome }) };
}

describe("phantom drafts (the first change starts the draft)", () => {
  it("saves the first change against the published version, then into the draft it started", () => {
    let s = phantom();
    expect(syncStatus(s)).toEqual({ kind: "saved", revision: 0, at: 1000 });
    expect(nextSave(s)).toBeNull(); // opening writes nothing
    s = syncReducer(s, { type: "edit", source: "mine" });
    const first = saveWith(s, { ok: true, revision: 1, updatedAt: 2, errorCount: 0, warningCount: 0, versionId: 12 });
    expect(first.request).toMatchObject({ baseRevision: 0 });
    expect(first.state).toMatchObject({ versionId: 12, revision: 1, savedSource: "mine" });
    s = syncReducer(first.state, { type: "edit", source: "mine, more" });
    expect(nextSave(s)).toMatchObject({ baseRevision: 1 });
    expect(s.versionId).toBe(12);
  });

  it("meets a draft someone started meanwhile as a conflict, and keeps mine into their draft", () => {
    const s = syncReducer(phantom(), { type: "edit", source: "mine" });
    const other = { source: "theirs", revision: 3, updatedAt: 5, updatedByName: "Lee" };
    const met = saveWith(s, { ok: false, status: 409, versionId: 13, conflict: other }).state;
    expect(met.mode).toBe("conflict");
    expect(met.versionId).toBe(5);
    const kept = syncReducer(met, { type: "keep-mine" });
    expect(kept).toMatchObject({ versionId: 13, revision: 3, source: "mine" });
    expect(nextSave(kept)).toMatchObject({ baseRevision: 3, source: "mine" });
    expect(syncReducer(met, { type: "take-theirs" })).toMatchObject({ versionId: 13, source: "theirs" });
  });

  it("an answer lost on the way (our own draft) is carried on from, not a conflict", () => {
    const s = syncReducer(phantom(), { type: "edit", source: "mine" });
    const ours = { source: "mine", revision: 1, updatedAt: 5, updatedByName: "Me" };
    const after = saveWith(s, { ok: false, status: 409, versionId: 14, conflict: ours }).state;
    expect(after).toMatchObject({ mode: "edit", versionId: 14, revision: 1 });
  });
});

describe("syncReducer", () => {
  it("saves edits based on the known revision and tracks what the server has", () => {
    let s = syncReducer(start(), { type: "edit", source: "v2" });
    expect(syncStatus(s)).toEqual({ kind: "dirty" });
    const request = nextSave(s)!;
    expect(request).toMatchObject({ source: "v2", baseRevision: 3 });
    s = syncReducer(s, { type: "save-start", request });
    expect(syncStatus(s).kind).toBe("saving");
    expect(nextSave(s)).toBeNull();
    s = syncReducer(s, { type: "edit", source: "v3" });
    s = syncReducer(s, {
      type: "save-done",
      request,
      outcome: { ok: true, revision: 4, updatedAt: 2000, errorCount: 0, warningCount: 1 },
    });
    expect(s.revision).toBe(4);
    expect(s.savedSource).toBe("v2");
    expect(syncStatus(s)).toEqual({ kind: "dirty" });
    expect(nextSave(s)).toMatchObject({ source: "v3", baseRevision: 4 });
  });

  it("turns a 409 into a conflict that keeps both texts", () => {
    const edited = syncReducer(start(), { type: "edit", source: "mine" });
    const { state } = saveWith(edited, {
      ok: false,
      status: 409,
      conflict: { source: "theirs", revision: 5, updatedAt: 3000, updatedByName: "Alex" },
    });
    expect(state.mode).toBe("conflict");
    expect(state.source).toBe("mine");
    expect(state.conflict?.source).toBe("theirs");
    expect(nextSave(state)).toBeNull();
    expect(hasUnsaved(state)).toBe(true);

    const taken = syncReducer(state, { type: "take-theirs" });
    expect(taken).toMatchObject({ mode: "edit", source: "theirs", savedSource: "theirs", revision: 5 });
    expect(nextSave(taken)).toBeNull();

    const kept = syncReducer(state, { type: "keep-mine" });
    expect(nextSave(kept)).toMatchObject({ source: "mine", baseRevision: 5 });

    const merging = syncReducer(state, { type: "start-merge" });
    expect(nextSave(merging)).toBeNull();
    const merged = syncReducer(merging, { type: "edit", source: "mine + theirs" });
    const done = saveWith(merged, { ok: true, revision: 6, updatedAt: 4000, errorCount: 0, warningCount: 0 });
    expect(done.request.baseRevision).toBe(5);
    expect(done.state).toMatchObject({ mode: "edit", conflict: null, revision: 6, savedSource: "mine + theirs" });
    expect(syncReducer(merging, { type: "cancel-merge" }).mode).toBe("conflict");
  });

  it("adopts a 409 whose text is what we sent (a lost answer, a page-hide beacon)", () => {
    const edited = syncReducer(start(), { type: "edit", source: "same" });
    const { state } = saveWith(edited, {
      ok: false,
      status: 409,
      conflict: { source: "same", revision: 7, updatedAt: 1, updatedByName: "Me" },
    });
    expect(state.mode).toBe("edit");
    expect(syncStatus(state)).toEqual({ kind: "saved", revision: 7, at: 1 });
  });

  it("keeps the text on network failures and refusals", () => {
    const edited = syncReducer(start(), { type: "edit", source: "x" });
    const offline = saveWith(edited, { ok: false, status: 0, error: "Failed to fetch" }).state;
    expect(syncStatus(offline).kind).toBe("offline");
    expect(nextSave(offline)).not.toBeNull();

    const refused = saveWith(edited, { ok: false, status: 400, error: "too big" }).state;
    expect(syncStatus(refused)).toEqual({ kind: "error", message: "too big" });
    expect(nextSave(refused)).toBeNull();
    expect(nextSave(syncReducer(refused, { type: "edit", source: "y" }))).not.toBeNull();

    const locked = saveWith(edited, { ok: false, status: 423, error: "In review" }).state;
    expect(syncStatus(locked)).toEqual({ kind: "locked", reason: "In review" });
    expect(locked.source).toBe("x");
  });

  it("ignores answers to requests it no longer waits for", () => {
    const s = syncReducer(start(), { type: "edit", source: "x" });
    const same = syncReducer(s, {
      type: "save-done",
      request: { source: "x", baseRevision: 3, seq: 9 },
      outcome: { ok: true, revision: 4, updatedAt: 1, errorCount: 0, warningCount: 0 },
    });
    expect(same).toBe(s);
  });

  it("restores a backup based on an older revision so the next save meets the conflict view", () => {
    const s = syncReducer(
      initialSyncState({ versionId: 7, source: "server", revision: 9, updatedAt: 1, readOnly: false }),
      {
        type: "restore",
        source: "backup",
        baseRevision: 8,
      },
    );
    expect(nextSave(s)).toMatchObject({ source: "backup", baseRevision: 8 });
  });
});

describe("local backup", () => {
  function memory() {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      m,
    };
  }

  it("round-trips, ignores junk and decides what to offer", () => {
    const storage = memory();
    expect(loadBackup(storage, "a", 1)).toBeNull();
    saveBackup(storage, "a", 1, { source: "text", baseRevision: 2, savedAt: 5 });
    expect(loadBackup(storage, "a", 1)).toEqual({ source: "text", baseRevision: 2, savedAt: 5 });
    expect(loadBackup(storage, "a", 2)).toBeNull();
    expect(restoreDecision(loadBackup(storage, "a", 1), { source: "text" })).toBe("discard");
    expect(restoreDecision(loadBackup(storage, "a", 1), { source: "other" })).toBe("offer");
    storage.m.set(backupKey("b", 1), "{not json");
    expect(loadBackup(storage, "b", 1)).toBeNull();
    clearBackup(storage, "a", 1);
    expect(loadBackup(storage, "a", 1)).toBeNull();
    expect(loadBackup(undefined, "a", 1)).toBeNull();
  });
});
