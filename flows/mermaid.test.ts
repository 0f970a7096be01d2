import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "../sop-schema/parse";
import { hasErrors } from "../sop-schema/diagnostics";
import type { Diagnostic } from "../sop-schema/types";
import { FLOW_DIAGNOSTIC_CODES, MERMAID_DIAGNOSTIC_CODES } from "./diagnostics";
import { flowSchema, graphOf } from "./model";
import { flowToMermaid, mermaidToFlow } from "./mermaid";
import { demoSops, mermaidFixtures } from "./test-helpers";

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === "error");
const imp = (text: string) => mermaidToFlow(text, { id: "t", title: "T" });
const types = (text: string) => Object.fromEntries(imp(text).flow.nodes.map((n) => [n.id, n.type]));
// The edges as drawn (walkable.ts would add a start and label answers).
const edges = (text: string) =>
  mermaidToFlow(text, { walkable: false }).flow.edges.map((e) => `${e.from}>${e.to}${e.label ? `:${e.label}` : ""}`);

describe("mermaidToFlow on the fixture corpus", () => {
  const good = mermaidFixtures("good");
  const bad = mermaidFixtures("bad");

  it("has a varied corpus (at least 30 good charts)", () => {
    expect(good.length).toBeGreaterThanOrEqual(30);
    expect(bad.length).toBeGreaterThanOrEqual(10);
  });

  it.each(good.map((f) => [f.file, f.text]))("imports %s without errors, and the flow round-trips", (_file, text) => {
    const r = mermaidToFlow(text, { id: "imported" });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(flowSchema.safeParse(r.flow).success).toBe(true);
    for (const d of r.diagnostics) expect(d.code in MERMAID_DIAGNOSTIC_CODES).toBe(true);
    // flow → Mermaid → flow: the same graph, types and attributes included.
    const back = mermaidToFlow(flowToMermaid(r.flow));
    expect(back.diagnostics).toEqual([]);
    expect(graphOf(back.flow)).toEqual(graphOf(r.flow));
    // Mermaid → flow → Mermaid is stable after one pass.
    const once = flowToMermaid(r.flow);
    expect(flowToMermaid(mermaidToFlow(once).flow)).toBe(once);
  });

  it.each(bad.map((f) => [f.file, f.text]))("reports %s where the fixture says", (_file, text) => {
    const m = /^%% expect: ([\w-]+) (\d+):(\d+)$/m.exec(text)!;
    expect(m).toBeTruthy();
    // The chart as drawn: walkable.ts turns the graph-rule problems into warnings (flows/mermaid-walkable.test.ts).
    const r = mermaidToFlow(text, { walkable: false });
    expect(hasErrors(r.diagnostics)).toBe(true);
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toContain(`${m[1]} ${m[2]}:${m[3]}`);
    for (const d of r.diagnostics) {
      expect(d.code in MERMAID_DIAGNOSTIC_CODES || d.code in FLOW_DIAGNOSTIC_CODES).toBe(true);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });
});

describe("mermaidToFlow syntax", () => {
  it("reads the header directions and front-matter title", () => {
    for (const dir of ["TB", "TD", "BT", "LR", "RL"] as const)
      expect(mermaidToFlow(`flowchart ${dir}\n A([S]) --> B([E])`).direction).toBe(dir);
    expect(mermaidToFlow("graph\n A([S]) --> B([E])").direction).toBe("TB");
    const r = mermaidToFlow('---\ntitle: "Late delivery"\n---\nflowchart TD\n A([S]) --> B([E])');
    expect(r.flow.title).toBe("Late delivery");
    expect(mermaidToFlow("flowchart TD\n A([S]) --> B([E])", { title: " Mine ", id: "My Flow" }).flow).toMatchObject({
      title: "Mine",
      id: "my-flow",
    });
  });

  it("maps shapes to node types", () => {
    expect(
      types("flowchart TD\n s([Start]) --> q{Q?}\n q -->|a| r[Rect] --> e((End))\n q -->|b| y>Hello] --> z(((Bye)))"),
    ).toEqual({
      s: "start",
      q: "question",
      r: "action",
      e: "end",
      y: "say",
      z: "end",
    });
    expect(types('flowchart TD\n s((S)) --> a["“Hello there”"] --> b(["Middle"]) --> c([C])')).toEqual({
      s: "start",
      a: "say",
      b: "action",
      c: "end",
    });
    const all = imp(
      "flowchart TD\n s([S]) --> a[(db)] --> b[[sub]] --> c{{hex}} --> d[/par/] " +
        "--> e[\\alt\\] --> f[/trap\\] --> g[\\inv/] --> h(round) --> z([E])",
    );
    expect(errors(all.diagnostics)).toEqual([]);
    expect(all.flow.nodes.map((n) => n.label)).toEqual([
      "S",
      "db",
      "sub",
      "hex",
      "par",
      "alt",
      "trap",
      "inv",
      "round",
      "E",
    ]);
  });

  it("reads every arrow form and both label styles", () => {
    expect(
      edges(`flowchart TD
 A --> B
 A --- C
 A -.-> D
 A -.- E
 A ==> F
 A === G
 A --o H
 A --x I
 A ----> J
 A -->|p| K
 A -- t --> L
 A -. d .-> M
 A == k ==> N
 A ---|q| O
 A -- r --- P
 A-->Q
 A--s-->R`),
    ).toEqual([
      "A>B",
      "A>C",
      "A>D",
      "A>E",
      "A>F",
      "A>G",
      "A>H",
      "A>I",
      "A>J",
      "A>K:p",
      "A>L:t",
      "A>M:d",
      "A>N:k",
      "A>O:q",
      "A>P:r",
      "A>Q",
      "A>R:s",
    ]);
  });

  it("reads chains and & on both sides", () => {
    expect(edges("flowchart LR\n A([S]) --> B --> C & D --> E & F")).toEqual([
      "A>B",
      "B>C",
      "B>D",
      "C>E",
      "C>F",
      "D>E",
      "D>F",
    ]);
  });

  it("turns <br> into a space, keeps Unicode, decodes #entities;", () => {
    const r = imp(
      'flowchart TD\n A([Hi<br>there<br/>you<br />all]) --> B(["#quot;Q#quot; #35;1 #9829;"]) --> C([Ναι ✓ بله])',
    );
    expect(r.flow.nodes.map((n) => n.label)).toEqual(["Hi there you all", '"Q" #1 ♥', "Ναι ✓ بله"]);
  });

  it("keeps Mermaid ids, renames invalid ones with a warning", () => {
    const r = imp("flowchart TD\n a_1([S]) --> b-2 --> x.y --> ж([E])");
    expect(r.flow.nodes.map((n) => n.id)).toEqual(["a_1", "b-2", "x_y", "n4"]);
    expect(codes(r.diagnostics).filter((c) => c === "mermaid-id-renamed")).toHaveLength(2);
    const clash = imp("flowchart TD\n x.y([S]) --> x_y([E])");
    expect(clash.flow.nodes.map((n) => n.id)).toEqual(["x_y_2", "x_y"]);
  });

  it("adds a start node when the chart has none", () => {
    const r = imp("flowchart TD\n A[Ask] --> B([Done])");
    expect(r.flow.nodes[0]).toMatchObject({ id: "start", type: "start", label: "Start" });
    expect(r.flow.edges[0]).toMatchObject({ from: "start", to: "A" });
    expect(codes(r.diagnostics)).toEqual(["mermaid-start-added"]);
    const taken = imp("flowchart TD\n start[Ask] --> B([Done])");
    expect(taken.flow.nodes[0].id).toBe("start_2");
  });

  it("flattens subgraphs into groups; edges to/from a subgraph use its first/last nodes", () => {
    const r = imp(`flowchart TD
  A([Start]) --> S
  subgraph S [Greeting]
    G1[Acknowledge] --> G2[Introduce]
    subgraph inner ["Inner one"]
      G3[Deep]
    end
    G2 --> G3
  end
  S --> E([End])
  subgraph Empty
  end`);
    expect(r.groups).toEqual([
      { id: "S", title: "Greeting", nodeIds: ["G1", "G2", "G3"] },
      { id: "inner", title: "Inner one", nodeIds: ["G3"], parent: "S" },
      { id: "Empty", title: "Empty", nodeIds: [] },
    ]);
    expect(r.flow.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["A>G1", "G1>G2", "G2>G3", "G3>E"]);
    expect(codes(r.diagnostics)).toEqual(["mermaid-subgraph-edge", "mermaid-subgraph-edge"]);
    const dropped = imp("flowchart TD\n A([S]) --> B([E])\n subgraph X\n end\n A --> X");
    expect(codes(dropped.diagnostics)).toContain("mermaid-subgraph");
  });

  it("reads the v11 @{ shape, label } syntax, one-line and multi-line, and rejects unknown shapes", () => {
    const r = imp(`flowchart TD
  A@{ shape: stadium, label: "Call comes in" } --> B@{ shape: diam, label: 'It''s known?' }
  B -->|Yes| C@{
    shape: doc
    label: "**Read** the note"
  }
  B -->|No| D@{ shape: dbl-circ, label: "Stop" }
  C --> D
  C@{ label: "" }`);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.flow.nodes.map((n) => [n.id, n.type, n.label])).toEqual([
      ["A", "start", "Call comes in"],
      ["B", "question", "It's known?"],
      ["C", "action", "Read the note"],
      ["D", "end", "Stop"],
    ]);
    const bad = imp("flowchart TD\n  A([S]) --> B@{ shape: Blob }\n  A --> C@{ shape: rect");
    expect(bad.diagnostics.filter((d) => d.code === "mermaid-syntax").map((d) => [d.code, d.line, d.column])).toEqual([
      ["mermaid-syntax", 2, 15],
      ["mermaid-syntax", 3, 10],
    ]);
  });

  it("reads edge ids and ignores edge / subgraph @{ … } data", () => {
    const r = imp("flowchart LR\n  A([S]) e1@--> B e2@-- ok --> C([E])\n  e1@{ animate: true }");
    expect(edges("flowchart LR\n  A([S]) e1@--> B e2@-- ok --> C([E])\n  e1@{ animate: true }")).toEqual([
      "A>B",
      "B>C:ok",
    ]);
    expect(r.flow.nodes.map((n) => n.id)).toEqual(["A", "B", "C"]);
    expect(codes(r.diagnostics)).toEqual(["mermaid-ignored"]);
  });

  it("puts a node in the first subgraph that mentions it, like Mermaid; a title with spaces has no id", () => {
    const r = imp(`flowchart TD
  A([S]) --> B --> C([E])
  subgraph Billing team
    B
  end
  subgraph second ["Second"]
    B --> C
  end`);
    expect(r.groups).toEqual([
      { id: "subgraph-1", title: "Billing team", nodeIds: ["B"] },
      { id: "second", title: "Second", nodeIds: ["C"] },
    ]);
  });

  it("skips an accDescr { … } block and rejects keywords as node ids", () => {
    const r = imp("flowchart LR\n  accDescr {\n    A --> B is prose here\n  }\n  A([S]) --> B([E])");
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.flow.nodes.map((n) => n.id)).toEqual(["A", "B"]);
    const keyword = imp("flowchart TD\n  A([S]) --> B([E])\n  A --> end");
    expect(errors(keyword.diagnostics).map((d) => [d.code, d.line, d.column])).toEqual([["mermaid-syntax", 3, 9]]);
  });

  it("ignores styling and interaction with warnings, never errors", () => {
    const r = imp(`%%{init: {"theme":"dark"}}%%
flowchart TD
  accTitle: Refunds
  accDescr: How refunds go
  A([S]):::big --> B([E])
  classDef big font-size:20px
  class A big
  style B fill:#f00
  linkStyle 0 stroke:red
  click A callback "Tooltip"
  click B href "https://example.com"`);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(new Set(codes(r.diagnostics))).toEqual(new Set(["mermaid-ignored"]));
    expect(r.diagnostics).toHaveLength(10);
    expect(r.flow.nodes).toHaveLength(2);
  });

  it("reports unsupported syntax at its line:column and skips only that statement", () => {
    const r = imp("flowchart TD\n  A([S]) --> B{Q?}\n  B -->|a| C([E])\n  B --> @@@\n  B -->|b| D([F])");
    expect(errors(r.diagnostics).map((d) => [d.code, d.line, d.column])).toEqual([["mermaid-syntax", 4, 9]]);
    expect(r.flow.nodes.map((n) => n.id)).toEqual(["A", "B", "C", "D"]);
    expect(mermaidToFlow('pie title Pets\n "Dogs" : 3').diagnostics[0]).toMatchObject({
      code: "mermaid-not-flowchart",
      line: 1,
      column: 1,
    });
  });

  it("restores types and attributes from %% stepwise comments, and warns on broken ones", () => {
    const r = imp(`flowchart TD
  A([S]) --> B[Transfer]
  %% stepwise: {"node":"B","type":"escalate","to":"Fraud","reason":"Unrecognised","field":"Bad Name"}
  %% stepwise: not json
  %% stepwise: {"node":"Zed","type":"end"}`);
    expect(r.flow.nodes[1]).toMatchObject({ id: "B", type: "escalate", to: "Fraud", reason: "Unrecognised" });
    expect(r.flow.nodes[1].field).toBeUndefined();
    expect(codes(r.diagnostics).filter((c) => c === "mermaid-metadata")).toHaveLength(3);
  });

  it("never throws and keeps its invariants on arbitrary text (property)", () => {
    const mermaidish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            "flowchart TD\n",
            "graph LR;",
            "A",
            "B1",
            "-->",
            "---",
            "-.->",
            "==>",
            "-- x -->",
            "|",
            '"',
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "((",
            "))",
            "([",
            "])",
            ">",
            "&",
            ";",
            "\n",
            " ",
            "%%",
            "%%{",
            "}%%",
            "subgraph ",
            "end",
            "classDef ",
            ":::",
            "<br>",
            "#quot;",
            "ж",
            "😀",
            "~~~",
            "<",
            "o",
            "x",
            "@{",
          ),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 40 },
      )
      .map((xs) => xs.join(""));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 120 }), mermaidish),
        (text) => {
          const r = mermaidToFlow(text);
          const lines = text.replace(/\r\n?/g, "\n").split("\n").length;
          for (const d of r.diagnostics) {
            expect(d.code in MERMAID_DIAGNOSTIC_CODES || d.code in FLOW_DIAGNOSTIC_CODES).toBe(true);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines + 1);
            expect(d.column).toBeGreaterThanOrEqual(1);
          }
          const ids = new Set(r.flow.nodes.map((n) => n.id));
          expect(ids.size).toBe(r.flow.nodes.length);
          for (const e of r.flow.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
          expect(flowSchema.safeParse(r.flow).success).toBe(true);
          // Whatever came in, the export reads back to the same graph.
          expect(graphOf(mermaidToFlow(flowToMermaid(r.flow)).flow)).toEqual(graphOf(r.flow));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("flowToMermaid", () => {
  it("exports every demo flow losslessly (types, attributes, ids, labels)", () => {
    for (const { file, source } of demoSops())
      for (const flow of parseSop(source).flows) {
        const text = flowToMermaid(flow);
        expect(text.startsWith(`---\ntitle: ${JSON.stringify(flow.title)}\n---\nflowchart TD\n`)).toBe(true);
        const back = mermaidToFlow(text);
        expect(back.diagnostics, file).toEqual([]);
        expect(graphOf(back.flow), file).toEqual(graphOf(flow));
      }
  });

  it("writes readable Mermaid with safe ids and escaped text", () => {
    const text = flowToMermaid({
      id: "f",
      title: "F",
      nodes: [
        { id: "start", type: "start", label: "Go" },
        { id: "end-x", type: "end", label: 'Say "hi" | #1 <b>' },
      ],
      edges: [{ from: "start", to: "end-x", label: "Yes|no" }],
    });
    expect(text).toContain('  start(["Go"])\n');
    expect(text).toContain('  n_end_x(["Say #quot;hi#quot; #124; #35;1 #lt;b#gt;"])\n');
    expect(text).toContain('  %% stepwise: {"node":"n_end_x","id":"end-x"}\n');
    expect(text).toContain('  start -->|"Yes#124;no"| n_end_x\n');
    expect(graphOf(mermaidToFlow(text).flow).nodes[1]).toEqual({
      id: "end-x",
      type: "end",
      label: 'Say "hi" | #1 <b>',
    });
  });
});
