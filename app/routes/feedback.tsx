import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/feedback";
import { getDb } from "../../db/client.server";
import type { FeedbackState } from "../../db/feedback.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { handleFlag, inboxFor, parseStates, type FlagRun, type InboxItem } from "../feedback.server";
import { refusalOf } from "../http-errors.server";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { SopSelect } from "../components/selects";
import "./feedback.css";

/** The longest reply or reason (db/feedback.server.ts REPLY_MAX enforces the same; that module is server-only). */
const REPLY_MAX = 2000;

export const meta: Route.MetaFunction = () => [{ title: "Feedback · Stepwise" }];

/** The state filter's choices: "open" (new + accepted) is the default, "all" every state. */
const STATE_CHOICES = [
  ["open", "Open (new and accepted)"],
  ["new", "New"],
  ["accepted", "Accepted"],
  ["done", "Done"],
  ["dismissed", "Dismissed"],
  ["all", "All"],
] as const;

function statesOf(choice: string): FeedbackState[] {
  if (choice === "all") return ["new", "accepted", "done", "dismissed"];
  return parseStates([choice]); // "open" or anything unknown: none, so the default (new + accepted)
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "review:sop");
  const url = new URL(request.url);
  const stateParam = url.searchParams.get("state") ?? "open";
  const state = STATE_CHOICES.some(([v]) => v === stateParam) ? stateParam : "open";
  const sopId = url.searchParams.get("sop") || null;
  const { items, sops } = await inboxFor(getDb(), user, { states: statesOf(state), sopId });
  return { items, sops, state, sopId };
}

const text = (what: string) => z.string().trim().min(1, what).max(REPLY_MAX, `Keep it under ${REPLY_MAX} characters.`);
const formSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), flagId: z.string().min(1), reply: text("Write a reply for the agent.") }),
  z.object({
    intent: z.literal("done"),
    flagId: z.string().min(1),
    fixedVersionId: z.coerce
      .number({ message: "Choose the version that fixed it." })
      .int()
      .positive("Choose the version that fixed it."),
  }),
  z.object({ intent: z.literal("dismiss"), flagId: z.string().min(1), reason: text("Say why the flag is dismissed.") }),
  z.object({ intent: z.literal("reopen"), flagId: z.string().min(1) }),
]);

const DONE_WORDS = {
  accept: "Flag accepted: the agent sees your reply.",
  done: "Flag marked done.",
  dismiss: "Flag dismissed.",
  reopen: "Flag reopened.",
} as const;

export async function action({ request }: Route.ActionArgs) {
  const user = await requirePermission(request, "review:sop");
  const form = await readForm(request);
  const from = form.get("flagId");
  const flagId = typeof from === "string" && from ? from : null;
  const parsed = parseForm(formSchema, form);
  if (!parsed.ok)
    return data({ ok: false as const, flagId, fieldErrors: parsed.fieldErrors, notice: null }, { status: 400 });
  const d = parsed.data;
  try {
    const t =
      d.intent === "accept"
        ? { action: "accept" as const, reply: d.reply }
        : d.intent === "done"
          ? { action: "done" as const, fixedVersionId: d.fixedVersionId }
          : d.intent === "dismiss"
            ? { action: "dismiss" as const, reason: d.reason }
            : { action: "reopen" as const };
    await handleFlag(getDb(), user, d.flagId, t);
    return { ok: true as const, flagId: d.flagId, fieldErrors: {} as FieldErrors, notice: DONE_WORDS[d.intent] };
  } catch (e) {
    const refusal = refusalOf(e);
    if (!refusal) throw e;
    const field =
      d.intent === "accept"
        ? "reply"
        : d.intent === "dismiss"
          ? "reason"
          : d.intent === "done"
            ? "fixedVersionId"
            : "form";
    return data(
      { ok: false as const, flagId: d.flagId, fieldErrors: { [field]: refusal.message } as FieldErrors, notice: null },
      { status: refusal.status },
    );
  }
}

const STATE_BADGE: Record<FeedbackState, string> = {
  new: "badge-warning",
  accepted: "",
  done: "badge-success",
  dismissed: "badge-muted",
};
const KIND_LABEL: Record<string, string> = {
  unclear: "Unclear",
  wrong: "Wrong",
  outdated: "Outdated",
  "missing-case": "Missing case",
};

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

export default function Feedback({ loaderData, actionData: result }: Route.ComponentProps) {
  const { items, sops, state, sopId } = loaderData;
  return (
    <>
      <header className="page-header">
        <h1>Feedback</h1>
        <p className="muted">
          What agents flagged on your procedures during calls. Accept a flag with a reply, link it to the version that
          fixed it, or dismiss it with a reason.
        </p>
      </header>
      <Form method="get" role="search" aria-label="Flags" className="filters feedback-filters">
        <div className="form-field">
          <label htmlFor="feedback-state">State</label>
          <select id="feedback-state" name="state" defaultValue={state}>
            {STATE_CHOICES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="feedback-sop">SOP</label>
          <SopSelect id="feedback-sop" name="sop" defaultValue={sopId ?? ""} sops={sops} blank="All SOPs" />
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      {result?.ok && result.notice ? (
        <div className="alert alert-success" role="status">
          {result.notice}
        </div>
      ) : null}
      <p className="muted" id="feedback-count" aria-live="polite">
        {items.length === 1 ? "1 flag" : `${items.length} flags`}
      </p>
      {items.length === 0 ? (
        <section className="empty-state">
          <p>No flags here. When agents flag a step during a call, it shows up in this list.</p>
        </section>
      ) : (
        <ul className="feedback-list">
          {items.map((f) => (
            <FlagCard
              key={f.id}
              f={f}
              errors={result && !result.ok && result.flagId === f.id ? result.fieldErrors : {}}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function FlagCard({ f, errors }: { f: InboxItem; errors: FieldErrors }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("flagId") === f.id;
  const open = f.state === "new" || f.state === "accepted";
  const id = (what: string) => `flag-${f.id}-${what}`;
  const step = f.stepTitle
    ? `${f.stepNumber != null ? `Step ${f.stepNumber}: ` : ""}${f.stepTitle}`
    : `Step ${f.stepId}`;
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={id(`${name}-error`)}>
        {errors[name]}
      </p>
    ) : null;
  return (
    <li className={`card feedback-card is-${f.state}`} aria-labelledby={id("title")} data-testid="flag-card">
      <div className="feedback-head">
        <h2 className="feedback-title" id={id("title")}>
          {f.sopTitle} · {step} · v{f.version}
        </h2>
        <p className="feedback-badges">
          <span className={`badge ${STATE_BADGE[f.state]}`}>{f.state[0]!.toUpperCase() + f.state.slice(1)}</span>{" "}
          <span className="badge badge-muted">{KIND_LABEL[f.kind] ?? f.kind}</span>
        </p>
      </div>
      <blockquote className="feedback-text">{f.text}</blockquote>
      <p className="feedback-sub">
        Flagged by <bdi>{f.agentName ?? "someone"}</bdi> on{" "}
        <time dateTime={new Date(f.createdAt).toISOString()}>{when(f.createdAt)}</time> · {f.departmentName}
        {f.runId ? (
          <>
            {" · "}
            <Link to={`/runs/${f.runId}/timeline`}>The run's timeline</Link>
          </>
        ) : null}
        {" · "}
        {/* ?step= survives "Start editing" (a POST and a redirect), where a #hash would be lost */}
        <Link to={`/sops/${f.sopId}/edit?step=${encodeURIComponent(f.stepId)}`}>Open in editor</Link>
      </p>
      {f.run ? (
        <RunPath run={f.run} labelledBy={id("run")} />
      ) : f.runId ? null : (
        <p className="muted small">The run this flag came from is no longer kept.</p>
      )}
      {f.reply || f.dismissReason || f.fixedVersion ? (
        <dl className="feedback-outcome">
          {f.reply ? (
            <div>
              <dt>Reply</dt>
              <dd>{f.reply}</dd>
            </div>
          ) : null}
          {f.dismissReason ? (
            <div>
              <dt>Dismissed because</dt>
              <dd>{f.dismissReason}</dd>
            </div>
          ) : null}
          {f.fixedVersion ? (
            <div>
              <dt>Fixed in</dt>
              <dd>v{f.fixedVersion}</dd>
            </div>
          ) : null}
          {f.handledByName ? (
            <div>
              <dt>Handled by</dt>
              <dd>
                <bdi>{f.handledByName}</bdi>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {err("form")}
      {open ? (
        <div className="feedback-forms">
          {f.state === "new" ? (
            <Form method="post" className="feedback-form" noValidate>
              <input type="hidden" name="flagId" value={f.id} />
              <label htmlFor={id("reply")}>Reply to the agent</label>
              <textarea
                id={id("reply")}
                name="reply"
                rows={2}
                maxLength={REPLY_MAX}
                required
                aria-invalid={errors.reply ? true : undefined}
                aria-describedby={errors.reply ? id("reply-error") : undefined}
              />
              {err("reply")}
              <button
                type="submit"
                name="intent"
                value="accept"
                className="button button-primary button-small"
                disabled={busy}
              >
                Accept
              </button>
            </Form>
          ) : null}
          <Form method="post" className="feedback-form" noValidate>
            <input type="hidden" name="flagId" value={f.id} />
            {f.candidates.length ? (
              <label htmlFor={id("fixed")}>Fixed in version</label>
            ) : (
              <span className="feedback-form-label">Fixed in version</span>
            )}
            {f.candidates.length ? (
              <select
                id={id("fixed")}
                name="fixedVersionId"
                aria-invalid={errors.fixedVersionId ? true : undefined}
                aria-describedby={errors.fixedVersionId ? id("fixedVersionId-error") : undefined}
              >
                {f.candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    v{c.version}
                  </option>
                ))}
              </select>
            ) : (
              <p className="muted small" id={id("fixed")}>
                No version newer than v{f.version} is published yet: publish the fix, then mark this flag done.
              </p>
            )}
            {err("fixedVersionId")}
            <button
              type="submit"
              name="intent"
              value="done"
              className="button button-small"
              disabled={busy || f.candidates.length === 0}
              aria-describedby={f.candidates.length ? undefined : id("fixed")}
            >
              Mark done
            </button>
          </Form>
          <Form method="post" className="feedback-form" noValidate>
            <input type="hidden" name="flagId" value={f.id} />
            <label htmlFor={id("reason")}>Reason for dismissing</label>
            <textarea
              id={id("reason")}
              name="reason"
              rows={2}
              maxLength={REPLY_MAX}
              required
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={errors.reason ? id("reason-error") : undefined}
            />
            {err("reason")}
            <button
              type="submit"
              name="intent"
              value="dismiss"
              className="button button-danger button-small"
              disabled={busy}
            >
              Dismiss
            </button>
          </Form>
        </div>
      ) : (
        <Form method="post" className="feedback-reopen">
          <input type="hidden" name="flagId" value={f.id} />
          <button type="submit" name="intent" value="reopen" className="button button-small" disabled={busy}>
            Reopen
          </button>
        </Form>
      )}
    </li>
  );
}

const STEP_STATUS: Record<string, [string, string]> = {
  done: ["Done", "badge-success"],
  skipped: ["Skipped", "badge-warning"],
  "not-needed": ["Not needed", "badge-muted"],
  pending: ["Not done", "badge-muted"],
};
const RUN_STATUS: Record<string, string> = {
  active: "Call in progress",
  completed: "Wrapped up",
  discarded: "Discarded by the agent",
};
const OUTCOMES: Record<string, string> = {
  resolved: "resolved",
  escalated: "escalated",
  "follow-up": "follow-up",
  transferred: "transferred",
  abandoned: "abandoned",
};

function fieldValue(value: string, type: string | null): string {
  if (type === "yes-no") return value === "yes" ? "Yes" : value === "no" ? "No" : value;
  return value;
}

/** The run behind a flag: the steps up to the flagged one, the flow answers chosen, what was captured there. */
function RunPath({ run, labelledBy }: { run: FlagRun; labelledBy: string }) {
  const status = RUN_STATUS[run.status] ?? run.status;
  return (
    <section className="feedback-run" aria-labelledby={labelledBy} data-testid="flag-run">
      <h3 className="feedback-run-title" id={labelledBy}>
        The run up to this step{" "}
        <span className="muted small">
          · {status}
          {run.status === "completed" && run.outcome ? `: ${OUTCOMES[run.outcome] ?? run.outcome}` : ""}
        </span>
      </h3>
      {run.steps.length ? (
        <ol className="feedback-path" aria-label="Steps in order">
          {run.steps.map((s) => {
            const [label, badge] = STEP_STATUS[s.status] ?? [s.status, "badge-muted"];
            return (
              <li
                key={s.id}
                className={s.flagged ? "is-flagged" : undefined}
                aria-current={s.flagged ? "step" : undefined}
              >
                <span>
                  {s.number}. {s.title}
                </span>
                <span className={`badge ${badge}`}>{label}</span>
                {s.skipReason ? <span className="muted small">({s.skipReason})</span> : null}
                {s.flagged ? <span className="badge">Flagged</span> : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted small">This step is no longer in the version the run followed.</p>
      )}
      {run.answers.length ? (
        <dl className="feedback-answers" aria-label="Answers chosen">
          {run.answers.map((a, i) => (
            <div key={i}>
              <dt>{a.question}</dt>
              <dd>{a.masked ? <span className="feedback-masked">Hidden (sensitive)</span> : a.answer}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {run.fields.length ? (
        <dl className="feedback-answers" aria-label="Captured at this step">
          {run.fields.map((f) => (
            <div key={f.name}>
              <dt>{f.label}</dt>
              <dd>
                {f.masked ? (
                  <span className="feedback-masked">Hidden (sensitive)</span>
                ) : f.value != null ? (
                  <bdi>{fieldValue(f.value, f.type)}</bdi>
                ) : (
                  <span className="muted">{run.fieldsPurged ? "Removed (retention)" : "Not captured"}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
