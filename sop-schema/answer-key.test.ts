import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "./parse";
import { withoutAnswerKey } from "./answer-key";

const source = readFileSync(new URL("../tests/fixtures/sops/good/full-featured.mdx", import.meta.url), "utf8");
const greek = readFileSync(new URL("../tests/fixtures/sops/good/training.mdx", import.meta.url), "utf8");

describe("withoutAnswerKey", () => {
  const doc = parseSop(source);
  const before = JSON.stringify(doc);
  const safe = withoutAnswerKey(doc);
  const json = JSON.stringify(safe);

  it("keeps what a trainee needs: ids, types, prompts, options, the customer and their answers", () => {
    expect(safe.quizzes?.[0]).toEqual({
      id: "refund-basics",
      title: "Refund basics",
      passPercent: 75,
      maxAttempts: null,
      stepId: "close-the-call",
      position: doc.quizzes![0].position,
      questions: [
        {
          id: "limit",
          type: "single",
          prompt: "Up to what amount may you refund without a supervisor?",
          options: ["20 EUR", "100 EUR", "250 EUR"],
          position: doc.quizzes![0].questions[0].position,
        },
        {
          id: "q2",
          type: "multiple",
          prompt: "Which of these verify the caller?",
          options: ["Order number", "Postcode", "Favourite colour"],
          position: doc.quizzes![0].questions[1].position,
        },
        {
          id: "q3",
          type: "text",
          prompt: "What does the A in AIDET stand for?",
          options: [],
          position: doc.quizzes![0].questions[2].position,
        },
      ],
    });
    expect(safe.scenarios?.[0]).toMatchObject({
      id: "refund-above-the-limit",
      customer: doc.scenarios![0].customer,
      answers: doc.scenarios![0].answers,
    });
    expect(safe.steps).toEqual(doc.steps);
    expect(safe.meta).toEqual(doc.meta);
  });

  it("leaves nothing of the key: no answers, explanations or expectations", () => {
    for (const q of safe.quizzes!.flatMap((x) => x.questions)) {
      expect(q).not.toHaveProperty("answers");
      expect(q).not.toHaveProperty("explanation");
    }
    for (const s of safe.scenarios!) expect(s).not.toHaveProperty("expect");
    // (a scenario's `answers` are what the simulated customer says: public, so look in the quizzes only)
    expect(JSON.stringify(safe.quizzes)).not.toContain('"answers"');
    expect(json).not.toContain('"explanation"');
    expect(json).not.toContain('"expect"');
    expect(json).not.toContain('"outcome":"escalated"');
    // The text-question answers and the explanation's words appear nowhere else in the document.
    expect(json).not.toContain("Acknowledgement");
    expect(json).not.toContain("The limit is per order");
    expect(json).not.toContain("escalateTo");
    // …while the parsed document had them.
    expect(before).toContain("Acknowledgement");
    expect(before).toContain("The limit is per order");
  });

  it("does not change the document it is given", () => {
    expect(JSON.stringify(doc)).toBe(before);
    expect(doc.quizzes![0].questions[0].answers).toEqual(["100 EUR"]);
  });

  it("works on a Greek SOP and drops diagnostics that quote the key", () => {
    const g = withoutAnswerKey(parseSop(greek));
    const text = JSON.stringify(g);
    expect(text).not.toContain("Στην αποθήκη");
    expect(text).not.toContain("οκτώ");
    const broken = parseSop(
      `${greek}\n<Quiz title="Άλλο">\n  <Question prompt="Ποιο;" options="α|β" answer="μυστικό" />\n</Quiz>\n`,
    );
    expect(broken.diagnostics.map((d) => d.code)).toEqual(["answer-not-an-option"]);
    expect(JSON.stringify(withoutAnswerKey(broken))).not.toContain("μυστικό");
  });

  it("documents without training stay as they are", () => {
    const plain = parseSop(
      source
        .replace(/\n {2}<Quiz[\s\S]*?<\/Quiz>\n/, "\n")
        .replace(/\n<Scenario[\s\S]*?<\/Scenario>\n/, "\n")
        .replace(/training:\n(?: {2}.*\n)+/, ""),
    );
    expect(plain.diagnostics).toEqual([]);
    expect(withoutAnswerKey(plain)).toEqual(plain);
  });
});
