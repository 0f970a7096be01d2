import { describe, expect, it } from "vitest";
import { parseSop, inlineText, isSafeUrl } from "./parse";
import type { Block, Diagnostic, Flow, SopDocument } from "./types";

const FM = `---
title: Test SOP
department: Customer Service
purpose: Testing.
terms:
  - term: AIDET
    meaning: Acknowledge, Introduce, Duration, Explanation, Thank you
  - term: warm transfer
    meaning: Hand over with context
  - term: SLA
    meaning: Service level agreement
targets:
  handleTime: 6m
---
`;
const FM_LINES = FM.split("\n").length - 1; // body starts on line FM_LINES + 1

const parse = (body: string, options = {}) => parseSop(FM + body, options);
const codes = (doc: SopDocument) => doc.diagnostics.map((d) => d.code);
const errorsOf = (doc: SopDocument) => doc.diagnostics.filter((d) => d.severity === "error");

describe("structure", () => {
  it("sections, intro, steps numbered across sections, document order", () => {
    const doc = parse(`
Before any section.

## First part

Section text.

<Step title="One">Do one.</Step>

Between steps.

<Step title="Two">Do two.</Step>

## Second part

<Step title="Three">Do three.</Step>
`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.sections.map((s) => [s.id, s.number, s.title, s.stepIds])).toEqual([
      ["intro", 0, null, []],
      ["first-part", 1, "First part", ["one", "two"]],
      ["second-part", 2, "Second part", ["three"]],
    ]);
    expect(doc.sections[1].intro.map((b) => inlineText((b as Extract<Block, { type: "paragraph" }>).children))).toEqual(
      ["Section text.", "Between steps."],
    );
    expect(doc.sections[1].items?.map((i) => (i.kind === "step" ? i.stepId : "blocks"))).toEqual([
      "blocks",
      "one",
      "blocks",
      "two",
    ]);
    expect(doc.steps.map((s) => [s.number, s.id, s.sectionId])).toEqual([
      [1, "one", "first-part"],
      [2, "two", "first-part"],
      [3, "three", "second-part"],
    ]);
    expect(doc.steps[0].position).toEqual({ line: FM_LINES + 8, column: 1 });
  });

  it("derives stable, unique step and section ids; explicit ids are reserved first", () => {
    const doc = parse(`
## Greeting
## Greeting

<Step title="Verify identity">a</Step>
<Step title="Verify identity">b</Step>
<Step title="Vérifier l'identité!">c</Step>
<Step title="Later" id="verify-identity-2">d</Step>
`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.sections.map((s) => s.id)).toEqual(["greeting", "greeting-2"]);
    expect(doc.steps.map((s) => s.id)).toEqual([
      "verify-identity",
      "verify-identity-3",
      "verifier-l-identite",
      "verify-identity-2",
    ]);
  });

  it("duplicate explicit ids are an error but ids stay unique", () => {
    const doc = parse(`<Step title="A" id="same">a</Step>\n\n<Step title="B" id="same">b</Step>\n`);
    expect(codes(doc)).toEqual(["duplicate-step-id"]);
    expect(doc.steps.map((s) => s.id)).toEqual(["same", "same-2"]);
  });

  it("check ids, field and escalation bookkeeping per step", () => {
    const doc = parse(`
<Step title="Verify" id="verify">
  <Field name="order_number" label="Order" required pattern="^[0-9]{6}$" />
  <Field name="issue" label="Issue" type="select" options=" Billing | Delivery ||Other " />
  <Check>Name matches</Check>
  <Check>Postcode matches</Check>
  <Escalate to="Supervisor" reason="Fraud suspected">
    <Say>One moment please.</Say>
  </Escalate>
</Step>
`);
    expect(errorsOf(doc)).toEqual([]);
    const step = doc.steps[0];
    expect(step.checkIds).toEqual(["verify.check-1", "verify.check-2"]);
    expect(step.fieldNames).toEqual(["order_number", "issue"]);
    expect(step.escalations).toEqual([{ to: "Supervisor", reason: "Fraud suspected" }]);
    expect(doc.fields[0]).toMatchObject({
      name: "order_number",
      type: "text",
      required: true,
      pattern: "^[0-9]{6}$",
      stepId: "verify",
    });
    expect(doc.fields[1]).toMatchObject({ type: "select", required: false, options: ["Billing", "Delivery", "Other"] });
    expect(step.blocks.map((b) => b.type)).toEqual(["field", "field", "check", "check", "escalate"]);
  });

  it('required accepts a bare attribute, "true" and "false"', () => {
    const doc = parse(`<Step title="S">
  <Field name="a" label="A" required />
  <Field name="b" label="B" required="true" />
  <Field name="c" label="C" required="false" />
  <Field name="d" label="D" />
</Step>`);
    expect(doc.fields.map((f) => f.required)).toEqual([true, true, false, false]);
  });

  it("components written on one line or across lines give the same blocks", () => {
    const oneLine = parse(`<Step title="S"><Say>Hello there</Say></Step>\n`);
    const multi = parse(`<Step title="S">\n  <Say>\n    Hello there\n  </Say>\n</Step>\n`);
    expect(errorsOf(oneLine)).toEqual([]);
    expect(oneLine.steps[0].blocks).toEqual(multi.steps[0].blocks);
    expect(oneLine.steps[0].blocks).toEqual([
      { type: "say", children: [{ type: "paragraph", children: [{ type: "text", value: "Hello there" }] }] },
    ]);
  });

  it("text mixed with components on one line is split into paragraphs and components", () => {
    const doc = parse(`<Step title="S">\nAsk: <Say>What is your name?</Say> then <Check>Name noted</Check>\n</Step>\n`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.steps[0].blocks.map((b) => b.type)).toEqual(["paragraph", "say", "paragraph", "check"]);
  });

  it("markdown inside steps: lists keep their start, code keeps its language, h2 becomes h3 with a warning", () => {
    const doc = parse(`<Step title="S">
3. third
4. fourth

\`\`\`sql
select 1
\`\`\`

## Oops
</Step>
`);
    const [list, code, heading] = doc.steps[0].blocks;
    expect(list).toMatchObject({ type: "list", ordered: true, start: 3 });
    expect(code).toEqual({ type: "code", lang: "sql", value: "select 1" });
    expect(heading).toMatchObject({ type: "heading", depth: 3 });
    expect(codes(doc)).toEqual(["heading-in-step"]);
  });

  it("top-level Flow becomes its own step; flows keep nodes and edges", () => {
    const doc = parse(`<Step title="Before">x</Step>

<Flow id="triage" title="Which issue?">
  <Node id="s" type="start" label="Start" />
  <Node id="q" type="question" label="Billing?" field="is_billing" />
  <Node id="e" type="end" label="Done" outcome="Resolved" />
  <Edge from="s" to="q" />
  <Edge from="q" to="e" label="Yes" />
</Flow>
`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.steps[1]).toMatchObject({
      id: "triage",
      title: "Which issue?",
      number: 2,
      flowId: "triage",
      blocks: [{ type: "flow", flowId: "triage" }],
    });
    expect(doc.flows[0]).toMatchObject({
      id: "triage",
      stepId: "triage",
      nodes: [
        { id: "s", type: "start" },
        { id: "q", field: "is_billing" },
        { id: "e", outcome: "Resolved" },
      ],
      edges: [
        { from: "s", to: "q" },
        { from: "q", to: "e", label: "Yes" },
      ],
    });
    expect(doc.flows[0].edges[0]).not.toHaveProperty("label");
  });

  it("a flow inside a step takes the step title by default; a node field counts as captured", () => {
    const doc = parse(`<Step title="Triage">
  <Flow>
    <Node id="s" type="start" label="Start" field="reason" />
  </Flow>
  <Say>You said {reason}.</Say>
</Step>`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.flows[0]).toMatchObject({ id: "triage", title: "Triage", stepId: "triage" });
  });

  it("a quiz in a step is a block pointing at doc.quizzes (the rest is in training.test.ts)", () => {
    const doc = parse(`<Step title="S">
<Quiz title="Basics">
<Question prompt="Which?" options="a|b" answer="b">Because b.</Question>
</Quiz>
</Step>`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.steps[0].blocks).toEqual([{ type: "quiz", quizId: "basics" }]);
    expect(doc.quizzes?.[0]).toMatchObject({ id: "basics", stepId: "s", questions: [{ id: "q1", answers: ["b"] }] });
  });

  it("comments are ignored, a step with only a comment is empty", () => {
    const doc = parse(`{/* note for editors */}\n\n<Step title="S">\n{/* todo */}\n</Step>\n`);
    expect(codes(doc)).toEqual(["empty-step"]);
  });
});

describe("inline content", () => {
  const firstParagraph = (doc: SopDocument) => {
    const b = doc.steps[0].blocks[0];
    if (b.type !== "paragraph") throw new Error(`expected a paragraph, got ${b.type}`);
    return b.children;
  };

  it("recognises terms: longest first, whole words, acronyms case-sensitive", () => {
    const doc = parse(`<Step title="S">
Use AIDET, not aidet or AIDETS; a Warm  Transfer beats a transfer. The SLA applies.
</Step>`);
    expect(firstParagraph(doc)).toEqual([
      { type: "text", value: "Use " },
      { type: "term", term: "AIDET", text: "AIDET" },
      { type: "text", value: ", not aidet or AIDETS; a " },
      { type: "term", term: "warm transfer", text: "Warm  Transfer" },
      { type: "text", value: " beats a transfer. The " },
      { type: "term", term: "SLA", text: "SLA" },
      { type: "text", value: " applies." },
    ]);
  });

  it("terms inside emphasis, Say and Check, but not in code or links", () => {
    const doc = parse(`<Step title="S">
*AIDET* \`AIDET\` [AIDET](https://x.example)
<Say>AIDET</Say>
<Check>AIDET</Check>
</Step>`);
    const [p, say, check] = doc.steps[0].blocks;
    expect(p).toEqual({
      type: "paragraph",
      children: [
        { type: "emphasis", children: [{ type: "term", term: "AIDET", text: "AIDET" }] },
        { type: "text", value: " " },
        { type: "code", value: "AIDET" },
        { type: "text", value: " " },
        { type: "link", url: "https://x.example", children: [{ type: "text", value: "AIDET" }] },
      ],
    });
    expect(say).toEqual({
      type: "say",
      children: [{ type: "paragraph", children: [{ type: "term", term: "AIDET", text: "AIDET" }] }],
    });
    expect(check).toMatchObject({ children: [{ type: "term", term: "AIDET" }] });
  });

  it("Unicode word boundaries: no match inside a longer word", () => {
    const doc = parseSop(`---
title: T
department: D
purpose: P
language: fa
terms:
  - term: تماس
    meaning: call
targets:
  handleTime: 6m
---

<Step title="S">تماس و تماسها</Step>
`);
    expect(firstParagraph(doc)).toEqual([
      { type: "term", term: "تماس", text: "تماس" },
      { type: "text", value: " و تماسها" },
    ]);
  });

  it("variables: recorded with positions; flow-position reference becomes a paragraph", () => {
    const doc = parse(`<Step title="S">
<Field name="customer_name" label="Name" />

{customer_name}

Hello **{customer_name}**!
</Step>`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.variables).toEqual([
      { name: "customer_name", position: { line: FM_LINES + 4, column: 1 } },
      { name: "customer_name", position: { line: FM_LINES + 6, column: 9 } },
    ]);
    expect(doc.steps[0].blocks[1]).toEqual({ type: "paragraph", children: [{ type: "var", name: "customer_name" }] });
  });

  it("references may come before the capturing field", () => {
    const doc = parse(
      `<Step title="A"><Say>Hi {name}</Say></Step>\n\n<Step title="B"><Field name="name" label="N" /></Step>\n`,
    );
    expect(errorsOf(doc)).toEqual([]);
  });

  it("links: only http(s), mailto, tel and relative", () => {
    for (const ok of [
      "https://a.b",
      "http://a.b",
      "mailto:x@y.z",
      "tel:+32",
      "/path",
      "other.mdx",
      "#anchor",
      "?q=1",
      "//host/x",
    ])
      expect(isSafeUrl(ok), ok).toBe(true);
    for (const bad of [
      "javascript:alert(1)",
      "JAVASCRIPT:x",
      "java\tscript:x",
      " javascript:x",
      "data:text/html,x",
      "vbscript:x",
      "file:///etc/passwd",
    ])
      expect(isSafeUrl(bad), bad).toBe(false);
    const doc = parse(
      `[ok][ref] and [bad](data:text/html,hi)\n\n[ref]: https://ok.example "T"\n\n<Step title="S">x</Step>`,
    );
    expect(codes(doc)).toEqual(["unsafe-link"]);
    expect(doc.sections[0].intro[0]).toEqual({
      type: "paragraph",
      children: [
        { type: "link", url: "https://ok.example", title: "T", children: [{ type: "text", value: "ok" }] },
        { type: "text", value: " and bad" },
      ],
    });
  });

  it("images are a warning and keep their alt text", () => {
    const doc = parse(`<Step title="S">See ![the form](form.png)</Step>`);
    expect(codes(doc)).toEqual(["image-not-supported"]);
    expect(firstParagraph(doc)).toEqual([{ type: "text", value: "See the form" }]);
  });
});

describe("diagnostics", () => {
  it("are sorted by line and column, with end positions", () => {
    const doc = parse(`<Step title="S">
{b.c} {a()}
<Say>{1+1}</Say>
</Step>
<Foo />
`);
    expect(doc.diagnostics.map((d) => [d.line - FM_LINES, d.column, d.code])).toEqual([
      [2, 1, "expression-not-allowed"],
      [2, 7, "expression-not-allowed"],
      [3, 6, "expression-not-allowed"],
      [5, 1, "unknown-component"],
    ]);
    expect(doc.diagnostics[0]).toMatchObject({ endLine: FM_LINES + 2, endColumn: 6 });
  });

  it("misplaced components name the allowed place", () => {
    const doc = parse(`<Step title="S">
<Say><Check>x</Check></Say>
<Tip><Field name="a" label="A" /></Tip>
### A <Say>heading</Say>
- <Step title="in a list">x</Step>
</Step>
<Node id="x" type="start" label="X" />
`);
    const messages = doc.diagnostics.map((d) => d.message);
    expect(codes(doc)).toEqual(Array(5).fill("misplaced-component"));
    expect(messages[0]).toBe("<Check> can't be used inside a <Say> — it belongs inside a <Step>");
    expect(messages[1]).toContain("<Field> can't be used inside a <Tip>");
    expect(messages[2]).toContain("<Say> can't be used inside a heading");
    expect(messages[3]).toContain("A <Step> can't be inside another <Step>");
    expect(messages[4]).toContain("<Node> can't be used at the top level of the section — it belongs inside a <Flow>");
  });

  it("unknown component and attribute suggestions; no suggestion when nothing is close", () => {
    const doc = parse(`<Step title="S">
<Sya>x</Sya>
<Checkbox>y</Checkbox>
<Field name="a" label="A" typ="text" colour="red" />
</Step>`);
    const hints = doc.diagnostics.map((d) => [d.code, d.hint]);
    expect(hints[0]).toEqual(["unknown-component", "did you mean <Say>?"]);
    expect(hints[1][0]).toBe("unknown-component");
    expect(hints[1][1]).toBe("did you mean <Check>?");
    expect(hints[2]).toEqual(["unknown-attribute", "did you mean `type`?"]);
    expect(hints[3][0]).toBe("unknown-attribute");
    expect(hints[3][1]).toContain("<Field> takes `name`, `label`");
  });

  it("flow structure problems", () => {
    const doc = parse(`<Step title="S" id="s">
<Flow id="f">
  <Node id="a" type="start" label="A" />
  <Node id="b" type="goto" label="B" />
  <Node id="c" type="sop" label="C" />
  <Node id="d" type="end" label="D">text</Node>
  <Edge from="zz" to="a" />
  <Say>no</Say>
</Flow>
</Step>
<Step title="T">
<Flow id="f">
  <Node id="a" type="start" label="A" />
</Flow>
</Step>
`);
    expect(codes(doc)).toEqual([
      "missing-attribute",
      "missing-attribute",
      "ignored-content",
      "unknown-node",
      "flow-content",
      "duplicate-flow-id",
    ]);
    const flows = doc.flows as Flow[];
    expect(flows.map((f) => f.id)).toEqual(["f", "f-2"]);
    expect(flows[0].edges).toEqual([]);
  });

  it("validateFlow hook results are appended and sorted; a throwing hook is reported, not thrown", () => {
    const seen: string[] = [];
    const hook = (flow: Flow, doc: SopDocument): Diagnostic[] => {
      seen.push(`${flow.id}@${doc.meta.title}`);
      return [{ severity: "error", code: "flow-unreachable", message: "node x is unreachable", line: 1, column: 1 }];
    };
    const body = `<Step title="S">
<Flow id="f"><Node id="a" type="start" label="A" /></Flow>
{1+1}
</Step>`;
    const doc = parse(body, { validateFlow: hook });
    expect(seen).toEqual(["f@Test SOP"]);
    expect(codes(doc)).toEqual(["flow-unreachable", "expression-not-allowed"]);
    const broken = parse(body, {
      validateFlow: () => {
        throw new Error("boom");
      },
    });
    expect(codes(broken)).toContain("internal-error");
  });

  it("MDX syntax errors: partial document with the front matter", () => {
    const doc = parse(`<Step title="S">\n  Price < 5 and a<b\n</Step>\n`);
    expect(codes(doc)).toEqual(["mdx-syntax"]);
    expect(doc.diagnostics[0]).toMatchObject({ line: FM_LINES + 2, column: 20 }); // where remark-mdx stops: after "a<b"
    expect(doc.diagnostics[0].hint).toContain("\\<");
    expect(doc.meta.title).toBe("Test SOP");
    expect(doc.glossary).toHaveLength(3);
    expect(doc.steps).toEqual([]);
  });

  it("escaped < and { are plain text", () => {
    const doc = parse(`<Step title="S">Refunds \\<100 EUR, braces \\{like this\\}</Step>`);
    expect(errorsOf(doc)).toEqual([]);
    expect(inlineText((doc.steps[0].blocks[0] as Extract<Block, { type: "paragraph" }>).children)).toBe(
      "Refunds <100 EUR, braces {like this}",
    );
  });

  it("handles a BOM and CRLF line endings", () => {
    const doc = parseSop(
      `\uFEFF${FM}\n<Step title="S">\r\n  <Say>Hi</Say>\r\n</Step>\r\n`.replace(/\n/g, "\r\n").replace(/\r\r/g, "\r"),
    );
    expect(doc.diagnostics).toEqual([]);
    expect(doc.steps[0].blocks[0].type).toBe("say");
  });

  it("never throws on non-string input", () => {
    expect(parseSop(undefined as unknown as string).diagnostics[0].code).toBe("frontmatter-missing");
    expect(parseSop(42 as unknown as string).formatVersion).toBe(1);
  });
});

describe("<Field ignoreCase>", () => {
  it("a bare or true ignoreCase with a pattern is kept on the field; false or absent leaves it out", () => {
    const doc = parse(`
<Step id="s" title="Return">

<Field name="rma" label="RMA number" pattern="^RMA[0-9]{7}$" ignoreCase />

<Field name="code" label="Code" pattern="^[A-Z]+$" ignoreCase="true" />

<Field name="plain" label="Plain" pattern="^[A-Z]+$" ignoreCase="false" />

</Step>
`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.fields.map((f) => [f.name, f.ignoreCase])).toEqual([
      ["rma", true],
      ["code", true],
      ["plain", undefined],
    ]);
    expect("ignoreCase" in doc.fields[2]).toBe(false);
  });

  it("an invalid value is an error at the attribute (line:col); without a pattern it is a warning", () => {
    const doc = parse(`
<Step id="s" title="Return">

<Field name="rma" label="RMA number" pattern="^RMA[0-9]{7}$" ignoreCase="yes" />

<Field name="other" label="Other" ignoreCase />

</Step>
`);
    const invalid = doc.diagnostics.find((d) => d.code === "invalid-attribute")!;
    expect(invalid).toMatchObject({ severity: "error", line: FM_LINES + 4, column: 62 });
    expect(invalid.message).toBe(
      '`ignoreCase` on <Field> must be written `ignoreCase`, ignoreCase="true" or ignoreCase="false" (not "yes")',
    );
    const ignored = doc.diagnostics.find((d) => d.code === "ignored-attribute")!;
    expect(ignored).toMatchObject({ severity: "warning", line: FM_LINES + 6, column: 35 });
    expect(ignored.message).toBe('`ignoreCase` only applies to a field with a `pattern`; field "other" has none');
    expect(doc.fields.find((f) => f.name === "other")!.ignoreCase).toBeUndefined();
  });
});

describe("<Field sensitive>", () => {
  it("a bare or true sensitive is kept on the field, on any type; false or absent leaves it out", () => {
    const doc = parse(`
<Step id="s" title="Verify">

<Field name="card_last4" label="Last four digits of the card" pattern="^[0-9]{4}$" sensitive />

<Field name="dob" label="Date of birth" type="date" required sensitive="true" />

<Field name="reason" label="Reason" type="select" options="A|B" sensitive="false" />

<Field name="notes" label="Notes" type="textarea" />

</Step>
`);
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.fields.map((f) => [f.name, f.sensitive])).toEqual([
      ["card_last4", true],
      ["dob", true],
      ["reason", undefined],
      ["notes", undefined],
    ]);
    expect("sensitive" in doc.fields[2]).toBe(false);
    expect("sensitive" in doc.fields[3]).toBe(false);
    expect(doc.fields[1]).toMatchObject({ type: "date", required: true });
    // the block the step renders carries the same definition
    const block = doc.steps[0].blocks.find(
      (b): b is Extract<Block, { type: "field" }> => b.type === "field" && b.field.name === "dob",
    );
    expect(block?.field.sensitive).toBe(true);
  });

  it("an invalid value is an error at the attribute (line:col); a misspelling suggests the attribute", () => {
    const doc = parse(`
<Step id="s" title="Verify">

<Field name="card_last4" label="Card" sensitive="yes" />

<Field name="dob" label="Date of birth" type="date" sensitiv />

</Step>
`);
    const invalid = doc.diagnostics.find((d) => d.code === "invalid-attribute")!;
    expect(invalid).toMatchObject({ severity: "error", line: FM_LINES + 4, column: 39 });
    expect(invalid.message).toBe(
      '`sensitive` on <Field> must be written `sensitive`, sensitive="true" or sensitive="false" (not "yes")',
    );
    expect(doc.fields.find((f) => f.name === "card_last4")!.sensitive).toBeUndefined();
    const unknown = doc.diagnostics.find((d) => d.code === "unknown-attribute")!;
    expect(unknown).toMatchObject({ line: FM_LINES + 6, message: "<Field> has no attribute `sensitiv`" });
    expect(unknown.hint).toContain("`sensitive`");
    expect(doc.fields.find((f) => f.name === "dob")!.sensitive).toBeUndefined();
  });
});
