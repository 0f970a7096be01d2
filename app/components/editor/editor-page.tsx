// The SOP editor screen: header (title, state, save status, lifecycle), banners (restore a local backup,
// in review, conflict) and the workspace. Data comes from the route (app/routes/sop.edit.tsx).
import { useEffect, useRef, useState } from "react";
import { Link, useFetcher } from "react-router";
import { StateBadge } from "../authoring/state-badge";
import { LifecycleForm, LifecycleNotice } from "../authoring/lifecycle-form";
import type { CodeEditorHandle } from "./code-editor";
import { ConflictView } from "./conflict-view";
import { DiffView } from "../authoring/diff-view";
import { counts, SopEditor, StatusLine, useLiveParse } from "./sop-editor";
import { editUrl, useDraftSync } from "./use-draft-sync";
import type { EditorDraft } from "../../lib/editor-draft";
import { blocksReview } from "../../../sop-schema/placeholders";
import { editorViewCookie, type EditorView } from "../../lib/editor-view";
import type { VisualEditorHandle } from "../visual-editor/visual-editor";

export type EditorPageDraft = EditorDraft;

export type Reviewer = { id: string; name: string; email: string };

/**
 * The view the author chose, remembered for the next page (a preference cookie the server reads, so it renders the
 * same view); a `?view=` in the address is dropped once the author switches, or a reload would switch back.
 */
function useEditorView(initial: EditorView): [EditorView, (view: EditorView) => void] {
  const [view, setView] = useState(initial);
  return [
    view,
    (next) => {
      setView(next);
      document.cookie = editorViewCookie(next, window.location.protocol === "https:");
      const url = new URL(window.location.href);
      if (url.searchParams.has("view")) {
        url.searchParams.delete("view");
        window.history.replaceState(window.history.state, "", url);
      }
    },
  ];
}

export function EditorPage({
  draft,
  departments,
  reviewers,
  initialView = "visual",
  visualRef,
  onDiscarded,
  notice,
}: {
  draft: EditorPageDraft;
  departments: readonly string[];
  reviewers: readonly Reviewer[];
  initialView?: EditorView;
  visualRef?: React.RefObject<VisualEditorHandle | null>;
  /** the draft was discarded: the route opens the editor afresh on the published text */
  onDiscarded?: (message: string) => void;
  /** what the previous editor of this page said as it closed (the draft was discarded) */
  notice?: string | null;
}) {
  const [view, setView] = useEditorView(initialView);
  const inReview = draft.state === "in_review";
  const sync = useDraftSync(draft, inReview);
  const { state, status } = sync;
  const parsed = useLiveParse(state.source, draft.sopId);
  const editorRef = useRef<CodeEditorHandle | null>(null);
  const readOnly = state.mode === "locked" || state.mode === "conflict";
  const live = counts(parsed.doc.diagnostics);
  const title = parsed.doc.meta.title || draft.title;
  const [showBackupDiff, setShowBackupDiff] = useState(false);
  // A phantom draft: the published text, no draft yet; the first save starts one (revision 1).
  const phantom = state.revision === 0;
  // A draft over a published version can be thrown away (a new SOP's first draft cannot: there is nothing to
  // go back to).
  const canDiscard = !phantom && !inReview && draft.basedOnVersion != null && state.mode !== "locked";

  return (
    <div className="editor-page" data-version-id={state.versionId} data-revision={state.revision}>
      <header className="editor-header">
        <div className="editor-header-main">
          <p className="eyebrow">
            <Link to="/editor">Editor</Link> · {parsed.doc.meta.department || draft.departmentName}
          </p>
          <h1 dir="auto">{title}</h1>
          <p className="editor-meta">
            {phantom ? (
              <>
                <StateBadge state="published" /> <span>Version {draft.basedOnVersion}</span>
                <span aria-hidden="true">·</span>
                <span>your first change starts draft v{draft.version}</span>
              </>
            ) : (
              <>
                <StateBadge state={draft.state} /> <span>Version {draft.version}</span>
                <span aria-hidden="true">·</span>
                <span>
                  {draft.basedOnVersion ? `started from published v${draft.basedOnVersion}` : "never published"}
                </span>
              </>
            )}
            <span aria-hidden="true">·</span>
            <Link to={`/sops/${encodeURIComponent(draft.sopId)}/history`}>History</Link>
            {draft.basedOnVersion ? (
              <>
                <span aria-hidden="true">·</span>
                <Link to={`/sops/${encodeURIComponent(draft.sopId)}`}>Published version</Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="editor-header-side">
          <StatusLine status={status} />
          <div className="editor-header-actions">
            {status.kind === "dirty" || status.kind === "offline" || status.kind === "error" ? (
              <button type="button" className="button button-small" onClick={sync.saveNow}>
                Save now
              </button>
            ) : null}
            {inReview ? null : (
              <SendToReview
                sopId={draft.sopId}
                reviewers={reviewers}
                errors={live.errors}
                warnings={live.warnings}
                blockedReason={
                  phantom
                    ? "Change something first: there is no draft to review yet."
                    : state.mode !== "edit"
                      ? "Resolve the conflict first."
                      : status.kind !== "saved"
                        ? "Wait until your changes are saved."
                        : live.errors > 0
                          ? `Fix ${live.errors === 1 ? "the error" : `the ${live.errors} errors`} ` +
                            `first: a draft with errors can't be reviewed.`
                          : parsed.doc.diagnostics.some(blocksReview)
                            ? "Replace the example text and placeholders first: they are listed under Problems."
                            : null
                }
              />
            )}
            {canDiscard ? (
              <LifecycleForm
                sopId={draft.sopId}
                intent="discard"
                submitLabel="Discard draft"
                busyLabel="Discarding…"
                tone="button-ghost"
                className="discard-draft"
                small
                onDone={onDiscarded}
                confirm={
                  `Discard draft v${draft.version}? Its changes are deleted for everyone; ` +
                  `agents keep published version ${draft.basedOnVersion}.`
                }
              />
            ) : null}
          </div>
        </div>
      </header>

      <LifecycleNotice sopId={draft.sopId} shown={notice} />
      {notice ? (
        <p role="status" className="alert alert-success editor-notice">
          {notice}
        </p>
      ) : null}

      {inReview ? (
        <section className="editor-banner editor-banner-review" aria-labelledby="review-banner-title">
          <div>
            <h2 id="review-banner-title">In review{draft.reviewerName ? ` with ${draft.reviewerName}` : ""}</h2>
            <p>
              This version is read-only while it is reviewed. Withdraw it to make changes; it goes back to being a
              draft.
            </p>
          </div>
          <LifecycleForm
            sopId={draft.sopId}
            intent="withdraw"
            submitLabel="Withdraw from review"
            busyLabel="Withdrawing…"
          />
        </section>
      ) : null}

      {state.mode === "locked" && !inReview ? (
        <p className="alert alert-error" role="alert">
          {state.lockedReason ?? "This draft can no longer be edited here."} Your text is kept on this device.{" "}
          <a href={editUrl(draft.sopId)}>Reload the editor</a>
        </p>
      ) : null}

      {sync.offer ? (
        <section
          className="editor-banner editor-banner-restore"
          aria-labelledby="restore-title"
          data-testid="restore-offer"
        >
          <div>
            <h2 id="restore-title">Unsaved changes from this device</h2>
            <p>
              You edited this draft here on{" "}
              {new Date(sync.offer.savedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })} and
              those changes never reached the server. Restore them, or discard them and keep the saved draft.
            </p>
          </div>
          <div className="editor-banner-actions">
            <button type="button" className="button button-primary" onClick={sync.restoreOffer}>
              Restore my changes
            </button>
            <button
              type="button"
              className="button"
              aria-expanded={showBackupDiff}
              onClick={() => setShowBackupDiff((v) => !v)}
            >
              {showBackupDiff ? "Hide the differences" : "Show the differences"}
            </button>
            <button type="button" className="button button-ghost" onClick={sync.discardOffer}>
              Discard them
            </button>
          </div>
          {showBackupDiff ? (
            <DiffView
              texts={{ left: state.savedSource, right: sync.offer.source }}
              counts
              compact
              leftTitle="Saved draft"
              rightTitle="On this device"
              caption="The saved draft on the left, the unsaved text on this device on the right"
            />
          ) : null}
        </section>
      ) : null}

      {state.conflict && (state.mode === "conflict" || state.mode === "merge") ? (
        <ConflictView
          conflict={state.conflict}
          mine={state.source}
          merging={state.mode === "merge"}
          saving={Boolean(state.inFlight)}
          onKeepMine={sync.keepMine}
          onTakeTheirs={sync.takeTheirs}
          onMerge={() => {
            sync.startMerge();
            requestAnimationFrame(() => editorRef.current?.focus());
          }}
          onSaveMerge={sync.saveNow}
          onCancelMerge={sync.cancelMerge}
        />
      ) : null}

      <SopEditor
        sopId={draft.sopId}
        source={state.source}
        onChange={sync.edit}
        parsed={parsed}
        readOnly={readOnly}
        departments={departments}
        version={draft.version}
        fallbackDepartment={draft.departmentName}
        editorRef={editorRef}
        onSaveShortcut={sync.saveNow}
        view={view}
        onViewChange={setView}
        visualRef={visualRef}
      />
    </div>
  );
}

type LifecycleResult =
  { ok: true; message: string } | { ok: false; error: string; fieldErrors?: Record<string, string> };

function SendToReview({
  sopId,
  reviewers,
  errors,
  warnings,
  blockedReason,
}: {
  sopId: string;
  reviewers: readonly Reviewer[];
  errors: number;
  warnings: number;
  blockedReason: string | null;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fetcher = useFetcher<LifecycleResult>();
  const busy = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const noReviewers = reviewers.length === 0;
  const reason = blockedReason ?? (noReviewers ? "There is no other lead or admin to review it." : null);

  useEffect(() => {
    if (result?.ok) dialogRef.current?.close();
  }, [result]);

  return (
    <>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={Boolean(reason)}
        aria-describedby={reason ? "send-review-reason" : undefined}
        onClick={() => dialogRef.current?.showModal()}
      >
        Send to review
      </button>
      {reason ? (
        <p className="send-review-reason small" id="send-review-reason">
          {reason}
        </p>
      ) : null}
      <dialog ref={dialogRef} className="dialog" aria-labelledby="send-review-title">
        <fetcher.Form method="post" action={`/sops/${encodeURIComponent(sopId)}/lifecycle`} className="stack">
          <h2 id="send-review-title">Send to review</h2>
          <input type="hidden" name="intent" value="submit" />
          <div className="form-field">
            <label htmlFor="review-reviewer">Reviewer</label>
            <select id="review-reviewer" name="reviewerId" required defaultValue="">
              <option value="" disabled>
                Choose a lead or admin…
              </option>
              {reviewers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({r.email})
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="review-comment">Note for the reviewer (optional)</label>
            <textarea id="review-comment" name="comment" rows={3} maxLength={2000} />
          </div>
          {warnings > 0 ? (
            <label className="checkbox-row">
              <input type="checkbox" name="confirmWarnings" value="1" required />
              <span>
                The draft has {warnings === 1 ? "1 warning" : `${warnings} warnings`} (listed under Problems). I have
                read {warnings === 1 ? "it" : "them"} and want it reviewed anyway.
              </span>
            </label>
          ) : null}
          {result && !result.ok ? (
            <p className="alert alert-error" role="alert">
              {result.error}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || errors > 0}>
              {busy ? "Sending…" : "Send to review"}
            </button>
            <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
          </div>
        </fetcher.Form>
      </dialog>
    </>
  );
}
