// Property tests: parseSop never throws, always returns plain JSON, and keeps its invariants,
// on arbitrary text, on generated valid SOPs and on randomly damaged ones.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "./parse";
import { DIAGNOSTIC_CODES } from "./diagnostics";
import type { SopDocument } from "./types";

const goodFullFeatured = readFileSync(
  new URL("../tests/fixtures/sops/good/full-featured.mdx", import.meta.url),
  "utf8",
);
const goodPersian = readFileSync(new URL("../tests/fixtures/sops/good/persian-greeting.mdx", import.meta.url), "utf8");
const goodMinimal = readFileSync(new URL("../tests/fixtures/sops/good/minimal.mdx", import.meta.url), "utf8");

function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function checkInvariants(source: string, doc: SopDocument): void {
  // JSON-serialisable: a round trip gives the same value (no undefined, no class instances, no cycles).
  ok(isDeepStrictEqual(JSON.parse(JSON.stringify(doc)), doc), "document is not plain JSON");
  ok(doc.formatVersion === 1, "formatVersion");
  const lines = source.split(/\r?\n|\r/).length;
  let previous = { line: 0, column: 0 };
  for (const d of doc.diagnostics) {
    const where = `${d.code} at ${d.line}:${d.column}`;
    ok(d.code in DIAGNOSTIC_CODES, `unknown code ${where}`);
    ok(d.line >= 1 && d.column >= 1 && d.line <= lines + 1, `position out of the file: ${where}`);
    ok(
      d.line > previous.line || (d.line === previous.line && d.column >= previous.column),
      `diagnostics not sorted at ${where}`,
    );
    ok(d.message.length > 0, `empty message ${where}`);
    previous = d;
  }
  const unique = (xs: string[], what: string) =>
    ok(new Set(xs).size === xs.length, `duplicate ${what}: ${xs.join(", ")}`);
  const stepIds = doc.steps.map((s) => s.id);
  unique(stepIds, "step ids");
  ok(
    doc.steps.every((s, i) => s.number === i + 1),
    "steps are numbered 1..n",
  );
  unique(
    doc.steps.flatMap((s) => s.checkIds),
    "check ids",
  );
  unique(
    doc.fields.map((f) => f.name),
    "field names",
  );
  unique(
    doc.flows.map((f) => f.id),
    "flow ids",
  );
  unique(
    doc.sections.map((s) => s.id),
    "section ids",
  );
  for (const flow of doc.flows) {
    const nodeIds = new Set(flow.nodes.map((n) => n.id));
    ok(nodeIds.size === flow.nodes.length, "duplicate node ids");
    ok(
      flow.edges.every((e) => nodeIds.has(e.from) && nodeIds.has(e.to)),
      "dangling edge kept",
    );
    ok(stepIds.includes(flow.stepId), "flow without its step");
  }
  ok(
    isDeepStrictEqual(
      doc.sections.flatMap((s) => s.stepIds),
      stepIds,
    ),
    "sections do not list the steps in order",
  );
  ok(
    doc.stats.steps === doc.steps.length &&
      doc.stats.fields === doc.fields.length &&
      doc.stats.flows === doc.flows.length,
    "stats do not match",
  );
}

function parseAndCheck(source: string): SopDocument {
  let doc!: SopDocument;
  expect(() => {
    doc = parseSop(source, { filename: "prop.mdx" });
  }).not.toThrow();
  checkInvariants(source, doc);
  return doc;
}

// Pieces that poke at every corner of the syntax.
const TOKENS = [
  "---\n",
  "\n",
  "\n\n",
  " ",
  "  ",
  "<",
  ">",
  "/>",
  "</",
  "{",
  "}",
  "\\",
  '"',
  "'",
  "=",
  "#",
  "## ",
  "# ",
  "- ",
  "1. ",
  "> ",
  "```",
  "`",
  "*",
  "**",
  "[",
  "](",
  ")",
  "!",
  "|",
  ":",
  "\t",
  "\r\n",
  "é",
  "فارسی",
  "😀",
  "\u200c",
  "title: x\n",
  "department: y\n",
  "purpose: z\n",
  "targets:\n  handleTime: 6m\n",
  "language: fa\n",
  "terms:\n  - term: AIDET\n    meaning: m\n",
  '<Step title="A">',
  "</Step>",
  "<Step>",
  "<Say>",
  "</Say>",
  '<Field name="a" label="A" />',
  "<Check>",
  "</Check>",
  '<Flow id="f" title="F">',
  "</Flow>",
  '<Node id="n" type="start" label="L" />',
  '<Edge from="n" to="m" />',
  "<Tip>",
  "</Tip>",
  '<Escalate to="S" reason="R">',
  "</Escalate>",
  "<Quiz>",
  "</Quiz>",
  "<div>",
  "</div>",
  "{a}",
  "{1+1}",
  "{/* c */}",
  "{...x}",
  "title={x}",
  "import x from 'y'\n",
  "export const a = 1\n",
  "AIDET",
  "[l](javascript:x)",
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((xs) => xs.join(""));

describe("parseSop on arbitrary input", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })), (s) => {
        parseAndCheck(s);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on MDX-like token soup", () => {
    fc.assert(
      fc.property(tokenSoup, (s) => {
        parseAndCheck(s);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- generated valid documents -------------------------------------------------------------

const word = fc.constantFrom(
  "call",
  "customer",
  "order",
  "refund",
  "verify",
  "greet",
  "address",
  "Billing",
  "delivery",
  "thanks",
  "AIDET",
  "warm",
  "transfer",
  "café",
  "naïve",
  "Straße",
  "تماس",
  "مشتری",
  "Ελλάδα",
  "问题",
  "ok",
  "2024",
);
const sentence = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(" "));
const fieldType = fc.constantFrom("text", "textarea", "number", "date", "phone", "email", "yes-no", "select");

type GenStep = {
  title: string;
  text: string;
  fields: { type: string; required: boolean }[];
  checks: string[];
  sayVar: boolean;
  flow: boolean;
  tip: string | null;
};
const genStep: fc.Arbitrary<GenStep> = fc.record({
  title: sentence,
  text: sentence,
  fields: fc.array(fc.record({ type: fieldType, required: fc.boolean() }), { maxLength: 2 }),
  checks: fc.array(sentence, { maxLength: 2 }),
  sayVar: fc.boolean(),
  flow: fc.boolean(),
  tip: fc.option(sentence, { nil: null }),
});
const genDoc = fc.record({
  title: sentence,
  language: fc.constantFrom("en", "fa", "ar", "he", "fr", "en-GB"),
  handleTime: fc.constantFrom("90s", "6m", "1h30m", "2h", "3d"),
  review: fc.constantFrom(null, "reviewEvery: 180d", "reviewEvery: 26w", "reviewEvery: 6mo", "reviewBy: 2027-05-01"),
  sections: fc.array(
    fc.record({
      heading: fc.option(sentence, { nil: null }),
      intro: fc.option(sentence, { nil: null }),
      steps: fc.array(genStep, { minLength: 1, maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

let fieldCounter = 0;
type GenDoc = typeof genDoc extends fc.Arbitrary<infer T> ? T : never;
function render(g: GenDoc): { source: string; steps: number } {
  fieldCounter = 0;
  let flowCounter = 0;
  const out: string[] = [
    "---",
    `title: "${g.title}"`,
    "department: Customer Service",
    "purpose: Generated for a property test.",
    `language: ${g.language}`,
    "terms:",
    "  - term: AIDET",
    "    meaning: Acknowledge, Introduce, Duration, Explanation, Thank you",
    "  - term: warm transfer",
    "    meaning: Hand over with context",
    "targets:",
    `  handleTime: ${g.handleTime}`,
    ...(g.review ? [g.review] : []),
    "---",
    "",
  ];
  let steps = 0;
  for (const section of g.sections) {
    if (section.heading) out.push(`## ${section.heading}`, "");
    if (section.intro) out.push(section.intro, "");
    for (const s of section.steps) {
      steps++;
      out.push(`<Step title="${s.title}">`, `  ${s.text}`, "");
      const names: string[] = [];
      for (const f of s.fields) {
        const name = `field_${++fieldCounter}`;
        names.push(name);
        const options = f.type === "select" ? ' options="A|B|C"' : "";
        out.push(
          `  <Field name="${name}" label="Label ${fieldCounter}" ` +
            `type="${f.type}"${f.required ? " required" : ""}${options} />`,
        );
      }
      for (const c of s.checks) out.push(`  <Check>${c}</Check>`);
      out.push("", `  <Say>`, `    ${s.text}${s.sayVar && names.length ? ` {${names[0]}}` : ""}`, `  </Say>`, "");
      if (s.tip) out.push(`  <Tip>${s.tip}</Tip>`, "");
      if (s.flow) {
        const id = `flow-${++flowCounter}`;
        out.push(
          `  <Flow id="${id}" title="Decide">`,
          `    <Node id="start" type="start" label="Start" />`,
          `    <Node id="q" type="question" label="Is it ok?" />`,
          `    <Node id="end" type="end" label="Done" />`,
          `    <Edge from="start" to="q" />`,
          `    <Edge from="q" to="end" label="Yes" />`,
          `  </Flow>`,
          "",
        );
      }
      out.push("</Step>", "");
    }
  }
  return { source: out.join("\n"), steps };
}

describe("parseSop on generated valid documents", () => {
  it("parses them without errors and keeps every step", () => {
    fc.assert(
      fc.property(genDoc, (g) => {
        const { source, steps } = render(g);
        const doc = parseAndCheck(source);
        expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(doc.steps).toHaveLength(steps);
        expect(doc.meta.direction).toBe(["fa", "ar", "he"].includes(g.language) ? "rtl" : "ltr");
      }),
      { numRuns: 200 },
    );
  });
});

// ---- mutated documents ----------------------------------------------------------------------

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "deleteLine"; line: number }
  | { kind: "duplicateLine"; line: number }
  | { kind: "swapLines"; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("deleteLine" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
);

function mutate(source: string, ms: Mutation[]): string {
  let s = source;
  for (const m of ms) {
    const at = s.length ? ("at" in m ? m.at % (s.length + 1) : 0) : 0;
    const lines = s.split("\n");
    switch (m.kind) {
      case "delete":
        s = s.slice(0, at) + s.slice(at + m.length);
        break;
      case "insert":
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      case "duplicate":
        s = s.slice(0, at) + s.slice(at, at + m.length) + s.slice(at);
        break;
      case "deleteLine":
        lines.splice(m.line % lines.length, 1);
        s = lines.join("\n");
        break;
      case "duplicateLine": {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i]);
        s = lines.join("\n");
        break;
      }
      case "swapLines": {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        s = lines.join("\n");
        break;
      }
    }
  }
  return s;
}

describe("parseSop on mutated valid documents", () => {
  it("never throws on damaged fixtures", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(goodFullFeatured, goodPersian, goodMinimal),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (source, ms) => {
          parseAndCheck(mutate(source, ms));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never throws on damaged generated documents", () => {
    fc.assert(
      fc.property(genDoc, fc.array(mutation, { minLength: 1, maxLength: 4 }), (g, ms) => {
        parseAndCheck(mutate(render(g).source, ms));
      }),
      { numRuns: 200 },
    );
  });
});
