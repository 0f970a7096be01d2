import { useEffect, useState } from "react";
import type { Flow } from "../../../sop-schema/types";
import { FlowViewer } from "../../../flows/ui/flow-viewer";

/**
 * The runbook's diagram of the flow being walked: the current node and the path taken are highlighted and the
 * view follows the current node. Collapsible; starts collapsed on narrow screens (phones), where the walk
 * comes first.
 */
export function RunFlowDiagram({
  flow,
  path,
  current,
  stepTitle,
}: {
  flow: Flow;
  path: string[];
  current?: string;
  stepTitle?: (id: string) => string | undefined;
}) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (window.matchMedia("(max-width: 600px)").matches) setOpen(false);
  }, []);
  return (
    <details className="run-flow-diagram" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{open ? "Diagram" : "Show the diagram"}</summary>
      {open ? (
        <FlowViewer
          flow={flow}
          highlight={{ current, path }}
          follow
          height={380}
          initialWidth={520}
          stepTitle={stepTitle}
          label={`Diagram: ${flow.title}, current node highlighted`}
        />
      ) : null}
    </details>
  );
}
