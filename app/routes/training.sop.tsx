import { data, Form, Link, redirect, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/training.sop";
import { translator } from "../../i18n";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { DiffSummary } from "../components/authoring/diff-view";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { prepareDiagrams } from "../components/sop/diagram-html.server";
import { SopView } from "../components/sop/sop-view";
import { MinorChangeNote, TrainingProgress, TrainingStateBadge } from "../components/training/progress";
import { refusalOf, throwRouteError } from "../http-errors.server";
import { readForm } from "../lib/forms.server";
import { acknowledge, startPracticeRun, trainingForSop } from "../training.server";
import { viewerLocale } from "../viewer-locale.server";
import "../components/training/training.css";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.item.title ?? "Training"} · ${translator(data?.lang).t("training.title")} · Stepwise` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:own-training");
  const { uiLanguage, timeZone } = await viewerLocale(request, user);
  try {
    const page = await trainingForSop(getDb(), user, params.sopId, { timeZone });
    if (page.document && page.versionKey) prepareDiagrams(page.document, page.versionKey, { authoring: false });
    return { lang: uiLanguage, timeZone, ...page };
  } catch (e) {
    throwRouteError(e);
  }
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("acknowledge"), version: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("practice"), scenarioId: z.string().trim().min(1).max(120) }),
]);

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requirePermission(request, "view:own-training");
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw data({ message: "This form is not one the training page sends." }, { status: 400 });
  const db = getDb();
  try {
    if (parsed.data.intent === "practice") {
      const { runId } = await startPracticeRun(db, user, { sopId: params.sopId, scenarioId: parsed.data.scenarioId });
      return redirect(`/runs/${runId}`);
    }
    await acknowledge(db, user, {
      sopId: params.sopId,
      version: parsed.data.version,
      ip: context.clientIp ?? "",
      userAgent: request.headers.get("user-agent") ?? "",
    });
    return { acknowledged: parsed.data.version, error: null };
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal && refusal.status !== 403 && refusal.status !== 404)
      return data({ acknowledged: null, error: refusal.message }, { status: refusal.status });
    throwRouteError(e);
  }
}

export default function TrainingSop({ loaderData, actionData: result }: Route.ComponentProps) {
  const { item, document, versionKey, departmentName, quiz, attemptsLeft, scenarios, changes, attempts, practice } =
    loaderData;
  const tr = useT();
  const { t } = tr;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const status = item.status;
  const date = (ms: number) => tr.date(ms, { dateStyle: "medium", timeStyle: "short" });
  const lastAck = status?.acknowledged;
  const lastAttempt = attempts[0];
  const canQuiz = !!quiz && !!lastAck && (attemptsLeft === null || attemptsLeft > 0);
  const needs: string[] = [];
  if (status && status.next !== "none") {
    if (!status.acknowledged) needs.push(t("training.cert.need.ack"));
    if (item.requirements.quiz && !status.quizPassed) needs.push(t("training.cert.need.quiz"));
    const more = status.practiceNeeded - status.practicePassed;
    if (more > 0) needs.push(t("training.cert.need.practice", { count: more, pass: item.requirements.passScore }));
  }
  return (
    <div className="training-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/training">{t("training.back")}</Link>
      </nav>
      <section className="card training-panel" aria-labelledby="training-panel-title">
        <div className="learn-card-head">
          <div>
            <h1 id="training-panel-title" className="training-panel-title">
              {item.title}
            </h1>
            <p className="learn-card-sub">
              {item.version ? <span>{t("training.sop.version", { version: item.version })}</span> : null}
              <span className={`badge ${item.required ? "" : "badge-muted"}`}>
                {item.required ? t("training.required") : t("training.reference")}
              </span>
              {item.dueDate ? (
                <span className={item.overdue ? "training-due is-overdue" : "training-due"}>
                  {item.overdue ? <strong>{t("training.overdue")} · </strong> : null}
                  {t("training.due", {
                    date: tr.date(new Date(`${item.dueDate}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
                  })}
                </span>
              ) : null}
            </p>
          </div>
          {item.unavailable ? null : <TrainingStateBadge state={item.state} />}
        </div>
        {item.archived ? (
          <p className="alert alert-warning">{t("training.archived")}</p>
        ) : item.unavailable ? (
          <p className="alert alert-warning">{t("training.unpublished")}</p>
        ) : null}
        {!item.unavailable ? <TrainingProgress item={item} /> : null}
        {result?.error ? (
          <p className="alert alert-error" role="alert">
            {result.error}
          </p>
        ) : result?.acknowledged ? (
          <p className="alert alert-success" role="status">
            {t("training.ack.saved", { version: result.acknowledged })}
          </p>
        ) : null}
        <MinorChangeNote item={item} />
        {status?.state === "expired" && status.activeCertificate == null && item.status?.expiresAt ? (
          <p className="alert alert-warning">{t("training.expiredOn", { date: date(item.status.expiresAt) })}</p>
        ) : null}
        {status && (status.state === "certified" || status.state === "expiring") ? (
          <p className="training-cert" role="status">
            {status.expiresAt
              ? t("training.certifiedUntil", { date: date(status.expiresAt) })
              : t("training.certifiedNoExpiry", { version: status.activeCertificate?.version ?? item.version ?? 0 })}
          </p>
        ) : needs.length ? (
          <p className="training-needs">{t("training.cert.needs", { items: tr.list(needs) })}</p>
        ) : null}
      </section>

      {document && item.version ? (
        <>
          {changes ? (
            <section className="card training-changes" aria-labelledby="changes-title">
              <h2 id="changes-title">{t("training.sop.changed.title", { since: changes.sinceVersion })}</h2>
              <p>{t("training.sop.changed.intro", { since: changes.sinceVersion })}</p>
              {changes.summary.length ? (
                <DiffSummary lines={changes.summary} />
              ) : (
                <p className="muted">{t("training.sop.changed.none")}</p>
              )}
            </section>
          ) : null}

          <div className="training-steps">
            <section className="card training-step" aria-labelledby="ack-title">
              <h2 id="ack-title">{t("training.ack.title")}</h2>
              {lastAck ? (
                <p className="training-done">
                  ✓{" "}
                  {t("training.ack.done", {
                    version: item.acknowledgedVersion ?? item.version,
                    date: item.acknowledgedAt ? date(item.acknowledgedAt) : "",
                  })}
                </p>
              ) : (
                <>
                  <p className="muted">{t("training.sop.read.hint")}</p>
                  <Form method="post">
                    <input type="hidden" name="intent" value="acknowledge" />
                    <input type="hidden" name="version" value={item.version} />
                    <button type="submit" className="button button-primary" disabled={busy}>
                      {t("training.ack.button", { version: item.version })}
                    </button>
                  </Form>
                </>
              )}
            </section>

            <section className="card training-step" aria-labelledby="quiz-title">
              <h2 id="quiz-title">{t("training.quiz.title")}</h2>
              {!quiz ? (
                <p className="muted">{t("training.quiz.none")}</p>
              ) : (
                <>
                  <p className="muted">
                    {t("training.quiz.passMark", { pass: quiz.passPercent, questions: quiz.questions.length })} ·{" "}
                    {attemptsLeft === null
                      ? t("training.quiz.unlimited")
                      : t("training.quiz.attemptsLeft", { count: attemptsLeft })}
                  </p>
                  {lastAttempt ? (
                    <p>
                      {t("training.quiz.lastAttempt", {
                        score: lastAttempt.score,
                        result: lastAttempt.passed ? t("training.quiz.passed") : t("training.quiz.failed"),
                        date: date(lastAttempt.at),
                      })}
                    </p>
                  ) : null}
                  {status?.quizPassed ? (
                    <p className="training-done">✓ {t("training.quiz.passed")}</p>
                  ) : !lastAck ? (
                    <p className="muted">{t("training.quiz.ackFirst")}</p>
                  ) : canQuiz ? (
                    <Link className="button button-primary" to="quiz">
                      {lastAttempt ? t("training.quiz.retake") : t("training.quiz.start")}
                    </Link>
                  ) : (
                    <p className="alert alert-warning">{t("training.quiz.noAttemptsLeft")}</p>
                  )}
                </>
              )}
            </section>

            <section className="card training-step training-step-wide" aria-labelledby="practice-title">
              <h2 id="practice-title">{t("training.practice.title")}</h2>
              <p className="muted">{t("training.practice.intro")}</p>
              <p>
                {t("training.practice.needed", {
                  count: item.requirements.practice,
                  pass: item.requirements.passScore,
                })}
              </p>
              {scenarios.length === 0 ? (
                <p className="muted">{t("training.practice.none")}</p>
              ) : (
                <ul className="training-scenarios">
                  {scenarios.map((s) => (
                    <li key={s.id}>
                      <div>
                        <strong lang={document.meta.language} dir={document.meta.direction}>
                          {s.title}
                        </strong>
                        <p className="muted small" lang={document.meta.language} dir={document.meta.direction}>
                          {t("training.practice.customer", { customer: s.customer })}
                        </p>
                      </div>
                      {lastAck ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="practice" />
                          <input type="hidden" name="scenarioId" value={s.id} />
                          <button type="submit" className="button button-small" disabled={busy}>
                            {t("training.practice.start")}
                            <span className="visually-hidden">: {s.title}</span>
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              {!lastAck && scenarios.length ? <p className="muted">{t("training.practice.ackFirst")}</p> : null}
              {practice.length ? (
                <>
                  <h3>{t("training.practice.history")}</h3>
                  <ul className="training-practice-runs">
                    {practice.map((r) => (
                      <li key={r.id}>
                        <span>{scenarios.find((s) => s.id === r.scenarioId)?.title ?? r.scenarioId}</span>
                        <span className="muted small">{date(r.startedAt)}</span>
                        {r.status === "completed" && r.score != null ? (
                          <span
                            className={
                              "badge " + (r.score >= item.requirements.passScore ? "badge-success" : "badge-warning")
                            }
                          >
                            {t("training.practice.score", { score: r.score })}
                          </span>
                        ) : (
                          <span className="badge badge-muted">{t("training.practice.inProgress")}</span>
                        )}
                        <Link to={`/runs/${r.id}`}>
                          {r.status === "completed" ? t("training.practice.review") : t("training.practice.resume")}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          </div>

          <section aria-labelledby="read-title" className="training-read">
            <h2 id="read-title" className="training-read-title">
              {t("training.sop.read.title")}
            </h2>
            <SopView
              doc={document}
              version={item.version}
              versionKey={versionKey ?? undefined}
              authoring={false}
              departmentName={departmentName}
              titleLevel={2}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
