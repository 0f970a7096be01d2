import { describe, expect, it } from "vitest";
import {
  canonicalLanguage,
  extractFrontMatter,
  formatDuration,
  frontMatterSchema,
  languageDirection,
  parseDuration,
  parseFrontMatter,
  parseReviewInterval,
} from "./frontmatter";
import { slugify } from "./slug";

describe("durations", () => {
  it.each([
    ["90s", 90],
    ["6m", 360],
    ["1h30m", 5400],
    ["2h", 7200],
    ["3d", 259200],
    ["1d2h3m4s", 93784],
    ["6mo", 180 * 86400],
    [" 20s ", 20],
  ])("parseDuration(%j) = %i", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "6", "6 m", "6min", "1.5h", "30m1h", "1h1h", "0s", "-5m", "m", "6M", "1h 30m"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("review intervals take days, weeks or months only", () => {
    expect(parseReviewInterval("180d")).toBe(180);
    expect(parseReviewInterval("26w")).toBe(182);
    expect(parseReviewInterval("6mo")).toBe(180);
    expect(parseReviewInterval("1mo2w")).toBe(44);
    expect(parseReviewInterval("12h")).toBeNull();
    expect(parseReviewInterval("1y")).toBeNull();
  });

  it("formatDuration inverts parseDuration for h/m/s", () => {
    for (const s of [1, 59, 60, 90, 3600, 5400, 7322]) expect(parseDuration(formatDuration(s))).toBe(s);
  });
});

describe("language", () => {
  it.each([
    ["en", "ltr"],
    ["en-GB", "ltr"],
    ["fa", "rtl"],
    ["fa-IR", "rtl"],
    ["ar", "rtl"],
    ["he", "rtl"],
    ["ur", "rtl"],
    ["ps", "rtl"],
    ["yi", "rtl"],
    ["ckb", "rtl"],
    ["dv", "rtl"],
    ["ku-Arab", "rtl"],
    ["az-Latn", "ltr"],
    ["pa-Arab", "rtl"],
    ["fr", "ltr"],
    ["zh-Hant-TW", "ltr"],
  ])("%s is %s", (tag, dir) => {
    expect(canonicalLanguage(tag)).not.toBeNull();
    expect(languageDirection(tag)).toBe(dir);
  });

  it("canonicalises case and rejects names", () => {
    expect(canonicalLanguage("EN-gb")).toBe("en-GB");
    for (const bad of ["English", "Persian", "e", "en_US", "en--GB", "", "123"])
      expect(canonicalLanguage(bad), bad).toBeNull();
  });
});

describe("front matter", () => {
  const block = (yaml: string) => ({ yaml, startLine: 2, endLine: yaml.split("\n").length + 2 });
  const full = ["title: T", "department: D", "purpose: P", "targets:", "  handleTime: 6m"].join("\n");

  it("extracts the block with its file lines", () => {
    expect(extractFrontMatter("---\na: 1\n---\nbody")).toEqual({ yaml: "a: 1", startLine: 2, endLine: 3 });
    expect(extractFrontMatter("---\r\na: 1\r\n---\r\n")).toEqual({ yaml: "a: 1", startLine: 2, endLine: 3 });
    expect(extractFrontMatter("text\n---\na: 1\n---")).toBeNull();
    expect(extractFrontMatter("---\na: 1\n")).toBeNull();
  });

  it("defaults: language en/ltr, id from the file name, then the title", () => {
    const r = parseFrontMatter(block(full), "content/sops/Call Opening.mdx");
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toEqual({
      id: "call-opening",
      title: "T",
      department: "D",
      purpose: "P",
      tags: [],
      language: "en",
      direction: "ltr",
      targets: { handleTime: "6m", handleTimeSeconds: 360 },
    });
    expect(parseFrontMatter(block(full.replace("title: T", "title: Café Réclamations"))).meta.id).toBe(
      "cafe-reclamations",
    );
    expect(parseFrontMatter(block(`id: my-sop\n${full}`), "other.mdx").meta.id).toBe("my-sop");
  });

  it("points each problem at its key, and keeps reporting after the first", () => {
    const r = parseFrontMatter(
      block(
        [
          "title: 12",
          "department: ''",
          "purpose: P",
          "tags: calls",
          "targets:",
          "  handleTime: 6 min",
          "  firstResponse: 20",
        ].join("\n"),
      ),
    );
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      "3:1 frontmatter-invalid",
      "5:1 frontmatter-invalid",
      "7:3 invalid-duration",
      "8:3 invalid-duration",
    ]);
    expect(r.meta.title).toBe("12");
  });

  it("warns on unknown keys (and unknown targets) with a suggestion", () => {
    const r = parseFrontMatter(block(`${full}\n  firstRespons: 20s\nreviewevery: 180d`));
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.hint])).toEqual([
      ["unknown-frontmatter-key", "warning", "did you mean `firstResponse`?"],
      ["unknown-frontmatter-key", "warning", "did you mean `reviewEvery`?"],
    ]);
  });

  it("glossary: duplicates are warnings and the first wins", () => {
    const r = parseFrontMatter(
      block(`${full}\nterms:\n  - term: AIDET\n    meaning: one\n  - term: aidet\n    meaning: two`),
    );
    expect(r.glossary).toEqual([{ term: "AIDET", meaning: "one" }]);
    expect(r.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(["10 duplicate-term"]);
  });

  it("a YAML list or scalar is not a front matter", () => {
    expect(parseFrontMatter(block("- a\n- b")).diagnostics[0].code).toBe("frontmatter-not-object");
  });

  it("the schema types the values", () => {
    const parsed = frontMatterSchema.parse({
      title: "T",
      department: "D",
      purpose: "P",
      targets: { handleTime: "6m" },
    });
    expect(parsed.language).toBe("en");
    expect(parsed.tags).toEqual([]);
  });
});

describe("slugify", () => {
  it.each([
    ["Verify identity", "verify-identity"],
    ["  Greet & verify!  ", "greet-verify"],
    ["Café Réclamations", "cafe-reclamations"],
    ["Straße", "strasse"],
    ["تأیید هویت", "تأیید-هویت"],
    ["می‌خواهم", "میخواهم"],
    ["Ελληνικά Βήματα", "ελληνικα-βηματα"],
    ["!!!", ""],
  ])("%j → %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});
