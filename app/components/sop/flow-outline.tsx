import type { Flow, FlowNode } from "../../../sop-schema/types";

const TYPE_LABEL: Record<FlowNode["type"], string> = {
  start: "Start",
  question: "Ask",
  action: "Do",
  say: "Say",
  escalate: "Escalate",
  end: "Outcome",
  goto: "Go to step",
  sop: "Continue in",
};

/**
 * The flow as an accessible text outline, in the order an agent meets the nodes (breadth-first from the start).
 * Each node lists where each answer leads; the graphical diagram is an enhancement over this.
 */
export function FlowOutline({ flow, stepTitle }: { flow: Flow; stepTitle: (id: string) => string | undefined }) {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const order = orderNodes(flow);
  return (
    <ol className="flow-outline">
      {order.map((node) => {
        const out = flow.edges.filter((e) => e.from === node.id);
        return (
          <li key={node.id} id={`flow-${flow.id}-${node.id}`} className={`flow-node flow-node-${node.type}`}>
            <span className="flow-node-type">{TYPE_LABEL[node.type]}</span>{" "}
            <span className="flow-node-label">{node.label}</span>
            {node.type === "escalate" && node.to ? <span className="muted"> → {node.to}</span> : null}
            {node.type === "goto" && node.step ? (
              <>
                {" "}
                <a href={`#step-${node.step}`}>{stepTitle(node.step) ?? node.step}</a>
              </>
            ) : null}
            {node.type === "sop" && node.sop ? (
              <>
                {" "}
                <a href={`/sops/${node.sop}`}>{node.sop}</a>
              </>
            ) : null}
            {out.length ? (
              <ul className="flow-edges">
                {out.map((e, i) => {
                  const target = byId.get(e.to);
                  return (
                    <li key={i}>
                      {e.label ? <span className="flow-answer">{e.label}</span> : null}
                      <span aria-hidden="true"> → </span>
                      <span className="visually-hidden"> leads to </span>
                      <a href={`#flow-${flow.id}-${e.to}`}>{target ? target.label : e.to}</a>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function orderNodes(flow: Flow): FlowNode[] {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const start = flow.nodes.find((n) => n.type === "start") ?? flow.nodes[0];
  const seen = new Set<string>();
  const order: FlowNode[] = [];
  const queue = start ? [start.id] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    const node = byId.get(id);
    if (!node) continue;
    seen.add(id);
    order.push(node);
    for (const e of flow.edges) if (e.from === id && !seen.has(e.to)) queue.push(e.to);
  }
  // unreachable nodes still appear (the validator reports them), after the reachable ones
  for (const n of flow.nodes) if (!seen.has(n.id)) order.push(n);
  return order;
}
