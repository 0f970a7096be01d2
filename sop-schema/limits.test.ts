import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EditMap } from "micromark-util-edit-map";
import { parseSop } from "./parse";
import { checkSourceLimits, nestingProfile, SOP_LIMITS, utf8ByteLength } from "./limits";
import { patchMicromarkEditMap } from "./micromark-patch";
import { deepIndentedList, PATHOLOGICAL_HEAD, pathologicalCases } from "./pathological-inputs";

const root = fileURLToPath(new URL("..", import.meta.url));
const step = (body: string) => `${PATHOLOGICAL_HEAD}<Step title="Step">\n\n${body}\n\n</Step>\n`;

// Each case took seconds (or overflowed the stack) before the limits; they are answered in milliseconds now.
// The timeout is generous on purpose: timing targets live in `npm run bench`.
describe("hostile sources are answered with a diagnostic, never an internal error", () => {
  it.each(pathologicalCases().map((c) => [c.name, c] as const))("%s", { timeout: 60_000 }, (_name, c) => {
    const doc = parseSop(c.source);
    const codes = doc.diagnostics.map((d) => d.code);
    expect(codes).not.toContain("internal-error");
    const firstError = doc.diagnostics.find((d) => d.severity === "error");
    expect(firstError?.code ?? "").toBe(c.expect);
    if (c.expect === "nesting-too-deep" || c.expect === "sop-too-large" || c.expect === "table-too-large") {
      expect(doc.diagnostics.filter((d) => d.code === c.expect)).toHaveLength(1);
      expect(firstError!.hint).toBeTruthy();
      expect(firstError!.message).toMatch(/[0-9]/); // says what the limit is
    }
  });
});

describe("limit diagnostics", () => {
  it("a 5,000-deep list is reported at the marker that goes past the limit", () => {
    const doc = parseSop(step(`${"- ".repeat(5000)}x`));
    const d = doc.diagnostics.find((x) => x.code === "nesting-too-deep")!;
    expect(d.line).toBe(11);
    expect(d.column).toBe(SOP_LIMITS.maxContainerDepth * 2 + 1);
    expect(d.message).toContain(`${SOP_LIMITS.maxContainerDepth} levels`);
    expect(doc.meta.title).toBe("Hostile input"); // the front matter is still read
  });

  it("an indented list is reported on the line that goes past the limit", () => {
    const doc = parseSop(step(deepIndentedList(100)));
    const d = doc.diagnostics.find((x) => x.code === "nesting-too-deep")!;
    expect(d.line).toBe(11 + SOP_LIMITS.maxContainerDepth);
    expect(d.column).toBe(SOP_LIMITS.maxContainerDepth * 2 + 1);
  });

  it("nested brackets, emphasis, braces and components are reported where the limit is passed", () => {
    const at = (body: string) => {
      const d = parseSop(step(body)).diagnostics.find((x) => x.code === "nesting-too-deep")!;
      return `${d.line}:${d.column}`;
    };
    expect(at(`${"[".repeat(5000)}x${"]".repeat(5000)}`)).toBe(`11:${SOP_LIMITS.maxInlineNesting + 1}`);
    expect(at(`${"{".repeat(5000)}x${"}".repeat(5000)}`)).toBe(`11:${SOP_LIMITS.maxInlineNesting + 1}`);
    expect(at(`${"*".repeat(5000)}x${"*".repeat(5000)}`)).toBe("11:1");
    expect(at(`${"<Tip>".repeat(100)}x${"</Tip>".repeat(100)}`)).toBe(
      `11:${(SOP_LIMITS.maxElementNesting - 1) * 5 + 1}`,
    );
  });

  it(
    "too many emphasis markers in one paragraph (quadratic for " +
      "micromark) are reported; split by empty lines they are fine",
    () => {
      const n = SOP_LIMITS.maxInlineMarkupPerParagraph;
      expect(parseSop(step("a* ".repeat(n + 10))).diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
      expect(parseSop(step(`${"a* ".repeat(n / 2)}\n\n`.repeat(4))).diagnostics).toEqual([]);
    },
  );

  it("over 1 MB: one error and no parse", () => {
    const doc = parseSop(step("x".repeat(SOP_LIMITS.maxBytes)));
    expect(doc.diagnostics).toEqual([expect.objectContaining({ code: "sop-too-large", line: 1, column: 1 })]);
    expect(doc.steps).toEqual([]);
    // Multi-byte text counts in bytes: 400,000 Greek letters are 800,000 bytes.
    expect(checkSourceLimits("α".repeat(400_000))).toBeNull();
    expect(checkSourceLimits("α".repeat(600_000))?.code).toBe("sop-too-large");
  });

  it("deep front matter is reported in the front matter", () => {
    const src = `---\ntitle: t\ntags: ${"[".repeat(100)}${"]".repeat(100)}\n---\n\n<Step title="s">x</Step>\n`;
    const d = parseSop(src).diagnostics;
    expect(d.map((x) => `${x.line} ${x.code}`)).toEqual(["3 nesting-too-deep"]);
  });

  it("counts UTF-8 bytes like TextEncoder", () => {
    for (const s of ["", "abc", "é", "€", "😀", "a\ud800b", "Ελένη سلام 😀"])
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
  });
});

describe("the limits leave real SOPs alone", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.mdx?$/.test(f)) files.push(p);
    }
  };
  for (const dir of ["content/sops", "tests/fixtures", "authoring/fixtures"]) walk(path.join(root, dir));

  it("every demo SOP and fixture is far below every limit", () => {
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const p = nestingProfile(readFileSync(f, "utf8"), { mdx: f.endsWith(".mdx"), gfm: f.endsWith(".md") });
      expect(p.problem, f).toBeNull();
      expect(p.containers, f).toBeLessThanOrEqual(SOP_LIMITS.maxContainerDepth / 4);
      expect(p.inline, f).toBeLessThanOrEqual(SOP_LIMITS.maxInlineNesting / 4);
      expect(p.elements, f).toBeLessThanOrEqual(SOP_LIMITS.maxElementNesting / 4);
      expect(p.frontMatter, f).toBeLessThanOrEqual(SOP_LIMITS.maxFrontMatterNesting / 4);
    }
  });

  it("nesting just inside the limits parses normally", () => {
    const c = SOP_LIMITS.maxContainerDepth;
    const lists = parseSop(step(deepIndentedList(c)));
    expect(lists.diagnostics).toEqual([]);
    const quotes = parseSop(step(`${"> ".repeat(c - 1)}- x`));
    expect(quotes.diagnostics).toEqual([]);
    const tips = parseSop(
      step(
        `${"<Say>".repeat(1)}${"**".repeat(SOP_LIMITS.maxInlineNesting / 2 - 1)}x` +
          `${"**".repeat(SOP_LIMITS.maxInlineNesting / 2 - 1)}</Say>`,
      ),
    );
    expect(tips.diagnostics).toEqual([]);
  });

  it("escaped, quoted and code text does not count", () => {
    const body = [
      `\\[`.repeat(200),
      `<Field name="p" label="Pattern" pattern="^[{(]{1,3}$" placeholder="${"[".repeat(100)}" />`,
      `\`${"[".repeat(100)}{{{{\` and \`\`${"*".repeat(100)}\`\``,
      "```json",
      "[".repeat(500),
      "- ".repeat(500),
      "```",
      "Done.",
    ].join("\n");
    expect(parseSop(step(body)).diagnostics).toEqual([]);
  });
});

describe("micromark patch", () => {
  it("is applied: EditMap.consume keeps the untouched prefix and edits like the original", () => {
    expect(patchMicromarkEditMap()).toBe(true);
    const events = ["a", "b", "c", "d", "e"] as unknown as never[];
    const map = new EditMap();
    map.add(1, 1, ["B"] as unknown as never[]);
    map.add(3, 0, ["x", "y"] as unknown as never[]);
    map.add(5, 0, ["z"] as unknown as never[]);
    map.consume(events);
    expect(events).toEqual(["a", "B", "c", "x", "y", "d", "e", "z"]);
  });

  it("many lists closing in one document parse in linear time (8,000 lists: 13 s before)", { timeout: 60_000 }, () => {
    const doc = parseSop(step("- item\n\ntext\n\n".repeat(8000)));
    expect(doc.diagnostics).toEqual([]);
    expect(doc.steps[0].blocks.filter((b) => b.type === "list")).toHaveLength(8000);
  });
});
