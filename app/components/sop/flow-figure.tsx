import { useEffect, useState, useSyncExternalStore } from "react";
import type { Flow } from "../../../sop-schema/types";
import { FlowViewer } from "../../../flows/ui/flow-viewer";
import { diagramHtml, diagramKey, type DiagramVariant } from "./diagram-cache";
import { TypeIcon } from "../../../flows/ui/flow-nodes";
import { TYPE_NAMES } from "../../../flows/ui/labels";
import { NODE_TYPES } from "../../../sop-schema/types";
import { FlowOutline } from "./flow-outline";

type DiagramProps = {
  flow: Flow;
  stepTitle: (id: string) => string | undefined;
  variant: DiagramVariant;
  height?: number;
};

/** The diagram itself, exactly as the server caches it (diagram-html.server.ts renders this component). */
export function FlowDiagram({ flow, stepTitle, variant, height }: DiagramProps) {
  return (
    <FlowViewer
      flow={flow}
      stepTitle={stepTitle}
      textDir={variant.textDir}
      authoring={variant.authoring}
      label={`Diagram: ${flow.title}`}
      height={height}
    />
  );
}

const noSubscription = () => () => {};
/** false on the server and while hydrating, true from the first render after hydration (and on client navigations). */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A published version's diagram, from the server's cache (the HTML React Flow rendered the first time this
 * version was viewed). The browser keeps that HTML while hydrating (React does not diff `dangerouslySetInnerHTML`
 * in production) and swaps in the live diagram on the render right after, at the same size.
 */
function CachedDiagram(props: DiagramProps & { versionKey: string }) {
  if (typeof document !== "undefined")
    return <div className="fd-static" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: "" }} />;
  const html = diagramHtml.get(diagramKey(props.versionKey, props.flow.id, props.variant));
  // Not prepared by the loader (or already evicted): drawn now, in the same wrapper, so hydration agrees either way.
  if (html === undefined)
    return (
      <div className="fd-static">
        <FlowDiagram {...props} />
      </div>
    );
  return <div className="fd-static" dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * A flow on the SOP page: the diagram (server-rendered, so it is in the first HTML) with a Diagram / Outline
 * toggle. The text outline is always in the DOM: visible in "Outline", and in "Diagram" kept for screen
 * readers (it shows itself when keyboard focus moves into it).
 *
 * `versionKey` (a published version's content hash): the diagram's server HTML comes from the per-version
 * cache (diagram-cache.ts). `authoring: false` draws it for agents (no field names or outcome ids).
 */
export function FlowFigure({
  flow,
  caption,
  stepTitle,
  textDir,
  authoring = true,
  versionKey,
}: {
  flow: Flow;
  caption: string;
  stepTitle: (id: string) => string | undefined;
  textDir?: "ltr" | "rtl";
  authoring?: boolean;
  versionKey?: string;
}) {
  const hydrated = useHydrated();
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
          <button
            type="button"
            aria-pressed={view === "outline"}
            onClick={() => {
              setView("outline");
              setExpanded(null);
            }}
          >
            Outline
          </button>
          {view === "diagram" ? (
            <button
              type="button"
              aria-pressed={expanded !== null}
              onClick={() => setExpanded(expanded === null ? Math.max(320, window.innerHeight - 150) : null)}
              title={expanded !== null ? "Back to the page (Esc)" : "Show the diagram full screen"}
            >
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
          {versionKey && !hydrated ? (
            <CachedDiagram flow={flow} stepTitle={stepTitle} variant={{ authoring, textDir }} versionKey={versionKey} />
          ) : (
            <FlowDiagram
              flow={flow}
              stepTitle={stepTitle}
              variant={{ authoring, textDir }}
              height={expanded ?? undefined}
            />
          )}
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
