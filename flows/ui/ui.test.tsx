// The React half without a browser: pure drawing helpers, and the server render (the first HTML must
// already contain the diagram: nodes at their layout positions, edges, labels, highlight).
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../sop-schema/parse";
import { blankFlow } from "../editor-state";
import { layoutFlow, NODE_SIZES } from "../layout";
import { fromSopFlow } from "../model";
import { demoSops } from "../test-helpers";
import { viewerElements } from "./elements";
import { FlowEditor } from "./flow-editor";
import { nodeTypes } from "./flow-nodes";
import { FlowViewer } from "./flow-viewer";
import {
  basisPath,
  handleBounds,
  highlightSets,
  labelBox,
  labelLines,
  routeBetween,
  splitReferences,
} from "./geometry";
import { nodeAriaLabel, nodeExtra } from "./labels";

const billing = parseSop(demoSops().find((d) => d.file === "billing-dispute-card-charge.mdx")!.source).flows[0]!;
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe("geometry", () => {
  it("draws a B-spline that starts and ends on the given points", () => {
    const d = basisPath([
      { x: 0, y: 0 },
      { x: 0, y: 60 },
      { x: 60, y: 120 },
      { x: 60, y: 180 },
    ]);
    expect(d.startsWith("M0,0L0,10")).toBe(true);
    expect(d.endsWith("L60,180")).toBe(true);
    expect(d.match(/C/g)).toHaveLength(3);
    expect(
      basisPath([
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ]),
    ).toBe("M1,2L3,4");
    expect(basisPath([])).toBe("");
  });

  it("moves a route's ends onto the handles and needs at least two points", () => {
    expect(
      routeBetween(
        [
          { x: 0, y: 0 },
          { x: 5, y: 5 },
          { x: 9, y: 9 },
        ],
        { x: 1, y: 1 },
        { x: 8, y: 8 },
      ),
    ).toEqual([
      { x: 1, y: 1 },
      { x: 5, y: 5 },
      { x: 8, y: 8 },
    ]);
    expect(routeBetween(undefined, { x: 0, y: 0 }, { x: 1, y: 1 })).toBeNull();
    expect(routeBetween([{ x: 0, y: 0 }], { x: 0, y: 0 }, { x: 1, y: 1 })).toBeNull();
  });

  it("wraps edge labels into at most three lines that fit the label box", () => {
    expect(labelLines("Yes")).toEqual(["Yes"]);
    const lines = labelLines("Item faulty, missing or not as described");
    expect(lines.length).toBe(2);
    expect(lines.join(" ")).toBe("Item faulty, missing or not as described");
    const long = labelLines("word ".repeat(60));
    expect(long).toHaveLength(3);
    expect(long[2]!.endsWith("…")).toBe(true);
    expect(labelBox(lines).width).toBeLessThanOrEqual(180);
    expect(labelBox(["Yes"]).width).toBeGreaterThanOrEqual(32);
  });

  it("puts handles on the entry and exit sides for each direction", () => {
    const tb = handleBounds("question", "TB");
    expect(tb).toEqual([
      { id: null, type: "target", position: "top", x: NODE_SIZES.question.width / 2 - 1, y: 0, width: 2, height: 0 },
      {
        id: null,
        type: "source",
        position: "bottom",
        x: NODE_SIZES.question.width / 2 - 1,
        y: NODE_SIZES.question.height,
        width: 2,
        height: 0,
      },
    ]);
    expect(handleBounds("end", "LR").map((h) => h.position)).toEqual(["left", "right"]);
  });

  it("turns a path taken into visited nodes and taken edges", () => {
    const h = highlightSets({ path: ["start", "q"], current: "refund" });
    expect([...h.visited]).toEqual(["start", "q", "refund"]);
    expect(h.taken.size).toBe(2);
    expect(highlightSets({ path: ["a", "b"], current: "b" }).taken.size).toBe(1);
    expect(highlightSets(undefined).visited.size).toBe(0);
  });

  it("splits {field} references out of labels", () => {
    expect(splitReferences("Refund {amount} to {customer_name}.")).toEqual([
      { text: "Refund " },
      { text: "{amount}", field: "amount" },
      { text: " to " },
      { text: "{customer_name}", field: "customer_name" },
      { text: "." },
    ]);
    expect(splitReferences("{ not a ref }")).toEqual([{ text: "{ not a ref }" }]);
  });
});

describe("labels", () => {
  it("describes each node type's extra and reads the answers out", () => {
    expect(nodeExtra({ id: "e", type: "escalate", label: "x", to: "Fraud team", reason: "Stolen card" })).toBe(
      "→ Fraud team · Stolen card",
    );
    expect(
      nodeExtra({ id: "g", type: "goto", label: "x", step: "refund" }, (id) =>
        id === "refund" ? "Issue the refund" : undefined,
      ),
    ).toBe("→ Issue the refund");
    expect(nodeExtra({ id: "s", type: "sop", label: "x", sop: "refund-and-return" })).toBe("→ refund-and-return");
    expect(nodeExtra({ id: "d", type: "end", label: "x", outcome: "resolved" })).toBe("Outcome: resolved");
    expect(nodeExtra({ id: "a", type: "action", label: "x" })).toBeUndefined();
    const label = nodeAriaLabel(
      { id: "q", type: "question", label: "Found?", field: "found" },
      [
        { label: "Yes", to: "a" },
        { label: "No", to: "b" },
      ],
      (id) => id.toUpperCase(),
      { state: "current" },
    );
    expect(label).toBe("Question: Found?, captures found, you are here, answers — Yes: A; No: B.");
  });
});

describe("viewerElements", () => {
  it("gives every node its fixed size, handle bounds and layout position, and routes every edge", () => {
    const layout = layoutFlow(billing);
    const { nodes, edges } = viewerElements(billing, layout, {
      highlight: { path: ["start", "cb-open"], current: "found" },
    });
    expect(nodes.map((n) => n.id)).toEqual(billing.nodes.map((n) => n.id));
    for (const n of nodes) {
      const l = layout.nodes.find((x) => x.id === n.id)!;
      expect(n.position).toEqual({ x: l.x, y: l.y });
      expect({ width: n.width, height: n.height }).toEqual(NODE_SIZES[n.type!]);
      expect(n.handles).toHaveLength(2);
      expect(n.ariaLabel).toMatch(/\.$/);
      expect(Object.keys(nodeTypes)).toContain(n.type);
    }
    expect(edges).toHaveLength(billing.edges.length);
    expect(edges.filter((e) => e.data?.taken).map((e) => `${e.source}>${e.target}`)).toEqual([
      "start>cb-open",
      "cb-open>found",
    ]);
    expect(nodes.find((n) => n.id === "found")!.data.state).toBe("current");
    expect(nodes.find((n) => n.id === "start")!.data.state).toBe("visited");
    expect(edges.every((e) => (e.data?.points?.length ?? 0) >= 2)).toBe(true);
  });
});

describe("server render", () => {
  it("puts the whole diagram in the first HTML: nodes at their positions, edges, labels", () => {
    const html = renderToString(createElement(FlowViewer, { flow: billing }));
    expect(count(html, 'class="react-flow__node ')).toBe(billing.nodes.length);
    expect(count(html, "react-flow__edge-path")).toBe(billing.edges.length);
    for (const n of billing.nodes) expect(html).toContain(escapeHtml(n.label));
    for (const e of billing.edges) if (e.label) expect(html).toContain(`<title>${escapeHtml(e.label)}</title>`);
    expect(html).not.toContain("visibility:hidden");
    // Fit-to-view was computed on the server (not the identity transform).
    expect(html).not.toMatch(/react-flow__viewport[^>]*transform:translate\(0px, ?0px\) scale\(1\)/);
    expect(count(html, 'role="group"')).toBeGreaterThanOrEqual(billing.nodes.length);
    expect(html).toContain('aria-label="Question: Has the customer already raised a chargeback');
    expect(count(html, 'tabindex="0"')).toBe(billing.nodes.length); // nodes only: edges are not Tab stops
  });

  it("highlights the current node and the path taken", () => {
    const html = renderToString(
      createElement(FlowViewer, {
        flow: billing,
        highlight: { path: ["start", "cb-open"], current: "found" },
        follow: true,
      }),
    );
    expect(count(html, "fd-node--current")).toBe(1);
    expect(count(html, "fd-node--visited")).toBe(2);
    expect(count(html, "react-flow__edge-path fd-edge fd-edge--taken")).toBe(2);
  });

  it("renders the editor with its palette, problem list and every node", () => {
    const html = renderToString(
      createElement(FlowEditor, {
        flow: fromSopFlow(billing),
        stepIds: ["chargeback-open", "issue-refund"],
        onSave: () => {},
      }),
    );
    expect(count(html, 'class="fd-palette-item ')).toBe(8);
    expect(count(html, 'class="react-flow__node ')).toBe(billing.nodes.length);
    expect(html).toContain("The flow follows every rule");
    const broken = renderToString(
      createElement(FlowEditor, { flow: { ...blankFlow(), edges: [] }, stepIds: [], onSave: () => {} }),
    );
    expect(broken).toContain("fd-problem--error");
    expect(broken).toContain("nothing comes after it");
  });
});

describe("culling", () => {
  it("finds what intersects a window and keeps the end nodes of every edge it keeps", async () => {
    const { GridIndex, cull, indexLayout, stillInside, viewRect, windowAround, layoutBounds } =
      await import("./culling");
    const grid = new GridIndex(
      [
        { x0: 0, y0: 0, x1: 10, y1: 10 },
        { x0: 5000, y0: 5000, x1: 5010, y1: 5010 },
        { x0: -20, y0: 100, x1: 2000, y1: 120 },
      ],
      600,
    );
    expect(grid.query({ x: 0, y: 0, width: 50, height: 50 })).toEqual([0]);
    expect(grid.query({ x: 1000, y: 90, width: 10, height: 10 })).toEqual([2]);
    expect(grid.query({ x: -100, y: -100, width: 6000, height: 6000 })).toEqual([0, 1, 2]);

    const layout = layoutFlow(billing);
    const index = indexLayout(layout);
    const start = layout.nodes.find((n) => n.id === "start")!;
    const around = cull(layout, index, {
      x: start.x + start.width / 2 - 5,
      y: start.y + start.height - 5,
      width: 10,
      height: 10,
    });
    const ids = around.nodes.map((i) => layout.nodes[i]!.id);
    expect(ids).toContain("start");
    // the edge leaving the start is kept, so its far end is rendered too
    expect(around.edges.map((i) => layout.edges[i]!.to)).toContain("cb-open");
    expect(ids).toContain("cb-open");
    expect(cull(layout, index, layoutBounds(layout)).nodes).toHaveLength(billing.nodes.length);

    const view = viewRect({ x: -100, y: -50, zoom: 0.5 }, 800, 600);
    expect(view).toEqual({ x: 200, y: 100, width: 1600, height: 1200 });
    const win = windowAround(view);
    expect(stillInside(view, win)).toBe(true);
    expect(stillInside({ ...view, x: view.x + view.width * 1.2 }, win)).toBe(false);
    // zoomed in a lot
    expect(stillInside({ x: view.x, y: view.y, width: view.width / 8, height: view.height / 8 }, win)).toBe(false);
  });
});

describe("layout cache", () => {
  it("returns the same layout for the same graph and recomputes when something that moves nodes changes", async () => {
    const { cachedLayout, layoutKey } = await import("./layout-cache");
    const a = cachedLayout(billing);
    // A fresh copy (as after JSON.parse of a stored document) hits the cache.
    expect(cachedLayout(JSON.parse(JSON.stringify(billing)))).toBe(a);
    expect(a).toEqual(layoutFlow(billing));
    // Node labels don't move anything (fixed sizes): same key.
    const relabelled = { ...billing, nodes: billing.nodes.map((n) => ({ ...n, label: `${n.label}!` })) };
    expect(layoutKey(relabelled)).toBe(layoutKey(billing));
    // An edge label of the same length keeps the geometry but carries its own text.
    const answer = { ...billing, edges: billing.edges.map((e) => (e.label === "Yes" ? { ...e, label: "Oui" } : e)) };
    const b = cachedLayout(answer);
    expect(b.edges.map((e) => e.points)).toEqual(a.edges.map((e) => e.points));
    expect(b.edges.some((e) => e.label === "Oui")).toBe(true);
    // A different type, edge or direction is a different layout.
    expect(
      layoutKey({ ...billing, nodes: billing.nodes.map((n, i) => (i === 3 ? { ...n, type: "action" as const } : n)) }),
    ).not.toBe(layoutKey(billing));
    expect(layoutKey(billing, { direction: "LR" })).not.toBe(layoutKey(billing));
    expect(layoutKey({ ...billing, edges: billing.edges.slice(1) })).not.toBe(layoutKey(billing));
  });
});
