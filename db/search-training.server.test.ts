// Search never indexes quizzes or scenarios: a snippet of one would show the training answer key.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import { searchTextOf } from "./search.server";

describe("searchTextOf and training content", () => {
  for (const file of ["refund-and-return", "el-epistrofi-chrimaton", "fa-peygiri-sefaresh", "call-opening-aidet"]) {
    it(`${file}: no quiz or scenario text is indexed`, () => {
      const doc = parseSop(readFileSync(new URL(`../content/sops/${file}.mdx`, import.meta.url), "utf8"), {
        filename: `${file}.mdx`,
      });
      expect(doc.diagnostics).toEqual([]);
      expect(doc.quizzes?.length).toBeGreaterThan(0);
      const indexed = Object.values(searchTextOf(doc)).join("\n");
      const secrets = [
        // (short answers like "30 days" also appear in the procedure itself: look for the quiz's own text)
        ...(doc.quizzes ?? []).flatMap((q) => [q.title, ...q.questions.map((x) => x.prompt)]),
        ...(doc.scenarios ?? []).flatMap((s) => [
          s.title,
          s.customer,
          ...s.answers.flatMap((a) => (a.says ? [a.says] : [])),
        ]),
      ];
      expect(secrets.length).toBeGreaterThan(3);
      for (const secret of secrets) expect(indexed, secret).not.toContain(secret);
      // …while the procedure itself still is.
      expect(indexed).toContain(doc.steps[0]!.title);
    });
  }

  it("ignores training blocks of documents stored before training shipped", () => {
    const doc = parseSop(readFileSync(new URL("../content/sops/call-opening-aidet.mdx", import.meta.url), "utf8"));
    const old = structuredClone(doc);
    old.steps[0]!.blocks.push({
      type: "training",
      component: "Question",
      attributes: { answer: "secret" },
      children: [{ type: "paragraph", children: [{ type: "text", value: "The hidden answer" }] }],
    } as never);
    expect(searchTextOf(old).body).not.toContain("The hidden answer");
  });
});
