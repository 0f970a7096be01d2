// The flow edge: drawn along the layout's bend points (a smooth B-spline, like the layout intended) or, once
// a node has been dragged in the editor, as a smooth step between the handles. The label is plain SVG (a box
// sized from the text, no measuring), so it is in the server-rendered HTML too. With path heat (data.heat,
// mapped once by the viewer) the stroke width is the edge's share and its label ends with share and count.
import { memo } from "react";
import { BaseEdge, getSmoothStepPath } from "@xyflow/react";
import type { EdgeProps, EdgeTypes } from "@xyflow/react";
import type { FlowRfEdge } from "./elements";
import { basisPath, figureLabelLines, labelBox, labelLines, routeBetween } from "./geometry";

/**
 * Hebrew and Arabic script: the answer label (not the figure, whose digits may be Persian in any label) sets the
 * direction.
 */
const RTL_TEXT = /[\u0590-\u08ff]/;

export const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowRfEdge>) {
  const { sourceX, sourceY, targetX, targetY, data, markerEnd, selected, interactionWidth } = props;
  const route = routeBetween(data?.points, { x: sourceX, y: sourceY }, { x: targetX, y: targetY });
  let path: string;
  let lx: number;
  let ly: number;
  if (route) {
    path = basisPath(route);
    const mid = data?.labelPosition ?? route[Math.floor(route.length / 2)]!;
    lx = mid.x;
    ly = mid.y;
  } else {
    [path, lx, ly] = getSmoothStepPath({ ...props, borderRadius: 10, offset: 18 });
  }
  const heat = data?.heat;
  const lines = heat ? figureLabelLines(data?.label, heat.figure) : data?.label ? labelLines(data.label) : [];
  const title = heat ? (data?.label ? `${data.label} · ${heat.figure}` : heat.figure) : data?.label;
  const box = labelBox(lines);
  const cls = [
    "fd-edge",
    data?.taken ? "fd-edge--taken" : "",
    selected ? "fd-edge--selected" : "",
    data?.problem ? "fd-edge--problem" : "",
    heat ? "fd-edge--heat" : "",
    heat?.cold ? "fd-edge--cold" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={markerEnd}
        className={cls}
        style={heat ? { strokeWidth: heat.width } : undefined}
        interactionWidth={interactionWidth ?? 16}
      />
      {lines.length ? (
        <g
          className={`fd-edge-label ${cls}`}
          transform={`translate(${Math.round(lx - box.width / 2)} ${Math.round(ly - box.height / 2)})`}
        >
          <title>{title}</title>
          <rect width={box.width} height={box.height} rx={5} />
          <text
            x={box.width / 2}
            y={4}
            textAnchor="middle"
            dominantBaseline="hanging"
            direction={RTL_TEXT.test(data?.label ?? "") ? "rtl" : undefined}
          >
            {lines.map((l, i) => (
              <tspan
                key={i}
                x={box.width / 2}
                dy={i === 0 ? 0 : 15}
                className={heat && i === lines.length - 1 ? "fd-edge-figure" : undefined}
              >
                {l}
              </tspan>
            ))}
          </text>
        </g>
      ) : null}
    </>
  );
});

export const edgeTypes = { flow: FlowEdge } satisfies EdgeTypes;
