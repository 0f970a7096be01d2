import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { parseSop } from "../sop-schema/parse";
import {
  emptyFrontMatterValues,
  placeholderMessage,
  readFrontMatter,
  validateFrontMatter,
  writeFrontMatter,
} from "./front-matter";
import type { FrontMatterValues } from "./front-matter";

const contentDir = new URL("../content/sops/", import.meta.url);
const demo = readdirSync(contentDir)
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((file) => ({ file, source: readFileSync(new URL(file, contentDir), "utf8") }));

const body = (source: string) => source.slice(readFrontMatter(source).bodyStart);

const SAMPLE = `---
# Owned by the billing team
id: sample-sop
title: Refund request   # shown in the library
department: Billing
purpose: "Note: refunds are fair"
tags: [billing, refunds]
terms:
  - term: RMA
    meaning: Return merchandise authorisation
  # the next one is new
  - term: DOA
    meaning: Dead on arrival
targets:
  handleTime: 6m
  firstResponse: 20s
  wrapUp: 1m
custom: keep me
reviewEvery: 180d
---

<Step title="Do it">
  Text with {braces} and --- dashes.
</Step>
`;

describe("readFrontMatter", () => {
  it("reads every field, flattening targets", () => {
    const r = readFrontMatter(SAMPLE);
    expect(r.error).toBeUndefined();
    expect(r.values).toEqual<FrontMatterValues>({
      title: "Refund request",
      department: "Billing",
      purpose: "Note: refunds are fair",
      terms: [
        { term: "RMA", meaning: "Return merchandise authorisation" },
        { term: "DOA", meaning: "Dead on arrival" },
      ],
      owner: "",
      tags: ["billing", "refunds"],
      language: "",
      handleTime: "6m",
      firstResponse: "20s",
      reviewEvery: "180d",
      reviewBy: "",
    });
    expect(SAMPLE.slice(r.bodyStart)).toBe('\n<Step title="Do it">\n  Text with {braces} and --- dashes.\n</Step>\n');
  });

  it("reads every demo SOP like the parser does", () => {
    for (const { file, source } of demo) {
      const { values, error } = readFrontMatter(source);
      const doc = parseSop(source, { filename: file });
      expect(error, file).toBeUndefined();
      expect(values.title).toBe(doc.meta.title);
      expect(values.department).toBe(doc.meta.department);
      expect(values.purpose).toBe(doc.meta.purpose);
      expect(values.tags).toEqual(doc.meta.tags);
      expect(values.terms).toEqual(doc.glossary);
      expect(values.handleTime).toBe(doc.meta.targets.handleTime);
      expect(values.firstResponse).toBe(doc.meta.targets.firstResponse ?? "");
      expect(values.reviewEvery).toBe(doc.meta.reviewEvery ?? "");
      expect(values.reviewBy).toBe(doc.meta.reviewBy ?? "");
      expect(values.owner).toBe(doc.meta.owner ?? "");
      expect(validateFrontMatter(values), file).toEqual({});
    }
  });

  it("handles no front matter, BOM, CRLF, empty and unclosed blocks", () => {
    expect(readFrontMatter("Just text\n")).toEqual({
      values: emptyFrontMatterValues(),
      bodyStart: 0,
      placeholders: [],
    });
    expect(readFrontMatter("\ufeffJust text").bodyStart).toBe(1);
    const crlf = "---\r\ntitle: A\r\n---\r\nBody\r\n";
    expect(readFrontMatter(crlf).values.title).toBe("A");
    expect(crlf.slice(readFrontMatter(crlf).bodyStart)).toBe("Body\r\n");
    const bom = "\ufeff---\ntitle: B\n---\nBody";
    expect(readFrontMatter(bom).values.title).toBe("B");
    expect(body(bom)).toBe("Body");
    expect(readFrontMatter("---\n---\nBody").values).toEqual(emptyFrontMatterValues());
    expect(readFrontMatter("---\ntitle: A\n---").bodyStart).toBe(16);
    const unclosed = readFrontMatter("---\ntitle: A\nBody");
    expect(unclosed.error).toMatch(/never closed/);
    expect(unclosed.bodyStart).toBe(0);
  });

  it("reports broken YAML with the parser's message and a file line", () => {
    const r = readFrontMatter("---\ntitle: A\npurpose: Note: this\n---\nBody");
    expect(r.error).toMatch(/^Line 3: /);
    expect(r.error).toMatch(/": "/);
    expect(readFrontMatter("---\n- a\n- b\n---\n").error).toMatch(/key: value/);
  });

  it("reads numbers and odd shapes as text without throwing", () => {
    const r = readFrontMatter("---\ntitle: 123\ntags: solo\ntargets:\n  handleTime: 90\nterms: [x]\n---\n");
    expect(r.values.title).toBe("123");
    expect(r.values.tags).toEqual(["solo"]);
    expect(r.values.handleTime).toBe("90");
    expect(r.values.terms).toEqual([{ term: "x", meaning: "" }]);
  });
});

describe("writeFrontMatter", () => {
  it("returns every demo SOP unchanged when the values are unchanged", () => {
    for (const { source } of demo) expect(writeFrontMatter(source, readFrontMatter(source).values)).toBe(source);
  });

  it("changes only the edited line of a demo SOP and keeps the body", () => {
    for (const { file, source } of demo) {
      const values = readFrontMatter(source).values;
      const out = writeFrontMatter(source, { ...values, title: `${values.title} (v2)` });
      const a = source.split("\n");
      const b = out.split("\n");
      expect(b.length, file).toBe(a.length);
      const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
      expect(changed.length, file).toBe(1);
      expect(b[changed[0]]).toMatch(/^title: .*\(v2\)$/);
      expect(body(out)).toBe(body(source));
      expect(parseSop(out, { filename: file }).meta.title).toBe(`${values.title} (v2)`);
    }
  });

  it(
    "keeps comments (spacing before a trailing comment is normalised), unknown " +
      "keys, other targets and order; adds new keys at their canonical place",
    () => {
      const values = readFrontMatter(SAMPLE).values;
      const out = writeFrontMatter(SAMPLE, {
        ...values,
        owner: "lead@stepwise.example",
        language: "fr",
        handleTime: "7m",
        firstResponse: "",
        terms: [...values.terms, { term: "ETA", meaning: "Estimated time of arrival" }],
      });
      expect(out).toBe(`---
# Owned by the billing team
id: sample-sop
title: Refund request # shown in the library
department: Billing
purpose: "Note: refunds are fair"
owner: lead@stepwise.example
tags: [billing, refunds]
language: fr
terms:
  - term: RMA
    meaning: Return merchandise authorisation
  # the next one is new
  - term: DOA
    meaning: Dead on arrival
  - term: ETA
    meaning: Estimated time of arrival
targets:
  handleTime: 7m
  wrapUp: 1m
custom: keep me
reviewEvery: 180d
---

<Step title="Do it">
  Text with {braces} and --- dashes.
</Step>
`);
    },
  );

  it("removes cleared keys and switches reviewEvery to reviewBy", () => {
    const values = readFrontMatter(SAMPLE).values;
    const out = writeFrontMatter(SAMPLE, { ...values, tags: [], terms: [], reviewEvery: "", reviewBy: "2027-05-01" });
    expect(out).not.toMatch(/tags:|terms:|reviewEvery/);
    expect(out).toMatch(/ {2}wrapUp: 1m\nreviewBy: 2027-05-01\ncustom: keep me\n---\n/);
    expect(readFrontMatter(out).values.reviewBy).toBe("2027-05-01");
  });

  it("quotes values YAML would misread", () => {
    const src = "---\ntitle: A\n---\nBody";
    const values = {
      ...readFrontMatter(src).values,
      title: "Note: #1",
      purpose: "true",
      tags: ["123", "a, b", "- x"],
      handleTime: "6m",
    };
    const out = writeFrontMatter(src, values);
    expect(readFrontMatter(out).values).toEqual({ ...values });
    expect(out).toMatch(/title: "Note: #1"/);
  });

  it("adds a front matter block to a source without one, keeping the body byte for byte", () => {
    const src = '## Opening\n\n<Step title="Hi">Hello</Step>\n';
    const values: FrontMatterValues = {
      ...emptyFrontMatterValues(),
      title: "New SOP",
      department: "Billing",
      purpose: "Why it exists.",
      handleTime: "5m",
      tags: ["a", "b"],
      terms: [{ term: "AHT", meaning: "Average handle time" }],
    };
    const out = writeFrontMatter(src, values);
    expect(out).toBe(`---
title: New SOP
department: Billing
purpose: Why it exists.
tags: [a, b]
terms:
  - term: AHT
    meaning: Average handle time
targets:
  handleTime: 5m
---
## Opening

<Step title="Hi">Hello</Step>
`);
    expect(body(out)).toBe(src);
    expect(parseSop(out).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("keeps CRLF line endings and the BOM", () => {
    const src = "\ufeff---\r\ntitle: A\r\ndepartment: B\r\n---\r\nBody\r\n";
    const out = writeFrontMatter(src, { ...readFrontMatter(src).values, title: "C" });
    expect(out).toBe("\ufeff---\r\ntitle: C\r\ndepartment: B\r\n---\r\nBody\r\n");
  });

  it("rewrites a broken YAML block from the values", () => {
    const src = "---\ntitle: A\npurpose: Note: this\n---\nBody";
    const out = writeFrontMatter(src, { ...emptyFrontMatterValues(), title: "A", purpose: "Note: this" });
    expect(readFrontMatter(out).error).toBeUndefined();
    expect(readFrontMatter(out).values.purpose).toBe("Note: this");
    expect(body(out)).toBe("Body");
  });

  it("drops blank tags and blank term rows", () => {
    const src = "---\ntitle: A\n---\n";
    const out = writeFrontMatter(src, {
      ...readFrontMatter(src).values,
      tags: ["", "x", " "],
      terms: [
        { term: "", meaning: "" },
        { term: "T", meaning: "" },
      ],
    });
    expect(readFrontMatter(out).values.tags).toEqual(["x"]);
    expect(readFrontMatter(out).values.terms).toEqual([{ term: "T", meaning: "" }]);
  });

  it("round-trips arbitrary values (property)", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        "Note: x",
        "# not a comment",
        "'quoted'",
        '"dq"',
        "- dash",
        "true",
        "null",
        "123",
        "1e3",
        "a\nb",
        " padded ",
        "{x}",
        "[a]",
        "&anchor",
        "*alias",
        "---",
        "...",
        "ß ∑ فارسی",
      ),
    );
    const nonBlank = text.filter((s) => s.trim() !== "");
    const values = fc.record({
      title: text,
      department: text,
      purpose: text,
      terms: fc.array(fc.record({ term: nonBlank, meaning: nonBlank }), { maxLength: 3 }),
      owner: text,
      tags: fc.array(nonBlank, { maxLength: 3 }),
      language: text,
      handleTime: text,
      firstResponse: text,
      reviewEvery: text,
      reviewBy: text,
    });
    fc.assert(
      fc.property(fc.constantFrom(SAMPLE, demo[0].source, "Body only\n", "---\n---\n"), values, (src, v) => {
        const out = writeFrontMatter(src, v);
        const back = readFrontMatter(out);
        expect(back.error).toBeUndefined();
        const blankToEmpty = (s: string) => (s.trim() === "" ? "" : s);
        expect(back.values).toEqual({
          title: blankToEmpty(v.title),
          department: blankToEmpty(v.department),
          purpose: blankToEmpty(v.purpose),
          terms: v.terms,
          owner: blankToEmpty(v.owner),
          tags: v.tags,
          language: blankToEmpty(v.language),
          handleTime: blankToEmpty(v.handleTime),
          firstResponse: blankToEmpty(v.firstResponse),
          reviewEvery: blankToEmpty(v.reviewEvery),
          reviewBy: blankToEmpty(v.reviewBy),
        });
        expect(body(out)).toBe(src.includes("---\n") && src.startsWith("---") ? body(src) : src);
        // Writing the same values again changes nothing.
        expect(writeFrontMatter(out, back.values)).toBe(out);
      }),
      { numRuns: 300 },
    );
  });
});

describe("validateFrontMatter", () => {
  const valid: FrontMatterValues = {
    ...emptyFrontMatterValues(),
    title: "T",
    department: "D",
    purpose: "P",
    handleTime: "6m",
  };

  it("accepts the minimum", () => {
    expect(validateFrontMatter(valid)).toEqual({});
  });

  it("reports required fields with the parser's messages", () => {
    const errors = validateFrontMatter(emptyFrontMatterValues());
    expect(Object.keys(errors).sort()).toEqual(["department", "handleTime", "purpose", "title"]);
    expect(errors.title).toMatch(/needs `title`/);
    expect(errors.handleTime).toMatch(/handleTime/);
  });

  it("checks formats per field", () => {
    const errors = validateFrontMatter({
      ...valid,
      owner: "not-an-email",
      language: "English",
      handleTime: "90",
      firstResponse: "soon",
      reviewEvery: "2h",
      terms: [{ term: "AHT", meaning: "" }],
    });
    expect(errors.owner).toMatch(/e-mail/);
    expect(errors.language).toMatch(/language code/);
    expect(errors.handleTime).toMatch(/needs a unit/);
    expect(errors.firstResponse).toMatch(/not a duration/);
    expect(errors.reviewEvery).toMatch(/review interval/);
    expect(errors.terms).toMatch(/^Term 1: .*meaning/);
    expect(validateFrontMatter({ ...valid, reviewBy: "2027-02-30" }).reviewBy).toMatch(/real date/);
  });

  it("reports both review settings and duplicate terms", () => {
    expect(validateFrontMatter({ ...valid, reviewEvery: "180d", reviewBy: "2027-05-01" }).reviewBy).toMatch(/not both/);
    expect(
      validateFrontMatter({
        ...valid,
        terms: [
          { term: "AHT", meaning: "a" },
          { term: "aht", meaning: "b" },
        ],
      }).terms,
    ).toMatch(/defined twice/);
  });

  it("agrees with the parser on what is an error (property)", () => {
    const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
    fc.assert(
      fc.property(
        fc.record({
          title: pick(["", "T"]),
          department: pick(["", "D"]),
          purpose: pick(["", "P"]),
          owner: pick(["", "a@b.example", "nope"]),
          language: pick(["", "fa", "xx-invalid-", "English"]),
          handleTime: pick(["", "6m", "90", "1m1h"]),
          firstResponse: pick(["", "20s", "x"]),
          reviewEvery: pick(["", "6mo", "3h"]),
          reviewBy: pick(["", "2027-05-01", "2027-13-01"]),
          tags: fc.constant<string[]>([]),
          terms: pick([[], [{ term: "A", meaning: "" }], [{ term: "A", meaning: "m" }]]),
        }),
        (v) => {
          const src = writeFrontMatter('<Step title="S">Do it.</Step>\n', v);
          const parserErrors = parseSop(src).diagnostics.filter((d) => d.severity === "error");
          expect(Object.keys(validateFrontMatter(v)).length === 0).toBe(parserErrors.length === 0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("quotes", () => {
  it("drops quotes the writer had to add once the value no longer needs them, keeps the author's own", () => {
    let src = readFileSync(new URL("call-opening-aidet.mdx", contentDir), "utf8");
    for (const v of ["9", "90", "9m"]) src = writeFrontMatter(src, { ...readFrontMatter(src).values, handleTime: v });
    expect(src).toContain("handleTime: 9m\n");
    let chosen = src.replace("handleTime: 9m", 'handleTime: "9m"');
    chosen = writeFrontMatter(chosen, { ...readFrontMatter(chosen).values, handleTime: "10m" });
    expect(chosen).toContain('handleTime: "10m"');
  });
});

describe("placeholders left by the Markdown import", () => {
  const imported = [
    "---",
    "title: Refunds",
    "department: Billing",
    'purpose: "TODO: say in one sentence why this procedure exists"',
    "targets:",
    "  handleTime: TODO",
    "  firstResponse: TODO",
    "---",
    "Body",
    "",
  ].join("\n");

  it("reads a TODO value as empty and lists the field as needing a value", () => {
    const r = readFrontMatter(imported);
    expect(r.error).toBeUndefined();
    expect(r.values).toMatchObject({ purpose: "", handleTime: "", firstResponse: "", title: "Refunds" });
    expect(r.placeholders).toEqual(["purpose", "handleTime", "firstResponse"]);
    expect(placeholderMessage("handleTime")).toBe(
      "Set the handle time target: the import left a placeholder " +
        "— write how long a call should take, e.g. handleTime: 6m",
    );
  });

  it("keeps the placeholders when another field changes, and replaces one when its field is filled in", () => {
    const retitled = writeFrontMatter(imported, { ...readFrontMatter(imported).values, title: "Refund requests" });
    expect(retitled).toContain("title: Refund requests");
    expect(retitled).toContain("handleTime: TODO");
    expect(retitled).toContain('purpose: "TODO: say in one sentence why this procedure exists"');
    const timed = writeFrontMatter(retitled, { ...readFrontMatter(retitled).values, handleTime: "6m" });
    expect(timed).toContain("handleTime: 6m");
    expect(readFrontMatter(timed).placeholders).toEqual(["purpose", "firstResponse"]);
    expect(writeFrontMatter(imported, readFrontMatter(imported).values)).toBe(imported);
  });
});
