import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import { flowSchema, fromSopFlow, graphOf, isTerminal, parseFlowModel, TERMINAL_NODE_TYPES } from "./model";
import { demoSops } from "./test-helpers";

describe("flow model", () => {
  it("accepts every demo flow converted from sop-schema", () => {
    let count = 0;
    for (const { source } of demoSops())
      for (const flow of parseSop(source).flows) {
        const model = fromSopFlow(flow);
        expect(flowSchema.safeParse(model).success).toBe(true);
        expect(model.nodes.length).toBe(flow.nodes.length);
        expect(model.position).toEqual(flow.position);
        count++;
      }
    expect(count).toBeGreaterThanOrEqual(9);
  });

  it("rejects duplicate ids, dangling edges, bad types and untrimmed labels", () => {
    const r = parseFlowModel({
      id: "x",
      title: "X",
      nodes: [
        { id: "a", type: "start", label: "A" },
        { id: "a", type: "maybe", label: " B " },
      ],
      edges: [{ from: "a", to: "zz" }],
    });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.errors.join("\n")).toMatch(/nodes\.1\.type/);
      expect(r.errors.join("\n")).toMatch(/white space/);
    }
    const dangling = parseFlowModel({
      id: "x",
      title: "X",
      nodes: [
        { id: "a", type: "start", label: "A" },
        { id: "a", type: "end", label: "B" },
      ],
      edges: [{ from: "a", to: "zz" }],
    });
    expect(dangling.success).toBe(false);
    if (!dangling.success)
      expect(dangling.errors).toEqual([
        'nodes.1.id: two nodes have the id "a"',
        'edges.0.to: edge to "zz": no such node',
      ]);
  });

  it("rejects invalid ids and field names", () => {
    expect(parseFlowModel({ id: "Bad Id", title: "t", nodes: [], edges: [] }).success).toBe(false);
    expect(
      parseFlowModel({ id: "ok", title: "t", nodes: [{ id: "a b", type: "action", label: "x" }], edges: [] }).success,
    ).toBe(false);
    expect(
      parseFlowModel({
        id: "ok",
        title: "t",
        nodes: [{ id: "a", type: "action", label: "x", field: "Name" }],
        edges: [],
      }).success,
    ).toBe(false);
    expect(
      parseFlowModel({
        id: "ok",
        title: "t",
        nodes: [{ id: "a", type: "action", label: "x", field: "name" }],
        edges: [],
      }).success,
    ).toBe(true);
  });

  it("graphOf drops positions and the step", () => {
    const g = graphOf({
      id: "f",
      title: "F",
      nodes: [{ id: "a", type: "end", label: "A", outcome: "ok", position: { line: 1, column: 1 } }],
      edges: [],
    });
    expect(g).toEqual({ id: "f", title: "F", nodes: [{ id: "a", type: "end", label: "A", outcome: "ok" }], edges: [] });
  });

  it("knows the terminal node types", () => {
    expect([...TERMINAL_NODE_TYPES]).toEqual(["end", "escalate", "goto", "sop"]);
    expect(isTerminal("goto")).toBe(true);
    expect(isTerminal("question")).toBe(false);
  });
});
