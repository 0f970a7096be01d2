// Draws a published version's flow diagrams once: the SOP page's loader calls prepareDiagrams before the page
// renders, and FlowFigure then takes each diagram's HTML from the cache (diagram-cache.ts). Server only: this is
// the one place the page imports React's string renderer. It runs outside any React render (a render nested in
// another render would share React's per-render state).
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import type { SopDocument } from "../../../sop-schema/types";
import { diagramHtml, diagramKey, type DiagramVariant } from "./diagram-cache";
import { FlowDiagram } from "./flow-figure";

/**
 * Makes sure every diagram of `doc` is in the cache for this variant. `versionKey` identifies the published
 * content (its hash): never pass it for a draft, whose text changes under the same id.
 */
export function prepareDiagrams(
  doc: Pick<SopDocument, "flows" | "steps">,
  versionKey: string,
  variant: DiagramVariant,
): void {
  if (doc.flows.length === 0) return;
  let titles: Map<string, string> | undefined;
  for (const flow of doc.flows) {
    const key = diagramKey(versionKey, flow.id, variant);
    if (diagramHtml.has(key)) continue;
    titles ??= new Map(doc.steps.map((s) => [s.id, s.title]));
    const stepTitle = (id: string) => titles!.get(id);
    diagramHtml.set(key, renderToString(createElement(FlowDiagram, { flow, stepTitle, variant })));
  }
}
