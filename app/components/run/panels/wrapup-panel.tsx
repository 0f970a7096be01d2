import { useEffect, useMemo, useRef, useState } from "react";
import { buildWrapUp, formatFollowUpDue } from "../../../../runbook/derive";
import { OUTCOMES } from "../../../../runbook/events";
import type { RunState } from "../../../../runbook/state";
import { asciiDigits } from "../../../../i18n";
import { useT } from "../../i18n";
import { CopyBox, CopyButton } from "../copy";
import { useRunActions, useRunView } from "../run-context";
import { outcomeLabel } from "../step/run-flow";
import { DatePickerButton } from "../step/run-field";

/** Today in the viewer's own calendar (not UTC's), YYYY-MM-DD. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * The end of the call: outcome, follow-up date (and optional time), the wrap-up note built from the call
 * (editable), copy, complete. Stays mounted while the agent looks at other panels, so an edited note or a
 * chosen outcome is not lost; the note is only rebuilt while the panel is shown.
 */
/** Why the last action was refused, announced as it appears; nothing while there is none. */
function Problem({ text }: { text: string | null }) {
  return text ? (
    <p className="field-error" role="alert">
      {text}
    </p>
  ) : null;
}

export function WrapUpPanel({ active }: { active: boolean }) {
  const tr = useT();
  const { t } = tr;
  const { state, locked } = useRunView();
  const { doc, version, dispatch } = useRunActions();
  const [outcome, setOutcome] = useState<string>(state.escalations.length ? "escalated" : "resolved");
  const [dueDate, setDueDate] = useState("");
  const [dueTime, setDueTime] = useState("");
  const due = dueDate ? (dueTime ? `${dueDate}T${dueTime}` : dueDate) : "";
  // The note as it would read with the outcome chosen here (the engine prints the outcome line from state).
  const suggested = useMemo(() => {
    if (!active || state.outcome) return "";
    const preview: RunState = {
      ...state,
      outcome: {
        outcome,
        ...(outcome === "follow-up" && due ? { followUpDue: due } : {}),
        wrapUp: "",
        at: state.lastEventAt,
      },
    };
    return buildWrapUp(doc, preview, { versionNumber: version, lang: tr.lang, timeZone: tr.timeZone, now: Date.now() });
  }, [active, state, outcome, due, doc, version, tr]);
  const [note, setNote] = useState("");
  const [edited, setEdited] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!edited && suggested) setNote(suggested);
  }, [suggested, edited]);

  if (state.outcome) {
    return (
      <div className="stack">
        <h2 className="panel-title">{t("run.wrapup.title")}</h2>
        <p>
          {t("run.wrapup.outcome")}: <strong>{outcomeLabel(t, state.outcome.outcome)}</strong>
          {state.followUp
            ? " · " +
              t(state.followUp.closedAt ? "run.wrapup.followUpClosed" : "run.wrapup.followUpBy", {
                due: formatFollowUpDue(state.followUp.due, tr.lang, tr.timeZone),
              })
            : ""}
        </p>
        <CopyBox text={state.outcome.wrapUp} />
        {state.followUp?.note ? (
          <p className="small">
            {t("run.wrapup.followUpNote")} <bdi>{state.followUp.note}</bdi>
          </p>
        ) : null}
      </div>
    );
  }
  if (locked) {
    return (
      <div className="stack">
        <h2 className="panel-title">{t("run.wrapup.title")}</h2>
        <p className="muted small">{t("run.wrapup.notYet")}</p>
      </div>
    );
  }
  const needsDate = outcome === "follow-up" && !dueDate;
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (needsDate) return setProblem(t("run.wrapup.dateNeeded"));
        // The note as it reads at this moment (the call's length as the timer shows it), unless the agent edited it.
        const text = edited
          ? note
          : buildWrapUp(
              doc,
              {
                ...state,
                outcome: {
                  outcome,
                  ...(outcome === "follow-up" ? { followUpDue: due } : {}),
                  wrapUp: "",
                  at: Date.now(),
                },
              },
              { versionNumber: version, lang: tr.lang, timeZone: tr.timeZone, now: Date.now() },
            );
        setProblem(
          dispatch({
            type: "completed",
            outcome: outcome as (typeof OUTCOMES)[number],
            ...(outcome === "follow-up" ? { followUpDue: due } : {}),
            wrapUp: text,
          }),
        );
      }}
    >
      <h2 className="panel-title">{t("run.wrapup.title")}</h2>
      <div className="form-field">
        <label htmlFor="wrap-outcome">{t("run.wrapup.outcome")}</label>
        <select id="wrap-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {outcomeLabel(t, o)}
            </option>
          ))}
        </select>
      </div>
      {outcome === "follow-up" ? (
        <div className="form-field due-row">
          <span className="due-part">
            <label htmlFor="wrap-due">{t("run.wrapup.followUpWhen")}</label>
            {/* a text box (one Tab stop, Persian digits welcome) with the browser's calendar one click away */}
            <span className="date-input">
              <input
                id="wrap-due"
                type="text"
                inputMode="numeric"
                dir="ltr"
                autoComplete="off"
                placeholder={`${localToday()}`}
                value={dueDate}
                onChange={(e) => setDueDate(asciiDigits(e.target.value).trim())}
                required
                aria-required="true"
                aria-describedby={needsDate ? "wrap-complete-why wrap-due-hint" : "wrap-due-hint"}
              />
              <DatePickerButton value={dueDate} onPick={setDueDate} label={t("run.field.pickDate")} disabled={false} />
            </span>
            <span className="field-hint" id="wrap-due-hint">
              {t("run.field.dateHint")}
            </span>
          </span>
          <span className="due-part">
            <label htmlFor="wrap-due-time">{t("run.wrapup.time")}</label>
            <input id="wrap-due-time" type="time" value={dueTime} onChange={(e) => setDueTime(e.target.value)} />
          </span>
        </div>
      ) : null}
      <div className="form-field">
        <label htmlFor="wrap-note">{t("run.wrapup.note")}</label>
        <textarea
          id="wrap-note"
          ref={noteRef}
          rows={12}
          value={note}
          dir="auto"
          onChange={(e) => {
            setNote(e.target.value);
            setEdited(true);
          }}
          className="mono"
          aria-describedby="wrap-note-hint"
        />
        <p className="field-hint" id="wrap-note-hint">
          {edited ? t("run.wrapup.edited") : t("run.wrapup.built")}
          {edited ? (
            <>
              {" "}
              <button type="button" className="link-button" onClick={() => setEdited(false)}>
                {t("run.wrapup.rebuild")}
              </button>
            </>
          ) : null}
        </p>
      </div>
      <Problem text={problem} />
      <div className="form-actions">
        <CopyButton text={note} fallback={noteRef} />
        <button
          type="submit"
          className="button button-primary"
          aria-disabled={needsDate || undefined}
          aria-describedby={needsDate ? "wrap-complete-why" : undefined}
        >
          {t("run.wrapup.complete")}
        </button>
        {needsDate ? (
          <span className="field-hint" id="wrap-complete-why">
            {t("run.wrapup.dateNeeded")}
          </span>
        ) : null}
      </div>
      <DiscardRun />
    </form>
  );
}

/** A run started by mistake (the wrong SOP, a test call): discarded, kept in the log, never counted. */
function DiscardRun() {
  const { t } = useT();
  const { dispatch } = useRunActions();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <p className="discard-run">
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {t("run.discard.open")}
        </button>
      </p>
    );
  }
  return (
    <div className="discard-run stack" role="group" aria-labelledby="discard-title">
      <p id="discard-title" className="small">
        {t("run.discard.explain")}
      </p>
      <div className="form-field">
        <label htmlFor="discard-reason">{t("run.discard.reason")}</label>
        <input
          id="discard-reason"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          dir="auto"
          autoFocus
        />
      </div>
      <Problem text={problem} />
      <div className="form-actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() =>
            setProblem(dispatch({ type: "discarded", ...(reason.trim() ? { reason: reason.trim() } : {}) }))
          }
        >
          {t("run.discard.submit")}
        </button>
        <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>
          {t("run.discard.cancel")}
        </button>
      </div>
    </div>
  );
}
