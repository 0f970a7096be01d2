import { useState } from "react";
import type { Step } from "../../../../sop-schema/types";
import { Blocks, useSopContext } from "../../sop/sop-view";
import { useT } from "../../i18n";
import { useRunActions, useRunView } from "../run-context";
import { RunSectionNotes } from "./run-section";

type Props = {
  step: Step;
  onDone(): void;
  onBack(): void;
  onNext(): void;
  isFirst: boolean;
  isLast: boolean;
  ref: React.Ref<HTMLElement>;
};

/** The step on screen: its content with the run's controls in it, and what can be done with the step. */
export function CurrentStep({ step, onDone, onBack, onNext, isFirst, isLast, ref }: Props) {
  const { t } = useT();
  const sop = useSopContext();
  const { state, locked } = useRunView();
  const { dispatch, openPanel, doc } = useRunActions();
  const st = state.steps[step.id];
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState("");
  return (
    <section className="run-step" ref={ref} tabIndex={-1} aria-labelledby="current-step-title">
      <h2 id="current-step-title" className="run-step-title">
        <span className="step-num" aria-hidden="true">
          {step.number.toLocaleString(sop.t.locale)}
        </span>
        <span className="visually-hidden">{sop.t.step(step.number)}: </span>
        <span className="run-step-title-text">{step.title}</span>
        {st?.status === "done" ? <span className="badge badge-success">{t("run.status.done")}</span> : null}
        {st?.status === "skipped" ? (
          <span className="badge badge-muted">
            {t("run.step.skippedBecause")} <bdi>{st.skipReason}</bdi>
          </span>
        ) : null}
      </h2>
      {st?.stale ? (
        <div className="alert alert-warning" role="status">
          {t("run.step.stale")} <bdi>{st.stale}</bdi>
        </div>
      ) : null}
      <RunSectionNotes doc={doc} stepId={step.id} />
      <div className="run-step-body">
        <Blocks blocks={step.blocks} />
      </div>
      {locked ? (
        <div className="run-step-actions">
          <button type="button" className="button" onClick={onBack} disabled={isFirst} aria-keyshortcuts="k">
            {t("run.step.previous")}
          </button>
          <button type="button" className="button" onClick={onNext} disabled={isLast} aria-keyshortcuts="j">
            {t("run.step.next")}
          </button>
        </div>
      ) : (
        <div className="run-step-actions">
          <button type="button" className="button" onClick={onBack} disabled={isFirst} aria-keyshortcuts="k">
            {t("run.step.back")}
          </button>
          {st?.status === "pending" ? (
            <button type="button" className="button button-primary" onClick={onDone} aria-keyshortcuts="d">
              {isLast ? t("run.step.done") : t("run.step.doneNext")} <kbd>d</kbd>
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                onClick={() => dispatch({ type: "step.reopened", stepId: step.id })}
              >
                {t("run.step.reopen")}
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={onNext}
                disabled={isLast}
                aria-keyshortcuts="j"
              >
                {t("run.step.next")}
              </button>
            </>
          )}
          {st?.status === "pending" ? (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => setSkipping((v) => !v)}
              aria-expanded={skipping}
            >
              {t("run.step.skip")}
            </button>
          ) : null}
          <button type="button" className="button button-ghost" onClick={() => openPanel("flag")} aria-keyshortcuts="f">
            {t("run.step.flag")}
          </button>
        </div>
      )}
      {skipping && st?.status === "pending" ? (
        <form
          className="skip-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!dispatch({ type: "step.skipped", stepId: step.id, reason: reason.trim() })) {
              setSkipping(false);
              setReason("");
              onNext();
            }
          }}
        >
          <label htmlFor="skip-reason">{t("run.step.skipWhy")}</label>
          <input
            id="skip-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
            autoFocus
            placeholder={t("run.step.skipExample")}
          />
          <button type="submit" className="button" disabled={!reason.trim()}>
            {t("run.step.skipSubmit")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
