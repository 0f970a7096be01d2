// <Quiz>, <Question>, <Scenario>, <Answer> and the `training:` front matter: shapes and every diagnostic.
import { describe, expect, it } from "vitest";
import { parseSop } from "./parse";
import { DIAGNOSTIC_CODES } from "./diagnostics";
import type { SopDocument } from "./types";

/** 7 lines of front matter: the body starts on line 8. `extra` goes before the closing ---. */
const fm = (extra = "") => `---
title: Training test
department: Customer Service
purpose: Testing training.
targets:
  handleTime: 6m
${extra}---
`;
const BODY = 8;
const parse = (body: string, extra = "") => parseSop(fm(extra) + body);
/** `line:column code`, lines relative to the body (1 = its first line), for readable expectations. */
const at = (doc: SopDocument) => doc.diagnostics.map((d) => `${d.line - BODY + 1}:${d.column} ${d.code}`);
/** Absolute `line:column code` (for the front matter). */
const abs = (doc: SopDocument) => doc.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
const only = (doc: SopDocument, code: string) => doc.diagnostics.filter((d) => d.code === code);

const FLOW_STEP = `<Step title="Verify" id="verify">
  <Field name="order_number" label="Order number" required pattern="^[0-9]{6}$" />
  <Field name="topic" label="Topic" type="select" options="Billing|Delivery" />
  <Field name="has_receipt" label="Receipt" type="yes-no" />
  <Field name="amount" label="Amount" type="number" />
  <Field name="bought_on" label="Bought on" type="date" />
  <Flow id="which-issue" title="Which issue?">
    <Node id="start" type="start" label="Start" />
    <Node id="ask-issue" type="question" label="What is it about?" />
    <Node id="billing" type="end" label="Billing handled" outcome="resolved" />
    <Node id="other" type="end" label="Other" outcome="resolved" />
    <Edge from="start" to="ask-issue" />
    <Edge from="ask-issue" to="billing" label="Billing" />
    <Edge from="ask-issue" to="other" label="Something else" />
  </Flow>
</Step>
`; // 16 lines: what follows starts on body line 17

describe("<Quiz> and <Question>: the happy path", () => {
  const doc = parse(
    `<Step title="Refunds">
  Refund up to 50 EUR.

  <Quiz id="refund-basics" title="Refund basics" pass="70" attempts="unlimited">
    <Question id="limit" prompt="Up to what amount may you refund without a ` +
      `supervisor?" options="20 EUR|50 EUR|100 EUR" answer="50 eur">
      Up to **50 EUR**; above that, escalate.
    </Question>
    <Question type="multiple" prompt="Which of these prove identity?" options="Date of ` +
      `birth|Postcode|Favourite colour" answer="Date of birth|Postcode" />
    <Question type="text" prompt="What does the A in AIDET stand for?" ` +
      `answer="Acknowledge|Acknowledgement|acknowledge" />
  </Quiz>
</Step>

<Quiz>
  <Question id="q1" prompt="Second quiz, explicit q1?" options="Yes|No" answer="Yes" />
  <Question prompt="Derived id skips the explicit one" options="Yes|No" answer="No" />
</Quiz>

<Quiz>
  <Question prompt="A third, untitled quiz" options="A|B" answer="A" />
</Quiz>
`,
  );

  it("parses without diagnostics", () => {
    expect(doc.diagnostics).toEqual([]);
  });

  it("builds the quiz with its defaults, ids and normalised answers", () => {
    expect(doc.quizzes).toHaveLength(3);
    const [quiz, second, third] = doc.quizzes!;
    expect(quiz).toEqual({
      id: "refund-basics",
      title: "Refund basics",
      passPercent: 70,
      maxAttempts: null,
      stepId: "refunds",
      position: { line: BODY + 3, column: 3 },
      questions: [
        {
          id: "limit",
          type: "single",
          prompt: "Up to what amount may you refund without a supervisor?",
          options: ["20 EUR", "50 EUR", "100 EUR"],
          answers: ["50 EUR"], // written "50 eur": stored as the option is spelled
          explanation: [
            {
              type: "paragraph",
              children: [
                { type: "text", value: "Up to " },
                { type: "strong", children: [{ type: "text", value: "50 EUR" }] },
                { type: "text", value: "; above that, escalate." },
              ],
            },
          ],
          position: { line: BODY + 4, column: 5 },
        },
        {
          id: "q2",
          type: "multiple",
          prompt: "Which of these prove identity?",
          options: ["Date of birth", "Postcode", "Favourite colour"],
          answers: ["Date of birth", "Postcode"],
          explanation: [],
          position: { line: BODY + 7, column: 5 },
        },
        {
          id: "q3",
          type: "text",
          prompt: "What does the A in AIDET stand for?",
          options: [],
          answers: ["Acknowledge", "Acknowledgement"],
          explanation: [],
          position: { line: BODY + 8, column: 5 },
        },
      ],
    });
    expect(second).toMatchObject({ id: "quiz", title: "Quiz", passPercent: 80, maxAttempts: 3 });
    expect(second.stepId).toBeUndefined();
    expect(second.questions.map((q) => q.id)).toEqual(["q1", "q2"]);
    expect(third.id).toBe("quiz-2");
  });

  it("leaves only a reference in the step and the section", () => {
    expect(doc.steps[0].blocks.map((b) => b.type)).toEqual(["paragraph", "quiz"]);
    expect(doc.steps[0].blocks[1]).toEqual({ type: "quiz", quizId: "refund-basics" });
    expect(doc.sections[0].intro).toEqual([
      { type: "quiz", quizId: "quiz" },
      { type: "quiz", quizId: "quiz-2" },
    ]);
    expect(doc.steps[0].checkIds).toEqual([]);
    expect(doc.steps[0].fieldNames).toEqual([]);
  });

  it("does not count quiz text as SOP words", () => {
    const plain = parse(`<Step title="Refunds">
  Refund up to 50 EUR.
</Step>`);
    expect(doc.stats.words).toBe(plain.stats.words);
  });

  it("documents without training have no quizzes/scenarios keys and no meta.training", () => {
    const plain = parse(`<Step title="S">Hello.</Step>`);
    expect("quizzes" in plain).toBe(false);
    expect("scenarios" in plain).toBe(false);
    expect("training" in plain.meta).toBe(false);
  });

  it("a derived quiz id never takes an explicit id written further down", () => {
    const d = parse(`<Quiz title="Basics">
  <Question prompt="P" options="a|b" answer="a" />
</Quiz>

<Quiz id="basics" title="Other">
  <Question prompt="P" options="a|b" answer="a" />
</Quiz>

<Step title="S">Hi.</Step>`);
    expect(d.diagnostics).toEqual([]);
    expect(d.quizzes!.map((q) => q.id)).toEqual(["basics-2", "basics"]);
  });
});

describe("<Quiz> and <Question>: diagnostics", () => {
  const step = `\n<Step title="S">Hi.</Step>\n`;

  it("a question with no correct answer", () => {
    const doc = parse(`<Quiz>
  <Question prompt="Which?" options="a|b" />
  <Question type="text" prompt="Say it" answer="" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:3 question-no-answer", "3:41 question-no-answer"]);
    expect(doc.diagnostics[0].message).toContain("“Which?” has no correct answer");
    expect(doc.diagnostics[0].hint).toContain('answer="…"');
  });

  it("an answer that is not one of the options lists them", () => {
    const doc = parse(`<Quiz>
  <Question prompt="Limit?" options="20 EUR|50 EUR|100 EUR" answer="55 EUR" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:61 answer-not-an-option"]);
    expect(doc.diagnostics[0].message).toBe(
      'The answer "55 EUR" is not one of the options: "20 EUR", "50 EUR", "100 EUR"',
    );
    expect(doc.diagnostics[0].hint).toBe('did you mean "50 EUR"?');
  });

  it("single choice with more than one answer", () => {
    const doc = parse(`<Quiz>
  <Question prompt="Pick" options="a|b|c" answer="a|b" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:43 too-many-answers"]);
    expect(doc.diagnostics[0].hint).toContain('type="multiple"');
    expect(doc.quizzes![0].questions[0].answers).toEqual(["a", "b"]);
  });

  it("duplicate options, case-insensitive", () => {
    const doc = parse(`<Quiz>
  <Question prompt="Pick" options="Yes|No|yes" answer="Yes" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:27 duplicate-option"]);
    expect(doc.diagnostics[0].message).toContain('"yes" is listed twice');
    expect(doc.quizzes![0].questions[0].options).toEqual(["Yes", "No"]);
  });

  it("fewer than two options for single and multiple", () => {
    const doc = parse(`<Quiz>
  <Question prompt="Pick" options="Only" answer="Only" />
  <Question type="multiple" prompt="Pick" answer="x" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:27 too-few-options", "3:3 too-few-options"]);
    expect(doc.diagnostics[0].message).toContain("only one option");
    expect(doc.diagnostics[1].message).toContain("has no `options`");
  });

  it("options on a text question", () => {
    const doc = parse(`<Quiz>
  <Question type="text" prompt="Word?" options="a|b" answer="a" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:40 text-question-options"]);
  });

  it("a bad question type, with a suggestion", () => {
    const doc = parse(`<Quiz>
  <Question type="singel" prompt="Pick" options="a|b" answer="a" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:13 invalid-attribute"]);
    expect(doc.diagnostics[0].hint).toBe('did you mean type="single"?');
  });

  it("a question needs a prompt", () => {
    const doc = parse(`<Quiz>
  <Question options="a|b" answer="a" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:3 missing-attribute"]);
  });

  it("pass out of range or not an integer; attempts invalid", () => {
    const doc = parse(`<Quiz pass="120">
  <Question prompt="P" options="a|b" answer="a" />
</Quiz>

<Quiz pass="75.5" attempts="0">
  <Question prompt="P" options="a|b" answer="a" />
</Quiz>

<Quiz pass attempts="lots">
  <Question prompt="P" options="a|b" answer="a" />
</Quiz>${step}`);
    expect(at(doc)).toEqual([
      "1:7 invalid-attribute",
      "5:7 invalid-attribute",
      "5:19 invalid-attribute",
      "9:7 invalid-attribute",
      "9:12 invalid-attribute",
    ]);
    expect(doc.diagnostics[0].message).toContain('`pass` "120" on <Quiz> is not a whole percentage from 1 to 100');
    expect(doc.diagnostics[2].message).toContain(
      '`attempts` "0" on <Quiz> must be a whole number from 1 to 1000, or "unlimited"',
    );
    // The partial document falls back to the defaults.
    expect(doc.quizzes!.map((q) => [q.passPercent, q.maxAttempts])).toEqual([
      [80, 3],
      [80, 3],
      [80, 3],
    ]);
  });

  it("a quiz with no questions", () => {
    const doc = parse(`<Quiz title="Nothing here">
</Quiz>${step}`);
    expect(at(doc)).toEqual(["1:1 empty-quiz"]);
    expect(doc.diagnostics[0].message).toContain("“Nothing here” has no <Question>");
  });

  it("duplicate quiz ids and question ids", () => {
    const doc = parse(`<Quiz id="basics">
  <Question id="one" prompt="P" options="a|b" answer="a" />
  <Question id="one" prompt="P" options="a|b" answer="a" />
</Quiz>

<Quiz id="basics">
  <Question prompt="P" options="a|b" answer="a" />
</Quiz>${step}`);
    expect(at(doc)).toEqual(["3:13 duplicate-question-id", "6:7 duplicate-quiz-id"]);
    expect(doc.diagnostics[1].message).toContain("line 8");
    expect(doc.quizzes!.map((q) => q.id)).toEqual(["basics", "basics-2"]);
    expect(doc.quizzes![0].questions.map((q) => q.id)).toEqual(["one", "q2"]);
  });

  it("Question outside a Quiz", () => {
    const doc = parse(`<Question prompt="P" options="a|b" answer="a" />

<Step title="S">
  <Question prompt="P" options="a|b" answer="a" />
</Step>`);
    expect(at(doc)).toEqual(["1:1 misplaced-component", "4:3 misplaced-component"]);
    expect(doc.diagnostics[0].message).toContain("it belongs directly inside a <Quiz>");
  });

  it("anything other than Question (and whitespace) directly in a Quiz", () => {
    const doc = parse(`<Quiz>
  Some text.

  <Tip>Nope.</Tip>
  {/* comments are fine */}
  <Question prompt="P" options="a|b" answer="a" />
  <Quiz><Question prompt="P" options="a|b" answer="a" /></Quiz>
</Quiz>${step}`);
    expect(at(doc)).toEqual(["2:3 quiz-content", "4:3 quiz-content", "7:3 quiz-content"]);
    expect(doc.diagnostics[2].hint).toBe("quizzes can't be nested");
  });

  it("Quiz placement: top level or directly in a Step, not in a list or a Tip", () => {
    const doc = parse(`<Step title="S">
  - <Quiz><Question prompt="P" options="a|b" answer="a" /></Quiz>

  <Tip>
    <Quiz><Question prompt="P" options="a|b" answer="a" /></Quiz>
  </Tip>
</Step>`);
    expect(at(doc)).toEqual(["2:5 misplaced-component", "5:5 misplaced-component"]);
  });

  it("the explanation may hold tips, but not fields or checks", () => {
    const doc = parse(`<Quiz>
  <Question prompt="P" options="a|b" answer="a">
    <Tip>Fine.</Tip>
    <Check>Not here</Check>
  </Question>
</Quiz>${step}`);
    expect(at(doc)).toEqual(["4:5 misplaced-component"]);
    expect(doc.quizzes![0].questions[0].explanation.map((b) => b.type)).toEqual(["tip"]);
  });

  it("every new code has a summary (and so a row in docs/sop-format.md)", () => {
    for (const code of [
      "quiz-content",
      "empty-quiz",
      "duplicate-quiz-id",
      "duplicate-question-id",
      "question-no-answer",
      "answer-not-an-option",
      "too-many-answers",
      "duplicate-option",
      "too-few-options",
      "text-question-options",
      "scenario-content",
      "scenario-no-opening",
      "duplicate-scenario-id",
      "unknown-outcome",
      "unknown-answer-field",
      "unknown-answer-question",
      "unknown-answer-choice",
      "answer-value-invalid",
      "training-no-quiz",
      "training-no-scenario",
    ])
      expect(DIAGNOSTIC_CODES, code).toHaveProperty(code);
  });
});

describe("<Scenario> and <Answer>: the happy path", () => {
  const doc = parse(
    `<Scenario id="double-charge" title="Charged twice, card blocked" customer="Maria ` +
      `Rossi, a customer for six years, upset" outcome="Resolved" escalate="Supervisor">
  <Say>Hello? I've been charged **twice** for the same order!</Say>
  <Say>And now my card is blocked.</Say>
  <Answer field="order_number" value="۱۲۳۴۵۶" says="It's order 123456." />
  <Answer field="topic" value="Billing" />
  <Answer question="ask-issue" choose="billing" says="It's about a payment." />
</Scenario>

${FLOW_STEP}
<Step title="Close">
  <Scenario title="Just a question" customer="Ali" outcome="follow-up" escalate>
    <Say>Hi!</Say>
    <Answer flow="which-issue" question="ask-issue" choose="Something else" />
  </Scenario>

  <Scenario title="Calm" customer="Bo" outcome="abandoned">
    <Say>Bye.</Say>
  </Scenario>
</Step>
`,
  );

  it("parses without diagnostics, even when the flow comes after the scenario", () => {
    expect(doc.diagnostics).toEqual([]);
  });

  it("builds the scenario: opening, answers (flow filled in, label as written in the edge), expectations", () => {
    expect(doc.scenarios).toHaveLength(3);
    expect(doc.scenarios![0]).toEqual({
      id: "double-charge",
      title: "Charged twice, card blocked",
      customer: "Maria Rossi, a customer for six years, upset",
      opening: [
        {
          type: "paragraph",
          children: [
            { type: "text", value: "Hello? I've been charged " },
            { type: "strong", children: [{ type: "text", value: "twice" }] },
            { type: "text", value: " for the same order!" },
          ],
        },
        { type: "paragraph", children: [{ type: "text", value: "And now my card is blocked." }] },
      ],
      answers: [
        {
          kind: "field",
          field: "order_number",
          value: "۱۲۳۴۵۶",
          says: "It's order 123456.",
          position: { line: BODY + 3, column: 3 },
        },
        { kind: "field", field: "topic", value: "Billing", position: { line: BODY + 4, column: 3 } },
        {
          kind: "flow",
          flowId: "which-issue",
          nodeId: "ask-issue",
          choose: "Billing",
          says: "It's about a payment.",
          position: { line: BODY + 5, column: 3 },
        },
      ],
      expect: { outcome: "resolved", escalate: true, escalateTo: "Supervisor" },
      position: { line: BODY, column: 1 },
    });
    expect(doc.scenarios![1]).toMatchObject({
      id: "just-a-question",
      expect: { outcome: "follow-up", escalate: true },
    });
    expect(doc.scenarios![1].expect.escalateTo).toBeUndefined();
    expect(doc.scenarios![2].expect).toEqual({ outcome: "abandoned", escalate: false });
    expect(doc.steps[1].blocks).toEqual([
      { type: "scenario", scenarioId: "just-a-question" },
      { type: "scenario", scenarioId: "calm" },
    ]);
    expect(doc.sections[0].intro).toEqual([{ type: "scenario", scenarioId: "double-charge" }]);
  });

  it("a field captured by a flow node can be answered", () => {
    const d = parse(`<Step title="S">
  <Flow>
    <Node id="s" type="start" label="Start" field="reason" />
  </Flow>
</Step>

<Scenario title="T" customer="C" outcome="resolved">
  <Say>Hi.</Say>
  <Answer field="reason" value="Anything" />
</Scenario>`);
    expect(d.diagnostics).toEqual([]);
  });
});

describe("<Scenario> and <Answer>: diagnostics", () => {
  it("title, customer and outcome are required; the outcome must be a run outcome", () => {
    const doc = parse(`<Scenario>
  <Say>Hi.</Say>
</Scenario>

<Scenario title="T" customer="C" outcome="solved">
  <Say>Hi.</Say>
</Scenario>
<Step title="S">Hi.</Step>`);
    expect(at(doc)).toEqual([
      "1:1 missing-attribute",
      "1:1 missing-attribute",
      "1:1 missing-attribute",
      "5:34 unknown-outcome",
    ]);
    expect(doc.diagnostics[3].message).toContain("resolved, escalated, follow-up, transferred, abandoned");
    expect(doc.diagnostics[3].hint).toBe('did you mean outcome="resolved"?');
  });

  it("duplicate scenario ids", () => {
    const doc = parse(`<Scenario id="a" title="T" customer="C" outcome="resolved"><Say>Hi.</Say></Scenario>

<Scenario id="a" title="U" customer="C" outcome="resolved"><Say>Hi.</Say></Scenario>
<Step title="S">Hi.</Step>`);
    expect(at(doc)).toEqual(["3:11 duplicate-scenario-id"]);
    expect(doc.scenarios!.map((s) => s.id)).toEqual(["a", "a-2"]);
  });

  it("Answer outside a Scenario; other content inside one; no opening line", () => {
    const doc = parse(`<Step title="S">
  <Answer field="x" value="y" />
</Step>

<Scenario title="T" customer="C" outcome="resolved">
  Background text.

  <Tip>No.</Tip>
</Scenario>`);
    expect(at(doc)).toEqual([
      "2:3 misplaced-component",
      "5:1 scenario-no-opening",
      "6:3 scenario-content",
      "8:3 scenario-content",
    ]);
    expect(only(doc, "scenario-no-opening")[0].severity).toBe("warning");
  });

  it("Answer naming a field the SOP doesn't have", () => {
    const doc = parse(`${FLOW_STEP}
<Scenario title="T" customer="C" outcome="resolved">
  <Say>Hi.</Say>
  <Answer field="order_numbr" value="123456" />
</Scenario>`);
    expect(at(doc)).toEqual(["20:11 unknown-answer-field"]);
    expect(doc.diagnostics[0].hint).toBe('did you mean field="order_number"?');
  });

  it("Answer naming a flow or question that doesn't exist, or a node that isn't a question", () => {
    const doc = parse(`${FLOW_STEP}
<Scenario title="T" customer="C" outcome="resolved">
  <Say>Hi.</Say>
  <Answer flow="wich-issue" question="ask-issue" choose="Billing" />
  <Answer question="ask-isue" choose="Billing" />
  <Answer flow="which-issue" question="billing" choose="Billing" />
  <Answer flow="which-issue" question="nope" choose="Billing" />
</Scenario>`);
    expect(at(doc)).toEqual([
      "20:11 unknown-answer-question",
      "21:11 unknown-answer-question",
      "22:30 unknown-answer-question",
      "23:30 unknown-answer-question",
    ]);
    expect(doc.diagnostics[0].hint).toBe('did you mean flow="which-issue"?');
    expect(doc.diagnostics[1].hint).toBe('did you mean question="ask-issue"?');
    expect(doc.diagnostics[2].message).toBe(
      'Node "billing" of flow "which-issue" is an end node, not a question — only questions have answers to choose',
    );
    expect(doc.diagnostics[3].message).toBe('Flow "which-issue" has no node "nope"');
  });

  it("a choose that isn't one of the question's answer labels lists them", () => {
    const doc = parse(`${FLOW_STEP}
<Scenario title="T" customer="C" outcome="resolved">
  <Say>Hi.</Say>
  <Answer question="ask-issue" choose="Delivery" />
</Scenario>`);
    expect(at(doc)).toEqual(["20:32 unknown-answer-choice"]);
    expect(doc.diagnostics[0].message).toBe(
      '"Delivery" is not an answer to the question “What is it about?” — its answers are "Billing", "Something else"',
    );
  });

  it("flow is needed when two flows have that question", () => {
    const doc = parse(`${FLOW_STEP}
<Flow id="again" title="Again">
  <Node id="start" type="start" label="Start" />
  <Node id="ask-issue" type="question" label="Again?" />
  <Node id="x" type="end" label="X" />
  <Edge from="start" to="ask-issue" />
  <Edge from="ask-issue" to="x" label="Billing" />
</Flow>

<Scenario title="T" customer="C" outcome="resolved">
  <Say>Hi.</Say>
  <Answer question="ask-issue" choose="Billing" />
</Scenario>`);
    expect(at(doc)).toEqual(["28:3 missing-attribute"]);
    expect(doc.diagnostics[0].message).toContain('Several flows have a question "ask-issue" ("which-issue", "again")');
  });

  it("an Answer needs field+value or question+choose, not both", () => {
    const doc = parse(`${FLOW_STEP}
<Scenario title="T" customer="C" outcome="resolved">
  <Say>Hi.</Say>
  <Answer />
  <Answer field="topic" />
  <Answer question="ask-issue" />
  <Answer choose="Billing" />
  <Answer field="topic" value="Billing" question="ask-issue" choose="Billing" />
  <Answer field="Topic" value="Billing" />
</Scenario>`);
    expect(at(doc)).toEqual([
      "20:3 missing-attribute",
      "21:3 missing-attribute",
      "22:3 missing-attribute",
      "23:3 missing-attribute",
      "24:3 invalid-attribute",
      "25:11 invalid-field-name",
    ]);
  });

  it("warns when a value is not one the field accepts", () => {
    const doc = parse(`${FLOW_STEP}
<Scenario title="T" customer="C" outcome="resolved">
  <Say>Hi.</Say>
  <Answer field="topic" value="Billings" />
  <Answer field="order_number" value="12345" />
  <Answer field="has_receipt" value="Yes please" />
  <Answer field="amount" value="ten" />
  <Answer field="bought_on" value="2025-02-30" />
  <Answer field="topic" value="Delivery" />
  <Answer field="amount" value="۱۲.۵" />
</Scenario>`);
    expect(at(doc)).toEqual([
      "20:25 answer-value-invalid",
      "21:32 answer-value-invalid",
      "22:31 answer-value-invalid",
      "23:26 answer-value-invalid",
      "24:29 answer-value-invalid",
    ]);
    expect(doc.diagnostics.every((d) => d.severity === "warning")).toBe(true);
    expect(doc.diagnostics[0].message).toContain(
      '"Billings" is not one of the options of “Topic”: "Billing", "Delivery"',
    );
    expect(doc.diagnostics[0].hint).toBe('did you mean value="Billing"?');
  });

  it("Scenario placement: top level or directly in a step", () => {
    const doc = parse(`<Step title="S">
  <Escalate to="Supervisor" reason="R">
    <Scenario title="T" customer="C" outcome="resolved"><Say>Hi.</Say></Scenario>
  </Escalate>
</Step>`);
    expect(at(doc)).toEqual(["3:5 misplaced-component"]);
  });
});

describe("training: front matter", () => {
  const quiz = `<Quiz><Question prompt="P" options="a|b" answer="a" /></Quiz>\n`;
  const scenario = `<Scenario title="T" customer="C" outcome="resolved"><Say>Hi.</Say></Scenario>\n`;
  const step = `<Step title="S">Hi.</Step>\n`;

  it("reads the map, with defaults (quiz: true when the SOP has a quiz)", () => {
    const doc = parse(step + quiz + scenario, "training: { practice: 2, recertifyEvery: 26w }\n");
    expect(doc.diagnostics).toEqual([]);
    expect(doc.meta.training).toEqual({
      quiz: true,
      practice: 2,
      passScore: 80,
      recertifyEvery: "26w",
      recertifyEveryDays: 182,
    });
    const noQuiz = parse(step, "training:\n  passScore: 90\n");
    expect(noQuiz.diagnostics).toEqual([]);
    expect(noQuiz.meta.training).toEqual({ quiz: false, practice: 0, passScore: 90 });
    const empty = parse(step, "training:\n");
    expect(empty.meta.training).toEqual({ quiz: false, practice: 0, passScore: 80 });
    const off = parse(step + quiz, "training: { quiz: false }\n");
    expect(off.meta.training?.quiz).toBe(false);
  });

  it("training.quiz: true with no quiz; practice > 0 with no scenario", () => {
    const doc = parse(step, "training:\n  quiz: true\n  practice: 1\n");
    expect(abs(doc)).toEqual(["8:3 training-no-quiz", "9:3 training-no-scenario"]);
    const inline = parse(step, "training: { practice: 3 }\n");
    expect(abs(inline)).toEqual(["7:13 training-no-scenario"]);
    expect(inline.diagnostics[0].message).toContain("`training.practice: 3`");
  });

  it("bad values", () => {
    const doc = parse(
      step,
      "training:\n  quiz: yes please\n  practice: -1\n  passScore: 101\n  recertifyEvery: 180\n  recertifyEvry: 6mo\n",
    );
    expect(abs(doc)).toEqual([
      "8:3 frontmatter-invalid",
      "9:3 frontmatter-invalid",
      "10:3 frontmatter-invalid",
      "11:3 invalid-duration",
      "12:3 unknown-frontmatter-key",
    ]);
    expect(doc.diagnostics[3].message).toContain('needs a unit: "180" could be 180d');
    expect(doc.diagnostics[4].hint).toBe("did you mean `recertifyEvery`?");
    expect(doc.meta.training).toBeUndefined();
    expect(abs(parse(step, "training: [quiz]\n"))).toEqual(["7:1 frontmatter-invalid"]);
    expect(abs(parse(step, "training: { passScore: 50.5 }\n"))).toEqual(["7:13 frontmatter-invalid"]);
  });
});
