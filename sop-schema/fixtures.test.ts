import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSop } from "./parse";
import { DIAGNOSTIC_CODES } from "./diagnostics";
import type { Inline, SopDocument } from "./types";
import { FIELD_TYPES, NODE_TYPES, QUESTION_TYPES } from "./types";
import { blockInlines, walkDocument } from "./walk";

const root = fileURLToPath(new URL("../tests/fixtures/sops/", import.meta.url));
const brokenDir = path.join(root, "broken");
const goodDir = path.join(root, "good");

type Expected = { code: string; line: number; column: number; messageIncludes: string; severity?: "error" | "warning" };
const manifest = JSON.parse(readFileSync(path.join(brokenDir, "expected.json"), "utf8")) as Record<
  string,
  Expected | Expected[]
>;
const brokenFiles = readdirSync(brokenDir)
  .filter((f) => f.endsWith(".mdx"))
  .sort();

const read = (dir: string, f: string) => readFileSync(path.join(dir, f), "utf8");

describe("broken fixtures", () => {
  it("has at least 40 files, each listed in expected.json (and nothing extra)", () => {
    expect(brokenFiles.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(manifest).sort()).toEqual(brokenFiles);
    for (const f of brokenFiles) expect(f).toMatch(/^\d\d-[a-z0-9-]+\.mdx$/);
  });

  it.each(brokenFiles)("%s produces exactly its expected diagnostics", (file) => {
    const doc = parseSop(read(brokenDir, file), { filename: file });
    const expected = ([] as Expected[]).concat(manifest[file]);
    expect(doc.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(
      expected.map((e) => `${e.line}:${e.column} ${e.code}`),
    );
    expected.forEach((e, i) => {
      const d = doc.diagnostics[i];
      expect(d.message).toContain(e.messageIncludes);
      expect(d.severity).toBe(e.severity ?? "error");
      expect(d.severity).toBe(DIAGNOSTIC_CODES[d.code as keyof typeof DIAGNOSTIC_CODES].severity);
    });
  });

  it("still returns a partial document: meta from the front matter even on MDX syntax errors", () => {
    const doc = parseSop(read(brokenDir, "45-unclosed-tag.mdx"));
    expect(doc.meta.title).toBe("Broken example");
    expect(doc.meta.targets.handleTimeSeconds).toBe(360);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["mdx-syntax"]);
    const partial = parseSop(read(brokenDir, "02-missing-title.mdx"));
    expect(partial.meta.title).toBe("");
    expect(partial.meta.department).toBe("Customer Service");
    expect(partial.steps).toHaveLength(1);
  });
});

function collect(doc: SopDocument) {
  const blocks = new Set<string>();
  const inlines = new Set<string>();
  const visitInline = (xs: readonly Inline[]) => {
    for (const x of xs) {
      inlines.add(x.type);
      if ("children" in x) visitInline(x.children);
    }
  };
  walkDocument(doc, {
    block: (b) => {
      blocks.add(b.type);
      for (const run of blockInlines(b)) visitInline(run);
    },
  });
  return { blocks, inlines };
}

describe("good fixtures", () => {
  const goodFiles = readdirSync(goodDir)
    .filter((f) => f.endsWith(".mdx"))
    .sort();

  it.each(goodFiles)("%s parses without any diagnostic", (file) => {
    const doc = parseSop(read(goodDir, file), { filename: file });
    expect(doc.diagnostics).toEqual([]);
    expect(doc.steps.length).toBeGreaterThan(0);
  });

  it("full-featured.mdx exercises every element of the format", () => {
    const doc = parseSop(read(goodDir, "full-featured.mdx"));
    const { blocks, inlines } = collect(doc);
    for (const t of [
      "paragraph",
      "heading",
      "list",
      "blockquote",
      "code",
      "thematicBreak",
      "say",
      "field",
      "check",
      "tip",
      "warning",
      "escalate",
      "flow",
      "quiz",
      "scenario",
    ])
      expect(blocks, t).toContain(t);
    expect(
      doc.quizzes?.map((q) => [
        q.id,
        q.stepId,
        q.passPercent,
        q.maxAttempts,
        q.questions.map((x) => `${x.id}:${x.type}`),
      ]),
    ).toEqual([["refund-basics", "close-the-call", 75, null, ["limit:single", "q2:multiple", "q3:text"]]]);
    expect(new Set(doc.quizzes?.flatMap((q) => q.questions.map((x) => x.type)))).toEqual(new Set(QUESTION_TYPES));
    expect(doc.scenarios?.map((s) => [s.id, s.expect, s.answers.map((a) => a.kind)])).toEqual([
      [
        "refund-above-the-limit",
        { outcome: "escalated", escalate: true, escalateTo: "Supervisor" },
        ["field", "field", "field", "field", "flow"],
      ],
    ]);
    expect(doc.meta.training).toEqual({
      quiz: true,
      practice: 1,
      passScore: 75,
      recertifyEvery: "6mo",
      recertifyEveryDays: 180,
    });
    for (const t of ["text", "strong", "emphasis", "code", "link", "var", "term", "break"])
      expect(inlines, t).toContain(t);
    expect(new Set(doc.fields.map((f) => f.type))).toEqual(new Set(FIELD_TYPES));
    expect(doc.fields.filter((f) => f.sensitive).map((f) => f.name)).toEqual(["customer_phone"]);
    expect(new Set(doc.flows.flatMap((f) => f.nodes.map((n) => n.type)))).toEqual(new Set(NODE_TYPES));
    expect(doc.meta).toMatchObject({
      id: "refund-request",
      owner: "lead@stepwise.example",
      tags: ["billing", "refunds", "calls"],
      language: "en-GB",
      direction: "ltr",
      targets: { handleTime: "8m", handleTimeSeconds: 480, firstResponse: "20s", firstResponseSeconds: 20 },
      reviewEvery: "26w",
      reviewEveryDays: 182,
    });
    expect(doc.glossary.map((g) => g.term)).toEqual(["AIDET", "warm transfer", "RMA"]);
    expect(doc.sections.map((s) => [s.id, s.number, s.title])).toEqual([
      ["intro", 0, null],
      ["open-the-call", 1, "Open the call"],
      ["decide", 2, "Decide"],
      ["close", 3, "Close"],
    ]);
    expect(doc.steps.map((s) => `${s.number}:${s.id}@${s.sectionId}`)).toEqual([
      "1:greet-and-verify@open-the-call",
      "2:understand@open-the-call",
      "3:decide-the-outcome@decide",
      "4:wrap-up-check@decide",
      "5:close-the-call@close",
    ]);
    expect(doc.stats).toMatchObject({ steps: 5, fields: 9, flows: 2 });
    expect(doc.stats.words).toBeGreaterThan(150);
  });

  it("persian-greeting.mdx is right-to-left with Unicode step ids", () => {
    const doc = parseSop(read(goodDir, "persian-greeting.mdx"));
    expect(doc.meta.language).toBe("fa");
    expect(doc.meta.direction).toBe("rtl");
    expect(doc.meta.reviewBy).toBe("2027-05-01");
    expect(doc.steps.map((s) => s.id)).toEqual(["تأیید-هویت", "تأیید-هویت-2"]);
    expect(doc.sections[0].id).toBe("شروع-تماس");
    expect(doc.steps[0].checkIds).toEqual(["تأیید-هویت.check-1"]);
  });
});
