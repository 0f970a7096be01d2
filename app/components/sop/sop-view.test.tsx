import { readFileSync } from "node:fs";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../../sop-schema";
import { Blocks, SopProvider, SopView } from "./sop-view";

const source = readFileSync(new URL("../../../tests/fixtures/sops/good/full-featured.mdx", import.meta.url), "utf8");
const doc = parseSop(source, { filename: "full-featured.mdx" });
const quizBlock = doc.steps.find((s) => s.id === "close-the-call")!.blocks.filter((b) => b.type === "quiz");

describe("SopView: quizzes and scenarios", () => {
  it("by default renders nothing of them (readers, agents on a live call)", () => {
    const html = renderToString(<SopView doc={doc} version={1} departmentName="Customer Service" />);
    expect(doc.quizzes).toHaveLength(1);
    for (const text of ["Refund basics", "Up to what amount may you refund", "The limit is per order", "Acknowledgement", "Sam, a customer for six years", "training-card"])
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
    expect(html).toMatch(/quiz-option is-correct"><span class="quiz-mark" aria-hidden="true">✓<\/span><span>100 EUR<\/span><span class="quiz-correct-label" lang="en">correct<\/span>/);
    expect(html).toMatch(/class="quiz-option"><span class="quiz-mark" aria-hidden="true"><\/span><span>20 EUR<\/span><\/li>/);
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
    const fa = parseSop(readFileSync(new URL("../../../content/sops/fa-peygiri-sefaresh.mdx", import.meta.url), "utf8"), { filename: "fa-peygiri-sefaresh.mdx" });
    const html = renderToString(<SopView doc={fa} version={1} departmentName="Customer Service" training="author" />);
    expect(html).toMatch(/<article class="sop" lang="fa" dir="rtl"/);
    if (fa.quizzes?.length) expect(html).toContain(fa.quizzes[0]!.questions[0]!.prompt);
  });
});
