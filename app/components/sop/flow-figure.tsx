import { useEffect, useState } from "react";
import type { Flow } from "../../../sop-schema";
import { FlowViewer } from "../../../flows/ui/flow-viewer";
import { TypeIcon } from "../../../flows/ui/flow-nodes";
import { TYPE_NAMES } from "../../../flows/ui/labels";
import { NODE_TYPES } from "../../../sop-schema";
import { FlowOutline } from "./flow-outline";

/**
 * A flow on the SOP page: the diagram (server-rendered, so it is in the first HTML) with a Diagram / Outline
 * toggle. The text outline is always in the DOM: visible in "Outline", and in "Diagram" kept for screen
 * readers (it shows itself when keyboard focus moves into it).
 */
export function FlowFigure({ flow, caption, stepTitle, textDir }: { flow: Flow; caption: string; stepTitle: (id: string) => string | undefined; textDir?: "ltr" | "rtl" }) {
  const [view, setView] = useState<"diagram" | "outline">("diagram");
  // "Full screen": the same figure, fixed over the page, the diagram as tall as the window.
  const [expanded, setExpanded] = useState<number | null>(null);
  useEffect(() => {
    if (expanded === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setExpanded(null);
    };
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    document.addEventListener("keydown", onKey);
    return () => {
      document.body.style.overflow = overflow;
      document.removeEventListener("keydown", onKey);
    };
  }, [expanded]);
  const outlineId = `flow-outline-${flow.id}`;
  const types = NODE_TYPES.filter((t) => flow.nodes.some((n) => n.type === t));
  return (
    <figure className={expanded !== null ? "flow flow--expanded" : "flow"} aria-labelledby={`flow-title-${flow.id}`}>
      <div className="flow-head">
        <figcaption id={`flow-title-${flow.id}`} className="flow-title">
          {caption}: {flow.title}
        </figcaption>
        <div className="flow-views" role="group" aria-label="Show the flow as" lang="en" dir="ltr">
          <button type="button" aria-pressed={view === "diagram"} onClick={() => setView("diagram")}>
            Diagram
          </button>
          <button type="button" aria-pressed={view === "outline"} onClick={() => { setView("outline"); setExpanded(null); }}>
            Outline
          </button>
          {view === "diagram" ? (
            <button type="button" aria-pressed={expanded !== null} onClick={() => setExpanded(expanded === null ? Math.max(320, window.innerHeight - 150) : null)} title={expanded !== null ? "Back to the page (Esc)" : "Show the diagram full screen"}>
              {expanded !== null ? "Close full screen" : "Full screen"}
            </button>
          ) : null}
        </div>
      </div>
      {view === "diagram" ? (
        <>
          <a className="flow-skip" href={`#${outlineId}`} lang="en">
            Skip the diagram: go to the text outline
          </a>
          <FlowViewer flow={flow} stepTitle={stepTitle} textDir={textDir} label={`Diagram: ${flow.title}`} height={expanded ?? undefined} />
          <ul className="flow-legend" aria-label="Node types in this flow" lang="en" dir="ltr">
            {types.map((t) => (
              <li key={t} className={`fd-legend--${t}`}>
                <TypeIcon type={t} size={13} />
                {TYPE_NAMES[t]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div id={outlineId} className={view === "diagram" ? "flow-outline-offscreen" : undefined} tabIndex={-1}>
        <FlowOutline flow={flow} stepTitle={stepTitle} />
      </div>
    </figure>
  );
}
