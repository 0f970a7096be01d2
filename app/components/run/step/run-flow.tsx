import { useId } from "react";
import { Link } from "react-router";
import type { Flow } from "../../../../sop-schema/types";
import { OUTCOMES } from "../../../../runbook/events";
import { useSopContext } from "../../sop/sop-view";
import { useT } from "../../i18n";
import { useRunActions, useRunView } from "../run-context";
import { RunFlowDiagram } from "../run-flow-diagram";

/** A decision flow during a call: the path so far (each answer changeable), the current node, the diagram. */
export function RunFlow({ flow }: { flow: Flow }) {
  const { t } = useT();
  const { state, locked } = useRunView();
  const { dispatch, focusStep, escalate } = useRunActions();
  const fs = state.flows[flow.id];
  const { steps } = useSopContext();
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const node = fs ? byId.get(fs.currentNodeId) : undefined;
  const out = node ? flow.edges.filter((e) => e.from === node.id) : [];
  const nodeType = node ? t(`run.flow.node.${node.type}` as "run.flow.node.question") : null;
  return (
    <section className="run-flow run-flow-grid" aria-label={t("run.flow.label", { title: flow.title })}>
      <h3 className="run-flow-title">{flow.title}</h3>
      <div className="run-flow-cols">
        <div className="run-flow-walk">
          {fs && fs.path.length ? (
            <ol className="flow-path" aria-label={t("run.flow.path")}>
              {fs.path.map((p, i) => (
                <li key={`${p.nodeId}-${i}`}>
                  <span className="flow-path-q">{byId.get(p.nodeId)?.label}</span>
                  {p.label ? <span className="flow-answer">{p.label}</span> : null}
                  {!locked && byId.get(p.nodeId)?.type === "question" ? (
                    <ChangeAnswer flow={flow} nodeId={p.nodeId} current={p.to} />
                  ) : null}
                </li>
              ))}
            </ol>
          ) : null}
          {node ? (
            <div className={`flow-current flow-node-${node.type}`}>
              <p className="flow-current-label">
                <span className="flow-node-type">{nodeType}</span> {node.label}
              </p>
              {out.length > 0 && !locked ? (
                <div
                  className="answers"
                  role="group"
                  aria-label={node.type === "question" ? t("run.flow.answers") : t("run.flow.continue")}
                >
                  {out.map((e, i) => (
                    <button
                      key={`${e.to}-${i}`}
                      type="button"
                      className="button answer"
                      data-answer={i < 9 ? String(i + 1) : undefined}
                      aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
                      onClick={() => dispatch({ type: "flow.answered", flowId: flow.id, nodeId: node.id, to: e.to })}
                    >
                      {i < 9 ? <kbd>{i + 1}</kbd> : null} {e.label ?? t("run.flow.continue")}
                    </button>
                  ))}
                </div>
              ) : null}
              {node.type === "goto" && node.step ? (
                <button type="button" className="button button-primary" onClick={() => focusStep(node.step!)}>
                  {t("run.flow.goto", { step: steps.get(node.step)?.title ?? node.step })}
                </button>
              ) : null}
              {node.type === "sop" && node.sop ? (
                <Link className="button button-primary" to={`/sops/${node.sop}`} target="_blank" rel="noopener">
                  {t("run.flow.openSop")}
                </Link>
              ) : null}
              {node.type === "escalate" && !locked ? (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => escalate(node.to ?? "", node.reason ?? node.label)}
                >
                  {node.to ? t("run.flow.escalateTo", { to: node.to }) : t("run.flow.escalate")}
                </button>
              ) : null}
              {node.type === "end" ? (
                <p className="flow-outcome">
                  {node.outcome
                    ? t("run.flow.outcome", { outcome: outcomeLabel(t, node.outcome) })
                    : t("run.flow.ended")}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
        <RunFlowDiagram
          flow={flow}
          path={fs ? fs.path.map((p) => p.nodeId) : []}
          current={fs?.currentNodeId}
          stepTitle={(id) => steps.get(id)?.title}
        />
      </div>
    </section>
  );
}

/** An outcome's words: ours for the outcomes the run knows, the author's text otherwise. */
export function outcomeLabel(t: ReturnType<typeof useT>["t"], outcome: string): string {
  return (OUTCOMES as readonly string[]).includes(outcome)
    ? t(`run.outcome.${outcome}` as "run.outcome.resolved")
    : outcome;
}

function ChangeAnswer({ flow, nodeId, current }: { flow: Flow; nodeId: string; current: string }) {
  const { t } = useT();
  const { dispatch } = useRunActions();
  const id = useId();
  const edges = flow.edges.filter((e) => e.from === nodeId);
  return (
    <span className="change-answer">
      <label htmlFor={id} className="visually-hidden">
        {t("run.flow.changeAnswer")}
      </label>
      <select
        id={id}
        value={current}
        onChange={(e) => dispatch({ type: "flow.answered", flowId: flow.id, nodeId, to: e.target.value })}
      >
        {edges.map((e, i) => (
          <option key={`${e.to}-${i}`} value={e.to}>
            {e.label ?? t("run.flow.continue")}
          </option>
        ))}
      </select>
    </span>
  );
}
