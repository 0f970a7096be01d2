// A person's training record, for their trainer: what is assigned and where they stand, every acknowledgement
// (version, time, IP, browser), every quiz attempt with the answers given against the key, every practice run
// with its scoring, and certificates. The trainer comments on practice runs and can allow another quiz attempt.
import type { ReactNode } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/trainee";
import { getDb } from "../../db/client.server";
import { ROLE_LABELS } from "../../db/roles";
import { practiceFeedback, type PracticeCriterionId, type PracticeScore } from "../../training/practice";
import type { QuizResult } from "../../training/quiz";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { CellStateBadge } from "../components/training/cell-state-badge";
import { dueWords, formatDay, formatInstant } from "../components/training/format";
import { ReadyBadge } from "../components/training/ready-badge";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { refusalOf, throwRouteError } from "../http-errors.server";
import { allowAnotherQuizAttempt, commentOnPersonPractice, personOverview } from "../training.server";
import { viewerLocale } from "../viewer-locale.server";
import "./trainees.css";
import "./trainee.css";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data && "person" in data ? data.person.name : "Trainee"} · Trainees · Stepwise` },
];

const COMMENT_MAX = 2000;

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:trainees");
  const { timeZone } = await viewerLocale(request, user);
  try {
    const record = await personOverview(getDb(), user, params.userId, { timeZone });
    const now = Date.now();
    const today = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
    // Fixed here and sent along, so the server's render and the browser's hydration agree.
    return { ...record, timeZone, today, now };
  } catch (e) {
    throwRouteError(e);
  }
}

const actionForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("comment"),
    runId: z.string().min(1, "Choose a practice run.").max(100),
    body: z
      .string()
      .trim()
      .min(1, "Write the comment first.")
      .max(COMMENT_MAX, `Keep it under ${COMMENT_MAX} characters.`),
  }),
  z.object({ intent: z.literal("grant"), sopId: z.string().min(1, "Choose an SOP.").max(200) }),
]);

type ActionResult = {
  ok: boolean;
  message: string | null;
  fieldErrors: FieldErrors;
  intent: string | null;
  target: string | null;
};

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requirePermission(request, "view:trainees");
  const form = await readForm(request);
  const parsed = parseForm(actionForm, form);
  const intent = typeof form.get("intent") === "string" ? String(form.get("intent")) : null;
  const target = String(form.get("runId") ?? form.get("sopId") ?? "") || null;
  if (!parsed.ok)
    return data<ActionResult>(
      {
        ok: false,
        message: parsed.fieldErrors.intent ? "Choose what to do." : null,
        fieldErrors: parsed.fieldErrors,
        intent,
        target,
      },
      { status: 400 },
    );
  const db = getDb();
  try {
    if (parsed.data.intent === "comment") {
      await commentOnPersonPractice(db, user, {
        userId: params.userId,
        runId: parsed.data.runId,
        body: parsed.data.body,
      });
      return { ok: true, message: "Comment added.", fieldErrors: {}, intent, target } satisfies ActionResult;
    }
    await allowAnotherQuizAttempt(db, user, { userId: params.userId, sopId: parsed.data.sopId });
    return {
      ok: true,
      message: "One more quiz attempt allowed.",
      fieldErrors: {},
      intent,
      target,
    } satisfies ActionResult;
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal)
      return data<ActionResult>(
        { ok: false, message: refusal.message, fieldErrors: {}, intent, target },
        { status: refusal.status },
      );
    throw e;
  }
}

type Data = Route.ComponentProps["loaderData"];

const CRITERION_LABELS: Record<PracticeCriterionId, string> = {
  path: "Path through the flows",
  fields: "Details captured",
  checks: "Checks done",
  escalation: "Escalation",
  outcome: "Outcome",
  time: "Handle time",
};

const NEXT_STEP: Record<string, string> = {
  read: "Next: read the SOP",
  acknowledge: "Next: acknowledge it",
  quiz: "Next: pass the quiz",
  practice: "Next: practice runs",
  renew: "Next: renew the certificate",
};

/** The stored result JSON, checked before it is drawn (it was written by an older version, perhaps). */
function quizResultOf(value: unknown): QuizResult | null {
  const v = value as QuizResult | null;
  return v && typeof v === "object" && Array.isArray(v.questions) ? v : null;
}

function practiceScoreOf(value: unknown): PracticeScore | null {
  const v = value as PracticeScore | null;
  return v && typeof v === "object" && Array.isArray(v.criteria) ? v : null;
}

export default function Trainee({ loaderData: d, actionData: result }: Route.ComponentProps) {
  const { person } = d;
  const titles = new Map<string, string>(d.items.map((i) => [i.sopId, i.title]));
  for (const r of d.practice) titles.set(r.sopId, r.sopTitle);
  const overdue = d.items.filter((i) => i.overdue).length;
  const certified = d.items.filter((i) => i.state === "certified" || i.state === "expiring").length;
  return (
    <>
      <header className="page-header page-header-row training-header trainee-header">
        <div>
          <p className="eyebrow">
            <Link to="/trainees">Trainees</Link>
            {person.departmentName ? ` · ${person.departmentName}` : ""}
          </p>
          <h1>{person.name}</h1>
          <p className="muted trainee-sub">
            {ROLE_LABELS[person.role]} · <bdi>{person.email}</bdi>
          </p>
        </div>
        <div className="trainee-readiness">
          <span className="trainee-readiness-label">Ready for the floor</span>
          <ReadyBadge ready={d.ready} />
        </div>
      </header>

      {result?.message ? (
        result.ok ? (
          <div className="alert alert-success" role="status">
            {result.message}
          </div>
        ) : (
          <div className="alert alert-error" role="alert">
            {result.message}
          </div>
        )
      ) : null}

      <ul className="trainees-stats" aria-label="At a glance">
        <li className="trainees-stat">
          <span className="trainees-stat-value">{d.items.length}</span>
          <span className="trainees-stat-label">assigned {d.items.length === 1 ? "SOP" : "SOPs"}</span>
        </li>
        <li className="trainees-stat is-ready">
          <span className="trainees-stat-value">{certified}</span>
          <span className="trainees-stat-label">certified</span>
        </li>
        <li className={`trainees-stat${overdue ? " is-overdue" : ""}`}>
          <span className="trainees-stat-value">{overdue}</span>
          <span className="trainees-stat-label">overdue</span>
        </li>
        <li className="trainees-stat is-pending">
          <span className="trainees-stat-value">{d.attempts.length}</span>
          <span className="trainees-stat-label">quiz {d.attempts.length === 1 ? "attempt" : "attempts"}</span>
        </li>
      </ul>

      <Assigned d={d} />
      <QuizSection d={d} titles={titles} result={result} />
      <PracticeSection d={d} result={result} />
      <div className="trainee-two">
        <Acknowledgements d={d} />
        <Certificates d={d} />
      </div>
    </>
  );
}

function Section({
  id,
  title,
  count,
  children,
  aside,
}: {
  id: string;
  title: string;
  count?: number;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <section className="trainee-section" aria-labelledby={`${id}-title`}>
      <div className="trainee-section-head">
        <h2 id={`${id}-title`}>
          {title}
          {count !== undefined ? <span className="trainee-count">{count}</span> : null}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

function Assigned({ d }: { d: Data }) {
  if (d.items.length === 0) {
    return (
      <Section id="assigned" title="Assigned training" count={0}>
        <div className="empty-state">
          <p>Nothing is assigned to {d.person.name} yet.</p>
          <Link className="button button-primary" to="/assignments">
            Assign training
          </Link>
        </div>
      </Section>
    );
  }
  return (
    <Section id="assigned" title="Assigned training" count={d.items.length}>
      <div className="table-wrap">
        <table className="table trainee-table">
          <caption className="visually-hidden">SOPs assigned to {d.person.name}, overdue first</caption>
          <thead>
            <tr>
              <th scope="col">SOP</th>
              <th scope="col">State</th>
              <th scope="col">Due</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((i) => (
              <tr key={i.sopId} className={i.overdue ? "is-overdue" : undefined}>
                <th scope="row">
                  <Link to={`/sops/${encodeURIComponent(i.sopId)}`} dir="auto">
                    {i.title}
                  </Link>
                  <span className="dt-sub">
                    {i.version != null ? `Version ${i.version}` : "Not published"}
                    {i.path ? ` · ${i.path.name}, step ${i.path.position}` : ""}
                    {i.required ? "" : " · for reference"}
                  </span>
                  {i.archived ? (
                    <span className="badge badge-danger">SOP archived</span>
                  ) : i.unavailable ? (
                    <span className="badge badge-muted">Not published</span>
                  ) : null}
                </th>
                <td>{i.unavailable ? <span className="muted">—</span> : <CellStateBadge state={i.state} />}</td>
                <td>
                  {i.dueDate ? (
                    <>
                      <time dateTime={i.dueDate}>{formatDay(i.dueDate)}</time>
                      {i.overdue ? (
                        <span className="trainee-overdue">
                          <span aria-hidden="true">⚠ </span>
                          {dueWords(i.dueDate, d.today)}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">No due date</span>
                  )}
                </td>
                <td>
                  {i.status ? (
                    <ul className="trainee-progress" aria-label={`Progress on ${i.title}`}>
                      <Check ok={i.status.acknowledged} label="Acknowledged" />
                      {i.requirements.quiz ? <Check ok={i.status.quizPassed} label="Quiz passed" /> : null}
                      {i.requirements.practice > 0 ? (
                        <Check
                          ok={i.status.practicePassed >= i.status.practiceNeeded}
                          label={
                            `Practice ${i.status.practicePassed}/${i.status.practiceNeeded} ` +
                            `at ${i.requirements.passScore}%+`
                          }
                        />
                      ) : null}
                      {i.status.expiresAt ? (
                        <li className="trainee-progress-note">
                          {i.state === "expired" ? "Expired" : "Expires"}{" "}
                          {formatInstant(i.status.expiresAt, d.timeZone)}
                        </li>
                      ) : null}
                      {i.status.withdrawn && !i.status.activeCertificate ? (
                        <li className="trainee-progress-note">Certificate withdrawn by a material change</li>
                      ) : null}
                      {NEXT_STEP[i.status.next] ? (
                        <li className="trainee-progress-next">{NEXT_STEP[i.status.next]}</li>
                      ) : null}
                    </ul>
                  ) : (
                    <span className="muted">Nothing to do while the SOP is unavailable</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Check({ ok, label }: { ok: boolean; label: string }) {
  return (
    <li className={ok ? "is-done" : "is-open"}>
      <span aria-hidden="true" className="trainee-check">
        {ok ? "✓" : "○"}
      </span>
      <span>
        {label}
        <span className="visually-hidden">{ok ? ": done" : ": not yet"}</span>
      </span>
    </li>
  );
}

function QuizSection({
  d,
  titles,
  result,
}: {
  d: Data;
  titles: Map<string, string>;
  result: ActionResult | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Section id="quizzes" title="Quiz attempts" count={d.attempts.length}>
      {d.quizzes.length > 0 ? (
        <ul className="trainee-allowances" aria-label="Attempts per quiz">
          {d.quizzes.map((q) => (
            <li key={q.sopId} className="trainee-allowance">
              <div>
                <strong dir="auto">{q.title}</strong>
                <span className="dt-sub">
                  {q.used} {q.used === 1 ? "attempt" : "attempts"} used ·{" "}
                  {q.left === null ? "unlimited attempts" : `${q.left} left`}
                </span>
              </div>
              {d.mayCoach ? (
                <Form method="post" className="trainee-inline-form">
                  <input type="hidden" name="intent" value="grant" />
                  <input type="hidden" name="sopId" value={q.sopId} />
                  <button
                    type="submit"
                    className="button button-small"
                    disabled={busy}
                    aria-label={`Allow another quiz attempt on ${q.title}`}
                  >
                    Allow another attempt
                  </button>
                  {result &&
                  !result.ok &&
                  result.intent === "grant" &&
                  result.target === q.sopId &&
                  result.fieldErrors.sopId ? (
                    <p className="field-error">{result.fieldErrors.sopId}</p>
                  ) : null}
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {d.attempts.length === 0 ? (
        <p className="trainee-empty">No quiz attempts yet.</p>
      ) : (
        <ol className="trainee-attempts">
          {d.attempts.map((a) => {
            const r = quizResultOf(a.result);
            return (
              <li key={a.id} className="trainee-attempt">
                <details>
                  <summary>
                    <span className="trainee-attempt-title" dir="auto">
                      {titles.get(a.sopId) ?? a.sopId}
                    </span>
                    <span className="trainee-attempt-meta">
                      <span className={`badge ${a.passed ? "badge-success" : "badge-danger"}`}>
                        {a.passed ? "Passed" : "Not passed"} · {a.score}%
                      </span>
                      <span className="muted">
                        Version {a.version} ·{" "}
                        <time dateTime={new Date(a.at).toISOString()}>{formatInstant(a.at, d.timeZone)}</time>
                      </span>
                    </span>
                  </summary>
                  {r ? (
                    <ol className="trainee-answers">
                      {r.questions.map((q) => (
                        <li key={q.questionId} className={q.correct ? "is-right" : "is-wrong"}>
                          <p className="trainee-question">
                            <span aria-hidden="true" className="trainee-mark">
                              {q.correct ? "✓" : "✗"}
                            </span>
                            <span className="visually-hidden">{q.correct ? "Right: " : "Wrong: "}</span>
                            {q.prompt}
                          </p>
                          <dl className="trainee-answer-pair">
                            <div>
                              <dt>Answered</dt>
                              <dd>
                                {q.unanswered ? (
                                  <span className="muted">No answer</span>
                                ) : (
                                  q.given.map((g) => (
                                    <bdi key={g} className="trainee-chip">
                                      {g}
                                    </bdi>
                                  ))
                                )}
                              </dd>
                            </div>
                            <div>
                              <dt>{q.type === "text" ? "Accepted answers" : "Correct answer"}</dt>
                              <dd>
                                {q.correctAnswers.map((g) => (
                                  <bdi key={g} className="trainee-chip is-key">
                                    {g}
                                  </bdi>
                                ))}
                              </dd>
                            </div>
                          </dl>
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <p className="muted">The answers of this attempt are not available.</p>
                  )}
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

function PracticeSection({ d, result }: { d: Data; result: ActionResult | undefined }) {
  const navigation = useNavigation();
  return (
    <Section id="practice" title="Practice runs" count={d.practice.length}>
      {d.practice.length === 0 ? (
        <p className="trainee-empty">No practice runs yet.</p>
      ) : (
        <ol className="trainee-runs">
          {d.practice.map((run) => {
            const score = practiceScoreOf(run.result);
            const wrong = score ? practiceFeedback(score) : [];
            const errors =
              result && !result.ok && result.intent === "comment" && result.target === run.id ? result.fieldErrors : {};
            const busy = navigation.state === "submitting" && navigation.formData?.get("runId") === run.id;
            const fieldId = `comment-${run.id}`;
            return (
              <li key={run.id} className="card trainee-run">
                <div className="trainee-run-head">
                  <div>
                    <h3 className="trainee-run-title" dir="auto">
                      {run.sopTitle}
                    </h3>
                    <p className="dt-sub">
                      {run.scenarioId ? `Scenario “${run.scenarioId}” · ` : ""}Version {run.version} ·{" "}
                      <time dateTime={new Date(run.startedAt).toISOString()}>
                        {formatInstant(run.startedAt, d.timeZone)}
                      </time>
                    </p>
                  </div>
                  <div className="trainee-run-score">
                    {run.score != null ? (
                      <span className={`trainee-score ${score?.passed ? "is-pass" : "is-fail"}`}>
                        <strong>{run.score}</strong>
                        <span>/100 · {score?.passed ? "passed" : "below the pass mark"}</span>
                      </span>
                    ) : (
                      <span className="badge badge-muted">
                        {run.status === "completed"
                          ? "Not scored"
                          : run.status === "discarded"
                            ? "Discarded"
                            : "In progress"}
                      </span>
                    )}
                    <Link to={`/runs/${run.id}/timeline`} className="button button-small">
                      Timeline
                    </Link>
                  </div>
                </div>
                {score ? (
                  <div className="trainee-breakdown">
                    <table className="trainee-criteria">
                      <caption className="visually-hidden">Scoring of this practice run</caption>
                      <thead>
                        <tr>
                          <th scope="col">Criterion</th>
                          <th scope="col">Points</th>
                        </tr>
                      </thead>
                      <tbody>
                        {score.criteria.map((c) => (
                          <tr key={c.id}>
                            <th scope="row">{CRITERION_LABELS[c.id] ?? c.id}</th>
                            <td>
                              <span className="trainee-points">
                                {Math.round(c.earned * 10) / 10} / {c.weight}
                              </span>
                              <span className="trainee-bar" aria-hidden="true">
                                <span
                                  style={{ inlineSize: `${c.weight ? Math.round((c.earned * 100) / c.weight) : 0}%` }}
                                />
                              </span>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <div className="trainee-feedback">
                      <h4>{wrong.length ? "Where it went wrong" : "Nothing went wrong"}</h4>
                      {wrong.length ? (
                        <ul>
                          {wrong.map((w, i) => (
                            <li key={i}>{w}</li>
                          ))}
                        </ul>
                      ) : (
                        <p className="muted">Every criterion was met.</p>
                      )}
                    </div>
                  </div>
                ) : null}
                <div className="trainee-comments">
                  <h4>Trainer comments</h4>
                  {run.comments.length ? (
                    <ul>
                      {run.comments.map((c) => (
                        <li key={c.id}>
                          <p className="trainee-comment-meta">
                            <strong>{c.authorName ?? "Someone"}</strong> ·{" "}
                            <time dateTime={new Date(c.at).toISOString()}>{formatInstant(c.at, d.timeZone)}</time>
                          </p>
                          <p className="trainee-comment-body">{c.body}</p>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">No comments yet.</p>
                  )}
                  {d.mayCoach ? (
                    <Form method="post" className="trainee-comment-form" noValidate>
                      <input type="hidden" name="intent" value="comment" />
                      <input type="hidden" name="runId" value={run.id} />
                      <FormField id={fieldId} label="Add a comment" error={errors.body}>
                        {(p) => (
                          <textarea
                            {...p}
                            name="body"
                            rows={2}
                            maxLength={COMMENT_MAX}
                            placeholder="What went well, what to practise next"
                          />
                        )}
                      </FormField>
                      <div className="form-actions">
                        <button type="submit" className="button" disabled={busy}>
                          {busy ? "Adding…" : "Add comment"}
                        </button>
                      </div>
                    </Form>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

function Acknowledgements({ d }: { d: Data }) {
  return (
    <Section id="acks" title="Acknowledgements" count={d.acknowledgements.length}>
      {d.acknowledgements.length === 0 ? (
        <p className="trainee-empty">No acknowledgements yet.</p>
      ) : (
        <ul className="trainee-records">
          {d.acknowledgements.map((a, i) => (
            <li key={`${a.sopId}-${a.version}-${i}`}>
              <p className="trainee-record-title">
                <strong dir="auto">{a.sopTitle}</strong> <span className="badge">Version {a.version}</span>
              </p>
              <dl className="trainee-record-facts">
                <div>
                  <dt>When</dt>
                  <dd>
                    <time dateTime={new Date(a.at).toISOString()}>{formatInstant(a.at, d.timeZone)}</time>
                  </dd>
                </div>
                <div>
                  <dt>IP address</dt>
                  <dd>
                    <bdi className="trainee-mono">{a.ip || "—"}</bdi>
                  </dd>
                </div>
                <div className="is-wide">
                  <dt>Browser</dt>
                  <dd>
                    <bdi className="trainee-ua">{a.userAgent || "—"}</bdi>
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Certificates({ d }: { d: Data }) {
  const now = d.now;
  return (
    <Section id="certificates" title="Certificates" count={d.certificates.length}>
      {d.certificates.length === 0 ? (
        <p className="trainee-empty">No certificates yet.</p>
      ) : (
        <ul className="trainee-records">
          {d.certificates.map((c) => {
            const state = c.withdrawnAt ? "withdrawn" : c.expiresAt && c.expiresAt <= now ? "expired" : "active";
            return (
              <li key={c.id}>
                <p className="trainee-record-title">
                  <strong dir="auto">{c.sopTitle}</strong> <span className="badge">Version {c.version}</span>{" "}
                  <span
                    className={
                      "badge " +
                      (state === "active" ? "badge-success" : state === "expired" ? "badge-warning" : "badge-danger")
                    }
                  >
                    {state === "active" ? "In force" : state === "expired" ? "Expired" : "Withdrawn"}
                  </span>
                </p>
                <dl className="trainee-record-facts">
                  <div>
                    <dt>Granted</dt>
                    <dd>{formatInstant(c.certifiedAt, d.timeZone)}</dd>
                  </div>
                  <div>
                    <dt>Expires</dt>
                    <dd>{c.expiresAt ? formatInstant(c.expiresAt, d.timeZone) : "Never"}</dd>
                  </div>
                  {c.withdrawnAt ? (
                    <div className="is-wide">
                      <dt>Withdrawn</dt>
                      <dd>
                        {formatInstant(c.withdrawnAt, d.timeZone)}
                        {c.withdrawnReason ? ` — ${c.withdrawnReason}` : ""}
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
