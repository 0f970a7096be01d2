// mermaidToFlow + walkable.ts: a chart that parses always comes back as a flow, walkable when it is connected.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hasErrors } from "../sop-schema/diagnostics";
import type { Diagnostic } from "../sop-schema/types";
import { MERMAID_DIAGNOSTIC_CODES } from "./diagnostics";
import { flowSchema, graphOf } from "./model";
import { flowToMermaid, mermaidToFlow } from "./mermaid";
import { mermaidFixtures } from "./test-helpers";

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === "error");
const where = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.line}:${d.column}`);
const WALKABLE_CODES = [
  "mermaid-edge-duplicate",
  "mermaid-loop-exit",
  "mermaid-end-added",
  "mermaid-question-single",
  "mermaid-start-choice",
  "mermaid-start-demoted",
  "mermaid-start-branches",
  "mermaid-made-question",
  "mermaid-answer-labelled",
  "mermaid-answer-renamed",
];

const YES_NO_TREE = `flowchart TD
  A[Customer calls about a charge] --> B{Do they recognise it?}
  B -->|Yes| C[Explain the charge]
  B -->|No| D{Card still in their hands?}
  D -->|Yes| E[Open a dispute]
  D -->|No| F[Block the card]`;

describe("mermaidToFlow makes charts walkable", () => {
  it("imports a Yes/No tree whose last boxes are plain rectangles: start added, leaves become ends, no errors", () => {
    const r = mermaidToFlow(YES_NO_TREE, { id: "charge" });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.flow.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      "start:start",
      "A:action",
      "B:question",
      "C:end",
      "D:question",
      "E:end",
      "F:end",
    ]);
    expect(where(r.diagnostics)).toEqual([
      "mermaid-start-added 2:3",
      "mermaid-end-added 3:14",
      "mermaid-end-added 5:14",
      "mermaid-end-added 6:13",
    ]);
    expect(r.flow.nodes.find((n) => n.id === "C")).toEqual({
      id: "C",
      type: "end",
      label: "Explain the charge",
      position: { line: 3, column: 14 },
    });
  });

  it("walkable: false gives the chart as drawn, with the graph errors", () => {
    const r = mermaidToFlow(YES_NO_TREE, { walkable: false });
    expect(r.flow.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      "A:action",
      "B:question",
      "C:action",
      "D:question",
      "E:action",
      "F:action",
    ]);
    expect(where(errors(r.diagnostics))).toEqual([
      "flow-no-start 1:1",
      "flow-dead-end 3:14",
      "flow-dead-end 5:14",
      "flow-dead-end 6:13",
    ]);
  });

  it.each([
    ["closed-loop.mmd", ["mermaid-loop-exit 3:35", "mermaid-made-question 3:35"]],
    ["dead-end-rect.mmd", ["mermaid-end-added 4:14"]],
    ["duplicate-answers.mmd", ["mermaid-answer-renamed 5:5"]],
    ["question-one-answer.mmd", ["mermaid-question-single 3:18"]],
    ["two-starts.mmd", ["mermaid-start-choice 3:3"]],
  ])("turns the graph errors of %s into warnings", (file, expected) => {
    const text = mermaidFixtures("bad").find((f) => f.file === file)!.text;
    const r = mermaidToFlow(text);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(where(r.diagnostics)).toEqual(expected);
  });

  it("still reports what the importer can't read, and keeps the rest of the chart", () => {
    for (const { file, text } of mermaidFixtures("bad")) {
      const raw = mermaidToFlow(text, { walkable: false });
      const mermaidErrors = errors(raw.diagnostics).filter((d) => d.code.startsWith("mermaid-"));
      if (mermaidErrors.length === 0) continue;
      const r = mermaidToFlow(text);
      expect(
        errors(r.diagnostics).filter((d) => d.code.startsWith("mermaid-")),
        file,
      ).toEqual(mermaidErrors);
    }
  });

  it("applies no walkable rule to the good fixtures beyond a missing start", () => {
    for (const { file, text } of mermaidFixtures("good")) {
      const codes = mermaidToFlow(text).diagnostics.map((d) => d.code);
      expect(
        codes.filter((c) => WALKABLE_CODES.includes(c)),
        file,
      ).toEqual([]);
    }
  });

  it("leaves a part that nothing connects to as drawn, with an error at its line", () => {
    const r = mermaidToFlow(
      "flowchart TD\n  A([Call]) --> B{Paid?}\n  B -->|Yes| C[Ship]\n " +
        " B -->|No| D[Remind]\n  X[Loose note] --> Y[Other note]",
    );
    expect(r.flow.nodes.find((n) => n.id === "Y")!.type).toBe("action");
    expect(where(errors(r.diagnostics))).toEqual([
      "flow-unreachable 5:3",
      "flow-unreachable 5:21",
      "flow-dead-end 5:21",
    ]);
    expect(r.flow.nodes.length).toBe(6);
  });

  it("asks “Which applies?” where a chart starts in several places, and numbers answers written twice", () => {
    const r = mermaidToFlow(`flowchart LR
  P[Phone call] --> Q{Billing?}
  M[E-mail] --> Q
  Q -->|Yes| B[Billing team]
  Q -->|yes| S[Support]
  B --> B2[Log it]
  B --> B3[Close]`);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.flow.edges.map((e) => `${e.from}>${e.to}${e.label ? `:${e.label}` : ""}`)).toEqual([
      "start>which_applies",
      "which_applies>P:Phone call",
      "which_applies>M:E-mail",
      "P>Q",
      "M>Q",
      "Q>B:Yes",
      "Q>S:yes (2)",
      "B>B2:Log it",
      "B>B3:Close",
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([
      "mermaid-start-choice",
      "mermaid-made-question",
      "mermaid-answer-renamed",
      "mermaid-end-added",
      "mermaid-end-added",
      "mermaid-end-added",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

const SHAPES = [
  (id: string, t: string) => `${id}[${t}]`,
  (id: string, t: string) => `${id}(${t})`,
  (id: string, t: string) => `${id}{${t}}`,
  (id: string, t: string) => `${id}([${t}])`,
  (id: string, t: string) => `${id}((${t}))`,
  (id: string, t: string) => `${id}>${t}]`,
  (id: string) => id,
];
const TEXTS = ["Yes", "Check it", "Refund?", "Done", "Start", "Again", "Which applies?"];

/** A connected Mermaid flowchart: a random spanning tree (random directions) plus random extra arrows. */
const connectedChart = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      shapes: fc.array(fc.tuple(fc.nat(SHAPES.length - 1), fc.nat(TEXTS.length - 1)), { minLength: n, maxLength: n }),
      tree: fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.option(fc.nat(TEXTS.length - 1))), {
        minLength: n - 1,
        maxLength: n - 1,
      }),
      extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.option(fc.nat(TEXTS.length - 1))), {
        maxLength: n + 2,
      }),
      direction: fc.constantFrom("TD", "LR"),
    }),
  )
  .map(({ shapes, tree, extra, direction }) => {
    const lines = [`flowchart ${direction}`];
    shapes.forEach(([s, t], i) => lines.push(`  ${SHAPES[s](`N${i}`, TEXTS[t])}`));
    const arrow = (a: number, b: number, label: number | null) =>
      lines.push(`  N${a} -->${label === null ? "" : `|${TEXTS[label]}|`} N${b}`);
    tree.forEach(([p, down, label], k) => (down ? arrow(p % (k + 1), k + 1, label) : arrow(k + 1, p % (k + 1), label)));
    for (const [a, b, label] of extra) arrow(a, b, label);
    return lines.join("\n");
  });

describe("mermaidToFlow on random connected charts (property)", () => {
  it("always gives a walkable flow that exports and reads back unchanged", () => {
    fc.assert(
      fc.property(connectedChart, (text) => {
        const r = mermaidToFlow(text);
        expect(hasErrors(r.diagnostics), text).toBe(false);
        expect(flowSchema.safeParse(r.flow).success).toBe(true);
        for (const d of r.diagnostics)
          expect(d.code in MERMAID_DIAGNOSTIC_CODES || d.code === "flow-terminal-outgoing").toBe(true);
        const back = mermaidToFlow(flowToMermaid(r.flow));
        expect(graphOf(back.flow)).toEqual(graphOf(r.flow));
        expect(back.diagnostics.filter((d) => d.code !== "flow-terminal-outgoing")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
