// Path heat in the server render (as ui.test.tsx renders the viewer): the first HTML already has every edge's
// width and figure, the nodes' counts and outcomes, and the description of what the diagram shows.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../sop-schema/parse";
import type { FlowHeat, FlowHeatNode } from "../heat";
import { demoSops } from "../test-helpers";
import { FlowViewer } from "./flow-viewer";
import { heatWidth } from "./heat";

const billing = parseSop(demoSops().find((d) => d.file === "billing-dispute-card-charge.mdx")!.source).flows[0]!;
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const count = (html: string, needle: string) => html.split(needle).length - 1;
/** The stroke widths set on edge paths (not on the arrow markers, which have their own style). */
const edgeWidths = (html: string) =>
  [...html.matchAll(/class="react-flow__edge-path fd-edge[^"]*" style="stroke-width:([\d.]+)"/g)].map((m) =>
    Number(m[1]),
  );
/** The wrapper React Flow renders with the viewer's accessible name. */
const wrapper = (html: string) => /<div data-testid="rf__wrapper"[^>]*>/.exec(html)?.[0] ?? "";

// 500 runs through the card-dispute flow; "Item faulty…" (kind → goods) has no entry and the goods node none.
const runs: Record<string, number> = {
  "start>cb-open": 500,
  "cb-open>cb-path": 40,
  "cb-open>found": 460,
  "found>recognised": 310,
  "found>not-ours": 150,
  "not-ours>end-not-ours": 150,
  "recognised>kind": 300,
  "recognised>fraud": 10,
  "kind>settled": 100,
  "kind>refund": 120,
  "settled>pending-say": 60,
  "settled>refund": 40,
  "pending-say>end-pending": 60,
};
const heat: FlowHeat = {
  flowId: billing.id,
  runs: 500,
  edges: billing.edges.flatMap((e) => {
    const n = runs[`${e.from}>${e.to}`];
    return n === undefined
      ? []
      : [{ from: e.from, to: e.to, ...(e.label !== undefined ? { label: e.label } : {}), runs: n, share: n / 500 }];
  }),
  nodes: Object.fromEntries(
    billing.nodes
      .filter((n) => n.id !== "goods")
      .map((n): [string, FlowHeatNode] => [
        n.id,
        n.id === "end-not-ours"
          ? { runs: 150, outcomes: { resolved: 120, escalated: 8 } }
          : n.id === "fraud"
            ? { runs: 10, outcomes: { escalated: 10 } }
            : { runs: n.id === "start" ? 500 : 1 },
      ]),
  ),
};

describe("FlowViewer with heat", () => {
  const html = renderToString(createElement(FlowViewer, { flow: billing, heat }));

  it("draws every edge at the width of its share, and the one no run took thin and dashed", () => {
    expect(count(html, "react-flow__edge-path fd-edge")).toBe(billing.edges.length);
    const widths = edgeWidths(html);
    expect(widths).toHaveLength(billing.edges.length);
    // In the flow's order: start → first question took every run, "Yes" 40 of 500, "No" 460, "Found" 310 …
    expect(widths.slice(0, 4)).toEqual([heatWidth(1), heatWidth(0.08), heatWidth(0.92), heatWidth(0.62)]);
    expect(Math.max(...widths)).toBe(10);
    expect(
      count(html, `react-flow__edge-path fd-edge fd-edge--heat fd-edge--cold" style="stroke-width:${heatWidth(0)}"`),
    ).toBe(1);
    expect(widths.filter((w) => w === 1.5)).toHaveLength(1);
  });

  it("labels each edge with its answer, share and count", () => {
    expect(html).toContain("<title>Found · 62% (310)</title>");
    expect(html).toContain("Found · 62% (310)</tspan>");
    expect(html).toContain("<title>Not recognised · 2% (10)</title>");
    expect(html).toContain(`<title>${escapeHtml("Item faulty, missing or not as described · 0% (0)")}</title>`);
    // an edge without an answer label gets the figure alone
    expect(html).toContain("<title>100% (500)</title>");
    expect(count(html, 'class="fd-edge-figure"')).toBe(billing.edges.length);
  });

  it(
    "shows the runs that reached each node, the outcomes " + "under terminal nodes, and fades the node no run reached",
    () => {
      expect(count(html, 'class="fd-node-runs"')).toBe(billing.nodes.length - 1);
      expect(html).toContain('<span class="fd-node-runs" aria-hidden="true">500</span>');
      expect(count(html, "fd-node--cold")).toBe(1);
      expect(html).toMatch(/class="fd-node fd-node--sop [^"]*fd-node--cold"/);
      expect(count(html, 'class="fd-node-outcomes"')).toBe(2);
      expect(html).toContain('title="resolved 120 · escalated 8"');
      expect(html).toContain('<span class="fd-outcome fd-outcome--resolved" dir="auto">resolved <b>120</b></span>');
      expect(html).toContain(
        'aria-label="Outcome: Not our charge, outcome not-ours, reached ' +
          'by 150 runs (30%); wrapped up here: resolved 120, escalated 8."',
      );
    },
  );

  it("says in its name and description that it shows the traffic of the runs", () => {
    expect(wrapper(html)).toContain(
      'aria-label="Diagram of the decision flow “Card charge dispute”, with the traffic of 500 runs"',
    );
    const id = /aria-describedby="([^"]+)"/.exec(wrapper(html))?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`<p id="${id}" class="visually-hidden">Shows the traffic of 500 runs`);
    // A page's own name is kept; the description still comes with the heat.
    const named = renderToString(createElement(FlowViewer, { flow: billing, heat, label: "Pfad-Heatmap" }));
    expect(wrapper(named)).toContain('aria-label="Pfad-Heatmap"');
    expect(named).toContain('class="visually-hidden">Shows the traffic of 500 runs');
  });

  it("writes the numbers in the viewer's language and takes the page's outcome names", () => {
    const heatText = { outcome: (o: string) => (o === "resolved" ? "حل شد" : o) };
    const fa = renderToString(createElement(FlowViewer, { flow: billing, heat, lang: "fa", heatText }));
    const pct = new Intl.NumberFormat("fa", { style: "percent", maximumFractionDigits: 0 }).format(0.62);
    expect(fa).toContain(`<title>Found · ${pct} (۳۱۰)</title>`);
    expect(fa).toContain("حل شد <b>۱۲۰</b>");
    expect(fa).toContain('<span class="fd-node-runs" aria-hidden="true">۵۰۰</span>');
  });

  it("keeps the runbook's highlight alongside the heat, and draws nothing of the heat without one", () => {
    const both = renderToString(
      createElement(FlowViewer, { flow: billing, heat, highlight: { path: ["start", "cb-open"], current: "found" } }),
    );
    expect(count(both, "fd-node--current")).toBe(1);
    expect(count(both, "react-flow__edge-path fd-edge fd-edge--taken fd-edge--heat")).toBe(2);
    expect(both).toContain(`fd-edge--taken fd-edge--heat" style="stroke-width:${heatWidth(1)}"`);

    const plain = renderToString(createElement(FlowViewer, { flow: billing }));
    for (const cls of ["fd-edge--heat", "fd-node--heat", "fd-node-runs", "fd-node-outcomes", "visually-hidden"])
      expect(plain).not.toContain(cls);
    expect(edgeWidths(plain)).toEqual([]);
    expect(wrapper(plain)).not.toContain("aria-describedby");
    expect(plain).toContain("<title>Found</title>");
  });

  it("draws a 200-node flow's heat in the far-zoom drawing too (big flows start zoomed out)", () => {
    const nodes: { id: string; type: "start" | "question" | "end"; label: string }[] = [
      { id: "start", type: "start", label: "Call comes in" },
    ];
    const edges: { from: string; to: string; label?: string }[] = [];
    for (let i = 1; i < 200; i++) {
      nodes.push({ id: `n${i}`, type: i >= 100 ? "end" : "question", label: `Node ${i}` });
      edges.push(
        i === 1 ? { from: "start", to: "n1" } : { from: `n${i >> 1}`, to: `n${i}`, label: i % 2 ? "Yes" : "No" },
      );
    }
    const flow = { id: "big", title: "Big", nodes, edges };
    // Halving at every level of the tree; the nodes of the last level have no entry (no run reached them).
    const share = (to: number) => 1 / 2 ** Math.floor(Math.log2(to));
    const big: FlowHeat = {
      flowId: "big",
      runs: 1024,
      edges: edges.map((e) => ({
        ...e,
        runs: 1024 * share(Number(e.to.slice(1))),
        share: share(Number(e.to.slice(1))),
      })),
      nodes: Object.fromEntries(
        nodes.filter((n) => n.id === "start" || Number(n.id.slice(1)) < 128).map((n) => [n.id, { runs: 1 }]),
      ),
    };
    const out = renderToString(createElement(FlowViewer, { flow, heat: big }));
    expect(wrapper(out)).toContain("with the traffic of 1,024 runs");
    const far = /<g class="fd-far-edges">(.*?)<\/g>/.exec(out)?.[1] ?? "";
    const widths = [...far.matchAll(/<polyline [^>]*style="stroke-width:([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(edges.length);
    expect(widths[0]).toBe(2 * heatWidth(1));
    expect(widths.at(-1)).toBe(2 * heatWidth(share(199)));
    expect(count(out, " fd-far-cold")).toBe(200 - 128);
  });
});
