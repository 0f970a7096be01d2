import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "../../sop-schema/parse";
import { inlineText } from "../../sop-schema/inline";
import { blocksPlainText } from "../../sop-schema/plain-text";

import type { Block } from "../../sop-schema/types";
import { escapeText, inlineFromParts } from "./text";

const HEAD = "---\ntitle: T\ndepartment: D\npurpose: P.\ntargets:\n  handleTime: 6m\n---\n\n";

/** The words parseSop reads from a paragraph and a script written with `text`, and the errors it reports. */
function read(text: string): { paragraph: string; say: string; errors: string[] } {
  const field = '<Field name="customer_name" label="N" />';
  const source = `${HEAD}<Step title="S">\n\n${text}\n\n<Say>${text}</Say>\n\n${field}\n\n</Step>\n`;
  const doc = parseSop(source);
  const blocks = doc.steps[0]?.blocks ?? [];
  const words = (b: Block | undefined) =>
    b?.type === "paragraph" ? inlineText(b.children) : b?.type === "say" ? blocksPlainText(b.children) : "";
  return {
    paragraph: words(blocks[0]),
    say: words(blocks.find((b) => b.type === "say")),
    errors: doc.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
  };
}

const normal = (s: string) => s.replace(/\s+/g, " ").trim();

describe("escapeText", () => {
  it("escapes only what would be read as markup", () => {
    expect(escapeText("Refunds <100 EUR * 2 {x}")).toBe("Refunds \\<100 EUR \\* 2 \\{x\\}");
    expect(escapeText("snake_case R&D _emph_ &amp;")).toBe("snake_case R&D \\_emph\\_ \\&amp;");
    expect(escapeText("# not a heading\n- not a list\n1. not a number\n---")).toBe(
      "\\# not a heading\n\\- not a list\n1\\. not a number\n\\---",
    );
    expect(escapeText("  one\n\n\n  two  ")).toBe("one\ntwo");
  });

  it("reads back as exactly the words typed, with no error, in text and in a script", () => {
    const chars = fc.constantFrom(
      ..."ab <>{}[]()*_`\\#-+=|!&;:'\".1 \nسلامΩé😀".split(""),
      "&amp;",
      "1.",
      "---",
      "```",
    );
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 40 }), (parts) => {
        const plain = parts.join("");
        if (plain.trim() === "") return;
        const r = read(escapeText(plain));
        expect(r.errors).toEqual([]);
        expect(normal(r.paragraph)).toBe(normal(plain));
        expect(normal(r.say)).toBe(normal(plain));
      }),
      { numRuns: 300 },
    );
  });

  it("writes field references between words", () => {
    const text = inlineFromParts(["Thank you, ", { field: "customer_name" }, ". Is *this* right?"]);
    expect(text).toBe("Thank you, {customer_name}. Is \\*this\\* right?");
    const r = read(text);
    expect(r.errors).toEqual([]);
  });
});
