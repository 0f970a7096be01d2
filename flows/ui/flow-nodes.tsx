// Custom React Flow nodes: one memoised component per node type, each with its own shape and colour
// (styles in app/app.css, "Decision flow diagrams"). Sizes are fixed (NODE_SIZES), so the label is clamped
// to the lines that fit; the full text is the node's aria-label and tooltip. With path heat (data.heat) a node
// shows how many runs reached it, a terminal node the outcomes of the runs that ended there (under it: nothing
// leaves a terminal node), and a node no run reached is faded (styles in flows/ui/heat.css).
import { memo } from "react";
import { Handle, Position, useStore } from "@xyflow/react";
import type { NodeProps, NodeTypes } from "@xyflow/react";
import type { FlowNodeType } from "../../sop-schema/types";
import { NODE_SIZES } from "../layout";
import type { FlowRfNode } from "./elements";
import { handleSides, splitReferences } from "./geometry";
import type { HandleSide } from "./geometry";
import { TYPE_NAMES } from "./labels";
import { IconStroke } from "./icon-stroke";

const SIDE: Record<HandleSide, Position> = {
  top: Position.Top,
  bottom: Position.Bottom,
  left: Position.Left,
  right: Position.Right,
};

/** The outline of each node type, drawn in a w×h box (inset so a 2–3 px stroke is not clipped). */
export function shapePath(type: FlowNodeType, w: number, h: number): string {
  const i = 1.5;
  const r = (x: number) => Math.round(x * 10) / 10;
  switch (type) {
    case "start":
    case "end": {
      const rad = (h - 2 * i) / 2;
      return (
        `M${r(i + rad)},${i}H${r(w - i - rad)}A${rad},${rad} 0 0 ` +
        `1 ${r(w - i - rad)},${r(h - i)}H${r(i + rad)}A${rad},${rad} 0 0 1 ${r(i + rad)},${i}Z`
      );
    }
    case "question": {
      const c = 20;
      return `M${c},${i}H${w - c}L${w - i},${h / 2}L${w - c},${h - i}H${c}L${i},${h / 2}Z`;
    }
    case "say": {
      // A speech bubble: rounded box with a tail at the bottom start corner.
      const b = h - 9;
      const rad = 10;
      return (
        `M${i + rad},${i}H${w - i - rad}Q${w - i},${i} ${w - i},${i + rad}` +
        `V${b - rad}Q${w - i},${b} ${w - i - rad},${b}H${34}L${20},${h - i}L${22},${b}` +
        `H${i + rad}Q${i},${b} ${i},${b - rad}V${i + rad}Q${i},${i} ${i + rad},${i}Z`
      );
    }
    case "escalate": {
      const c = 12;
      return `M${c},${i}H${w - c}L${w - i},${c}V${h - c}L${w - c},${h - i}H${c}L${i},${h - c}V${c}Z`;
    }
    case "goto": {
      const c = 18;
      return (
        `M${i + 8},${i}H${w - c}L${w - i},${h / 2}L${w - c},${h - i}` +
        `H${i + 8}Q${i},${h - i} ${i},${h - i - 8}V${i + 8}Q${i},${i} ${i + 8},${i}Z`
      );
    }
    case "sop":
    case "action":
    default: {
      const rad = 8;
      return (
        `M${i + rad},${i}H${w - i - rad}Q${w - i},${i} ${w - i},${i + rad}V${h - i - rad}Q${w - i},${h - i} ` +
        `${w - i - rad},${h - i}H${i + rad}Q${i},${h - i} ${i},${h - i - rad}V${i + rad}Q${i},${i} ${i + rad},${i}Z`
      );
    }
  }
}

/** A small glyph per node type (palette, type badges, legend). */
export function TypeIcon({ type, size = 14 }: { type: FlowNodeType; size?: number }) {
  const common = {
    width: size,
    height: size,
    viewBox: "0 0 16 16",
    "aria-hidden": true,
    focusable: false,
    className: "fd-icon",
  } as const;
  switch (type) {
    case "start":
      return (
        <svg {...common}>
          <path d="M5 3.5v9l7.5-4.5z" fill="currentColor" />
        </svg>
      );
    case "question":
      return (
        <svg {...common}>
          <IconStroke d="M4.5 2.5h7L15 8l-3.5 5.5h-7L1 8z" width="1.6" roundCaps={false} />
        </svg>
      );
    case "action":
      return (
        <svg {...common}>
          <rect x="2" y="3.5" width="12" height="9" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <IconStroke d="M5.5 8l1.8 1.8L10.8 6.3" width="1.6" />
        </svg>
      );
    case "say":
      return (
        <svg {...common}>
          <IconStroke
            d={
              "M3 2.5h10a1.5 1.5 0 0 1 1.5 1.5v6A1.5 1.5 0 0 1 13 11.5H7l-3 " +
              "3v-3H3A1.5 1.5 0 0 1 1.5 10V4A1.5 1.5 0 0 1 3 2.5z"
            }
            width="1.5"
            roundCaps={false}
          />
        </svg>
      );
    case "escalate":
      return (
        <svg {...common}>
          <IconStroke d="M8 13.5V3M3.5 7.5L8 3l4.5 4.5" width="1.8" />
        </svg>
      );
    case "end":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <circle cx="8" cy="8" r="3" fill="currentColor" />
        </svg>
      );
    case "goto":
      return (
        <svg {...common}>
          <IconStroke d="M2.5 4.5h6a4 4 0 0 1 0 8H5M9.5 1.5l3 3-3 3" width="1.6" transform="translate(0 1)" />
        </svg>
      );
    case "sop":
      return (
        <svg {...common}>
          <IconStroke d="M4 1.5h5.5L13 5v9.5H4z" width="1.5" roundCaps={false} />
          <IconStroke d="M9.5 1.5V5H13" width="1.5" roundCaps={false} />
        </svg>
      );
  }
}

/** Below this zoom, text is unreadable: nodes are drawn as their shape only (cheaper for big flows). */
export const LOD_ZOOM = 0.3;
const farAway = (s: { transform: [number, number, number] }) => s.transform[2] < LOD_ZOOM;

/** Label text with `{field}` references as chips. */
export function LabelText({ text }: { text: string }) {
  return (
    <>
      {splitReferences(text).map((part, i) =>
        part.field ? (
          <span key={i} className="fd-ref" dir="ltr">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function NodeShell({
  type,
  data,
  isConnectable,
}: {
  type: FlowNodeType;
  data: FlowRfNode["data"];
  isConnectable: boolean;
}) {
  const { width, height } = NODE_SIZES[type];
  const { node, state, problem, extra, textDir, heat } = data;
  const sides = handleSides(data.direction);
  const classes = [
    "fd-node",
    `fd-node--${type}`,
    state ? `fd-node--${state}` : "",
    problem ? `fd-node--${problem}` : "",
    extra && type !== "end" ? "fd-node--extra" : "",
    heat ? "fd-node--heat" : "",
    heat?.cold ? "fd-node--cold" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const title = [node.label, extra, heat?.spoken].filter(Boolean).join("\n");
  const lod = useStore(farAway);
  const shape = (
    <svg
      className="fd-shape"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      <path d={shapePath(type, width, height)} />
      {type === "end" ? (
        <path className="fd-shape-inner" d={shapePath("end", width - 8, height - 8)} transform="translate(4 4)" />
      ) : null}
      {type === "sop" ? (
        <path className="fd-shape-inner" d={`M12,2V${height - 2}M${width - 12},2V${height - 2}`} />
      ) : null}
    </svg>
  );
  // Read-only nodes keep their (invisible) handles too: once React Flow measures a node in the browser it takes
  // the handle positions from these elements, not from the bounds given with the node for the server render.
  const target = (
    <Handle type="target" position={SIDE[sides.target]} isConnectable={isConnectable} className="fd-handle" />
  );
  const source = (
    <Handle type="source" position={SIDE[sides.source]} isConnectable={isConnectable} className="fd-handle" />
  );
  if (lod)
    return (
      <div className={`${classes} fd-node--lod`} style={{ width, height }}>
        {shape}
        {target}
        {source}
      </div>
    );
  return (
    <div className={classes} style={{ width, height }} title={title}>
      {shape}
      {target}
      <div className="fd-node-body" dir={textDir ?? "auto"}>
        <div className="fd-node-head" dir="ltr">
          <span className="fd-node-type">
            <TypeIcon type={type} size={12} />
            {TYPE_NAMES[type]}
          </span>
          {data.reader ? null : type === "end" && node.outcome ? (
            <span className="fd-node-chip" title={`Outcome recorded: ${node.outcome}`}>
              {node.outcome}
            </span>
          ) : node.field ? (
            <span className="fd-node-chip" title={`Captures {${node.field}}`}>
              ⤓ {node.field}
            </span>
          ) : null}
        </div>
        <div className="fd-node-label" dir="auto">
          <LabelText text={node.label} />
        </div>
        {extra && type !== "end" ? (
          <div className="fd-node-extra" dir="auto">
            {extra}
          </div>
        ) : null}
      </div>
      {state === "current" ? (
        <span className="fd-node-here" aria-hidden="true">
          Now
        </span>
      ) : null}
      {problem ? (
        <span className="fd-node-problem" aria-hidden="true">
          !
        </span>
      ) : null}
      {heat && !heat.cold ? (
        <span className="fd-node-runs" aria-hidden="true">
          {heat.count}
        </span>
      ) : null}
      {heat?.showOutcomes ? (
        <div className="fd-node-outcomes" aria-hidden="true" title={heat.outcomeText}>
          {heat.outcomes.map((o) => (
            <span
              key={o.outcome}
              className={`fd-outcome fd-outcome--${o.outcome.replace(/[^A-Za-z0-9_-]/g, "_")}`}
              dir="auto"
            >
              {`${o.label} `}
              <b>{o.count}</b>
            </span>
          ))}
        </div>
      ) : null}
      {source}
    </div>
  );
}

type P = NodeProps<FlowRfNode>;
export const StartNode = memo(function StartNode(p: P) {
  return <NodeShell type="start" data={p.data} isConnectable={p.isConnectable} />;
});
export const QuestionNode = memo(function QuestionNode(p: P) {
  return <NodeShell type="question" data={p.data} isConnectable={p.isConnectable} />;
});
export const ActionNode = memo(function ActionNode(p: P) {
  return <NodeShell type="action" data={p.data} isConnectable={p.isConnectable} />;
});
export const SayNode = memo(function SayNode(p: P) {
  return <NodeShell type="say" data={p.data} isConnectable={p.isConnectable} />;
});
export const EscalateNode = memo(function EscalateNode(p: P) {
  return <NodeShell type="escalate" data={p.data} isConnectable={p.isConnectable} />;
});
export const EndNode = memo(function EndNode(p: P) {
  return <NodeShell type="end" data={p.data} isConnectable={p.isConnectable} />;
});
export const GotoNode = memo(function GotoNode(p: P) {
  return <NodeShell type="goto" data={p.data} isConnectable={p.isConnectable} />;
});
export const SopNode = memo(function SopNode(p: P) {
  return <NodeShell type="sop" data={p.data} isConnectable={p.isConnectable} />;
});

/** Module constant (React Flow re-renders every node when this object changes identity). */
export const nodeTypes = {
  start: StartNode,
  question: QuestionNode,
  action: ActionNode,
  say: SayNode,
  escalate: EscalateNode,
  end: EndNode,
  goto: GotoNode,
  sop: SopNode,
} satisfies NodeTypes;
