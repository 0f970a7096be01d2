import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "../sop-schema/parse";
import { validateFlow } from "../flows/validate";
import { readFrontMatter } from "./front-matter";
import { BLOCK_SNIPPETS, SOP_TEMPLATES, insertSnippet, newSopSource, snippetText } from "./templates";
import { blocksReview, EXAMPLE_ATTRIBUTES, EXAMPLE_PURPOSES, EXAMPLE_TEXTS } from "../sop-schema/placeholders";

const parse = (source: string) => parseSop(source, { filename: "new-sop.mdx", validateFlow });
/** Every diagnostic but the example text a template or snippet writes on purpose (see "example text" below). */
const problems = (source: string) =>
  parse(source)
    .diagnostics.filter((d) => !blocksReview(d))
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
const examples = (source: string) =>
  parse(source)
    .diagnostics.filter(blocksReview)
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);

describe("SOP templates", () => {
  it("has blank and standard", () => {
    expect(SOP_TEMPLATES.map((t) => t.id)).toEqual(expect.arrayContaining(["blank", "standard"]));
    for (const t of SOP_TEMPLATES) {
      expect(t.name).not.toBe("");
      expect(t.description).not.toBe("");
    }
  });

  it.each(SOP_TEMPLATES.map((t) => t.id))(
    "%s parses with no errors and no warnings but its example text",
    (templateId) => {
      const source = newSopSource({ title: "Refund request", department: "Billing", templateId });
      expect(problems(source)).toEqual([]);
      const doc = parse(source);
      expect(doc.meta.title).toBe("Refund request");
      expect(doc.meta.department).toBe("Billing");
      expect(doc.steps.length).toBeGreaterThan(0);
    },
  );

  it("standard has the full structure", () => {
    const doc = parse(newSopSource({ title: "T", department: "D", templateId: "standard" }));
    expect(doc.sections.filter((s) => s.title).map((s) => s.title)).toEqual([
      "Opening",
      "Verification",
      "Resolution",
      "Wrap-up",
    ]);
    expect(doc.meta.purpose).not.toBe("");
    expect(doc.glossary.length).toBeGreaterThan(0);
    const blocks = doc.steps.flatMap((s) => s.blocks.map((b) => b.type));
    for (const type of ["say", "field", "check", "escalate", "flow", "tip", "warning"]) expect(blocks).toContain(type);
    expect(doc.flows).toHaveLength(1);
    expect(doc.flows[0].nodes.map((n) => n.type)).toEqual(
      expect.arrayContaining(["start", "question", "action", "escalate", "goto"]),
    );
  });

  it("writes language and owner, and falls back for unknown templates and empty names", () => {
    const source = newSopSource({
      title: "پیگیری سفارش",
      department: "Customer Service",
      templateId: "standard",
      language: "fa",
      owner: "lead@stepwise.example",
    });
    const doc = parse(source);
    expect(problems(source)).toEqual([]);
    expect(doc.meta.language).toBe("fa");
    expect(doc.meta.direction).toBe("rtl");
    expect(doc.meta.owner).toBe("lead@stepwise.example");
    const fallback = newSopSource({ title: " ", department: "", templateId: "nope" });
    expect(problems(fallback)).toEqual([]);
    expect(readFrontMatter(fallback).values.title).toBe("Untitled SOP");
    expect(readFrontMatter(fallback).values.department).toBe("Unassigned");
  });

  it("any title and department give a valid SOP (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom(...SOP_TEMPLATES.map((t) => t.id)),
        (title, department, templateId) => {
          const source = newSopSource({ title, department, templateId });
          expect(parse(source).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
          if (title.trim()) expect(readFrontMatter(source).values.title).toBe(title.trim());
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("block snippets", () => {
  const standard = newSopSource({ title: "T", department: "D", templateId: "standard" });

  it("covers the palette", () => {
    expect(BLOCK_SNIPPETS.map((s) => s.id)).toEqual([
      "step",
      "say",
      "field",
      "check",
      "tip",
      "warning",
      "escalation",
      "flow",
    ]);
  });

  /** Offset just before `</Step>` of the step whose opening tag contains `marker`. */
  const insideStep = (source: string, marker: string) => source.indexOf("</Step>", source.indexOf(marker));
  /** Offset just after the `</Step>` line of that step (top level of the section). */
  const afterStep = (source: string, marker: string) => insideStep(source, marker) + "</Step>\n".length;

  for (const snippet of BLOCK_SNIPPETS) {
    for (const where of snippet.where) {
      it(`${snippet.id} inserted in a ${where} keeps the SOP valid`, () => {
        const at = where === "step" ? insideStep(standard, 'id="verify"') : afterStep(standard, 'id="verify"');
        const { source, cursor } = insertSnippet(standard, at, snippetText(snippet.id, standard));
        expect(problems(source)).toEqual([]);
        expect(source.slice(0, cursor).endsWith(snippetText(snippet.id, standard))).toBe(true);
        const before = parse(standard);
        const after = parse(source);
        if (snippet.id === "step" || (snippet.id === "flow" && where === "section"))
          expect(after.steps.length).toBe(before.steps.length + 1);
        else expect(after.steps.length).toBe(before.steps.length);
      });
    }
  }

  it("inserting every step snippet twice stays valid (unique field names and flow ids)", () => {
    let source = standard;
    for (const round of [1, 2])
      for (const snippet of BLOCK_SNIPPETS) {
        // flows: one per step, so put each one at the top level of the section
        const where = snippet.where.includes("step") && snippet.id !== "flow" ? "step" : "section";
        const at = where === "step" ? insideStep(source, 'id="verify"') : afterStep(source, 'id="verify"');
        source = insertSnippet(source, at, snippetText(snippet.id, source)).source;
        expect(problems(source), `${snippet.id} round ${round}`).toEqual([]);
      }
    const doc = parse(source);
    expect(doc.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["new_field", "new_field_2"]));
    expect(doc.flows.map((f) => f.id)).toEqual(expect.arrayContaining(["resolution", "new-flow", "new-flow-2"]));
  });

  it("snippetText returns '' for unknown ids", () => {
    expect(snippetText("nope", "")).toBe("");
    expect(snippetText("check")).toBe("<Check>What the agent confirms</Check>");
    expect(snippetText("script")).toBe(snippetText("say"));
  });

  it("insertSnippet puts the block on its own lines with blank lines around", () => {
    expect(insertSnippet("a\nb\n", 1, "<X />").source).toBe("a\n\n<X />\n\nb\n");
    expect(insertSnippet("a\n\nb", 3, "<X />").source).toBe("a\n\n<X />\n\nb");
    expect(insertSnippet("", 0, "<X />").source).toBe("<X />\n");
    expect(insertSnippet("abc def", 3, "<X />").source).toBe("abc\n\n<X />\n\n def");
    expect(insertSnippet("a\r\nb\r\n", 1, "<X>\n</X>").source).toBe("a\r\n\r\n<X>\r\n</X>\r\n\r\nb\r\n");
  });
});

describe("example text (a warning that blocks review until it is replaced)", () => {
  const source = (templateId: string) => newSopSource({ title: "Refund request", department: "Billing", templateId });

  it("each template marks its example purpose and texts where they are", () => {
    expect(examples(source("blank"))).toEqual([
      "4:10 warning placeholder: Write the purpose: the template's example is still there",
      "11:7 warning example-text: Replace the example text: “First step”",
      "13:1 warning example-text: Replace the example text: “Describe what the agent does.”",
    ]);
    expect(examples(source("standard"))).toEqual([
      "4:10 warning placeholder: Write the purpose: the template's example is still there",
      "14:1 warning example-text: Replace the example text: " +
        "“Use this SOP when … (say which calls or requests it cover…”",
    ]);
    expect(examples(source("checklist")).map((e) => e.split(": ").pop())).toEqual([
      "the template's example is still there",
      "“First thing to check”",
      "“Second thing to check”",
      "“First action”",
      "“Second action”",
    ]);
  });

  it("every inserted snippet is marked until its example text is replaced", () => {
    const base = source("standard");
    const inStep = base.indexOf("</Step>", base.indexOf('id="verify"'));
    const before = examples(base).length;
    for (const snippet of BLOCK_SNIPPETS) {
      const at = snippet.where.includes("step") ? inStep : inStep + "</Step>\n".length;
      const inserted = insertSnippet(base, at, snippetText(snippet.id, base)).source;
      expect(examples(inserted).length, snippet.id).toBeGreaterThan(before);
    }
  });

  it("lists only examples the templates and snippets really write, and a changed word is the author's own", () => {
    const written = [...SOP_TEMPLATES.map((t) => source(t.id)), ...BLOCK_SNIPPETS.map((s) => s.text)]
      .join("\n")
      .replace(/\s+/g, " ");
    const listed = [
      ...EXAMPLE_PURPOSES,
      ...EXAMPLE_TEXTS,
      ...Object.values(EXAMPLE_ATTRIBUTES).flatMap(Object.values).flat(),
    ];
    expect(listed.filter((text) => !written.includes(text))).toEqual([]);
    const edited = source("blank").replace("Describe what the agent does.", "Describe what the agent does first.");
    expect(examples(edited).map((e) => e.split(": ").pop())).not.toContain("“Describe what the agent does.”");
    const purpose = source("blank").replace("why this SOP exists.", "why refunds are fair.");
    expect(examples(purpose).filter((e) => e.includes("placeholder"))).toEqual([]);
  });
});
