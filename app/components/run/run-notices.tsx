import { Link } from "react-router";
import type { RunState } from "../../../runbook/state";
import { useT } from "../i18n";
import { formatFollowUpDue } from "../../../runbook/derive";
import { outcomeLabel } from "./step/run-flow";

export function ReadOnlyNotice({ runId }: { runId: string }) {
  const { t } = useT();
  return (
    <div className="alert alert-info" role="status">
      {t("run.notice.readOnly")} <Link to={`/runs/${runId}/timeline`}>{t("run.notice.timeline")}</Link>
    </div>
  );
}

export function CompletedSummary({ state, runId }: { state: RunState; runId: string }) {
  const tr = useT();
  const { t } = tr;
  if (state.status === "discarded") {
    return (
      <div className="alert alert-info completed-banner" role="status">
        <strong>{t("run.notice.discarded")}</strong>
        {state.discardReason ? (
          <>
            {": "}
            <bdi>{state.discardReason}</bdi>
          </>
        ) : null}
        . {t("run.notice.discardedReadOnly")} <Link to={`/runs/${runId}/timeline`}>{t("run.notice.timeline")}</Link>
      </div>
    );
  }
  return (
    <div className="alert alert-success completed-banner" role="status">
      <strong>{t("run.notice.completed")}</strong>
      {state.outcome ? ` — ${outcomeLabel(t, state.outcome.outcome)}` : ""}
      {state.followUp && !state.followUp.closedAt
        ? ` · ${t("run.wrapup.followUpBy", { due: formatFollowUpDue(state.followUp.due, tr.lang, tr.timeZone) })}`
        : ""}
      . {t("run.notice.completedReadOnly")} <Link to={`/runs/${runId}/timeline`}>{t("run.notice.timeline")}</Link>
    </div>
  );
}
