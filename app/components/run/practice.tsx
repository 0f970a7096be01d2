// A practice call (training): the scenario's customer speaks as the call goes, and once the run is completed
// its score against the scenario, criterion by criterion. The scenario arrives without its answer key (the
// expected outcome and escalation are only in the score, computed on the server).
import { useEffect } from "react";
import { Link, useRevalidator } from "react-router";
import type { PublicScenario } from "../../../sop-schema/answer-key";
import type { ScenarioAnswer } from "../../../sop-schema/types";
import type { PracticeScore } from "../../../training/practice";
import type { MessageId } from "../../../i18n";
import { Blocks } from "../sop/sop-view";
import { useT } from "../i18n";
import { useRunActions, useRunView } from "./run-context";

export type PracticeInfo = {
  sopId: string;
  scenario: PublicScenario;
  passScore: number;
  /** set once the completed run has been scored */
  score: PracticeScore | null;
  comments: { id: number; body: string; at: number; authorName: string | null }[];
};

/** What the customer says now: the lines for the fields and the flow question of the step on screen. */
export function currentLines(
  scenario: Pick<PublicScenario, "answers">,
  step: { fieldNames: string[]; flowId?: string } | undefined,
  flowNodes: Record<string, string>,
): ScenarioAnswer[] {
  if (!step) return [];
  return scenario.answers.filter((a) =>
    a.kind === "field"
      ? step.fieldNames.includes(a.field)
      : a.flowId === step.flowId && flowNodes[a.flowId] === a.nodeId,
  );
}

export function PracticeBanner({ practice, synced }: { practice: PracticeInfo; synced: boolean }) {
  const tr = useT();
  const { t } = tr;
  const { state, currentId } = useRunView();
  const { doc } = useRunActions();
  const step = doc.steps.find((s) => s.id === currentId);
  const nodes: Record<string, string> = {};
  for (const [id, f] of Object.entries(state.flows)) nodes[id] = f.currentNodeId;
  const lines = currentLines(practice.scenario, step, nodes);
  const content = { lang: doc.meta.language, dir: doc.meta.direction } as const;
  const completed = state.status === "completed";
  return (
    <section className="practice-banner" aria-labelledby="practice-title" data-testid="practice-banner">
      <p className="practice-eyebrow">
        <span className="badge practice-badge">{t("training.run.practice")}</span>{" "}
        <span className="muted small">{t("training.run.notCounted")}</span>
      </p>
      <h2 id="practice-title" className="practice-title">
        {/* FSI … PDI: the scenario's title keeps its own direction inside the interface's sentence */}
        {t("training.run.scenario", { title: `\u2068${practice.scenario.title}\u2069` })}
      </h2>
      <p className="practice-customer" {...content}>
        {practice.scenario.customer}
      </p>
      {!completed ? (
        <div className="practice-says" aria-live="polite">
          <p className="practice-says-label">{t("training.run.customerSays")}</p>
          {state.steps[doc.steps[0]?.id ?? ""]?.status !== "done" && practice.scenario.opening.length ? (
            <blockquote className="practice-line" {...content}>
              <Blocks blocks={practice.scenario.opening} />
            </blockquote>
          ) : null}
          {lines.map((a, i) => (
            <blockquote key={i} className="practice-line" {...content}>
              <p>{a.says ?? (a.kind === "field" ? a.value : a.choose)}</p>
            </blockquote>
          ))}
        </div>
      ) : (
        <PracticeScoreCard practice={practice} synced={synced} />
      )}
    </section>
  );
}

const CRITERION_LABEL: Record<string, MessageId> = {
  path: "training.criterion.path",
  fields: "training.criterion.fields",
  checks: "training.criterion.checks",
  escalation: "training.criterion.escalation",
  outcome: "training.criterion.outcome",
  time: "training.criterion.time",
};

function PracticeScoreCard({ practice, synced }: { practice: PracticeInfo; synced: boolean }) {
  const tr = useT();
  const { t } = tr;
  const revalidator = useRevalidator();
  const score = practice.score;
  // The score is computed on the server once the completion is stored: ask for it when the outbox is empty.
  useEffect(() => {
    if (!score && synced && revalidator.state === "idle") revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [score, synced]);
  if (!score) return <p className="muted">…</p>;
  const wrong = score.criteria.flatMap((c) => c.items.filter((i) => !i.ok).map((i) => ({ ...i, criterion: c.id })));
  return (
    <div className="practice-score" data-testid="practice-score">
      <p className={`practice-score-figure ${score.passed ? "is-passed" : "is-failed"}`} role="status">
        <strong>{t("training.run.score", { score: score.score })}</strong>{" "}
        {score.passed
          ? t("training.run.passed", { pass: practice.passScore })
          : t("training.run.failed", { pass: practice.passScore })}
      </p>
      <ul className="practice-criteria">
        {score.criteria.map((c) => (
          <li key={c.id} className={c.earned >= c.weight ? "is-ok" : "is-off"}>
            <span>{t(CRITERION_LABEL[c.id]!)}</span>
            <span className="practice-criterion-figure">
              {tr.number(Math.round(c.earned * 10) / 10)}/{tr.number(c.weight)}
            </span>
          </li>
        ))}
      </ul>
      <h3 className="practice-sub">{wrong.length ? t("training.run.whereWrong") : t("training.run.allRight")}</h3>
      {wrong.length ? (
        <ul className="practice-wrong">
          {wrong.map((w, i) => (
            <li key={i}>
              <bdi>{w.label}</bdi>
            </li>
          ))}
        </ul>
      ) : null}
      {practice.comments.length ? (
        <>
          <h3 className="practice-sub">{t("training.run.trainerComments")}</h3>
          <ul className="practice-comments">
            {practice.comments.map((c) => (
              <li key={c.id}>
                <p>
                  <bdi>{c.body}</bdi>
                </p>
                <p className="muted small">
                  {c.authorName ?? ""} · {tr.date(c.at, { dateStyle: "medium", timeStyle: "short" })}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link className="button button-small" to={`/training/${encodeURIComponent(practice.sopId)}`}>
          {t("training.run.backToTraining")}
        </Link>
      </p>
    </div>
  );
}
