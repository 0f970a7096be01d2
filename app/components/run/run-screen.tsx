import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { Link, useFetcher } from "react-router";
import type { Block, FieldDef, Flow, SopDocument, Step } from "../../../sop-schema";
import { buildWrapUp, FLAG_KINDS, nextStepId, OUTCOMES, progress, timer, validateFieldValue, type RunState } from "../../../runbook";
import { Blocks, SopProvider, useSopContext, type Renderers } from "../sop/sop-view";
import { useRun, type NewRunEvent, type SyncStatus } from "./use-run";
import { RunFlowDiagram } from "./run-flow-diagram";
import "./run-screen.css";

type Panel = "notes" | "escalate" | "flag" | "glossary" | "search" | "wrapup";
type Dispatch = (e: NewRunEvent) => string | null;

const OUTCOME_LABELS: Record<string, string> = {
  resolved: "Resolved",
  escalated: "Escalated",
  "follow-up": "Follow-up needed",
  transferred: "Transferred",
  abandoned: "Abandoned (call dropped)",
};
const FLAG_LABELS: Record<string, string> = { unclear: "Unclear", wrong: "Wrong", outdated: "Outdated", "missing-case": "A case is missing" };

export type RunScreenProps = {
  runId: string;
  doc: SopDocument;
  version: number;
  serverState: RunState;
  readOnly: boolean;
  customerRef: string | null;
  channel: string | null;
};

export function RunScreen(props: RunScreenProps) {
  const { runId, doc, version, serverState, readOnly } = props;
  const run = useRun({ runId, doc, serverState, readOnly });
  const { state, dispatch } = run;
  const completed = state.status === "completed";
  /** Nothing on screen may change the run: someone else's run, or a wrapped-up call. */
  const locked = readOnly || completed;
  const [panel, setPanel] = useState<Panel>(locked ? "wrapup" : "notes");
  const [help, setHelp] = useState(false);
  const [escalateDraft, setEscalateDraft] = useState<{ to: string; reason: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** The step shown while locked: looking around a finished run is not an event. */
  const [viewedId, setViewedId] = useState<string | null>(null);
  const stepRef = useRef<HTMLElement>(null);
  /** true once hydrated: the keyboard and the outbox are live (tests wait for `.run[data-live]`) */
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  const stepIndex = useMemo(() => new Map(doc.steps.map((s, i) => [s.id, i])), [doc]);
  const currentId = (locked ? viewedId : null) ?? state.currentStepId ?? doc.steps[0]?.id ?? null;
  const current = currentId ? doc.steps.find((s) => s.id === currentId) : undefined;
  // The step on screen follows the current one as a deferred value: the click or key that moves on paints its
  // feedback at once (tick, progress, outline), and a heavy next step (a flow diagram) renders right after,
  // interruptibly — the interaction never waits for it.
  const shownId = useDeferredValue(currentId);
  const shown = shownId ? doc.steps.find((s) => s.id === shownId) : undefined;
  const focusPending = useRef(false);
  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    // Focus the new step for the keyboard, but scroll no more than needed to show its title: the header
    // (call timer, save status) stays in view on a tall screen.
    stepRef.current?.focus({ preventScroll: true });
    document.getElementById("current-step-title")?.scrollIntoView({ block: "nearest" });
  }, [shownId]);

  const act = useCallback(
    (e: NewRunEvent) => {
      const problem = dispatch(e);
      setMessage(problem);
      return problem;
    },
    [dispatch],
  );

  const focusStep = useCallback(
    (stepId: string | null | undefined) => {
      if (!stepId || stepId === currentId) return;
      if (locked) setViewedId(stepId);
      else if (act({ type: "step.focused", stepId })) return;
      focusPending.current = true; // focused once it is on screen (see shownId)
    },
    [act, currentId, locked],
  );

  const move = useCallback(
    (delta: 1 | -1) => {
      const i = currentId ? (stepIndex.get(currentId) ?? 0) : 0;
      const target = doc.steps[i + delta];
      if (target) focusStep(target.id);
    },
    [currentId, doc.steps, focusStep, stepIndex],
  );

  const openPanel = useCallback((p: Panel) => {
    setPanel(p);
    requestAnimationFrame(() => document.getElementById(`panel-${p}`)?.querySelector<HTMLElement>("textarea:not([disabled]), input:not([disabled]), select:not([disabled]), button:not([disabled])")?.focus());
  }, []);

  const completeCurrent = useCallback(() => {
    if (!current || locked) return;
    if (state.steps[current.id]?.status !== "done") {
      if (act({ type: "step.completed", stepId: current.id })) return;
    }
    const next = nextStepId(doc, { ...state, steps: { ...state.steps, [current.id]: { status: "done" } } }, current.id);
    if (next) focusStep(next);
    else openPanel("wrapup");
  }, [act, current, doc, focusStep, locked, openPanel, state]);

  // Keyboard: documented in the ? overlay (SHORTCUTS). Ignored while typing, except Escape. Captured on the
  // window before the app-wide handlers, so `/` searches in the side panel here instead of leaving the call.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (e.key === "Escape") {
        if (help) setHelp(false);
        else if (typing) target!.blur();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key;
      if (k === "?") setHelp((h) => !h);
      else if (help) return;
      else if (k === "/" || k === "s") openPanel("search");
      else if (k === "j") move(1);
      else if (k === "k") move(-1);
      else if (k === "g") openPanel("glossary");
      else if (k === "w") openPanel("wrapup");
      else if (locked) return;
      else if (k === "d") completeCurrent();
      else if (k === "n") openPanel("notes");
      else if (k === "e") openPanel("escalate");
      else if (k === "f") openPanel("flag");
      else if (/^[1-9]$/.test(k)) {
        const btn = stepRef.current?.querySelector<HTMLButtonElement>(`[data-answer="${k}"]`);
        if (!btn) return;
        btn.click();
      } else return;
      e.preventDefault();
      e.stopPropagation();
    }
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [completeCurrent, help, locked, move, openPanel]);

  const prog = progress(doc, state);

  const renderers: Renderers = {
    field: (f) => <RunField field={f} state={state} dispatch={act} disabled={locked} />,
    checks: (checks) => <RunChecks checks={checks} state={state} dispatch={act} disabled={locked} />,
    variable: (name, label) => {
      const v = state.fields[name]?.value;
      return v ? (
        <span className="var var-filled" title={label}>
          {v}
        </span>
      ) : (
        <span className="var var-missing" title={`Not captured yet: ${label}`}>
          [{label}]
        </span>
      );
    },
    flow: (flow) => <RunFlow flow={flow} state={state} dispatch={act} disabled={locked} onGoto={focusStep} onEscalate={(to, reason) => { setEscalateDraft({ to, reason }); openPanel("escalate"); }} />,
    escalateAction: (block) =>
      locked ? null : (
        <button type="button" className="button button-small escalate-now" onClick={() => { setEscalateDraft({ to: block.to, reason: block.reason }); openPanel("escalate"); }}>
          Escalate now
        </button>
      ),
  };

  return (
    <SopProvider doc={doc} renderers={renderers}>
      <div className="run" lang={doc.meta.language} dir={doc.meta.direction} data-live={live ? "" : undefined}>
        <header className="run-header" dir="ltr" lang="en">
          <div className="run-title">
            <p className="eyebrow">
              <Link to={`/sops/${doc.meta.id}`}>{doc.meta.department}</Link> · v{version}
              {props.customerRef ? ` · Customer ${props.customerRef}` : ""}
              {props.channel ? ` · ${props.channel}` : ""}
            </p>
            <h1 lang={doc.meta.language} dir={doc.meta.direction}>
              {doc.meta.title}
            </h1>
          </div>
          <CallTimer state={state} doc={doc} />
          {readOnly ? null : <SyncBadge sync={run.sync} onRetry={run.retryNow} />}
          <button type="button" className="button button-ghost button-small" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Shortcuts <kbd>?</kbd>
          </button>
        </header>

        {run.rejected ? (
          <div className="alert alert-error" role="alert">
            {run.rejected}{" "}
            <button type="button" className="button button-small" onClick={run.dismissRejected}>
              Dismiss
            </button>
          </div>
        ) : null}

        <div className="run-layout">
          <nav className="run-outline" aria-label="Steps">
            <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={prog.percent} aria-label="Progress">
              <div className="progress-bar" style={{ inlineSize: `${prog.percent}%` }} />
            </div>
            <p className="muted small" dir="ltr" lang="en">
              {prog.done} done{prog.skipped ? `, ${prog.skipped} skipped` : ""} of {prog.total}
            </p>
            {doc.sections.map((section) =>
              section.stepIds.length === 0 ? null : (
                <div key={section.id} className="outline-section">
                  {section.title ? <p className="outline-section-title">{section.title}</p> : null}
                  <ol>
                    {section.stepIds.map((id) => {
                      const step = doc.steps.find((s) => s.id === id)!;
                      const st = state.steps[id];
                      return (
                        <li key={id}>
                          <button
                            type="button"
                            className={`outline-step outline-${st?.status ?? "pending"}${id === currentId ? " outline-current" : ""}`}
                            aria-current={id === currentId ? "step" : undefined}
                            onClick={() => focusStep(id)}
                          >
                            <span className="outline-icon" aria-hidden="true">
                              {st?.status === "done" ? "✓" : st?.status === "skipped" ? "↷" : step.number}
                            </span>
                            <span className="outline-label">{step.title}</span>
                            <span className="visually-hidden">{st?.status === "done" ? " (done)" : st?.status === "skipped" ? " (skipped)" : ""}</span>
                            {st?.stale ? (
                              <span className="outline-stale" title={st.stale}>
                                !<span className="visually-hidden"> needs another look</span>
                              </span>
                            ) : null}
                          </button>
                        </li>
                      );
                    })}
                  </ol>
                </div>
              ),
            )}
            {!locked ? (
              <button type="button" className="button button-block" onClick={() => openPanel("wrapup")}>
                Wrap up the call
              </button>
            ) : null}
          </nav>

          <main className="run-main">
            {message ? (
              <div className="alert alert-error" role="alert">
                {message}
              </div>
            ) : null}
            {completed ? <CompletedSummary state={state} runId={runId} /> : readOnly ? <ReadOnlyNotice runId={runId} /> : null}
            {shown ? (
              <CurrentStep
                key={shown.id /* a fresh step: no typed-but-uncommitted value follows the agent to another step */}
                ref={stepRef}
                step={shown}
                state={state}
                dispatch={act}
                disabled={locked}
                onDone={completeCurrent}
                onBack={() => move(-1)}
                onNext={() => move(1)}
                isFirst={stepIndex.get(shown.id) === 0}
                isLast={stepIndex.get(shown.id) === doc.steps.length - 1}
                onFlag={() => openPanel("flag")}
              />
            ) : null}
          </main>

          <aside className="run-side" aria-label="Call tools">
            <div className="tabs" role="tablist" aria-label="Call tools" dir="ltr" lang="en">
              {(
                [
                  ["notes", "Notes", "n"],
                  ["escalate", "Escalate", "e"],
                  ["flag", "Flag", "f"],
                  ["glossary", "Terms", "g"],
                  ["search", "Search", "s"],
                  ["wrapup", "Wrap-up", "w"],
                ] as const
              ).map(([id, label, key]) => (
                <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={panel === id} aria-controls={`panel-${id}`} aria-keyshortcuts={key} className="tab" onClick={() => setPanel(id)}>
                  {label}
                </button>
              ))}
            </div>
            <div className="tab-panel" role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} dir="ltr" lang="en">
              {panel === "notes" ? <NotesPanel state={state} dispatch={act} disabled={locked} /> : null}
              {panel === "escalate" ? <EscalatePanel state={state} doc={doc} dispatch={act} disabled={locked} draft={escalateDraft} stepId={currentId} /> : null}
              {panel === "flag" ? <FlagPanel step={current} state={state} dispatch={act} disabled={locked} /> : null}
              {panel === "glossary" ? <GlossaryPanel doc={doc} /> : null}
              {panel === "search" ? <SearchPanel /> : null}
              {panel === "wrapup" ? <WrapUpPanel doc={doc} state={state} dispatch={act} disabled={locked} version={version} /> : null}
            </div>
          </aside>
        </div>
        {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      </div>
    </SopProvider>
  );
}

function CallTimer({ state, doc }: { state: RunState; doc: SopDocument }) {
  const [now, setNow] = useState(() => state.completedAt ?? state.lastEventAt ?? state.startedAt);
  useEffect(() => {
    if (state.status === "completed") return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [state.status]);
  const t = timer(state, state.completedAt ?? now, doc);
  const mm = Math.floor(t.elapsedSeconds / 60);
  const ss = String(Math.floor(t.elapsedSeconds % 60)).padStart(2, "0");
  const label = t.level === "over" ? "over target" : t.level === "approaching" ? "near target" : "within target";
  return (
    <div className={`call-timer timer-${t.level}`} role="timer" aria-label={`Call time ${mm} minutes ${ss} seconds, ${label}`}>
      <span className="call-timer-time">
        {mm}:{ss}
      </span>
      <span className="call-timer-target">target {Math.round(t.targetSeconds / 60)} min</span>
    </div>
  );
}

function SyncBadge({ sync, onRetry }: { sync: SyncStatus; onRetry: () => void }) {
  const waiting = "pending" in sync && sync.pending > 0 ? `${sync.pending} to send` : null;
  const text =
    sync.kind === "saved"
      ? "All changes saved"
      : sync.kind === "saving"
        ? "Saving…"
        : sync.kind === "offline"
          ? sync.reason === "offline"
            ? "Offline — saved locally"
            : "Can't reach Stepwise — saved locally"
          : sync.message;
  // Screen readers hear about the network, not about every save: only offline/error states are announced.
  const announce = sync.kind === "offline" || sync.kind === "error" ? text : "";
  return (
    <div className={`sync sync-${sync.kind}`} data-testid="sync-status">
      <span className="visually-hidden" role="status">
        {announce}
      </span>
      <span className="sync-dot" aria-hidden="true" />
      <span aria-hidden={announce ? true : undefined}>{text}</span>
      {waiting && sync.kind !== "saving" ? <span className="sync-count">{waiting}</span> : null}
      {(sync.kind === "offline" && sync.reason === "unreachable") || sync.kind === "error" ? (
        <button type="button" className="button button-small button-ghost" onClick={onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}

type StepProps = {
  step: Step;
  state: RunState;
  dispatch: Dispatch;
  disabled: boolean;
  onDone(): void;
  onBack(): void;
  onNext(): void;
  onFlag(): void;
  isFirst: boolean;
  isLast: boolean;
  ref: React.Ref<HTMLElement>;
};

function CurrentStep({ step, state, dispatch, disabled, onDone, onBack, onNext, onFlag, isFirst, isLast, ref }: StepProps) {
  const st = state.steps[step.id];
  const { t } = useSopContext();
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState("");
  return (
    <section className="run-step" ref={ref} tabIndex={-1} aria-labelledby="current-step-title">
      <h2 id="current-step-title" className="run-step-title">
        <span className="step-num" aria-hidden="true">
          {step.number.toLocaleString(t.locale)}
        </span>
        <span className="visually-hidden">{t.step(step.number)}: </span>
        {step.title}
        {st?.status === "done" ? <span className="badge badge-success" dir="ltr" lang="en">Done</span> : null}
        {st?.status === "skipped" ? <span className="badge badge-muted" dir="ltr" lang="en">Skipped: {st.skipReason}</span> : null}
      </h2>
      {st?.stale ? (
        <div className="alert alert-warning" role="status" dir="ltr" lang="en">
          Check this step again: {st.stale}
        </div>
      ) : null}
      <div className="run-step-body">
        <Blocks blocks={step.blocks} />
      </div>
      {disabled ? (
        <div className="run-step-actions" dir="ltr" lang="en">
          <button type="button" className="button" onClick={onBack} disabled={isFirst} aria-keyshortcuts="k">
            Previous step
          </button>
          <button type="button" className="button" onClick={onNext} disabled={isLast} aria-keyshortcuts="j">
            Next step
          </button>
        </div>
      ) : (
        <div className="run-step-actions" dir="ltr" lang="en">
          <button type="button" className="button" onClick={onBack} disabled={isFirst} aria-keyshortcuts="k">
            Back
          </button>
          {st?.status === "pending" ? (
            <button type="button" className="button button-primary" onClick={onDone} aria-keyshortcuts="d">
              {isLast ? "Done" : "Done, next step"} <kbd>d</kbd>
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={() => dispatch({ type: "step.reopened", stepId: step.id })}>
                Reopen
              </button>
              <button type="button" className="button button-primary" onClick={onNext} disabled={isLast} aria-keyshortcuts="j">
                Next step
              </button>
            </>
          )}
          {st?.status === "pending" ? (
            <button type="button" className="button button-ghost" onClick={() => setSkipping((v) => !v)} aria-expanded={skipping}>
              Skip…
            </button>
          ) : null}
          <button type="button" className="button button-ghost" onClick={onFlag} aria-keyshortcuts="f">
            Flag this step
          </button>
        </div>
      )}
      {skipping && st?.status === "pending" ? (
        <form
          className="skip-form"
          dir="ltr"
          lang="en"
          onSubmit={(e) => {
            e.preventDefault();
            if (!dispatch({ type: "step.skipped", stepId: step.id, reason: reason.trim() })) {
              setSkipping(false);
              setReason("");
              onNext();
            }
          }}
        >
          <label htmlFor="skip-reason">Why skip this step?</label>
          <input id="skip-reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus placeholder="e.g. customer already verified in the IVR" />
          <button type="submit" className="button" disabled={!reason.trim()}>
            Skip step
          </button>
        </form>
      ) : null}
    </section>
  );
}

function RunField({ field, state, dispatch, disabled }: { field: FieldDef; state: RunState; dispatch: Dispatch; disabled: boolean }) {
  const saved = state.fields[field.name]?.value ?? "";
  const [value, setValue] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const id = `run-field-${field.name}`;
  useEffect(() => setValue(saved), [saved]);
  const commit = (v: string) => {
    if (v === saved) return;
    const problem = v === "" ? null : validateFieldValue(field, v);
    setError(problem);
    if (!problem) dispatch({ type: "field.captured", name: field.name, value: v });
  };
  const describedBy = [field.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, disabled, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, "aria-required": field.required || undefined };
  let control: ReactNode;
  if (field.type === "select") {
    control = (
      <select {...common} value={value} onChange={(e) => { setValue(e.target.value); commit(e.target.value); }}>
        <option value="">Choose…</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.type === "yes-no") {
    control = (
      <div className="yes-no" role="radiogroup" aria-labelledby={`${id}-label`}>
        {["yes", "no"].map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={id} value={v} checked={value === v} disabled={disabled} onChange={() => { setValue(v); commit(v); }} /> {v === "yes" ? "Yes" : "No"}
          </label>
        ))}
      </div>
    );
  } else if (field.type === "textarea") {
    control = <textarea {...common} rows={3} value={value} placeholder={field.placeholder} onChange={(e) => setValue(e.target.value)} onBlur={(e) => commit(e.target.value)} />;
  } else {
    const type = { number: "number", date: "date", phone: "tel", email: "email" }[field.type as string] ?? "text";
    control = (
      <input
        {...common}
        type={type}
        value={value}
        placeholder={field.placeholder}
        onChange={(e) => {
          setValue(e.target.value);
          if (error) setError(e.target.value === "" ? null : validateFieldValue(field, e.target.value));
        }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit((e.target as HTMLInputElement).value);
        }}
      />
    );
  }
  return (
    <div className="field-run">
      <label htmlFor={field.type === "yes-no" ? undefined : id} id={`${id}-label`}>
        {field.label}
        {field.required ? <span className="required"> (required)</span> : null}
        {saved ? <span className="field-saved" aria-label="captured"> ✓</span> : null}
      </label>
      {control}
      {field.help ? (
        <p className="field-hint" id={`${id}-help`}>
          {field.help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function RunChecks({ checks, state, dispatch, disabled }: { checks: Extract<Block, { type: "check" }>[]; state: RunState; dispatch: Dispatch; disabled: boolean }) {
  return (
    <ul className="checklist checklist-run">
      {checks.map((c) => (
        <li key={c.id}>
          <label>
            <input type="checkbox" checked={Boolean(state.checks[c.id])} disabled={disabled} onChange={(e) => dispatch({ type: "check.toggled", checkId: c.id, checked: e.target.checked })} />
            <span>
              <InlineText blocks={[{ type: "paragraph", children: c.children }]} />
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** Renders inline content without the paragraph wrapper (for labels). */
function InlineText({ blocks }: { blocks: Block[] }) {
  return (
    <span className="inline-blocks">
      <Blocks blocks={blocks} />
    </span>
  );
}

function RunFlow({ flow, state, dispatch, disabled, onGoto, onEscalate }: { flow: Flow; state: RunState; dispatch: Dispatch; disabled: boolean; onGoto(stepId: string): void; onEscalate(to: string, reason: string): void }) {
  const fs = state.flows[flow.id];
  const { steps } = useSopContext();
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const node = fs ? byId.get(fs.currentNodeId) : undefined;
  const out = node ? flow.edges.filter((e) => e.from === node.id) : [];
  return (
    <section className="run-flow run-flow-grid" aria-label={`Decision flow: ${flow.title}`}>
      <h3 className="run-flow-title">{flow.title}</h3>
      <div className="run-flow-cols">
        <div className="run-flow-walk">
          {fs && fs.path.length ? (
            <ol className="flow-path" aria-label="Path taken">
              {fs.path.map((p, i) => (
                <li key={`${p.nodeId}-${i}`}>
                  <span className="flow-path-q">{byId.get(p.nodeId)?.label}</span>
                  {p.label ? <span className="flow-answer">{p.label}</span> : null}
                  {!disabled && byId.get(p.nodeId)?.type === "question" ? <ChangeAnswer flow={flow} nodeId={p.nodeId} current={p.to} dispatch={dispatch} /> : null}
                </li>
              ))}
            </ol>
          ) : null}
          {node ? (
            <div className={`flow-current flow-node-${node.type}`}>
              <p className="flow-current-label">
                <span className="flow-node-type">{node.type === "question" ? "Ask" : node.type}</span> {node.label}
              </p>
              {out.length > 0 && !disabled ? (
                <div className="answers" role="group" aria-label={node.type === "question" ? "Answers" : "Continue"}>
                  {out.map((e, i) => (
                    <button key={`${e.to}-${i}`} type="button" className="button answer" data-answer={i < 9 ? String(i + 1) : undefined} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined} onClick={() => dispatch({ type: "flow.answered", flowId: flow.id, nodeId: node.id, to: e.to })}>
                      {i < 9 ? <kbd>{i + 1}</kbd> : null} {e.label ?? "Continue"}
                    </button>
                  ))}
                </div>
              ) : null}
              {node.type === "goto" && node.step ? (
                <button type="button" className="button button-primary" onClick={() => onGoto(node.step!)}>
                  Go to the step
                </button>
              ) : null}
              {node.type === "sop" && node.sop ? (
                <Link className="button button-primary" to={`/sops/${node.sop}`} target="_blank" rel="noopener">
                  Open the linked procedure
                </Link>
              ) : null}
              {node.type === "escalate" && !disabled ? (
                <button type="button" className="button button-primary" onClick={() => onEscalate(node.to ?? "", node.reason ?? node.label)}>
                  Escalate{node.to ? ` to ${node.to}` : ""}
                </button>
              ) : null}
              {node.type === "end" ? <p className="flow-outcome">Outcome reached{node.outcome ? `: ${node.outcome}` : ""}.</p> : null}
            </div>
          ) : null}
        </div>
        <RunFlowDiagram flow={flow} path={fs ? fs.path.map((p) => p.nodeId) : []} current={fs?.currentNodeId} stepTitle={(id) => steps.get(id)?.title} />
      </div>
    </section>
  );
}

function ChangeAnswer({ flow, nodeId, current, dispatch }: { flow: Flow; nodeId: string; current: string; dispatch: Dispatch }) {
  const id = useId();
  const edges = flow.edges.filter((e) => e.from === nodeId);
  return (
    <span className="change-answer">
      <label htmlFor={id} className="visually-hidden">
        Change this answer
      </label>
      <select id={id} value={current} onChange={(e) => dispatch({ type: "flow.answered", flowId: flow.id, nodeId, to: e.target.value })}>
        {edges.map((e, i) => (
          <option key={`${e.to}-${i}`} value={e.to}>
            {e.label ?? "Continue"}
          </option>
        ))}
      </select>
    </span>
  );
}

function NotesPanel({ state, dispatch, disabled }: { state: RunState; dispatch: Dispatch; disabled: boolean }) {
  const [text, setText] = useState("");
  return (
    <div className="stack">
      <h2 className="panel-title">Notes</h2>
      {!disabled ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim() && !dispatch({ type: "note.added", text: text.trim() })) setText("");
          }}
        >
          <label htmlFor="note-text" className="visually-hidden">
            New note
          </label>
          <textarea id="note-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="What the customer said, what you promised…" />
          <button type="submit" className="button" disabled={!text.trim()}>
            Add note
          </button>
        </form>
      ) : null}
      {state.notes.length === 0 ? <p className="muted small">No notes yet.</p> : null}
      <ol className="notes">
        {[...state.notes].reverse().map((n) => (
          <li key={n.id}>
            <time className="muted small" dateTime={new Date(n.at).toISOString()}>
              {new Date(n.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
            </time>
            <p>{n.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

function EscalatePanel({ state, doc, dispatch, disabled, draft, stepId }: { state: RunState; doc: SopDocument; dispatch: Dispatch; disabled: boolean; draft: { to: string; reason: string } | null; stepId: string | null }) {
  const options = useMemo(() => {
    const all = doc.steps.flatMap((s) => s.escalations);
    return all.filter((e, i) => all.findIndex((x) => x.to === e.to && x.reason === e.reason) === i);
  }, [doc]);
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
      <h2 className="panel-title">Escalate</h2>
      {state.escalations.map((e) => (
        <p key={e.id} className="alert alert-warning">
          Escalated to <strong>{e.to}</strong>: {e.reason}
        </p>
      ))}
      {!disabled ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            dispatch({ type: "escalated", to: to.trim(), reason: reason.trim(), ...(stepId ? { stepId } : {}) });
          }}
        >
          {options.length ? (
            <p className="small muted">This procedure hands over to: {[...new Set(options.map((o) => o.to))].join(", ")}.</p>
          ) : null}
          <div className="form-field">
            <label htmlFor="esc-to">To whom</label>
            <input id="esc-to" value={to} onChange={(e) => setTo(e.target.value)} required maxLength={120} list="esc-to-options" />
            <datalist id="esc-to-options">
              {[...new Set(options.map((o) => o.to))].map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
          </div>
          <div className="form-field">
            <label htmlFor="esc-reason">Why</label>
            <textarea id="esc-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} />
          </div>
          {script ? (
            <div className="handover">
              <p className="small muted">Handover script</p>
              <Blocks blocks={script} />
            </div>
          ) : null}
          <button type="submit" className="button button-primary" disabled={!to.trim() || !reason.trim()}>
            Record escalation
          </button>
        </form>
      ) : null}
    </div>
  );
}

function findHandover(doc: SopDocument, to: string): Block[] | null {
  for (const step of doc.steps) {
    for (const b of step.blocks) if (b.type === "escalate" && b.to === to) return b.children;
  }
  return null;
}

function FlagPanel({ step, state, dispatch, disabled }: { step: Step | undefined; state: RunState; dispatch: Dispatch; disabled: boolean }) {
  const [kind, setKind] = useState<string>(FLAG_KINDS[0]);
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  if (!step) return null;
  const flagged = state.flags.filter((f) => f.stepId === step.id);
  return (
    <div className="stack">
      <h2 className="panel-title">Flag this step</h2>
      <p className="small muted">Tell the procedure's lead what is wrong with step {step.number}, “{step.title}”.</p>
      {flagged.map((f) => (
        <p key={f.id} className="alert alert-success">
          Flagged as {FLAG_LABELS[f.kind] ?? f.kind}: {f.text}
        </p>
      ))}
      {sent ? <p role="status">Thank you — your lead will see it.</p> : null}
      {!disabled ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (!dispatch({ type: "step.flagged", stepId: step.id, kind: kind as (typeof FLAG_KINDS)[number], text: text.trim() })) {
              setText("");
              setSent(true);
            }
          }}
        >
          <div className="form-field">
            <label htmlFor="flag-kind">What is wrong</label>
            <select id="flag-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {FLAG_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FLAG_LABELS[k] ?? k}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="flag-text">Details</label>
            <textarea id="flag-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} />
          </div>
          <button type="submit" className="button" disabled={!text.trim()}>
            Send to the lead
          </button>
        </form>
      ) : null}
    </div>
  );
}

function GlossaryPanel({ doc }: { doc: SopDocument }) {
  return (
    <div className="stack" lang={doc.meta.language} dir={doc.meta.direction}>
      <h2 className="panel-title">Terms</h2>
      {doc.glossary.length === 0 ? <p className="muted small">This procedure defines no terms.</p> : null}
      <dl className="glossary-list">
        {doc.glossary.map((g) => (
          <div key={g.term}>
            <dt>{g.term}</dt>
            <dd>{g.meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

type LibraryData = { groups: { name: string; sops: { id: string; title: string; purpose: string }[] }[] };

/** Searches other SOPs without leaving the run (the library loader, fetched as data). */
function SearchPanel() {
  const fetcher = useFetcher<LibraryData>();
  const [q, setQ] = useState("");
  useEffect(() => {
    const t = setTimeout(() => {
      if (q.trim()) fetcher.load(`/library?q=${encodeURIComponent(q.trim())}`);
    }, 200);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  const results = q.trim() ? (fetcher.data?.groups ?? []).flatMap((g) => g.sops.map((s) => ({ ...s, department: g.name }))) : [];
  return (
    <div className="stack">
      <h2 className="panel-title">Search procedures</h2>
      <div className="form-field">
        <label htmlFor="run-search">Search</label>
        <input id="run-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="refund, courier, identity…" />
      </div>
      <ul className="link-list" aria-live="polite">
        {results.map((r) => (
          <li key={r.id}>
            <Link to={`/sops/${r.id}`} target="_blank" rel="noopener">
              {r.title}
            </Link>
            <span className="muted small">{r.department}</span>
          </li>
        ))}
      </ul>
      {q.trim() && fetcher.state === "idle" && results.length === 0 && fetcher.data ? <p className="muted small">Nothing matches.</p> : null}
      <p className="muted small">Opens in a new tab: this call stays where it is.</p>
    </div>
  );
}

function WrapUpPanel({ doc, state, dispatch, disabled, version }: { doc: SopDocument; state: RunState; dispatch: Dispatch; disabled: boolean; version: number }) {
  const [outcome, setOutcome] = useState<string>(state.escalations.length ? "escalated" : "resolved");
  const [due, setDue] = useState("");
  // The note as it would read with the outcome chosen here (the engine prints the outcome line from state).
  const preview: RunState = state.outcome ? state : { ...state, outcome: { outcome, ...(outcome === "follow-up" && due ? { followUpDue: due } : {}), wrapUp: "", at: state.lastEventAt } };
  const suggested = buildWrapUp(doc, preview, { versionNumber: version });
  const [note, setNote] = useState(suggested);
  const [edited, setEdited] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!edited) setNote(suggested);
  }, [suggested, edited]);
  if (state.outcome) {
    return (
      <div className="stack">
        <h2 className="panel-title">Wrap-up</h2>
        <p>
          Outcome: <strong>{OUTCOME_LABELS[state.outcome.outcome] ?? state.outcome.outcome}</strong>
          {state.followUp ? ` · follow up by ${state.followUp.due}${state.followUp.closedAt ? " (closed)" : ""}` : ""}
        </p>
        <CopyBox text={state.outcome.wrapUp} />
        {state.followUp?.note ? <p className="small">Follow-up closed: {state.followUp.note}</p> : null}
      </div>
    );
  }
  if (disabled) {
    return (
      <div className="stack">
        <h2 className="panel-title">Wrap-up</h2>
        <p className="muted small">The call has not been wrapped up yet.</p>
      </div>
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setProblem(dispatch({ type: "completed", outcome: outcome as (typeof OUTCOMES)[number], ...(outcome === "follow-up" ? { followUpDue: due } : {}), wrapUp: note }));
      }}
    >
      <h2 className="panel-title">Wrap-up</h2>
      <div className="form-field">
        <label htmlFor="wrap-outcome">Outcome</label>
        <select id="wrap-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o] ?? o}
            </option>
          ))}
        </select>
      </div>
      {outcome === "follow-up" ? (
        <div className="form-field">
          <label htmlFor="wrap-due">Follow up by</label>
          <input id="wrap-due" type="date" min={today} value={due} onChange={(e) => setDue(e.target.value)} required aria-required="true" />
        </div>
      ) : null}
      <div className="form-field">
        <label htmlFor="wrap-note">Wrap-up note</label>
        <textarea
          id="wrap-note"
          ref={noteRef}
          rows={12}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setEdited(true);
          }}
          className="mono"
          aria-describedby="wrap-note-hint"
        />
        <p className="field-hint" id="wrap-note-hint">
          {edited ? "Edited by you: it no longer follows the call." : "Built from the captured details, the path taken and your notes; edit it freely."}
          {edited ? (
            <>
              {" "}
              <button type="button" className="link-button" onClick={() => setEdited(false)}>
                Rebuild it from the call
              </button>
            </>
          ) : null}
        </p>
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form-actions">
        <CopyButton text={note} fallback={noteRef} />
        <button type="submit" className="button button-primary" disabled={outcome === "follow-up" && !due}>
          Complete the call
        </button>
      </div>
    </form>
  );
}

/** Copies in one click; where the clipboard is refused, selects the text and says how to copy it by hand. */
function CopyButton({ text, fallback }: { text: string; fallback?: React.RefObject<HTMLElement | null> }) {
  const [result, setResult] = useState<"idle" | "copied" | "manual">("idle");
  useEffect(() => {
    if (result !== "copied") return;
    const t = setTimeout(() => setResult("idle"), 2500);
    return () => clearTimeout(t);
  }, [result]);
  const selectByHand = () => {
    const el = fallback?.current;
    if (el instanceof HTMLTextAreaElement) {
      el.focus();
      el.select();
    } else if (el) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    setResult("manual");
  };
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          if (!navigator.clipboard?.writeText) return selectByHand();
          navigator.clipboard.writeText(text).then(() => setResult("copied"), selectByHand);
        }}
      >
        {result === "copied" ? "Copied ✓" : "Copy note"}
      </button>
      <span className="visually-hidden" role="status">
        {result === "copied" ? "The note is on the clipboard." : ""}
      </span>
      {result === "manual" ? (
        <span className="small muted" role="status">
          Selected: press Ctrl+C (⌘C) to copy.
        </span>
      ) : null}
    </>
  );
}

function CopyBox({ text }: { text: string }) {
  const ref = useRef<HTMLPreElement>(null);
  return (
    <div className="stack">
      <pre className="wrapup-text" ref={ref} data-testid="wrapup-text">
        {text}
      </pre>
      <div>
        <CopyButton text={text} fallback={ref} />
      </div>
    </div>
  );
}

function ReadOnlyNotice({ runId }: { runId: string }) {
  return (
    <div className="alert alert-info" role="status" dir="ltr" lang="en">
      You are looking at another agent's call: it is read-only. <Link to={`/runs/${runId}/timeline`}>See the timeline</Link>
    </div>
  );
}

function CompletedSummary({ state, runId }: { state: RunState; runId: string }) {
  return (
    <div className="alert alert-success completed-banner" role="status" dir="ltr" lang="en">
      <strong>Call completed</strong>
      {state.outcome ? ` — ${OUTCOME_LABELS[state.outcome.outcome] ?? state.outcome.outcome}` : ""}
      {state.followUp && !state.followUp.closedAt ? ` · follow up by ${state.followUp.due}` : ""}. This run is read-only.{" "}
      <Link to={`/runs/${runId}/timeline`}>See the timeline</Link>
    </div>
  );
}

/** The run screen's keys (the `?` overlay and the README list them). Letters are ignored while typing. */
export const SHORTCUTS: [string, string][] = [
  ["j", "next step"],
  ["k", "previous step"],
  ["d", "mark the step done and go on"],
  ["1 – 9", "choose an answer in a decision flow"],
  ["n", "notes"],
  ["e", "escalate"],
  ["f", "flag this step"],
  ["g", "terms"],
  ["/ or s", "search other procedures (the call stays open)"],
  ["w", "wrap up the call"],
  ["?", "show or hide this help"],
  ["Esc", "leave a text box / close this help"],
];

function HelpOverlay({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby="help-title" onClose={onClose} dir="ltr" lang="en">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table className="table">
        <tbody>
          {SHORTCUTS.map(([k, v]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button className="button" type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}

