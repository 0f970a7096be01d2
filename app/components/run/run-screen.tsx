import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { SopDocument } from "../../../sop-schema/types";
import { nextStepId } from "../../../runbook/derive";
import { stepCompletionProblem } from "../../../runbook/validate";
import type { RunState } from "../../../runbook/state";
import { uiLanguageOf } from "../../../i18n";
import { SopProvider, type Renderers } from "../sop/sop-view";
import { I18nProvider, useT } from "../i18n";
import { useRun, type NewRunEvent } from "./use-run";
import {
  RunActionsContext,
  RunViewContext,
  useRunActions,
  useRunView,
  type Panel,
  type RunActions,
  type RunView,
} from "./run-context";
import { useRunKeyboard } from "./use-run-keyboard";
import { afterPointerRelease, flushDeferred, trackPointer } from "./pointer-guard";
import { RunHeader } from "./run-header";
import { RunOutline } from "./run-outline";
import { CurrentStep } from "./step/current-step";
import { RunField } from "./step/run-field";
import { RunChecks, RunVariable } from "./step/run-checks";
import { RunFlow } from "./step/run-flow";
import { RunTemplateCopy } from "./step/run-section";
import { RunSidePanels } from "./panels/side-panels";
import { CompletedSummary, ReadOnlyNotice } from "./run-notices";
import { HelpOverlay } from "./help-overlay";
import { PracticeBanner, type PracticeInfo } from "./practice";
import "./run-screen.css";

export { SHORTCUTS } from "./help-overlay";

export type RunScreenProps = {
  runId: string;
  doc: SopDocument;
  version: number;
  serverState: RunState;
  readOnly: boolean;
  customerRef: string | null;
  channel: string | null;
  /** the viewer's own interface language (profile); the SOP's language wins where it has a catalog */
  uiLanguage?: string | null;
  timeZone?: string;
  /** a practice call (training): its scenario, and its score once completed */
  practice?: PracticeInfo | null;
};

/**
 * The interface speaks the SOP's language where we have it (a Persian SOP runs with a Persian interface);
 * an English SOP runs in the agent's own interface language.
 */
export function runLanguage(doc: SopDocument, uiLanguage: string | null | undefined): string {
  return uiLanguageOf(doc.meta.language) !== "en" ? doc.meta.language : (uiLanguage ?? "en");
}

export function RunScreen(props: RunScreenProps) {
  return (
    <I18nProvider lang={runLanguage(props.doc, props.uiLanguage)} timeZone={props.timeZone}>
      <RunScreenInner {...props} />
    </I18nProvider>
  );
}

/** The Blocks renderers of a run: each reads the run from context, so the object never changes. */
const RUN_RENDERERS: Renderers = {
  field: (f) => <RunField field={f} />,
  checks: (checks) => <RunChecks checks={checks} />,
  variable: (name, label) => <RunVariable name={name} label={label} />,
  flow: (flow) => <RunFlow flow={flow} />,
  escalateAction: (block) => <EscalateNow to={block.to} reason={block.reason} />,
  templateCopy: (block, body, describedBy) => <RunTemplateCopy block={block} body={body} describedBy={describedBy} />,
};

function RunScreenInner(props: RunScreenProps) {
  const { runId, doc, version, serverState, readOnly } = props;
  const tr = useT();
  const run = useRun({ runId, doc, serverState, readOnly, lang: tr.lang });
  const { state, dispatch } = run;
  const completed = state.status !== "active";
  const locked = readOnly || completed;
  const [panel, setPanel] = useState<Panel>(locked ? "wrapup" : "notes");
  /** In a narrow panel the call tools open as a sheet over the step; on a wide screen they are a column. */
  const [sheet, setSheet] = useState(false);
  const [help, setHelp] = useState(false);
  const [escalateDraft, setEscalateDraft] = useState<{ to: string; reason: string } | null>(null);
  const [message, setMessageNow] = useState<string | null>(null);
  /** The step shown while locked: looking around a finished run is not an event. */
  const [viewedId, setViewedId] = useState<string | null>(null);
  const stepRef = useRef<HTMLElement>(null);
  /** true once hydrated: the keyboard and the outbox are live (tests wait for `.run[data-live]`) */
  const [live, setLive] = useState(false);
  useEffect(() => {
    trackPointer();
    setLive(true);
  }, []);

  const stepIndex = useMemo(() => new Map(doc.steps.map((s, i) => [s.id, i])), [doc]);
  const stepById = useMemo(() => new Map(doc.steps.map((s) => [s.id, s])), [doc]);
  const currentId = (locked ? viewedId : null) ?? state.currentStepId ?? doc.steps[0]?.id ?? null;
  const current = currentId ? stepById.get(currentId) : undefined;
  // The step on screen follows the current one as a deferred value: the click or key that moves on paints its
  // feedback at once (tick, progress, outline), and a heavy next step (a flow diagram) renders right after,
  // interruptibly — the interaction never waits for it.
  const shownId = useDeferredValue(currentId);
  const shown = shownId ? stepById.get(shownId) : undefined;
  const focusPending = useRef(false);
  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    // Focus the new step for the keyboard, but scroll no more than needed to show its title: the header
    // (call timer, save status) stays in view on a tall screen.
    stepRef.current?.focus({ preventScroll: true });
    document.getElementById("current-step-title")?.scrollIntoView({ block: "nearest" });
  }, [shownId]);
  // The agent's hands go to the step: on a call that has just started, its first box (else the step itself);
  // on a resumed call the step, so that the keys (j, d, …) work at once.
  useEffect(() => {
    if (locked) return;
    const step = stepRef.current;
    if (!step || (document.activeElement && document.activeElement !== document.body)) return;
    const fresh = state.appliedEventIds.length <= 1;
    const first = fresh
      ? step.querySelector<HTMLElement>(
          ".run-step-body input:not([type=hidden]):not([tabindex='-1']):not([disabled]), " +
            ".run-step-body select:not([disabled]), .run-step-body textarea:not([disabled])",
        )
      : null;
    (first ?? step).focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A refusal is shown as a banner over the step (not in the flow of the page): it appearing or going away
  // never moves the button under the agent's pointer.
  const setMessage = useCallback((m: string | null) => afterPointerRelease(() => setMessageNow(m)), []);
  const act = useCallback(
    (e: NewRunEvent) => {
      const problem = dispatch(e);
      setMessage(problem);
      return problem;
    },
    [dispatch, setMessage],
  );

  // The latest view for the stable actions below (they must not change identity on every event).
  const latest = useRef({ currentId, locked, state });
  latest.current = { currentId, locked, state };

  const openPanel = useCallback((p: Panel) => {
    setPanel(p);
    setSheet(true);
    requestAnimationFrame(() =>
      document
        .getElementById(`panel-${p}`)
        ?.querySelector<HTMLElement>(
          "textarea:not([disabled]), input:not([disabled]), select:not([disabled]), button:not([disabled])",
        )
        ?.focus(),
    );
  }, []);

  const focusStep = useCallback(
    (stepId: string | null | undefined) => {
      const { currentId: now, locked: isLocked } = latest.current;
      if (!stepId || stepId === now) return;
      if (isLocked) setViewedId(stepId);
      else if (act({ type: "step.focused", stepId })) return;
      focusPending.current = true; // focused once it is on screen (see shownId)
    },
    [act],
  );

  const escalate = useCallback(
    (to: string, reason: string) => {
      setEscalateDraft({ to, reason });
      openPanel("escalate");
    },
    [openPanel],
  );

  const actions: RunActions = useMemo(
    () => ({ runId, doc, version, dispatch: act, focusStep, openPanel, escalate }),
    [runId, doc, version, act, focusStep, openPanel, escalate],
  );
  const view: RunView = useMemo(() => ({ state, locked, currentId }), [state, locked, currentId]);

  const move = (delta: 1 | -1) => {
    const i = currentId ? (stepIndex.get(currentId) ?? 0) : 0;
    const target = doc.steps[i + delta];
    if (target) focusStep(target.id);
  };

  const completeCurrent = () => {
    if (!current || locked) return;
    flushDeferred(); // a value committed by this very click (the box it blurred) counts for the step
    const now = run.getState();
    if (now.steps[current.id]?.status !== "done") {
      // What the boxes hold (a value they refused is not in the run): "correct the order number", not "enter".
      const problem = stepCompletionProblem(doc, now, current.id, tr.lang, typedValues(stepRef.current));
      if (problem) return setMessage(problem);
      if (act({ type: "step.completed", stepId: current.id })) return;
    }
    const after = run.getState();
    const next = nextStepId(doc, after, current.id);
    if (next) focusStep(next);
    else openPanel("wrapup");
  };

  useRunKeyboard({
    help,
    setHelp,
    locked,
    openPanel,
    move,
    completeCurrent,
    closeSheet: () => setSheet(false),
    answer: (n) => stepRef.current?.querySelector<HTMLButtonElement>(`[data-answer="${n}"]`)?.click(),
  });

  return (
    <RunActionsContext.Provider value={actions}>
      <RunViewContext.Provider value={view}>
        <SopProvider doc={doc} renderers={RUN_RENDERERS}>
          <div
            className="run"
            lang={tr.lang}
            dir={tr.dir}
            data-live={live ? "" : undefined}
            data-sheet={sheet ? "open" : undefined}
            data-practice={props.practice ? "" : undefined}
          >
            <RunHeader
              doc={doc}
              version={version}
              state={state}
              customerRef={props.customerRef}
              channel={props.channel}
              sync={readOnly ? null : run.sync}
              onRetry={run.retryNow}
              onHelp={() => setHelp(true)}
            />

            {run.rejected ? (
              <div className="alert alert-error" role="alert">
                {run.rejected}{" "}
                <button type="button" className="button button-small" onClick={run.dismissRejected}>
                  {tr.t("run.dismiss")}
                </button>
              </div>
            ) : null}

            <div className="run-layout">
              <RunOutline doc={doc} onWrapUp={() => openPanel("wrapup")} />

              <div className="run-main">
                <div className="run-message-slot">
                  {message ? (
                    <div className="alert alert-error run-message" role="alert">
                      <span>{message}</span>
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        onClick={() => setMessageNow(null)}
                        aria-label={tr.t("run.dismiss")}
                      >
                        ×
                      </button>
                    </div>
                  ) : null}
                </div>
                {props.practice ? (
                  <PracticeBanner practice={props.practice} synced={run.sync.kind === "saved"} />
                ) : null}
                {completed ? (
                  <CompletedSummary state={state} runId={runId} />
                ) : readOnly ? (
                  <ReadOnlyNotice runId={runId} />
                ) : null}
                {shown ? (
                  <div lang={doc.meta.language} dir={doc.meta.direction}>
                    <CurrentStep
                      key={
                        shown.id /* a fresh step: no typed-but-uncommitted value follows the agent to another step */
                      }
                      ref={stepRef}
                      step={shown}
                      onDone={completeCurrent}
                      onBack={() => move(-1)}
                      onNext={() => move(1)}
                      isFirst={stepIndex.get(shown.id) === 0}
                      isLast={stepIndex.get(shown.id) === doc.steps.length - 1}
                    />
                  </div>
                ) : null}
              </div>

              <RunSidePanels
                panel={panel}
                setPanel={openPanel}
                sheetOpen={sheet}
                closeSheet={() => setSheet(false)}
                current={current}
                escalateDraft={escalateDraft}
              />
            </div>
            {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
          </div>
        </SopProvider>
      </RunViewContext.Provider>
    </RunActionsContext.Provider>
  );
}

/** The values the step's boxes hold right now, by field name (run-field ids are `run-field-<name>`). */
function typedValues(step: HTMLElement | null): Record<string, string> {
  const out: Record<string, string> = {};
  step
    ?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("[id^='run-field-']")
    .forEach((el) => {
      if ("value" in el && el.value) out[el.id.slice("run-field-".length)] = el.value;
    });
  return out;
}

function EscalateNow({ to, reason }: { to: string; reason: string }) {
  const { t } = useT();
  const { locked } = useRunView();
  const { escalate } = useRunActions();
  if (locked) return null;
  return (
    <button type="button" className="button button-small escalate-now" onClick={() => escalate(to, reason)}>
      {t("run.escalate.now")}
    </button>
  );
}
