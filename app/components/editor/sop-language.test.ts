import { describe, expect, it } from "vitest";
import { CompletionContext } from "@codemirror/autocomplete";
import { EditorState, Text } from "@codemirror/state";
import { parseSop } from "../../../sop-schema/parse";
import { history, redo, undo, undoDepth } from "@codemirror/commands";
import {
  blockInsertion,
  minimalChange,
  nodeIdsAround,
  offsetOf,
  sopCompletions,
  toCmDiagnostics,
} from "./sop-language";

const data = { fieldNames: ["customer_name", "order_number"], stepIds: ["verify", "refund"], nodeIds: [] };

function complete(text: string, explicit = false) {
  const pos = text.indexOf("|");
  const doc = text.replace("|", "");
  const state = EditorState.create({ doc, selection: { anchor: pos } });
  const result = sopCompletions(() => data)(new CompletionContext(state, pos, explicit));
  return result ? { from: result.from, labels: result.options.map((o) => o.label) } : null;
}

describe("completion", () => {
  it("offers components after <", () => {
    const r = complete("Intro\n\n<St|");
    expect(r?.labels).toContain("Step");
    expect(r?.labels).toContain("Field");
    expect(r?.from).toBe("Intro\n\n<".length);
  });

  it("offers closing tags after </", () => {
    expect(complete("<Say>Hello</|")?.labels).toContain("Say");
  });

  it("offers the attributes a component has, minus those written", () => {
    const r = complete('<Field name="x" |');
    expect(r?.labels).toEqual(expect.arrayContaining(["label", "type", "required", "pattern", "options"]));
    expect(r?.labels).not.toContain("name");
    expect(complete("<Step ti|")?.labels).toEqual(["title", "id"]);
  });

  it("works on tags spread over lines", () => {
    expect(complete('<Escalate\n  to="Supervisor"\n  re|')?.labels).toEqual(["reason"]);
  });

  it("offers enum values inside quotes", () => {
    expect(complete('<Field name="a" label="A" type="|')?.labels).toEqual([
      "text",
      "textarea",
      "number",
      "date",
      "select",
      "phone",
      "email",
      "yes-no",
    ]);
    expect(complete('<Node id="a" type="qu|')?.labels).toContain("question");
    expect(complete('<Node id="a" type="goto" label="x" step="|')?.labels).toEqual(["verify", "refund"]);
    expect(complete('<Field name="a" label="b" required="|')?.labels).toEqual(["true", "false"]);
  });

  it("offers the node ids of the surrounding flow for edges", () => {
    const doc =
      '<Flow id="f">\n  <Node id="start" type="start" label="S" />\n  <Node id="ask" type="question" label="Q" ' +
      '/>\n  <Edge from="|" />\n</Flow>\n<Flow id="g">\n  <Node id="other" type="start" label="S" />\n</Flow>';
    expect(complete(doc)?.labels).toEqual(["start", "ask"]);
    const state = EditorState.create({ doc: doc.replace("|", "") });
    expect(nodeIdsAround(state, 0)).toEqual([]);
  });

  it("knows the training components, their attributes and values", () => {
    expect(complete("<Qu|")?.labels).toEqual(expect.arrayContaining(["Quiz", "Question"]));
    expect(complete('<Scenario title="T">\n  <An|')?.labels).toContain("Answer");
    expect(complete("<Quiz |")?.labels).toEqual(["id", "title", "pass", "attempts"]);
    expect(complete('<Question prompt="P" |')?.labels).toEqual(["id", "type", "options", "answer"]);
    expect(complete('<Question type="|')?.labels).toEqual(["single", "multiple", "text"]);
    expect(complete('<Scenario title="T" outcome="|')?.labels).toEqual([
      "resolved",
      "escalated",
      "follow-up",
      "transferred",
      "abandoned",
    ]);
    expect(complete('<Answer field="|')?.labels).toEqual(["customer_name", "order_number"]);
  });

  it("offers an <Answer>'s question ids, flow ids and answer labels from the whole text", () => {
    const flow =
      '<Flow id="triage">\n  <Node id="ask" type="question" label="Q" />\n  <Node ' +
      'id="end" type="end" label="E" />\n  <Edge from="ask" to="end" label="Billing" ' +
      '/>\n  <Edge from="ask" to="end" label="Something else" />\n</Flow>\n';
    expect(complete(`<Scenario>\n  <Answer question="|" />\n</Scenario>\n${flow}`)?.labels).toEqual(["ask"]);
    expect(complete(`<Scenario>\n  <Answer flow="|" />\n</Scenario>\n${flow}`)?.labels).toEqual(["triage"]);
    expect(complete(`<Scenario>\n  <Answer question="ask" choose="|" />\n</Scenario>\n${flow}`)?.labels).toEqual([
      "Billing",
      "Something else",
    ]);
    expect(complete(`<Answer choose="|" />\n${flow}`)).toBeNull();
  });

  it("offers captured fields after {", () => {
    expect(complete("Hello {cus|")?.labels).toEqual(["customer_name", "order_number"]);
  });

  it("stays quiet in plain prose", () => {
    expect(complete("Just some text|")).toBeNull();
    expect(complete("5 < 6 and |")).toBeNull();
  });
});

describe("diagnostics", () => {
  it("maps line:column to offsets, clamping out-of-range positions", () => {
    const doc = Text.of(["abc", "defgh", ""]);
    expect(offsetOf(doc, 2, 3)).toBe(6);
    expect(offsetOf(doc, 2, 99)).toBe(9);
    expect(offsetOf(doc, 99, 1)).toBe(doc.line(3).from);
    expect(offsetOf(doc, 0, 0)).toBe(0);
    expect(offsetOf(doc, Number.NaN, 2)).toBe(1);
  });

  it("underlines the parser's diagnostics on real text", () => {
    const source =
      "---\ntitle: T\ndepartment: D\npurpose: P\ntargets:\n  handleTime: " +
      '5m\n---\n\n## A\n\n<Stpe title="x">\n  Hi\n</Stpe>\n';
    const doc = parseSop(source);
    const unknown = doc.diagnostics.find((d) => d.code === "unknown-component");
    expect(unknown).toBeTruthy();
    const text = Text.of(source.split("\n"));
    const [cm] = toCmDiagnostics(text, [unknown!]);
    expect(cm!.severity).toBe("error");
    expect(text.sliceString(cm!.from, cm!.to)).toContain("Stpe");
    expect(cm!.message).toContain("Stpe");
  });

  it("gives a zero-width position the word at it", () => {
    const text = Text.of(["hello world"]);
    const [cm] = toCmDiagnostics(text, [{ severity: "warning", code: "x", message: "m", line: 1, column: 7 }]);
    expect(text.sliceString(cm!.from, cm!.to)).toBe("world");
  });
});

describe("blockInsertion", () => {
  it("puts a block after the current line, separated by blank lines, placeholder selected", () => {
    const doc = Text.of(["## Opening", "Some text", "More"]);
    const at = blockInsertion(doc, 3, '<Step title="New step">\n  Text\n</Step>');
    const next = doc.replace(at.from, at.to, Text.of(at.insert.split("\n"))).toString();
    expect(next).toBe('## Opening\n\n<Step title="New step">\n  Text\n</Step>\n\nSome text\nMore');
    expect(next.slice(at.selection.anchor, at.selection.head)).toBe("New step");
  });

  it("fills an empty line and indents like the surrounding step", () => {
    const doc = Text.of(['<Step title="A">', "  Ask.", "  ", "</Step>"]);
    const line3 = doc.line(3);
    const at = blockInsertion(doc, line3.from + 2, "<Check>Done\nsecond</Check>");
    const next = doc.replace(at.from, at.to, Text.of(at.insert.split("\n"))).toString();
    expect(next).toBe('<Step title="A">\n  Ask.\n\n  <Check>Done\n  second</Check>\n\n</Step>');
    expect(next.slice(at.selection.anchor, at.selection.head)).toBe("Done");
  });
});

describe("editing commands", () => {
  it("undoes and redoes, grouping fast typing", () => {
    let state = EditorState.create({ doc: "", extensions: history() });
    for (const ch of "abc")
      state = state.update({ changes: { from: state.doc.length, insert: ch }, userEvent: "input.type" }).state;
    state = state.update({ changes: { from: 0, insert: "X" }, userEvent: "input.paste" }).state;
    expect(undoDepth(state)).toBe(2);
    const apply = (cmd: typeof undo) => cmd({ state, dispatch: (tr) => (state = tr.state) });
    expect(apply(undo)).toBe(true);
    expect(state.doc.toString()).toBe("abc");
    expect(apply(undo)).toBe(true);
    expect(state.doc.toString()).toBe("");
    expect(apply(undo)).toBe(false);
    apply(redo);
    apply(redo);
    expect(state.doc.toString()).toBe("Xabc");
  });

  it("computes the minimal change between two texts", () => {
    expect(minimalChange("hello world", "hello brave world")).toEqual({ from: 6, to: 6, insert: "brave " });
    expect(minimalChange("aaa", "aaa")).toBeNull();
    expect(minimalChange("abc", "")).toEqual({ from: 0, to: 3, insert: "" });
  });
});
