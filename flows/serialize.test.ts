import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "../sop-schema/parse";
import { NODE_TYPES } from "../sop-schema/types";
import { graphOf } from "./model";
import type { FlowModel, FlowModelEdge, FlowModelNode } from "./model";
import { FlowSourceError, insertFlow, replaceFlowInSource, serializeFlow } from "./serialize";
import { FRONT_MATTER, demoSops, parseWithFlows, sopWithFlow } from "./test-helpers";

const inStep = (block: string) =>
  `${FRONT_MATTER}\n<Step title="Holder" id="holder">\n  Text.\n\n  ${block.replace(/\n/g, "\n  ")}\n</Step>\n`;
const topLevel = (block: string) => `${FRONT_MATTER}\n${block}\n`;

describe("serializeFlow", () => {
  it("writes a stable, indented block with attributes in a fixed order", () => {
    const text = serializeFlow({
      id: "refund",
      title: 'Refund "fast" & easy',
      nodes: [
        { id: "start", type: "start", label: "Go" },
        { id: "x", type: "escalate", label: "Transfer", outcome: "o", reason: "r", to: "Supervisor", field: "f" },
      ],
      edges: [{ from: "start", to: "x", label: "a\nb" }],
    });
    expect(text).toBe(
      [
        '<Flow id="refund" title="Refund &quot;fast&quot; &amp; easy">',
        '  <Node id="start" type="start" label="Go" />',
        '  <Node id="x" type="escalate" label="Transfer" to="Supervisor" reason="r" field="f" outcome="o" />',
        '  <Edge from="start" to="x" label="a&#10;b" />',
        "</Flow>",
      ].join("\n"),
    );
  });

  it("round-trips every demo flow: parse → serialise → parse gives the same graph", () => {
    for (const { file, source } of demoSops()) {
      for (const flow of parseSop(source).flows) {
        for (const wrap of [inStep, topLevel]) {
          const again = parseSop(wrap(serializeFlow(flow)));
          expect(again.flows, file).toHaveLength(1);
          expect(graphOf(again.flows[0]), file).toEqual(graphOf(flow));
        }
      }
    }
  });

  it("round-trips generated flows (property)", () => {
    const text = fc
      .string({
        unit: fc.constantFrom(
          "a",
          "Z",
          "é",
          "ی",
          "3",
          " ",
          '"',
          "'",
          "&",
          "<",
          ">",
          "{",
          "}",
          "\\",
          "\n",
          "#",
          "|",
          "😀",
          "amp;",
          "&quot;",
        ),
        minLength: 1,
        maxLength: 24,
      })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const nodeId = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
    const fieldName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
    const node = fc.record(
      {
        id: nodeId,
        type: fc.constantFrom(...NODE_TYPES),
        label: text,
        to: text,
        reason: text,
        step: text,
        sop: text,
        field: fieldName,
        outcome: text,
      },
      { requiredKeys: ["id", "type", "label"] },
    );
    const flowArb = fc
      .record({
        id: fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,4})?$/),
        title: text,
        nodes: fc.uniqueArray(node, { selector: (n) => n.id, minLength: 1, maxLength: 8 }),
        edgeSeeds: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), label: fc.option(text, { nil: undefined }) }), {
          maxLength: 12,
        }),
      })
      .map(({ id, title, nodes, edgeSeeds }): FlowModel => {
        const edges: FlowModelEdge[] = edgeSeeds.map((s) => {
          const e: FlowModelEdge = { from: nodes[s.a % nodes.length].id, to: nodes[s.b % nodes.length].id };
          if (s.label !== undefined) e.label = s.label;
          return e;
        });
        return { id, title, nodes: nodes as FlowModelNode[], edges };
      });
    fc.assert(
      fc.property(flowArb, fc.boolean(), (flow, nested) => {
        const doc = parseSop((nested ? inStep : topLevel)(serializeFlow(flow)));
        expect(doc.flows).toHaveLength(1);
        expect(graphOf(doc.flows[0])).toEqual(graphOf(flow));
      }),
      { numRuns: 100 },
    );
  });
});

const SOURCE = `${FRONT_MATTER}
Intro paragraph with *emphasis*   and trailing spaces.  

<Step title="Decide" id="decide">
  Pick the path.

  <Flow id="f" title="Decide">
    <Node id="start" type="start" label="S" />
    <Node id="e" type="end" label="E" />
    <Edge from="start" to="e" />
  </Flow>

  <Tip>Keep calm.</Tip>
</Step>

<Step title="Wrap up" id="wrap">
  Say goodbye.
</Step>

<Step title="Self" id="self" />
`;

describe("replaceFlowInSource / insertFlow", () => {
  const changed: FlowModel = {
    id: "f",
    title: "Decide",
    nodes: [
      { id: "start", type: "start", label: "S" },
      { id: "q", type: "question", label: "OK?" },
      { id: "e", type: "end", label: "E" },
      { id: "x", type: "escalate", label: "X", to: "Lead", reason: "No" },
    ],
    edges: [
      { from: "start", to: "q" },
      { from: "q", to: "e", label: "Yes" },
      { from: "q", to: "x", label: "No" },
    ],
  };

  it("replaces only the flow block, keeping every other byte", () => {
    const out = replaceFlowInSource(SOURCE, "f", changed);
    const start = SOURCE.indexOf("<Flow");
    const end = SOURCE.indexOf("</Flow>") + "</Flow>".length;
    expect(out.slice(0, start)).toBe(SOURCE.slice(0, start));
    expect(out.slice(out.length - (SOURCE.length - end))).toBe(SOURCE.slice(end));
    expect(out).toContain('\n    <Node id="q" type="question" label="OK?" />\n');
    expect(out).toContain("\n  </Flow>\n");
    const doc = parseWithFlows(out);
    expect(graphOf(doc.flows[0])).toEqual(graphOf(changed));
    expect(doc.flows[0].stepId).toBe("decide");
    // Same flow again: the source does not change.
    expect(replaceFlowInSource(out, "f", changed)).toBe(out);
  });

  it("keeps a BOM and CRLF line endings", () => {
    const crlf = "\uFEFF" + SOURCE.replace(/\n/g, "\r\n");
    const out = replaceFlowInSource(crlf, "f", changed);
    expect(out.startsWith("\uFEFF---\r\n")).toBe(true);
    expect(out.replace(/\r\n/g, "")).not.toContain("\n");
    expect(graphOf(parseSop(out).flows[0])).toEqual(graphOf(changed));
  });

  it("inserts a flow at the end of a step, and at the end of the SOP when the id is absent", () => {
    const wrap = insertFlow(SOURCE, { ...changed, id: "w" }, { stepId: "wrap" });
    const doc = parseWithFlows(wrap);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["empty-step"]); // the self-closing step below
    expect(doc.flows.map((f) => [f.id, f.stepId])).toEqual([
      ["f", "decide"],
      ["w", "wrap"],
    ]);
    expect(wrap).toContain('  Say goodbye.\n\n  <Flow id="w" title="Decide">\n    <Node id="start"');

    const selfSource = insertFlow(SOURCE, { ...changed, id: "s" }, { stepId: "self" });
    expect(selfSource).toContain('<Step title="Self" id="self">\n\n  <Flow id="s" title="Decide">');
    const self = parseWithFlows(selfSource);
    expect(self.diagnostics).toEqual([]);
    expect(self.flows.find((f) => f.id === "s")?.stepId).toBe("self");

    const appended = replaceFlowInSource(SOURCE, "new-one", { ...changed, id: "new-one", title: "New one" });
    expect(appended.startsWith(SOURCE)).toBe(true);
    const d2 = parseWithFlows(appended);
    expect(d2.flows.map((f) => f.id)).toEqual(["f", "new-one"]);
    expect(d2.steps.at(-1)?.title).toBe("New one");
  });

  it("refuses an unknown step or a step that already has a flow", () => {
    expect(() => insertFlow(SOURCE, changed, { stepId: "nope" })).toThrow(FlowSourceError);
    expect(() => insertFlow(SOURCE, changed, { stepId: "decide" })).toThrow(/already has the flow "f"/);
  });

  it("finds flows whose id was derived from the title", () => {
    const src = sopWithFlow(`    <Node id="s" type="start" label="S" />`).replace(
      '<Flow id="f" title="Decide">',
      '<Flow title="Which way now">',
    );
    const id = parseSop(src).flows[0].id;
    expect(id).toBe("which-way-now");
    const out = replaceFlowInSource(src, id, { ...changed, id });
    expect(graphOf(parseSop(out).flows[0])).toEqual(graphOf({ ...changed, id }));
  });
});
