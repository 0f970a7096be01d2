import { Link } from "react-router";
import type { Route } from "./+types/sop.review";
import { getDb } from "../../db/client.server";
import { isApproved } from "../../db/versions.server";
import { structuralDiff, textDiff } from "../../authoring/diff";
import { requirePermission } from "../auth/session.server";
import { lifecycleAbilities, listReviewers, versionForReview } from "../authoring.server";
import { RouteErrorBoundary } from "../components/errors";
import { StateBadge } from "../components/authoring/state-badge";
import { LifecycleForm, LifecycleNotice } from "../components/authoring/lifecycle-form";
import { DiffSummary, DiffView } from "../components/authoring/diff-view";
import { SopView } from "../components/sop/sop-view";
import { trainingReach } from "../../db/training.server";
import { fixableFlags, type FixableFlag } from "../feedback.server";
import "../components/training/training.css";
import "./feedback.css";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Review · ${data?.title ?? "SOP"} · Stepwise` }];

const ACTION_LABELS: Record<string, string> = {
  submitted: "sent it to review",
  approved: "approved",
  changes_requested: "requested changes",
  comment: "commented",
  withdrawn: "withdrew it from review",
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "edit:sop");
  const db = getDb();
  const { sop, open, published, comments } = await versionForReview(db, params.sopId);
  const may = await lifecycleAbilities(db, user, params.sopId);
  const diff =
    open && published
      ? {
          text: textDiff(published.source, open.source),
          summary: structuralDiff(published.document, open.document).summary,
        }
      : null;
  return {
    title: sop.title,
    sop,
    open: open
      ? {
          id: open.id,
          version: open.version,
          state: open.state,
          reviewerId: open.reviewerId,
          reviewerName: open.reviewerName,
          errorCount: open.errorCount,
          warningCount: open.warningCount,
          document: open.document,
          approved: isApproved(db, open.id),
        }
      : null,
    publishedVersion: published?.version ?? null,
    // Publishing asks whether the change matters for training: say how many people it would reach.
    reach: published ? await trainingReach(db, params.sopId) : null,
    diff: diff
      ? { rows: diff.text.rows, added: diff.text.added, removed: diff.text.removed, summary: diff.summary }
      : null,
    comments,
    may,
    reviewers: may.reassign ? (await listReviewers(db, user)).filter((r) => r.id !== open?.reviewerId) : [],
    // Agents' open flags on this SOP, for "This version fixes …" at publish.
    fixes: open?.state === "in_review" && may.publish ? await fixableFlags(db, user, sop) : [],
  };
}

export default function SopReview({ loaderData }: Route.ComponentProps) {
  const { sop, open, publishedVersion, reach, diff, comments, may, reviewers, fixes } = loaderData;
  if (!open) {
    return (
      <>
        <header className="page-header">
          <p className="eyebrow">
            <Link to="/reviews">Reviews</Link>
          </p>
          <h1>{sop.title}</h1>
        </header>
        <LifecycleNotice sopId={sop.id} />
        <div className="card empty-state">
          <p>There is no draft or review open for this SOP.</p>
          <Link className="button" to={`/sops/${sop.id}/history`}>
            See its history
          </Link>
        </div>
      </>
    );
  }
  const inReview = open.state === "in_review";
  const mayDecide = inReview && may.review;
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <p className="eyebrow">
            <Link to="/reviews">Reviews</Link> · {sop.departmentName}
          </p>
          <h1>
            Review: {sop.title} <span className="muted">v{open.version}</span>
          </h1>
          <p>
            <StateBadge state={open.state} />{" "}
            {open.approved ? <span className="badge badge-success">Approved</span> : null}{" "}
            {open.reviewerName ? <span className="muted">Reviewer: {open.reviewerName}</span> : null}{" "}
            {open.warningCount ? <span className="badge badge-warning">{open.warningCount} warning(s)</span> : null}
            {open.errorCount ? <span className="badge badge-danger">{open.errorCount} error(s)</span> : null}
          </p>
        </div>
        <div className="form-actions">
          <Link className="button" to={`/sops/${sop.id}/edit`}>
            Open in editor
          </Link>
          <Link className="button button-ghost" to={`/sops/${sop.id}/history`}>
            History
          </Link>
        </div>
      </header>

      <LifecycleNotice sopId={sop.id} />

      <div className="review-layout">
        <div className="review-main stack">
          {diff ? (
            <section className="card" aria-labelledby="changes-title">
              <h2 id="changes-title">
                Changes since published v{publishedVersion}{" "}
                <span className="muted small">
                  +{diff.added} −{diff.removed} lines
                </span>
              </h2>
              <DiffSummary lines={diff.summary} />
              <details>
                <summary>Line-by-line source changes</summary>
                <DiffView
                  diff={diff}
                  leftTitle={`Published v${publishedVersion}`}
                  rightTitle={`Draft v${open.version}`}
                />
              </details>
            </section>
          ) : (
            <p className="alert alert-warning">This SOP has never been published: the whole procedure is new.</p>
          )}
          <section
            className="card review-preview"
            aria-label="Preview of the version under review, as agents will see it"
          >
            <SopView doc={open.document} version={open.version} departmentName={sop.departmentName} />
          </section>
        </div>

        <aside className="review-side stack" aria-label="Review decision">
          <section className="card" aria-labelledby="conversation-title">
            <h2 id="conversation-title">Conversation</h2>
            {comments.length === 0 ? (
              <p className="muted">No comments yet.</p>
            ) : (
              <ol className="review-comments">
                {comments.map((c) => (
                  <li key={c.id}>
                    <p className="small">
                      <strong>{c.authorName ?? "Someone"}</strong> {ACTION_LABELS[c.action] ?? c.action}{" "}
                      <time className="muted" dateTime={new Date(c.createdAt).toISOString()}>
                        {new Date(c.createdAt).toISOString().slice(0, 16).replace("T", " ")}
                      </time>
                    </p>
                    {c.body ? <p className="review-comment-body">{c.body}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>

          {mayDecide ? (
            <section className="card stack" aria-labelledby="decide-title">
              <h2 id="decide-title">Your decision</h2>
              <LifecycleForm
                sopId={sop.id}
                intent="approve"
                submitLabel="Approve"
                tone="button-primary"
                className="stack"
              >
                <label htmlFor="approve-comment">Comment (optional)</label>
                <textarea id="approve-comment" name="comment" rows={2} maxLength={2000} />
              </LifecycleForm>
              <LifecycleForm sopId={sop.id} intent="request_changes" submitLabel="Request changes" className="stack">
                <label htmlFor="changes-comment">What needs to change</label>
                <textarea id="changes-comment" name="comment" rows={3} maxLength={2000} required />
              </LifecycleForm>
            </section>
          ) : inReview ? (
            <p className="muted card">Waiting for {open.reviewerName ?? "the reviewer"} to decide.</p>
          ) : (
            <p className="card">
              This version is a draft. <Link to={`/sops/${sop.id}/edit`}>Open it in the editor</Link> to send it to
              review.
            </p>
          )}

          {inReview && open.approved && may.publish ? (
            <section className="card stack" aria-labelledby="publish-title">
              <h2 id="publish-title">Publish</h2>
              <LifecycleForm
                sopId={sop.id}
                intent="publish"
                submitLabel={`Publish v${open.version}`}
                tone="button-primary"
                className="stack"
              >
                <label htmlFor="change-note">Change note</label>
                <input
                  id="change-note"
                  name="changeNote"
                  required
                  minLength={3}
                  maxLength={500}
                  placeholder="What changed and why"
                />
                {publishedVersion != null ? (
                  <fieldset className="change-kind">
                    <legend>How does this change affect training?</legend>
                    <p className="muted small" id="change-kind-reach">
                      {reach && (reach.acknowledged || reach.certified)
                        ? `${reach.acknowledged} ${reach.acknowledged === 1 ? "person has" : "people have"} ` +
                          `confirmed reading an earlier version; ` +
                          `${reach.certified} ${reach.certified === 1 ? "is" : "are"} certified on it.`
                        : "Nobody has confirmed reading this SOP yet."}
                    </p>
                    <label className="radio-card">
                      <input
                        type="radio"
                        name="changeKind"
                        value="material"
                        required
                        aria-describedby="change-kind-reach"
                      />
                      <span>
                        <strong>Material</strong> — what agents do changed. Everyone assigned must read it again and
                        confirm; certificates on it are withdrawn and each person sees what changed since the version
                        they confirmed.
                      </span>
                    </label>
                    <label className="radio-card">
                      <input
                        type="radio"
                        name="changeKind"
                        value="minor"
                        required
                        aria-describedby="change-kind-reach"
                      />
                      <span>
                        <strong>Minor</strong> — a typo, wording or formatting. Confirmations and certificates carry
                        over; people see your note about it.
                      </span>
                    </label>
                  </fieldset>
                ) : null}
                {fixes.length ? <FixesFieldset flags={fixes} version={open.version} /> : null}
                {open.warningCount ? (
                  <label className="checkbox">
                    <input type="checkbox" name="confirmWarnings" value="1" /> Publish despite {open.warningCount}{" "}
                    warning(s)
                  </label>
                ) : null}
              </LifecycleForm>
            </section>
          ) : null}

          {inReview && !open.approved && may.reassign && reviewers.length > 0 ? (
            <LifecycleForm sopId={sop.id} intent="reassign" submitLabel="Change reviewer" className="stack card">
              <label htmlFor="reassign-reviewer">Ask someone else to review</label>
              <select id="reassign-reviewer" name="reviewerId" required defaultValue="">
                <option value="" disabled>
                  Choose a lead or admin
                </option>
                {reviewers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </LifecycleForm>
          ) : null}

          {inReview && may.withdraw ? (
            <LifecycleForm sopId={sop.id} intent="withdraw" submitLabel="Withdraw from review" tone="button-ghost" />
          ) : null}
        </aside>
      </div>
    </>
  );
}

const KIND_LABEL: Record<string, string> = {
  unclear: "unclear",
  wrong: "wrong",
  outdated: "outdated",
  "missing-case": "a missing case",
};

/** The SOP's open flags as "This version fixes …" checkboxes: the accepted ones (promised a fix) ticked. */
function FixesFieldset({ flags, version }: { flags: readonly FixableFlag[]; version: number }) {
  return (
    <fieldset className="change-kind publish-fixes">
      <legend>Agents' flags</legend>
      <p className="muted small" id="publish-fixes-hint">
        Ticked flags are marked done, fixed in v{version}, when it is published; the agents who flagged them see it on
        their home page.
      </p>
      {flags.map((f) => (
        <label key={f.id} className="checkbox-row publish-fix">
          <input
            type="checkbox"
            name="fixes"
            value={f.id}
            defaultChecked={f.state === "accepted"}
            aria-describedby="publish-fixes-hint"
          />
          <span>
            This version fixes{" "}
            <strong>
              {f.stepNumber != null ? `step ${f.stepNumber}` : "the step"}
              {f.stepTitle ? ` “${f.stepTitle}”` : ` ${f.stepId}`}
            </strong>
            , flagged as {KIND_LABEL[f.kind] ?? f.kind} on v{f.version} by <bdi>{f.agentName ?? "an agent"}</bdi>:{" "}
            <q>{f.text}</q>{" "}
            <span className={`badge ${f.state === "accepted" ? "" : "badge-warning"}`}>
              {f.state === "accepted" ? "Accepted" : "New"}
            </span>
            {f.reply ? <span className="publish-fix-reply muted small">Reply sent: {f.reply}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
