import { describe, expect, it } from "vitest";
import { emptyDocument } from "../sop-schema/parse";
import type { Block, SopDocument, Step } from "../sop-schema/types";
import { matchExpression, queryTokens, quote, searchTextOf, tagExpression, termExpr } from "./search-text";

const pos = { line: 1, column: 1 };
const text = (value: string) => ({ type: "text" as const, value });
const para = (value: string): Block => ({ type: "paragraph", children: [text(value)] });

describe("queryTokens: the words of a query, split as the index's unicode61 tokenizer splits text", () => {
  it("splits on everything but letters and digits, keeping the letter case", () => {
    expect(queryTokens("Refund the card")).toEqual(["Refund", "the", "card"]);
    expect(queryTokens("user@example.com")).toEqual(["user", "example", "com"]);
    expect(queryTokens('say "hi" -refund NEAR(x')).toEqual(["say", "hi", "refund", "NEAR"]);
    expect(queryTokens("😀 refund")).toEqual(["refund"]);
    expect(queryTokens("*** ---")).toEqual([]);
    expect(queryTokens("")).toEqual([]);
  });

  it("drops one-letter words when there are others (a word being typed), keeps a lone one", () => {
    expect(queryTokens("refund c")).toEqual(["refund"]);
    expect(queryTokens("O'Brien e-mail")).toEqual(["Brien", "mail"]);
    expect(queryTokens("c")).toEqual(["c"]);
    expect(queryTokens("a b c")).toEqual(["a", "b", "c"]);
  });

  it("keeps at most 12 words of at most 64 characters", () => {
    const many = Array.from({ length: 14 }, (_, i) => `w${i}`).join(" ");
    expect(queryTokens(many)).toEqual(Array.from({ length: 12 }, (_, i) => `w${i}`));
    expect(queryTokens("x".repeat(70))).toEqual(["x".repeat(64)]);
    expect(queryTokens("é".repeat(70))[0]).toHaveLength(64); // code points, not UTF-16 units
  });

  it("normalises to NFC: a decomposed accent is the same word; marks stay inside words", () => {
    expect(queryTokens("cafe\u0301")).toEqual(["café"]);
    expect(queryTokens("naïve résumé straße")).toEqual(["naïve", "résumé", "straße"]);
    expect(queryTokens("\u0301")).toEqual([]); // a combining mark alone is no word
  });

  it("reads Persian: letters, Persian digits, vowel marks in the word; the zero-width non-joiner separates", () => {
    expect(queryTokens("پیگیری سفارش")).toEqual(["پیگیری", "سفارش"]);
    expect(queryTokens("سفارشِ")).toEqual(["سفارشِ"]);
    expect(queryTokens("۱۲۳ 123")).toEqual(["۱۲۳", "123"]);
    expect(queryTokens("می\u200cخواهم")).toEqual(["می", "خواهم"]);
  });

  it("reads Greek as written (case and accents are folded later, in termExpr)", () => {
    expect(queryTokens("ΕΠΙΣΤΡΟΦΗ χρημάτων")).toEqual(["ΕΠΙΣΤΡΟΦΗ", "χρημάτων"]);
  });
});

describe("termExpr and matchExpression: quoted FTS5 terms only", () => {
  it("makes a prefix term from two letters, a whole word of one", () => {
    expect(termExpr("ab")).toBe('"ab"*');
    expect(termExpr("x")).toBe('"x"');
    expect(termExpr("café")).toBe('"café"*');
    expect(termExpr("سفارش")).toBe('"سفارش"*');
  });

  it("quotes every word, so operators and quotes are text", () => {
    expect(quote('a"b')).toBe('"a""b"');
    expect(matchExpression("Refund NEAR(xy")).toBe('"Refund"* AND "NEAR"* AND "xy"*');
    expect(matchExpression("refund OR return")).toBe('"refund"* AND "OR"* AND "return"*');
    expect(matchExpression("x")).toBe('"x"');
    expect(matchExpression("*** ---")).toBeNull();
  });

  it("tries each one-accent spelling of an unaccented Greek word, lower-cased", () => {
    expect(termExpr("επιστροφη")).toBe(
      '("επιστροφη"* OR "έπιστροφη"* OR "επίστροφη"* OR "επϊστροφη"* OR "επιστρόφη"* OR "επιστροφή"*)',
    );
    expect(termExpr("ΕΠΙΣΤΡΟΦΗ")).toBe(termExpr("επιστροφη"));
    // an accented word is first stripped of its accent, so it finds every spelling too
    expect(termExpr("χρήμα")).toBe(termExpr("χρημα"));
    expect(termExpr("χρημα")).toContain('"χρήμα"*');
  });

  it("caps the Greek spellings of a long word", () => {
    const expr = termExpr("αεηιουωαεηιουω");
    expect(expr.split(" OR ")).toHaveLength(16);
  });
});

describe("tagExpression: a whole tag, as a phrase in the tags column", () => {
  it("keeps the tag's words, in order", () => {
    expect(tagExpression("Returns & refunds")).toBe('{tags} : "Returns refunds"');
    expect(tagExpression('a"b')).toBe('{tags} : "a b"');
    expect(tagExpression("  --  ")).toBeNull();
  });
});

function doc(partial: Partial<SopDocument>): SopDocument {
  return {
    ...emptyDocument(),
    meta: {
      id: "x",
      title: "Refunds",
      department: "Billing",
      purpose: "Give money back.",
      tags: ["refund"],
      language: "en",
      direction: "ltr",
      targets: { handleTime: "5m", handleTimeSeconds: 300 },
    },
    ...partial,
  };
}

function step(id: string, title: string, blocks: Block[], escalations: Step["escalations"] = []): Step {
  return { id, number: 1, title, sectionId: "s", blocks, fieldNames: [], checkIds: [], escalations, position: pos };
}

describe("searchTextOf: what one version puts in the index", () => {
  it("writes the body in reading order, one piece a line, section text and steps interleaved", () => {
    const t = searchTextOf(
      doc({
        sections: [
          {
            id: "s",
            number: 1,
            title: "Procedure",
            intro: [para("Before."), para("Between.")],
            stepIds: ["a", "b"],
            position: pos,
            items: [
              { kind: "blocks", blocks: [para("Before.")] },
              { kind: "step", stepId: "a" },
              { kind: "blocks", blocks: [para("Between.")] },
              { kind: "step", stepId: "b" },
            ],
          },
        ],
        steps: [
          step("a", "First step", [para("One.")]),
          step("b", "Second step", [para("Two.")]),
          step("c", "Orphan step", [para("Three.")]),
        ],
      }),
    );
    expect(t.body).toBe("Procedure\nBefore.\nFirst step\nOne.\nBetween.\nSecond step\nTwo.\nOrphan step\nThree.");
    expect(t).toMatchObject({ title: "Refunds", purpose: "Give money back.", tags: "refund", terms: "" });
  });

  it("indexes every block's text; {name} references and line breaks read as a space", () => {
    const blocks: Block[] = [
      {
        type: "say",
        children: [
          {
            type: "paragraph",
            children: [
              text("Hello "),
              { type: "var", name: "customer_name" },
              text(","),
              { type: "break" },
              text("thanks"),
            ],
          },
        ],
      },
      { type: "escalate", to: "Supervisor", reason: "Above limit", children: [para("Warm transfer")] },
      {
        type: "field",
        field: {
          name: "amount",
          label: "Refund amount",
          type: "number",
          required: true,
          stepId: "a",
          position: pos,
          help: "In euros",
        },
      },
      { type: "code", value: "REF-123" },
      { type: "heading", depth: 3, children: [{ type: "link", url: "https://x.example", children: [text("Policy")] }] },
    ];
    const t = searchTextOf(
      doc({ steps: [step("a", "Refund", blocks, [{ to: "Supervisor", reason: "Above limit" }])] }),
    );
    expect(t.body).toBe(
      "Refund\nHello , thanks\nSupervisor\nAbove limit\nWarm transfer\nRefund " +
        "amount\nIn euros\nREF-123\nPolicy\nSupervisor\nAbove limit",
    );
  });

  it("leaves quizzes, scenarios and unknown blocks out, and strips the highlight sentinels", () => {
    const blocks = [
      { type: "quiz", quizId: "q" },
      { type: "scenario", scenarioId: "s" },
      { type: "training", children: [para("The hidden answer")] },
      para("Visible \uE000text\uE001"),
    ] as Block[];
    expect(searchTextOf(doc({ steps: [step("a", "Refund", blocks)] })).body).toBe("Refund\nVisible text");
  });

  it("survives partial documents", () => {
    expect(searchTextOf({} as SopDocument)).toEqual({ title: "", tags: "", purpose: "", terms: "", body: "" });
    const broken = { type: "list", ordered: false } as unknown as Block;
    const noChildren = { type: "paragraph" } as unknown as Block;
    expect(searchTextOf(doc({ steps: [step("a", "Refund", [broken, noChildren])] })).body).toBe("Refund");
  });
});
