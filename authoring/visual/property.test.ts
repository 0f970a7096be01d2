// Property tests for the MDX ⇄ blocks mapping (issue 17): a no-op round trip gives the same bytes for every
// input (the demo library, every test fixture, broken ones included, generated and damaged documents, arbitrary
// text); an edit of one block changes only that block's lines; every edited document still parses with no
// diagnostic it did not have; right-to-left SOPs edit like the others.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "../../sop-schema/parse";
import { blockSource, fromBlocks, layout, toBlocks, walkBlocks } from "./blocks";
import { deleteBlock, duplicateBlock, insertBlock, moveBlock, updateProps, updateText } from "./edit";
import type { Block, ComponentBlock, VisualDoc } from "./model";
import { escapeText } from "./text";

const root = new URL("../../", import.meta.url);

function mdxFiles(dir: string): { name: string; source: string }[] {
  const out: { name: string; source: string }[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(new URL(rel, root), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}${e.name}/`);
      else if (e.name.endsWith(".mdx"))
        out.push({ name: rel + e.name, source: readFileSync(new URL(rel + e.name, root), "utf8") });
    }
  };
  walk(dir);
  return out;
}

const library = mdxFiles("content/sops/");
const fixtures = mdxFiles("tests/fixtures/sops/");
const corpus = [...library, ...fixtures];

// ---- generated documents ------------------------------------------------------------------------

const word = fc.constantFrom(
  "call",
  "customer",
  "refund",
  "AIDET",
  "café",
  "Straße",
  "تماس",
  "مشتری",
  "سفارش",
  "Ελλάδα",
  "问题",
  "2024",
  "R&D",
  "5 \\< 6",
  "\\{x\\}",
  "**bold**",
  "*em*",
  "`code`",
  "[link](https://example.com)",
);
const sentence = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(" "));
const attrText = fc
  .array(fc.constantFrom("Greet", "the", "customer", "تأیید", "هویت", '"q"', "a & b", "<x>", "{y}"), {
    minLength: 1,
    maxLength: 4,
  })
  .map((ws) => ws.join(" "));

type Style = { indent: string; blank: boolean; eol: "\n" | "\r\n"; bom: boolean };
const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom("", "  ", "    "),
  blank: fc.boolean(),
  eol: fc.constantFrom("\n" as const, "\r\n" as const),
  bom: fc.boolean(),
});

type GenBlock =
  | { k: "p"; text: string }
  | { k: "say"; text: string; ref: boolean; block: boolean }
  | { k: "field"; label: string; type: string; required: boolean }
  | { k: "check"; text: string }
  | { k: "tip"; text: string; warning: boolean }
  | { k: "list"; items: string[] }
  | { k: "table"; cells: string[] }
  | { k: "escalate"; to: string; say: string }
  | { k: "comment"; text: string };

const genBlock: fc.Arbitrary<GenBlock> = fc.oneof(
  fc.record({ k: fc.constant("p" as const), text: sentence }),
  fc.record({ k: fc.constant("say" as const), text: sentence, ref: fc.boolean(), block: fc.boolean() }),
  fc.record({
    k: fc.constant("field" as const),
    label: attrText,
    type: fc.constantFrom("text", "number", "date", "yes-no", "select"),
    required: fc.boolean(),
  }),
  fc.record({ k: fc.constant("check" as const), text: sentence }),
  fc.record({ k: fc.constant("tip" as const), text: sentence, warning: fc.boolean() }),
  fc.record({ k: fc.constant("list" as const), items: fc.array(sentence, { minLength: 1, maxLength: 3 }) }),
  fc.record({ k: fc.constant("table" as const), cells: fc.array(sentence, { minLength: 2, maxLength: 2 }) }),
  fc.record({ k: fc.constant("escalate" as const), to: attrText, say: sentence }),
  fc.record({ k: fc.constant("comment" as const), text: sentence }),
);

const genDoc = fc.record({
  style,
  language: fc.constantFrom("en", "fa", "el"),
  intro: fc.option(sentence, { nil: null }),
  sections: fc.array(
    fc.record({
      heading: fc.option(sentence, { nil: null }),
      steps: fc.array(
        fc.record({
          title: attrText,
          id: fc.boolean(),
          // a step starts with its instructions (so that no generated step is empty, as in a real SOP)
          blocks: fc
            .tuple(sentence, fc.array(genBlock, { maxLength: 5 }))
            .map(([text, rest]): GenBlock[] => [{ k: "p", text }, ...rest]),
          flow: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});
type GenDoc = typeof genDoc extends fc.Arbitrary<infer T> ? T : never;

function render(g: GenDoc): string {
  const { indent: ind, blank, eol, bom } = g.style;
  const sep = blank ? [""] : [];
  let field = 0;
  let step = 0;
  const out: string[] = [
    "---",
    "title: Generated",
    "department: Customer Service",
    "purpose: Generated for a property test.",
    `language: ${g.language}`,
    "targets:",
    "  handleTime: 6m",
    "---",
    "",
  ];
  if (g.intro) out.push(g.intro, "");
  for (const section of g.sections) {
    if (section.heading) out.push(`## ${section.heading}`, "");
    for (const s of section.steps) {
      step++;
      out.push(`<Step title="${s.title.replace(/"/g, "&quot;")}"${s.id ? ` id="step-${step}"` : ""}>`, ...sep);
      let previous: GenBlock["k"] | null = null;
      const names: string[] = [];
      for (const b of s.blocks) {
        // Markdown text needs a blank line before whatever follows it, as in any real SOP.
        if (!blank && previous && ["p", "list", "table", "comment"].includes(previous)) out.push("");
        switch (b.k) {
          case "p":
            out.push(ind + b.text);
            break;
          case "say": {
            const ref = b.ref && names.length ? ` {${names[0]}}` : "";
            if (b.block) out.push(`${ind}<Say>`, `${ind}  ${b.text}${ref}`, `${ind}</Say>`);
            else out.push(`${ind}<Say>${b.text}${ref}</Say>`);
            break;
          }
          case "field": {
            const name = `field_${++field}`;
            names.push(name);
            const options = b.type === "select" ? ' options="A|B"' : "";
            const label = b.label.replace(/"/g, "&quot;");
            const required = b.required ? " required" : "";
            out.push(`${ind}<Field name="${name}" label="${label}" type="${b.type}"${required}${options} />`);
            break;
          }
          case "check":
            out.push(`${ind}<Check>${b.text}</Check>`);
            break;
          case "tip": {
            const tag = b.warning ? "Warning" : "Tip";
            out.push(`${ind}<${tag}>`, "", ind + b.text, "", `${ind}</${tag}>`);
            break;
          }
          case "list":
            out.push(...b.items.map((i) => `${ind}- ${i}`));
            break;
          case "table":
            out.push(`${ind}| A | B |`, `${ind}|---|---|`, `${ind}| ${b.cells.join(" | ")} |`);
            break;
          case "escalate":
            out.push(
              `${ind}<Escalate to="${b.to.replace(/"/g, "&quot;")}" reason="Above the limit">`,
              `${ind}  <Say>${b.say}</Say>`,
              `${ind}</Escalate>`,
            );
            break;
          case "comment":
            out.push(`${ind}{/* ${b.text} */}`);
            break;
        }
        if (blank) out.push("");
        previous = b.k;
      }
      if (s.flow) {
        if (!blank && previous && ["p", "list", "table", "comment"].includes(previous)) out.push("");
        out.push(
          `${ind}<Flow id="flow-${step}" title="Decide">`,
          `${ind}  <Node id="start" type="start" label="Start" />`,
          `${ind}  <Node id="end" type="end" label="Done" />`,
          `${ind}  <Edge from="start" to="end" />`,
          `${ind}</Flow>`,
          ...sep,
        );
      }
      out.push("</Step>", "");
    }
  }
  return (bom ? "\ufeff" : "") + out.join(eol);
}

// ---- damage ---------------------------------------------------------------------------------------

const TOKENS = [
  "<",
  ">",
  "/>",
  "</",
  "{",
  "}",
  "\\",
  '"',
  "\n",
  "\n\n",
  "  ",
  "---\n",
  "- ",
  "> ",
  "```",
  "*",
  "|",
  "<Step>",
  "</Step>",
  "<Say>",
  "</Say>",
  "{x}",
  "\r\n",
  "فارسی",
];
const damage = fc.array(
  fc.record({
    at: fc.nat(),
    cut: fc.integer({ min: 0, max: 12 }),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 })),
  }),
  { minLength: 1, maxLength: 4 },
);
function damaged(source: string, ds: { at: number; cut: number; text: string }[]): string {
  let s = source;
  for (const d of ds) {
    const at = s.length ? d.at % (s.length + 1) : 0;
    s = s.slice(0, at) + d.text + s.slice(at + d.cut);
  }
  return s;
}

// ---- helpers --------------------------------------------------------------------------------------

function blocks(doc: VisualDoc): { block: Block; parent: ComponentBlock | null }[] {
  return [...walkBlocks(doc.body)];
}

/** What a document says in blocks, without ids and offsets: to compare an edited model with a fresh read. */
function shape(doc: VisualDoc): unknown {
  const one = (b: Block): unknown =>
    b.kind === "component"
      ? { name: b.name, props: b.props, children: b.children?.blocks.map(one) ?? null }
      : { kind: b.kind, text: blockSource(b).trim() };
  return doc.body.blocks.map(one);
}

/** Diagnostic codes with how often each occurs (remembered per source: the library is edited again and again). */
const codesCache = new Map<string, Map<string, number>>();
function codes(source: string): Map<string, number> {
  const known = codesCache.get(source);
  if (known) return known;
  const m = new Map<string, number>();
  if (codesCache.size < 500) codesCache.set(source, m);
  for (const d of parseSop(source).diagnostics) m.set(d.code, (m.get(d.code) ?? 0) + 1);
  return m;
}

function expectNoNewDiagnostics(before: string, after: string): void {
  const a = codes(before);
  const added = [...codes(after)].filter(([code, n]) => n > (a.get(code) ?? 0));
  expect(added, after).toEqual([]);
}

/** The changed lines: [from, to) in `before` and in `after`, between the common first and last lines. */
function changedLines(before: string, after: string) {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { before: [head, a.length - tail] as const, after: [head, b.length - tail] as const, a, b };
}

/** Line numbers (0-based, inclusive) of a block in the printed document. */
function linesOf(doc: VisualDoc, id: string): [number, number] {
  const { text, spans } = layout(doc);
  const span = spans.get(id)!;
  const line = (offset: number) => text.slice(0, offset).split("\n").length - 1;
  return [line(span.start), line(Math.max(span.start, span.end - 1))];
}

// ---- no-op round trip -----------------------------------------------------------------------------

describe("no-op round trip", () => {
  it("gives the same bytes for the demo library and every test fixture", () => {
    expect(library.length).toBeGreaterThanOrEqual(10);
    expect(fixtures.length).toBeGreaterThanOrEqual(90);
    for (const { name, source } of corpus) expect(fromBlocks(toBlocks(source)), name).toBe(source);
  });

  it("reads every block of the library and the good fixtures (no source blocks), with exact origins", () => {
    for (const { name, source } of [...library, ...fixtures.filter((f) => f.name.includes("/good/"))]) {
      const doc = toBlocks(source);
      for (const { block } of blocks(doc)) {
        expect(block.kind, `${name}: ${blockSource(block)}`).not.toBe("source");
        expect(source.slice(block.origin!.start, block.origin!.end)).toBe(blockSource(block));
      }
      // what is between blocks is only white space: nothing is hidden from the visual view
      for (const { block } of [{ block: null as Block | null }, ...blocks(doc)]) {
        const gaps = block === null ? doc.body.gaps : block.kind === "component" ? (block.children?.gaps ?? []) : [];
        for (const g of gaps) expect(g, name).toMatch(/^\s*$/);
      }
    }
  });

  it("gives the same bytes for generated documents, and reads them without source blocks", () => {
    fc.assert(
      fc.property(genDoc, (g) => {
        const source = render(g);
        const doc = toBlocks(source);
        expect(fromBlocks(doc)).toBe(source);
        expect(
          blocks(doc)
            .filter((b) => b.block.kind === "source")
            .map((b) => blockSource(b.block)),
        ).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("gives the same bytes for damaged documents and arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constantFrom(...corpus.map((c) => c.source)), damage).map(([s, d]) => damaged(s, d)),
          genDoc.chain((g) => damage.map((d) => damaged(render(g), d))),
          fc.string({ maxLength: 300 }),
          fc
            .array(fc.constantFrom(...TOKENS, "a", " ", "## x", "<Check>y</Check>"), { maxLength: 40 })
            .map((t) => t.join("")),
        ),
        (source) => {
          expect(fromBlocks(toBlocks(source))).toBe(source);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---- edits ------------------------------------------------------------------------------------------

/** Sources to edit: the library, the good fixtures and generated documents. */
const editable = fc.oneof(
  fc.constantFrom(
    ...library.map((l) => l.source),
    ...fixtures.filter((f) => f.name.includes("/good/")).map((f) => f.source),
  ),
  genDoc.map(render),
);

type Pick = { doc: VisualDoc; block: Block; parent: ComponentBlock | null };
function pick(source: string, n: number, want: (b: Block, parent: ComponentBlock | null) => boolean): Pick | null {
  const doc = toBlocks(source);
  const list = blocks(doc).filter((x) => want(x.block, x.parent));
  if (list.length === 0) return null;
  const x = list[n % list.length];
  return { doc, block: x.block, parent: x.parent };
}

const is = (b: Block, ...names: string[]): boolean => b.kind === "component" && names.includes(b.name);

function checkEdited(before: string, doc: VisualDoc, edited: VisualDoc): string {
  const after = fromBlocks(edited);
  // the model says what the parser reads: reading the result again gives the same blocks
  const reread = toBlocks(after);
  expect(shape(reread)).toEqual(shape(edited));
  expect(fromBlocks(reread)).toBe(after);
  expectNoNewDiagnostics(before, after);
  return after;
}

// Each run of an edit property parses a whole SOP several times (up to 27 KB, ~100 ms a parse): 100 runs take
// 5–12 s alone and more on a busy machine, past vitest's 20 s default, which made them fail as timeouts.
const EDIT_TIMEOUT = 120_000;

describe("editing one block", () => {
  it(
    "changing a prop or a text changes only that block's lines, and adds no diagnostic",
    () => {
      fc.assert(
        fc.property(editable, fc.nat(), attrText, sentence, fc.boolean(), (source, n, value, words, flag) => {
          const p = pick(source, n, (b, parent) => {
            if (parent?.inline) return false;
            if (b.kind === "paragraph" || b.kind === "heading")
              return parent === null || is(parent, "Step", "Tip", "Warning");
            return is(b, "Step", "Field", "Escalate", "Say", "Check", "Tip", "Warning");
          });
          if (!p) return;
          const { doc, block } = p;
          let edited: VisualDoc;
          if (block.kind === "component" && is(block, "Say", "Check", "Tip", "Warning")) {
            const kids = block.children?.blocks ?? [];
            if (kids.length > 1 || (kids[0] && kids[0].kind !== "paragraph")) return;
            edited = updateText(doc, block.id, escapeText(words));
          } else if (block.kind === "component") {
            const patch =
              block.name === "Step"
                ? { title: value }
                : block.name === "Field"
                  ? flag
                    ? { label: value, help: words }
                    : { required: !(block.props as { required?: boolean }).required }
                  : { reason: value };
            edited = updateProps(doc, block.id, patch);
          } else edited = updateText(doc, block.id, escapeText(words));
          const after = checkEdited(source, doc, edited);
          // only the block's own lines changed; for a step or escalation, only its opening tag's lines
          const [first, last] = linesOf(doc, block.id);
          const tag =
            block.kind === "component"
              ? block.open + block.attrs.map((a) => a.lead + a.raw).join("") + block.openEnd
              : "";
          const props = block.kind === "component" && !is(block, "Say", "Check", "Tip", "Warning");
          const lastAllowed = props ? first + tag.split("\n").length - 1 : last;
          const c = changedLines(fromBlocks(doc), after);
          if (c.before[0] < c.before[1]) {
            expect(c.before[0]).toBeGreaterThanOrEqual(first);
            expect(c.before[1] - 1).toBeLessThanOrEqual(lastAllowed);
          }
        }),
        { numRuns: 100 },
      );
    },
    EDIT_TIMEOUT,
  );

  it(
    "inserting a block adds lines (and at most blank separators) and nothing else",
    () => {
      fc.assert(
        fc.property(editable, fc.nat(), sentence, fc.nat(3), (source, n, words, kind) => {
          const p = pick(source, n, (b) => is(b, "Step"));
          if (!p) return;
          const { doc, block } = p;
          const specs = [
            { kind: "component" as const, name: "Check" as const, text: escapeText(words) },
            { kind: "component" as const, name: "Tip" as const, text: escapeText(words) },
            { kind: "paragraph" as const, text: escapeText(words) },
            {
              kind: "component" as const,
              name: "Step" as const,
              props: { title: words.replace(/[\\*`[\]()<>{}]/g, "") || "New" },
              children: [{ kind: "paragraph" as const, text: escapeText(words) }],
            },
          ];
          const spec = specs[kind];
          const place = spec.kind === "component" && spec.name === "Step" ? { after: block.id } : { into: block.id };
          const edited = insertBlock(doc, place, spec).doc;
          const after = checkEdited(source, doc, edited);
          const c = changedLines(fromBlocks(doc), after);
          // what was there is still there, in order: only blank lines may have been added around the new block
          for (let i = c.before[0]; i < c.before[1]; i++) expect(c.a[i].trim(), after).toBe("");
        }),
        { numRuns: 120 },
      );
    },
    EDIT_TIMEOUT,
  );

  it(
    "deleting a check, tip or paragraph removes only its lines",
    () => {
      fc.assert(
        fc.property(editable, fc.nat(), (source, n) => {
          const p = pick(
            source,
            n,
            (b, parent) =>
              !!parent &&
              is(parent, "Step") &&
              // the step keeps some content (a comment is not content: the step would be empty)
              (parent.children?.blocks ?? []).some((x) => x.id !== b.id && x.kind !== "comment") &&
              (is(b, "Check", "Tip", "Warning") || b.kind === "paragraph"),
          );
          if (!p) return;
          const { doc, block } = p;
          const [first, last] = linesOf(doc, block.id);
          const after = checkEdited(source, doc, deleteBlock(doc, block.id));
          const c = changedLines(fromBlocks(doc), after);
          expect(c.after[1] - c.after[0]).toBeLessThanOrEqual(
            c.after[1] > c.after[0] && c.b[c.after[0]].trim() === "" ? 1 : 0,
          );
          if (c.after[1] > c.after[0]) {
            expect(c.before[0]).toBeGreaterThanOrEqual(first - 2);
            expect(c.before[1] - 1).toBeLessThanOrEqual(last + 2);
            return;
          }
          // A pure removal of `len` lines: an identical neighbour (two equal tips) lets the prefix/suffix diff put
          // the run anywhere from `lo` to `hi` with the same text; one of those places must be the block's.
          // `changedLines` caps the common suffix at the common prefix, so the lowest start comes from the longest
          // common suffix on its own (every start between it and the prefix's end removes the same text).
          const len = c.a.length - c.b.length;
          let suffix = 0;
          while (suffix < c.b.length && c.a[c.a.length - 1 - suffix] === c.b[c.b.length - 1 - suffix]) suffix++;
          const [lo, hi] = [c.b.length - suffix, c.before[0]];
          const starts = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
          expect(starts.some((i) => i >= first - 2 && i + len - 1 <= last + 2)).toBe(true);
        }),
        { numRuns: 120 },
      );
    },
    EDIT_TIMEOUT,
  );

  it(
    "moving a step keeps every line, and duplicating a step or field adds no diagnostic",
    () => {
      fc.assert(
        fc.property(editable, fc.nat(), fc.nat(), fc.boolean(), (source, n, m, dup) => {
          const p = pick(source, n, (b, parent) => parent === null && is(b, "Step"));
          if (!p) return;
          const { doc, block } = p;
          if (dup) {
            const target = pick(source, m, (b) => is(b, "Step", "Field", "Check") && !blockSource(b).includes("<Flow"));
            if (!target) return;
            const edited = duplicateBlock(target.doc, target.block.id).doc;
            const after = checkEdited(source, target.doc, edited);
            const c = changedLines(fromBlocks(target.doc), after);
            for (let i = c.before[0]; i < c.before[1]; i++) expect(c.a[i].trim()).toBe("");
            return;
          }
          const steps = doc.body.blocks.filter((b) => is(b, "Step") && b.id !== block.id);
          if (steps.length === 0) return;
          const other = steps[m % steps.length];
          const edited = moveBlock(doc, block.id, { before: other.id });
          const after = fromBlocks(edited);
          expect(shape(toBlocks(after))).toEqual(shape(edited));
          const lines = (s: string) =>
            s
              .split("\n")
              .filter((l) => l.trim() !== "")
              .sort();
          expect(lines(after)).toEqual(lines(fromBlocks(doc)));
          // a step moved before another never adds an error (goto nodes refer to ids, which did not change)
          const errs = (s: string) => parseSop(s).diagnostics.filter((d) => d.severity === "error").length;
          expect(errs(after)).toBeLessThanOrEqual(errs(source));
        }),
        { numRuns: 100 },
      );
    },
    EDIT_TIMEOUT,
  );
});

describe("right-to-left SOPs", () => {
  const persian = library.filter((l) => l.name.includes("/fa-"));

  it("round-trip and edit like the others: Persian words with Latin field names inside", () => {
    expect(persian.length).toBeGreaterThan(0);
    for (const { source } of persian) {
      const doc = toBlocks(source);
      expect(fromBlocks(doc)).toBe(source);
      const say = blocks(doc).find((b) => is(b.block, "Say") && (b.block as ComponentBlock).inline)!.block;
      const words = `${escapeText("سلام")} {customer_name}${escapeText("، خوش آمدید.")}`;
      const edited = updateText(doc, say.id, words);

      const after = checkEdited(source, doc, edited);
      const c = changedLines(source, after);
      expect(c.before[1] - c.before[0]).toBe(1);
      expect(c.b[c.after[0]]).toContain("<Say>سلام {customer_name}، خوش آمدید.</Say>");
      const step = blocks(doc).find((b) => is(b.block, "Step"))!.block;
      const titled = checkEdited(source, doc, updateProps(doc, step.id, { title: "خوشامدگویی (AIDET)" }));
      expect(changedLines(source, titled).b.join("\n")).toContain('title="خوشامدگویی (AIDET)"');
    }
  });
});
