import { readFileSync } from "node:fs";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../../sop-schema/parse";
import { BLOCK_SNIPPETS, insertSnippet, snippetText } from "../../../authoring/templates";
import { CONTENT_SNIPPETS, InsertPalette, paletteSnippetText, TRAINING_SNIPPETS } from "./insert-palette";

const refund = readFileSync(new URL("../../../content/sops/refund-and-return.mdx", import.meta.url), "utf8");
const errors = (source: string) =>
  parseSop(source).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);

describe("insert palette: training blocks", () => {
  it("renders every block button, then the quiz and the scenario, in one toolbar with one Tab stop", () => {
    const html = renderToString(<InsertPalette onInsert={() => undefined} />);
    const labels = [...html.matchAll(/<button[^>]*>(?:<span[^>]*>\+<\/span>)(.*?)<\/button>/g)].map((m) => m[1]);
    expect(labels).toEqual([...BLOCK_SNIPPETS.map((s) => s.label), "Table", "Reply template", "Quiz", "Scenario"]);
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).toContain('role="toolbar"');
  });

  it("falls back to the block snippets for the other ids", () => {
    expect(paletteSnippetText("say")).toBe(snippetText("say"));
    expect(paletteSnippetText("nope")).toBe("");
  });

  it("inserts a quiz and a scenario that parse cleanly, at the top level and inside a step", () => {
    for (const id of TRAINING_SNIPPETS.map((s) => s.id)) {
      const text = paletteSnippetText(id, refund);
      // at the end of the document (top level of the last section) …
      expect(errors(insertSnippet(refund, refund.length, text).source), id).toEqual([]);
      // … and inside a step, after its first line
      const inStep = refund.indexOf("Create the RMA in the order system.");
      expect(errors(insertSnippet(refund, inStep, text).source), id).toEqual([]);
    }
  });

  it(
    "inserts a table and a reply template that parse cleanly, at " +
      "the top level and inside a step; template titles don't repeat",
    () => {
      for (const id of CONTENT_SNIPPETS.map((s) => s.id)) {
        const text = paletteSnippetText(id, refund);
        expect(errors(insertSnippet(refund, refund.length, text).source), id).toEqual([]);
        const inStep = refund.indexOf("Create the RMA in the order system.");
        const doc = parseSop(insertSnippet(refund, inStep, text).source);
        expect(
          doc.diagnostics.filter((d) => d.severity === "error"),
          id,
        ).toEqual([]);
        expect(
          doc.steps.some((s) => s.blocks.some((b) => b.type === id)),
          id,
        ).toBe(true);
      }
      const once = insertSnippet(refund, refund.length, paletteSnippetText("template", refund)).source;
      expect(paletteSnippetText("template", once)).toContain('title="New reply 2"');
    },
  );

  it("a scenario answers the document's first field and first flow question; titles don't repeat", () => {
    const text = paletteSnippetText("scenario", refund);
    expect(text).toContain('<Answer field="customer_name" value="What the customer gives" />');
    expect(text).toContain('<Answer question="our-fault" choose="Yes, our fault" />');
    expect(paletteSnippetText("scenario", "")).not.toContain("<Answer");
    const once = insertSnippet(refund, refund.length, paletteSnippetText("quiz", refund)).source;
    expect(paletteSnippetText("quiz", once)).toContain('title="Check your understanding 2"');
  });
});
