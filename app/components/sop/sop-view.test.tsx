import { readFileSync } from "node:fs";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../../sop-schema/parse";
import { Blocks, SopProvider, SopView } from "./sop-view";

const source = readFileSync(new URL("../../../tests/fixtures/sops/good/full-featured.mdx", import.meta.url), "utf8");
const doc = parseSop(source, { filename: "full-featured.mdx" });
const quizBlock = doc.steps.find((s) => s.id === "close-the-call")!.blocks.filter((b) => b.type === "quiz");

describe("SopView: quizzes and scenarios", () => {
  it("by default renders nothing of them (readers, agents on a live call)", () => {
    const html = renderToString(<SopView doc={doc} version={1} departmentName="Customer Service" />);
    expect(doc.quizzes).toHaveLength(1);
    for (const text of [
      "Refund basics",
      "Up to what amount may you refund",
      "The limit is per order",
      "Acknowledgement",
      "Sam, a customer for six years",
      "training-card",
    ])
      expect(html).not.toContain(text);
    // …while the rest of the step is there.
    expect(html).toContain("Notes go in the CRM.");
  });

  it("a run screen's provider (no training prop) hides them too", () => {
    const html = renderToString(
      <SopProvider doc={doc}>
        <Blocks blocks={quizBlock} />
      </SopProvider>,
    );
    expect(html).toBe("");
  });

  it("the author view shows the quiz with its options, the correct ones marked, and the explanations", () => {
    const html = renderToString(<SopView doc={doc} version={1} departmentName="Customer Service" training="author" />);
    expect(html).toContain('class="training-card training-quiz"');
    expect(html).toContain("Refund basics");
    expect(html).toContain("Pass mark 75% · unlimited attempts");
    expect(html).toContain("Up to what amount may you refund without a supervisor?");
    // exactly the correct options are marked
    expect(html.match(/quiz-option is-correct/g)).toHaveLength(3); // 100 EUR; Order number, Postcode
    expect(html).toMatch(
      new RegExp(
        /quiz-option is-correct"><span class="quiz-mark" aria-hidden="true">✓<\/span><span>100 EUR<\/span>/.source +
          /<span class="quiz-correct-label" lang="en">correct<\/span>/.source,
      ),
    );
    expect(html).toMatch(
      /class="quiz-option"><span class="quiz-mark" aria-hidden="true"><\/span><span>20 EUR<\/span><\/li>/,
    );
    expect(html).toContain("Acknowledgement"); // accepted typed answers
    expect(html).toContain("The limit is per order"); // the explanation's tip
  });

  it("the author view shows the scenario: customer, opening line, answers, expected outcome", () => {
    const html = renderToString(<SopView doc={doc} version={1} departmentName="Customer Service" training="author" />);
    expect(html).toContain('class="training-card training-scenario"');
    expect(html).toContain("Sam, a customer for six years, polite but firm");
    expect(html).toContain("I&#x27;d like my 250 euros back");
    expect(html).toContain("must escalate to </span><bdi>Supervisor</bdi>");
    expect(html).toContain("Is the amount under 100 EUR?"); // the flow question answered, by its label
    expect(html).toContain("Late delivery");
    expect(html).toMatch(/<code dir="ltr">escalated<\/code>/);
  });

  it("keeps the SOP's direction: a Persian quiz card sits in the rtl article", () => {
    const fa = parseSop(
      readFileSync(new URL("../../../content/sops/fa-peygiri-sefaresh.mdx", import.meta.url), "utf8"),
      { filename: "fa-peygiri-sefaresh.mdx" },
    );
    const html = renderToString(<SopView doc={fa} version={1} departmentName="Customer Service" training="author" />);
    expect(html).toMatch(/<article class="sop" lang="fa" dir="rtl"/);
    if (fa.quizzes?.length) expect(html).toContain(fa.quizzes[0]!.questions[0]!.prompt);
  });
});

describe("SopView: tables and reply templates", () => {
  const head = (language = "en") =>
    `---\ntitle: Refunds\ndepartment: Billing\npurpose: Refund ` +
    `fairly.\nlanguage: ${language}\ntargets:\n  handleTime: 6m\n---\n\n`;
  const body = `<Step title="Refund">

<Field name="customer_name" label="Customer name" />

| Plan | Refund | Window |
|:--|--:|:-:|
| **Basic** | 20 EUR | [14 days](https://intranet.example/p) |
| Plus | {customer_name} | 30 days |

<Template title="Refund confirmation e-mail">

Dear {customer_name}, we refunded 20 EUR.

</Template>

</Step>
`;
  const render = (language = "en") =>
    renderToString(<SopView doc={parseSop(head(language) + body)} version={1} departmentName="Billing" />);

  it("renders a table as a real table with column headers, in a focusable region that scrolls", () => {
    const html = render();
    expect(html).toContain(
      '<div class="table-wrap sop-table-wrap" tabindex="0" role="region" aria-label="Table: ' +
        'Plan, Refund, Window"><table class="table sop-table"><thead><tr>',
    );
    expect(html).toContain(
      '<th scope="col" class="align-start">Plan</th><th scope="col" ' +
        'class="align-end">Refund</th><th scope="col" class="align-center">Window</th>',
    );
    expect(html).toContain('<td class="align-start"><strong>Basic</strong></td><td class="align-end">20 EUR</td>');
    expect(html).toMatch(/<td class="align-center"><a href="https:\/\/intranet.example\/p"[^>]*>14 days<\/a><\/td>/);
    expect(html).toContain(
      '<td class="align-end"><span class="var" title="Filled in from ' +
        '“Customer name” during a call">Customer name</span></td>',
    );
  });

  it("in a right-to-left SOP the alignment is logical (start/end), and the words are the SOP's", () => {
    const html = render("fa");
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('<th scope="col" class="align-start">Plan</th>');
    expect(html).toContain('aria-label="جدول: Plan, Refund, Window"');
    expect(html).toContain('<span class="template-kind">قالب پاسخ</span>');
  });

  it("renders a template collapsed under its title, with a Copy button described by the title", () => {
    const html = render();
    const m = new RegExp(
      /<details class="template"><summary class="template-summary">/.source +
        /<span class="template-kind">Reply template<\/span>/.source +
        /<span class="template-title" id="([^"]+)">Refund confirmation e-mail<\/span><\/summary>/.source,
    ).exec(html);
    expect(m).not.toBeNull();
    expect(html).not.toMatch(/<details class="template" open/);
    expect(html).toContain('<div class="template-body"><p>Dear <span class="var"');
    expect(html).toContain(`<button type="button" class="button" aria-describedby="${m![1]}">Copy</button>`);
  });
});
