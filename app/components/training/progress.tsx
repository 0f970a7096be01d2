import type { CellState } from "../../../training/certification";
import type { TrainingItem } from "../../training.server";
import { useT } from "../i18n";
import { CellStateBadge } from "./cell-state-badge";

/** A training state in words and a shape (never colour alone), in the viewer's language. */
export function TrainingStateBadge({ state }: { state: CellState }) {
  return <CellStateBadge state={state} localised />;
}

/** "Version N has minor changes since version M" with its change note, when the item has one. */
export function MinorChangeNote({
  item,
  className = "training-minor",
}: {
  item: Pick<TrainingItem, "version" | "minorChangeSince">;
  className?: string;
}) {
  const { t } = useT();
  if (!item.minorChangeSince) return null;
  return (
    <p className={className}>
      {t("training.minorChange", {
        version: item.version ?? 0,
        since: item.minorChangeSince.version,
        note: item.minorChangeSince.note,
      })}
    </p>
  );
}

type Stage = { key: string; label: string; done: boolean };

/** Read → acknowledged → quiz → practice → certified, each marked done or to do. */
export function TrainingProgress({ item }: { item: Pick<TrainingItem, "state" | "status" | "requirements"> }) {
  const tr = useT();
  const { t } = tr;
  const s = item.status;
  const certified = item.state === "certified" || item.state === "expiring";
  const stages: Stage[] = [
    { key: "read", label: t("training.progress.read"), done: item.state !== "not-started" },
    { key: "ack", label: t("training.progress.acknowledged"), done: !!s?.acknowledged },
  ];
  if (item.requirements.quiz) stages.push({ key: "quiz", label: t("training.progress.quiz"), done: !!s?.quizPassed });
  if (item.requirements.practice > 0) {
    stages.push({
      key: "practice",
      label: t("training.progress.practice", {
        done: Math.min(s?.practicePassed ?? 0, item.requirements.practice),
        needed: item.requirements.practice,
      }),
      done: (s?.practicePassed ?? 0) >= item.requirements.practice,
    });
  }
  stages.push({ key: "cert", label: t("training.progress.certified"), done: certified });
  return (
    <ol className="training-progress" aria-label={t("training.progress.label")}>
      {stages.map((stage) => (
        <li key={stage.key} className={stage.done ? "is-done" : undefined}>
          <span className="training-progress-mark" aria-hidden="true">
            {stage.done ? "✓" : ""}
          </span>
          <span>{stage.label}</span>
          <span className="visually-hidden">
            : {stage.done ? t("training.progress.done") : t("training.progress.todo")}
          </span>
        </li>
      ))}
    </ol>
  );
}
