import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import type { FlowNodeType } from "../sop-schema/types";
import { LARGE_FLOW_NODES, layoutFlow, NODE_SIZES } from "./layout";
import type { FlowLayout } from "./layout";
import { demoSops } from "./test-helpers";

function overlaps(l: FlowLayout): string[] {
  const out: string[] = [];
  for (let i = 0; i < l.nodes.length; i++)
    for (let j = i + 1; j < l.nodes.length; j++) {
      const a = l.nodes[i];
      const b = l.nodes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        out.push(`${a.id}/${b.id}`);
    }
  return out;
}

function generated(n: number) {
  const types: FlowNodeType[] = ["action", "question", "say"];
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    type: i === 0 ? ("start" as const) : types[i % 3],
    label: `Node ${i}`,
  }));
  const edges = nodes
    .slice(1)
    .map((x, i) => ({ from: `n${Math.floor(i / 2)}`, to: x.id, label: i % 2 ? "Yes" : undefined }));
  return { nodes, edges };
}

describe("layoutFlow", () => {
  const flows = demoSops().flatMap(({ source }) => parseSop(source).flows);

  it("lays out every demo flow with fixed sizes, inside the canvas, without overlaps", () => {
    for (const flow of flows) {
      const l = layoutFlow(flow);
      expect(l.nodes.map((n) => n.id)).toEqual(flow.nodes.map((n) => n.id));
      for (const n of l.nodes) {
        const type = flow.nodes.find((x) => x.id === n.id)!.type;
        expect({ width: n.width, height: n.height }).toEqual(NODE_SIZES[type]);
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.y).toBeGreaterThanOrEqual(0);
        expect(n.x + n.width).toBeLessThanOrEqual(l.width);
        expect(n.y + n.height).toBeLessThanOrEqual(l.height);
      }
      expect(overlaps(l), flow.id).toEqual([]);
      expect(l.edges).toHaveLength(flow.edges.length);
      for (const e of l.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
      for (const e of l.edges.filter((x) => x.label)) expect(e.labelPosition).toBeDefined();
    }
  });

  it("is deterministic and pure (same input, same output; input untouched)", () => {
    for (const flow of flows) {
      const before = JSON.stringify(flow);
      const a = layoutFlow(flow);
      const b = layoutFlow(JSON.parse(before));
      expect(b).toEqual(a);
      expect(JSON.stringify(flow)).toBe(before);
    }
  });

  it("goes top-to-bottom by default and left-to-right on request", () => {
    const flow = {
      nodes: [
        { id: "a", type: "start" as const, label: "A" },
        { id: "b", type: "end" as const, label: "B" },
      ],
      edges: [{ from: "a", to: "b" }],
    };
    const tb = layoutFlow(flow);
    expect(tb.nodes[1].y).toBeGreaterThan(tb.nodes[0].y + tb.nodes[0].height);
    const lr = layoutFlow(flow, { direction: "LR" });
    expect(lr.nodes[1].x).toBeGreaterThan(lr.nodes[0].x + lr.nodes[0].width);
  });

  it("copes with an empty flow, self-loops, parallel edges and dangling edges", () => {
    expect(layoutFlow({ nodes: [], edges: [] })).toEqual({ nodes: [], edges: [], width: 0, height: 0 });
    const l = layoutFlow({
      nodes: [
        { id: "q", type: "question", label: "Again?" },
        { id: "e", type: "end", label: "E" },
      ],
      edges: [
        { from: "q", to: "q", label: "Retry" },
        { from: "q", to: "e", label: "Yes" },
        { from: "q", to: "e", label: "Maybe" },
        { from: "q", to: "ghost" },
      ],
    });
    expect(l.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["q>q", "q>e", "q>e"]);
    for (const e of l.edges) for (const p of e.points) expect(p.x).toBeLessThanOrEqual(l.width);
  });

  it("lays out a generated 100-node flow without overlaps", () => {
    const l = layoutFlow(generated(100));
    expect(l.nodes).toHaveLength(100);
    expect(overlaps(l)).toEqual([]);
  });

  it("switches to the longest-path ranker for large flows: still stable, still no overlaps", () => {
    const flow = generated(LARGE_FLOW_NODES);
    const l = layoutFlow(flow);
    expect(l.nodes).toHaveLength(LARGE_FLOW_NODES);
    expect(overlaps(l)).toEqual([]);
    expect(layoutFlow(flow)).toEqual(l);
    // Both choices can be made explicitly (the same choice gives the same drawing).
    const small = generated(30);
    const fast = { ranker: "longest-path" as const, crossingSweeps: false };
    expect(layoutFlow(small, fast)).toEqual(layoutFlow(small, fast));
    expect(overlaps(layoutFlow(small, fast))).toEqual([]);
  });
});
