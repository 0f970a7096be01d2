import { useEffect, useMemo, useState } from "react";
import type { Block, SopDocument } from "../../../../sop-schema/types";
import { visitBlocks } from "../../../../sop-schema/walk";
import { Blocks } from "../../sop/sop-view";
import { useT } from "../../i18n";
import { useRunActions, useRunView } from "../run-context";

/** Records an escalation (who to, why) with the SOP's handover script for that team. */
export function EscalatePanel({ draft }: { draft: { to: string; reason: string } | null }) {
  const tr = useT();
  const { t } = tr;
  const { state, locked, currentId } = useRunView();
  const { doc, dispatch } = useRunActions();
  const options = useMemo(() => {
    const all = doc.steps.flatMap((s) => s.escalations);
    return all.filter((e, i) => all.findIndex((x) => x.to === e.to && x.reason === e.reason) === i);
  }, [doc]);
  const teams = useMemo(() => [...new Set(options.map((o) => o.to))], [options]);
  const [to, setTo] = useState(draft?.to ?? options[0]?.to ?? "");
  const [reason, setReason] = useState(draft?.reason ?? options[0]?.reason ?? "");
  useEffect(() => {
    if (draft) {
      setTo(draft.to);
      setReason(draft.reason);
    }
  }, [draft]);
  const script = findHandover(doc, to);
  return (
    <div className="stack">
      <h2 className="panel-title">{t("run.escalate.title")}</h2>
      {state.escalations.map((e) => (
        <p key={e.id} className="alert alert-warning">
          {t("run.escalate.done")}{" "}
          <strong>
            <bdi>{e.to}</bdi>
          </strong>
          : <bdi>{e.reason}</bdi>
        </p>
      ))}
      {!locked ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            dispatch({
              type: "escalated",
              to: to.trim(),
              reason: reason.trim(),
              ...(currentId ? { stepId: currentId } : {}),
            });
          }}
        >
          {teams.length ? (
            <p className="small muted">
              {t("run.escalate.teams")} <bdi>{tr.list(teams)}</bdi>
            </p>
          ) : null}
          <div className="form-field">
            <label htmlFor="esc-to">{t("run.escalate.to")}</label>
            <input
              id="esc-to"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              required
              maxLength={120}
              list="esc-to-options"
              dir="auto"
            />
            <datalist id="esc-to-options">
              {teams.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
          </div>
          <div className="form-field">
            <label htmlFor="esc-reason">{t("run.escalate.why")}</label>
            <textarea
              id="esc-reason"
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={1000}
              dir="auto"
            />
          </div>
          {script ? (
            <div className="handover" lang={doc.meta.language} dir={doc.meta.direction}>
              <p className="small muted">{t("run.escalate.script")}</p>
              <Blocks blocks={script} />
            </div>
          ) : null}
          <button type="submit" className="button button-primary" disabled={!to.trim() || !reason.trim()}>
            {t("run.escalate.submit")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

function findHandover(doc: SopDocument, to: string): Block[] | null {
  // any <Escalate> to that person, also one inside a list or a <Say> (as step.escalations lists them)
  let found: Block[] | null = null;
  for (const step of doc.steps) {
    visitBlocks(step.blocks, (b) => {
      if (found) return false;
      if (b.type === "escalate" && b.to === to) found = b.children;
    });
  }
  return found;
}
