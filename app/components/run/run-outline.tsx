import { memo, useState } from "react";
import type { SopDocument } from "../../../sop-schema/types";
import { progress, stepStatuses } from "../../../runbook/derive";
import { useT } from "../i18n";
import { useRunActions, useRunView } from "./run-context";

/**
 * The steps of the procedure with their state. On a wide screen a column beside the step; in a narrow panel
 * one line ("Step 3 of 7", the progress bar) that opens the list over the step.
 */
export function RunOutline({ doc, onWrapUp }: { doc: SopDocument; onWrapUp(): void }) {
  const { t } = useT();
  const { state, locked, currentId } = useRunView();
  const { focusStep } = useRunActions();
  const [open, setOpen] = useState(false);
  const prog = progress(doc, state);
  const statuses = stepStatuses(doc, state);
  const summary = t("run.outline.summary", {
    done: prog.done,
    skipped: prog.skipped,
    needed: prog.needed,
    notNeeded: prog.notNeeded,
  });
  const current = currentId ? doc.steps.find((s) => s.id === currentId) : undefined;
  const stepTitles = new Map(doc.steps.map((s) => [s.id, s]));
  return (
    <nav className="run-outline" aria-label={t("run.outline.label")} data-open={open ? "" : undefined}>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={prog.percent}
        aria-label={t("run.outline.progress")}
      >
        <div className="progress-bar" style={{ inlineSize: `${prog.percent}%` }} />
      </div>
      <div className="outline-head">
        <button
          type="button"
          className="outline-toggle"
          aria-expanded={open}
          aria-controls="run-outline-steps"
          onClick={() => setOpen((o) => !o)}
        >
          <span>
            {current ? t("run.outline.stepOf", { n: current.number, total: doc.steps.length }) : t("run.outline.label")}
          </span>
          <span aria-hidden="true" className="outline-toggle-icon">
            ▾
          </span>
        </button>
        <p className="muted small outline-summary">{summary}</p>
      </div>
      <div id="run-outline-steps" className="outline-steps">
        {doc.sections.map((section) =>
          section.stepIds.length === 0 ? null : (
            <div key={section.id} className="outline-section" lang={doc.meta.language} dir={doc.meta.direction}>
              {section.title ? <p className="outline-section-title">{section.title}</p> : null}
              <ol>
                {section.stepIds.map((id) => {
                  const step = stepTitles.get(id)!;
                  const st = state.steps[id];
                  return (
                    <OutlineItem
                      key={id}
                      id={id}
                      number={step.number}
                      title={step.title}
                      status={statuses[id]?.status ?? st?.status ?? "pending"}
                      current={id === currentId}
                      stale={st?.stale}
                      onPick={(picked) => {
                        setOpen(false);
                        focusStep(picked);
                      }}
                    />
                  );
                })}
              </ol>
            </div>
          ),
        )}
        {!locked ? (
          <button type="button" className="button button-block" onClick={onWrapUp}>
            {t("run.outline.wrapUp")}
          </button>
        ) : null}
      </div>
    </nav>
  );
}

/**
 * One step of the outline. Memoised on its own values: a step action re-renders only the items whose status or
 * "current" mark changed, not all thirty (the runbook INP bench).
 */
const OutlineItem = memo(
  function OutlineItem({
    id,
    number: n,
    title,
    status,
    current,
    stale,
    onPick,
  }: {
    id: string;
    number: number;
    title: string;
    status: string;
    current: boolean;
    stale?: string;
    onPick(id: string): void;
  }) {
    const { t, number } = useT();
    return (
      <li>
        <button
          type="button"
          className={`outline-step outline-${status}${current ? " outline-current" : ""}`}
          aria-current={current ? "step" : undefined}
          onClick={() => onPick(id)}
        >
          <span className="outline-icon" aria-hidden="true">
            {status === "done" ? "✓" : status === "skipped" ? "↷" : status === "not-needed" ? "–" : number(n)}
          </span>
          <span className="outline-label">{title}</span>
          {status !== "pending" ? (
            <span className="visually-hidden"> ({t(`run.status.${status}` as "run.status.done")})</span>
          ) : null}
          {stale ? (
            <span className="outline-stale" title={stale}>
              !<span className="visually-hidden"> {t("run.outline.stale")}</span>
            </span>
          ) : null}
        </button>
      </li>
    );
  },
  // onPick closes over the outline's own state setter and the stable focusStep: the same behaviour every render.
  (a, b) =>
    a.id === b.id &&
    a.number === b.number &&
    a.title === b.title &&
    a.status === b.status &&
    a.current === b.current &&
    a.stale === b.stale,
);
