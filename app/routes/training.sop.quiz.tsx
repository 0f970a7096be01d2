import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/training.sop.quiz";
import type { QuizQuestion } from "../../sop-schema/types";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { Blocks, SopProvider } from "../components/sop/sop-view";
import { refusalOf, throwRouteError } from "../http-errors.server";
import { readForm } from "../lib/forms.server";
import { submitQuiz, trainingForSop } from "../training.server";
import { viewerLocale } from "../viewer-locale.server";
import "../components/training/training.css";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.quiz?.title ?? "Quiz"} · ${data?.item.title ?? ""} · Stepwise` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:own-training");
  const { uiLanguage, timeZone } = await viewerLocale(request, user);
  try {
    // The quiz without its answer key: options and prompts only (trainingForSop strips the rest).
    const page = await trainingForSop(getDb(), user, params.sopId, { timeZone });
    if (!page.quiz || !page.document) throw data({ message: "This procedure has no quiz." }, { status: 404 });
    return {
      lang: uiLanguage,
      item: page.item,
      quiz: page.quiz,
      document: page.document,
      attemptsLeft: page.attemptsLeft,
      acknowledged: !!page.item.status?.acknowledged,
    };
  } catch (e) {
    throwRouteError(e);
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requirePermission(request, "view:own-training");
  const form = await readForm(request);
  const version = Number(form.get("version"));
  // Every control is named `q:<question id>`: radios and text give one value, checkboxes several.
  const answers: Record<string, string[]> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith("q:") || typeof value !== "string") continue;
    const id = name.slice(2);
    if (value.trim() === "") continue;
    (answers[id] ??= []).push(value);
  }
  try {
    const { result, attemptsLeft } = await submitQuiz(getDb(), user, { sopId: params.sopId, version, answers });
    // The correct answers are shown once the quiz is passed or no attempt is left; before that, right/wrong and why.
    const reveal = result.passed || attemptsLeft === 0;
    return {
      result: {
        ...result,
        questions: result.questions.map((q) => ({ ...q, correctAnswers: reveal ? q.correctAnswers : [] })),
      },
      attemptsLeft,
      reveal,
      error: null,
    };
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal && refusal.status !== 403 && refusal.status !== 404)
      return data(
        { result: null, attemptsLeft: null, reveal: false, error: refusal.message },
        { status: refusal.status },
      );
    throwRouteError(e);
  }
}

export default function TrainingQuiz({ loaderData, actionData: outcome }: Route.ComponentProps) {
  const { item, quiz, document, attemptsLeft, acknowledged } = loaderData;
  const tr = useT();
  const { t } = tr;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const result = outcome?.result ?? null;
  const total = quiz.questions.length;
  const left = outcome?.result ? outcome.attemptsLeft : attemptsLeft;
  const contentLang = { lang: document.meta.language, dir: document.meta.direction } as const;
  return (
    <div className="training-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/training">{t("training.back")}</Link> /{" "}
        <Link to={`/training/${encodeURIComponent(item.sopId)}`}>{item.title}</Link>
      </nav>
      <header className="page-header">
        <h1 {...contentLang}>{quiz.title}</h1>
        <p className="muted">
          {t("training.quiz.passMark", { pass: quiz.passPercent, questions: total })} ·{" "}
          {left === null ? t("training.quiz.unlimited") : t("training.quiz.attemptsLeft", { count: left })}
        </p>
      </header>
      {outcome?.error ? (
        <p className="alert alert-error" role="alert">
          {outcome.error}
        </p>
      ) : null}
      {result ? (
        <SopProvider doc={document} authoring={false}>
          <section
            className={`card quiz-result ${result.passed ? "is-passed" : "is-failed"}`}
            aria-labelledby="quiz-result-title"
            tabIndex={-1}
            ref={(el) => el?.focus()}
          >
            <h2 id="quiz-result-title" role="status">
              {result.passed
                ? t("training.quiz.result.passed", {
                    score: result.score,
                    correct: result.correct,
                    total: result.total,
                    pass: quiz.passPercent,
                  })
                : t("training.quiz.result.failed", {
                    score: result.score,
                    correct: result.correct,
                    total: result.total,
                    pass: quiz.passPercent,
                  })}
            </h2>
            <ol className="quiz-review">
              {result.questions.map((q) => (
                <li key={q.questionId} className={q.correct ? "is-right" : "is-wrong"}>
                  <p className="quiz-review-head">
                    <span className={`badge ${q.correct ? "badge-success" : "badge-danger"}`}>
                      {q.correct
                        ? t("training.quiz.result.right")
                        : q.unanswered
                          ? t("training.quiz.result.unanswered")
                          : t("training.quiz.result.wrong")}
                    </span>{" "}
                    <span {...contentLang}>{q.prompt}</span>
                  </p>
                  <p className="small">
                    {t("training.quiz.result.yourAnswer", {
                      answer: q.given.length ? tr.list(q.given) : t("training.quiz.result.noAnswer"),
                    })}
                  </p>
                  {!q.correct && q.correctAnswers.length ? (
                    <p className="small">
                      {t("training.quiz.result.correctAnswer", {
                        answer: tr.list(q.correctAnswers, q.type === "text" ? "disjunction" : "conjunction"),
                      })}
                    </p>
                  ) : null}
                  {q.explanation.length ? (
                    <div className="quiz-why" {...contentLang}>
                      <p className="quiz-why-label">{t("training.quiz.result.why")}</p>
                      <Blocks blocks={q.explanation} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
            <p className="learn-card-actions">
              <Link className="button button-primary" to={`/training/${encodeURIComponent(item.sopId)}`}>
                {t("training.quiz.back")}
              </Link>
              {!result.passed && (left === null || left > 0) ? (
                <Link className="button" to="." reloadDocument>
                  {t("training.quiz.retake")}
                </Link>
              ) : null}
            </p>
          </section>
        </SopProvider>
      ) : !acknowledged ? (
        <p className="alert alert-warning">{t("training.quiz.ackFirst")}</p>
      ) : left !== null && left <= 0 ? (
        <p className="alert alert-warning">{t("training.quiz.noAttemptsLeft")}</p>
      ) : (
        <Form method="post" className="quiz-form">
          <input type="hidden" name="version" value={item.version ?? 0} />
          <ol className="quiz-questions">
            {quiz.questions.map((q, i) => (
              <QuestionField key={q.id} q={q} number={i + 1} total={total} contentLang={contentLang} />
            ))}
          </ol>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("training.quiz.submitting") : t("training.quiz.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

function QuestionField({
  q,
  number,
  total,
  contentLang,
}: {
  q: Pick<QuizQuestion, "id" | "type" | "prompt" | "options">;
  number: number;
  total: number;
  contentLang: { lang: string; dir: "ltr" | "rtl" };
}) {
  const { t } = useT();
  const name = `q:${q.id}`;
  const hintId = `${name}-hint`;
  return (
    <li className="card quiz-question">
      <fieldset aria-describedby={hintId}>
        <legend>
          <span className="quiz-number">{t("training.quiz.question", { number, total })}</span>
          <span className="quiz-prompt" {...contentLang}>
            {q.prompt}
          </span>
        </legend>
        <p className="muted small" id={hintId}>
          {q.type === "single"
            ? t("training.quiz.chooseOne")
            : q.type === "multiple"
              ? t("training.quiz.chooseAll")
              : t("training.quiz.typeAnswer")}
        </p>
        {q.type === "text" ? (
          <input
            className="quiz-text"
            name={name}
            maxLength={500}
            autoComplete="off"
            aria-label={t("training.quiz.typeAnswer")}
            {...contentLang}
          />
        ) : (
          <ul className="quiz-options" {...contentLang}>
            {q.options.map((option) => (
              <li key={option}>
                <label>
                  <input type={q.type === "single" ? "radio" : "checkbox"} name={name} value={option} />
                  <span>{option}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    </li>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
