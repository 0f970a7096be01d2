// The line-drawn icons (flow node types, the viewer's controls, the analytics CSV link) draw their strokes the
// same way: in the text colour, no fill, round joins.
import type { SVGProps } from "react";

/** One icon stroke: `d` in the text colour at `width`, round joins (and round ends unless `roundCaps` is false). */
export function IconStroke({
  d,
  width,
  roundCaps = true,
  ...rest
}: { d: string; width: string; roundCaps?: boolean } & Omit<SVGProps<SVGPathElement>, "d">) {
  return (
    <path
      d={d}
      fill="none"
      stroke="currentColor"
      strokeWidth={width}
      strokeLinecap={roundCaps ? "round" : undefined}
      strokeLinejoin="round"
      {...rest}
    />
  );
}
