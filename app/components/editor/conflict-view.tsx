// Shown when a save was refused because someone else saved the draft first: both versions side by side and
// three explicit ways out. Nothing is overwritten until the user picks one.
import { useEffect, useRef } from "react";
import type { Conflict } from "./draft-sync";
import { DiffView } from "../authoring/diff-view";

function when(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function ConflictView({
  conflict,
  mine,
  merging,
  onKeepMine,
  onTakeTheirs,
  onMerge,
  onSaveMerge,
  onCancelMerge,
  saving,
}: {
  conflict: Conflict;
  mine: string;
  merging: boolean;
  saving: boolean;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onMerge(): void;
  onSaveMerge(): void;
  onCancelMerge(): void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Move focus to the news so keyboard and screen-reader users meet it at once.
    if (!merging) headingRef.current?.focus();
  }, [merging]);
  const who = conflict.updatedByName ?? "Someone";
  return (
    <section
      className={`conflict ${merging ? "conflict-merging" : ""}`}
      aria-labelledby="conflict-title"
      data-testid="conflict-view"
    >
      <div className="conflict-head">
        <div>
          <h2 id="conflict-title" tabIndex={-1} ref={headingRef}>
            {merging ? "Merging by hand" : `${who} saved this draft while you were editing`}
          </h2>
          {merging ? (
            <p>
              Edit the source below until it holds what both of you meant, using their version here for reference, then
              save. Your save replaces revision {conflict.revision}. Autosave is paused until then; your text is kept on
              this device.
            </p>
          ) : (
            <p>
              {who} saved revision {conflict.revision}
              {when(conflict.updatedAt) ? ` on ${when(conflict.updatedAt)}` : ""}. Your latest changes are{" "}
              <strong>not saved</strong> yet — they are kept in the editor and on this device. Nothing has been
              overwritten. Choose how to go on:
            </p>
          )}
        </div>
        <div className="conflict-actions">
          {merging ? (
            <>
              <button type="button" className="button button-primary" onClick={onSaveMerge} disabled={saving}>
                {saving ? "Saving…" : "Save merged version"}
              </button>
              <button type="button" className="button" onClick={onCancelMerge} disabled={saving}>
                Back to the choices
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button-primary" onClick={onKeepMine}>
                Keep mine (save over theirs)
              </button>
              <button type="button" className="button" onClick={onTakeTheirs}>
                Take theirs
              </button>
              <button type="button" className="button" onClick={onMerge}>
                Merge by hand
              </button>
            </>
          )}
        </div>
      </div>
      {merging ? null : (
        <p className="muted small conflict-note">
          “Take theirs” replaces your text with theirs; <kbd>Ctrl</kbd>+<kbd>Z</kbd> in the editor brings yours back.
        </p>
      )}
      <DiffView
        texts={{ left: conflict.source, right: mine }}
        counts
        compact
        leftTitle={`Their version (revision ${conflict.revision})`}
        rightTitle="Your version (not saved)"
        caption={`Their saved version on the left, your unsaved version on the right`}
      />
    </section>
  );
}
