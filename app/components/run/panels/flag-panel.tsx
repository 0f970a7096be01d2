import { useState } from "react";
import type { Step } from "../../../../sop-schema/types";
import { FLAG_KINDS } from "../../../../runbook/events";
import { useT } from "../../i18n";
import { useRunActions, useRunView } from "../run-context";

/** Tells the SOP's lead what is wrong with the step on screen. Keyed by step: each step starts afresh. */
export function FlagPanel({ step }: { step: Step | undefined }) {
  const { t } = useT();
  const { state, locked } = useRunView();
  const { dispatch } = useRunActions();
  const [kind, setKind] = useState<string>(FLAG_KINDS[0]);
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  if (!step) return null;
  const flagged = state.flags.filter((f) => f.stepId === step.id);
  return (
    <div className="stack">
      <h2 className="panel-title">{t("run.flag.title")}</h2>
      <p className="small muted">{t("run.flag.intro", { n: step.number, title: `\u2068${step.title}\u2069` })}</p>
      {flagged.map((f) => (
        <p key={f.id} className="alert alert-success">
          {t("run.flag.sentAs", { kind: flagLabel(t, f.kind) })} <bdi>{f.text}</bdi>
        </p>
      ))}
      {sent ? <p role="status">{t("run.flag.thanks")}</p> : null}
      {!locked ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (
              !dispatch({
                type: "step.flagged",
                stepId: step.id,
                kind: kind as (typeof FLAG_KINDS)[number],
                text: text.trim(),
              })
            ) {
              setText("");
              setSent(true);
            }
          }}
        >
          <div className="form-field">
            <label htmlFor="flag-kind">{t("run.flag.kind")}</label>
            <select id="flag-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {FLAG_KINDS.map((k) => (
                <option key={k} value={k}>
                  {flagLabel(t, k)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="flag-text">{t("run.flag.details")}</label>
            <textarea
              id="flag-text"
              rows={3}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setSent(false);
              }}
              required
              maxLength={2000}
              dir="auto"
            />
          </div>
          <button type="submit" className="button" disabled={!text.trim()}>
            {t("run.flag.submit")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

function flagLabel(t: ReturnType<typeof useT>["t"], kind: string): string {
  return (FLAG_KINDS as readonly string[]).includes(kind)
    ? t(`run.flag.kind.${kind}` as "run.flag.kind.unclear")
    : kind;
}
