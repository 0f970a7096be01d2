import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../sop-schema/types";
import { hasErrors } from "../sop-schema/diagnostics";
import { FLOW_DIAGNOSTIC_CODES } from "./diagnostics";
import { checkFlowGraph } from "./validate";
import { demoSops, parseWithFlows, sopWithFlow } from "./test-helpers";

const flowCodes = (ds: Diagnostic[]) => ds.filter((d) => d.code in FLOW_DIAGNOSTIC_CODES);
function check(body: string, extra = "") {
  const doc = parseWithFlows(sopWithFlow(body, extra));
  return { doc, flow: flowCodes(doc.diagnostics), all: doc.diagnostics };
}

const OK = `    <Node id="start" type="start" label="Call comes in" />
    <Node id="q" type="question" label="Verified?" />
    <Node id="yes" type="end" label="Proceed" outcome="ok" />
    <Node id="no" type="escalate" label="Transfer" to="Fraud" reason="Failed" />
    <Edge from="start" to="q" />
    <Edge from="q" to="yes" label="Yes" />
    <Edge from="q" to="no" label="No" />`;

describe("validateFlow", () => {
  it("accepts a correct flow", () => {
    expect(check(OK).all).toEqual([]);
  });

  it("keeps every demo SOP clean", () => {
    for (const { file, source } of demoSops()) {
      const doc = parseWithFlows(source);
      expect(doc.diagnostics, file).toEqual([]);
    }
  });

  it("reports a missing start at the flow", () => {
    const { flow } = check(`    <Node id="a" type="action" label="Do it" />
    <Node id="b" type="end" label="Done" />
    <Edge from="a" to="b" />`);
    expect(flow.map((d) => [d.code, d.line])).toEqual([["flow-no-start", 12]]);
    expect(flow[0].message).toContain("“Decide”");
  });

  it("reports a second start at its line:column", () => {
    const { flow } = check(
      OK.replace(`<Node id="q"`, `<Node id="s2" type="start" label="Other entry" />\n    <Node id="q"`) +
        `\n    <Edge from="s2" to="q" />`,
    );
    const d = flow.find((x) => x.code === "flow-multiple-starts")!;
    expect(d).toMatchObject({ severity: "error", line: 14, column: 5 });
    expect(d.message).toContain('"s2"');
    expect(d.message).toContain("Other entry");
    expect(d.hint).toBeTruthy();
  });

  it("reports unreachable nodes with id and label", () => {
    const { flow } = check(OK + `\n    <Node id="orphan" type="end" label="Lost" />`);
    expect(flow.map((d) => d.code)).toEqual(["flow-unreachable"]);
    expect(flow[0].message).toContain('end node "orphan" (“Lost”)');
    expect(flow[0].line).toBe(20);
  });

  it("requires two answers, labelled and distinct, on a question", () => {
    const one = check(`    <Node id="start" type="start" label="S" />
    <Node id="q" type="question" label="Verified?" />
    <Node id="e" type="end" label="E" />
    <Edge from="start" to="q" />
    <Edge from="q" to="e" label="Yes" />`);
    expect(one.flow.map((d) => d.code)).toEqual(["flow-question-answers"]);
    expect(one.flow[0].message).toContain("only one answer");

    const none = check(`    <Node id="start" type="start" label="S" />
    <Node id="q" type="question" label="Verified?" />
    <Edge from="start" to="q" />`);
    expect(none.flow.map((d) => d.code)).toEqual(["flow-question-answers"]);
    expect(none.flow[0].message).toContain("no answers");

    const unlabelled = check(OK.replace(`<Edge from="q" to="no" label="No" />`, `<Edge from="q" to="no" />`));
    expect(unlabelled.flow.map((d) => [d.code, d.line, d.column])).toEqual([["flow-answer-unlabelled", 19, 5]]);

    const dup = check(OK.replace(`label="No" />`, `label=" yes " />`));
    expect(dup.flow.map((d) => [d.code, d.line])).toEqual([["flow-answer-duplicate", 19]]);
    expect(dup.flow[0].message).toContain("“yes”");
  });

  it("reports a dead end and a branch on a non-question", () => {
    const dead = check(
      OK.replace(
        `<Node id="yes" type="end" label="Proceed" outcome="ok" />`,
        `<Node id="yes" type="action" label="Refund" />`,
      ),
    );
    expect(dead.flow.map((d) => d.code)).toEqual(["flow-dead-end"]);
    expect(dead.flow[0].message).toContain('action node "yes" (“Refund”)');

    const branch = check(
      OK.replace(`<Edge from="start" to="q" />`, `<Edge from="start" to="q" />\n    <Edge from="start" to="yes" />`),
    );
    expect(branch.flow.map((d) => d.code)).toEqual(["flow-branch-not-question"]);
  });

  it("allows a loop with an exit and rejects one without", () => {
    const withExit = check(`    <Node id="start" type="start" label="S" />
    <Node id="ask" type="action" label="Ask for the number" />
    <Node id="valid" type="question" label="Valid?" />
    <Node id="done" type="end" label="Done" />
    <Edge from="start" to="ask" />
    <Edge from="ask" to="valid" />
    <Edge from="valid" to="ask" label="No" />
    <Edge from="valid" to="done" label="Yes" />`);
    expect(withExit.all).toEqual([]);

    const closed = check(`    <Node id="start" type="start" label="S" />
    <Node id="ask" type="action" label="Ask" />
    <Node id="listen" type="say" label="Listen" />
    <Edge from="start" to="ask" />
    <Edge from="ask" to="listen" />
    <Edge from="listen" to="ask" />`);
    expect(closed.flow.map((d) => [d.code, d.line])).toEqual([["flow-closed-loop", 14]]);
    expect(closed.flow[0].message).toContain('"ask", "listen"');

    const self = check(`    <Node id="start" type="start" label="S" />
    <Node id="q" type="question" label="Again?" />
    <Edge from="start" to="q" />
    <Edge from="q" to="q" label="Yes" />
    <Edge from="q" to="q" label="No" />`);
    expect(self.flow.map((d) => d.code)).toEqual(["flow-closed-loop"]);
  });

  it("warns about edges leaving terminal nodes and does not call their targets unreachable", () => {
    const { flow } = check(
      OK + `\n    <Node id="after" type="end" label="After" />\n    <Edge from="yes" to="after" />`,
    );
    expect(flow.map((d) => [d.code, d.severity, d.line])).toEqual([["flow-terminal-outgoing", "warning", 21]]);
    expect(flow[0].message).toContain('end node "yes"');
    // a loop through a terminal node is not a closed loop: the flow can end there
    const back = check(OK + `\n    <Edge from="no" to="q" />`);
    expect(back.flow.map((d) => d.code)).toEqual(["flow-terminal-outgoing"]);
  });

  it("accepts the sop-schema good fixtures (escalate → sop only warns)", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const dir = new URL("../tests/fixtures/sops/good/", import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".mdx"))) {
      const doc = parseWithFlows(readFileSync(new URL(f, dir), "utf8"));
      expect(
        flowCodes(doc.diagnostics).filter((d) => d.severity === "error"),
        f,
      ).toEqual([]);
    }
  });

  it("checks {field} references against <Field>s and node fields", () => {
    const body = OK.replace(`label="Proceed"`, `label="Proceed, {customer_name}" field="answer"`).replace(
      `label="No" />`,
      `label="No, {answer} {nope}" />`,
    );
    const { flow } = check(body);
    expect(flow.map((d) => d.code)).toEqual(["flow-unknown-variable", "flow-unknown-variable"]);
    expect(flow[0].message).toContain("{customer_name}");
    expect(flow[1].message).toContain("{nope}");
    const withField = check(
      body,
      `\n<Step title="Name">\n  <Field name="customer_name" label="Name" ` +
        `/>\n  <Field name="nope" label="Nope" />\n</Step>\n`,
    );
    expect(withField.all).toEqual([]);
  });

  it("does not repeat what sop-schema checks (goto step, dangling edges, duplicate ids)", () => {
    const { all } = check(
      OK.replace(`type="end" label="Proceed" outcome="ok"`, `type="goto" label="Go" step="missing"`) +
        `\n    <Edge from="q" to="ghost" label="Maybe" />`,
    );
    expect(all.map((d) => d.code).sort()).toEqual(["unknown-node", "unknown-step"]);
  });

  it("never throws on odd graphs (duplicate ids, dangling edges, empty)", () => {
    expect(checkFlowGraph({ id: "x", title: "X", nodes: [], edges: [] })).toEqual([]);
    const ds = checkFlowGraph({
      id: "x",
      title: "X",
      nodes: [
        { id: "a", type: "start", label: "A" },
        { id: "a", type: "end", label: "A2" },
      ],
      edges: [{ from: "a", to: "ghost" }],
    });
    expect(hasErrors(ds)).toBe(true);
    expect(ds.every((d) => d.line === 1 && d.column === 1)).toBe(true);
  });

  it("handles a 5,000-node chain without recursion limits", () => {
    const n = 5000;
    const nodes = Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      type: (i === 0 ? "start" : i === n - 1 ? "end" : "action") as "start" | "end" | "action",
      label: `N${i}`,
    }));
    const edges = nodes.slice(1).map((x, i) => ({ from: `n${i}`, to: x.id }));
    expect(checkFlowGraph({ id: "big", title: "Big", nodes, edges })).toEqual([]);
  });
});
