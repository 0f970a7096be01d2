// The visual editor reads the tree of parse.ts's own processor: it must accept and reject exactly the sources
// parseSop does, so that a block boundary here is one for parseSop.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "../../sop-schema/parse";
import { checkSourceLimits } from "../../sop-schema/limits";
import { parseMdx } from "./mdast";

function readable(source: string): boolean {
  try {
    parseMdx(source);
    return true;
  } catch {
    return false;
  }
}

function parseSopReads(source: string): boolean {
  return !parseSop(source).diagnostics.some((d) => d.code === "mdx-syntax");
}

const dir = new URL("../../tests/fixtures/sops/broken/", import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".mdx"))
  .map((f) => readFileSync(new URL(f, dir), "utf8"));

describe("parseMdx", () => {
  it("fails exactly where parseSop reports an MDX syntax error", () => {
    for (const source of fixtures) expect(readable(source)).toBe(parseSopReads(source));
    const pieces = [
      "<",
      ">",
      "{",
      "}",
      "</Step>",
      "<Step>",
      "<Say>",
      "\n\n",
      "x",
      "|a|\n|-|",
      "```",
      "{/* c */}",
      "\\",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const source = `---\ntitle: t\n---\n\n${parts.join("")}`;
        if (checkSourceLimits(source, { mdx: true })) return;
        expect(readable(source)).toBe(parseSopReads(source));
      }),
      { numRuns: 200 },
    );
  });

  it("reads GFM tables but not the rest of GFM, as parseSop does", () => {
    const tree = parseMdx("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~not struck~~ https://example.com\n");
    expect(tree.children?.map((c) => c.type)).toEqual(["table", "paragraph"]);
    expect(tree.children?.[1].children?.map((c) => c.type)).toEqual(["text"]);
  });
});
