import { describe, expect, it } from "vitest";
import type { ComponentName } from "../../sop-schema/components";
import { blockSource, fromBlocks, layout, readFragment, toBlocks, walkBlocks } from "./blocks";
import type { Block, ComponentBlock, VisualDoc } from "./model";
import { FRONT_MATTER_ID } from "./model";
import { GREETING_HEAD } from "./test-sop";

const HEAD = GREETING_HEAD;

function all(doc: VisualDoc): Block[] {
  return [...walkBlocks(doc.body)].map((x) => x.block);
}

function component<N extends ComponentName>(doc: VisualDoc, name: N, nth = 0): ComponentBlock<N> {
  const found = all(doc).filter((b): b is ComponentBlock<N> => b.kind === "component" && b.name === name)[nth];
  if (!found) throw new Error(`no <${name}> #${nth}`);
  return found;
}

/** kind or component name of each block, children in brackets */
function shape(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      if (b.kind !== "component") return b.kind === "source" ? `source:${b.reason}` : b.kind;
      return b.children ? `${b.name}[${shape(b.children.blocks)}]` : b.name;
    })
    .join(" ");
}

describe("toBlocks", () => {
  it("reads the front matter, sections, steps and their components with typed props", () => {
    const source = `${HEAD}
Use this SOP for every call.

## Opening

<Step title="Greet the customer" id="greet">
  Ask how you can help.

  <Say>Thank you for calling, {agent_name}.</Say>
  <Field name="agent_name" label="Your first name" type="text" required options="a|b" />
  <Check>Greeted within three rings</Check>
</Step>
`;
    const doc = toBlocks(source);
    expect(doc.frontMatter?.raw).toBe(HEAD.slice(0, -1));
    expect(doc.frontMatter?.yaml).toContain("title: Greeting");
    expect(shape(doc.body.blocks)).toBe("paragraph heading Step[paragraph Say[paragraph] Field Check[paragraph]]");
    const step = component(doc, "Step");
    expect(step.props).toEqual({ title: "Greet the customer", id: "greet" });
    expect(component(doc, "Field").props).toEqual({
      name: "agent_name",
      label: "Your first name",
      type: "text",
      required: true,
      options: ["a", "b"],
    });
    const say = component(doc, "Say");
    expect(say.inline).toBe(true);
    expect(say.children?.blocks[0]).toMatchObject({ kind: "paragraph", text: "Thank you for calling, {agent_name}." });
    // exact spans: each block's origin is its text in the source
    for (const b of all(doc)) expect(source.slice(b.origin!.start, b.origin!.end)).toBe(blockSource(b));
    expect(step.children?.gaps).toEqual(["\n  ", "\n\n  ", "\n  ", "\n  ", "\n"]);
    expect(fromBlocks(doc)).toBe(source);
  });

  it("keeps attributes exactly as written (quotes, references, spacing, bare values)", () => {
    const tag = `<Field name="n" label='L' required="true"/>`;
    const source = `${HEAD}\n<Step   title="A &amp; B"\n      id="x">\n\n${tag}\n\n</Step>\n`;
    const doc = toBlocks(source);
    const step = component(doc, "Step");
    expect(step.open).toBe("<Step");
    expect(step.attrs.map((a) => [a.lead, a.raw])).toEqual([
      ["   ", 'title="A &amp; B"'],
      ["\n      ", 'id="x"'],
    ]);
    expect(step.props.title).toBe("A & B");
    const field = component(doc, "Field");
    expect(field.openEnd).toBe("/>");
    expect(field.props).toMatchObject({ label: "L", required: true });
    expect(fromBlocks(doc)).toBe(source);
  });

  it("splits lines of components written without blank lines into blocks, as parseSop does", () => {
    const source = `${HEAD}\n<Step title="S">\nIntro text\n<Check>one</Check>\n<Check>two</Check>\n</Step>\n`;
    const doc = toBlocks(source);
    expect(shape(doc.body.blocks)).toBe("Step[paragraph Check[paragraph] Check[paragraph]]");
    expect(component(doc, "Step").children?.gaps).toEqual(["\n", "\n", "\n", "\n"]);
    expect(fromBlocks(doc)).toBe(source);
  });

  it("reads flows, quizzes and scenarios with their elements", () => {
    const source = `${HEAD}
<Flow id="f" title="Decide">
  <Node id="start" type="start" label="Start" />
  <Node id="q" type="question" label="Is it ok?" />
  <Edge from="start" to="q" label="Yes" />
</Flow>

<Quiz id="basics" pass="80" attempts="unlimited">
  <Question prompt="Which?" options="A|B" answer="A">
    Because **A**.
  </Question>
</Quiz>

<Scenario title="T" customer="C" outcome="resolved" escalate>
  <Say>Hello?</Say>
  <Answer field="x" value="1" />
</Scenario>
`;
    const doc = toBlocks(source);
    expect(shape(doc.body.blocks)).toBe(
      "Flow[Node Node Edge] Quiz[Question[paragraph]] Scenario[Say[paragraph] Answer]",
    );
    expect(component(doc, "Node", 1).props).toEqual({ id: "q", type: "question", label: "Is it ok?" });
    expect(component(doc, "Quiz").props).toEqual({ id: "basics", pass: 80, attempts: "unlimited" });
    expect(component(doc, "Question").props).toMatchObject({ options: ["A", "B"], answer: ["A"] });
    expect(component(doc, "Scenario").props.escalate).toBe(true);
    expect(fromBlocks(doc)).toBe(source);
  });

  it("reads Markdown blocks: headings, lists, tables, code, rules, comments", () => {
    const source = `${HEAD}
# Title again

- one
- two
  continued

| Plan | Price |
|:-----|------:|
| Basic | 20 \\| EUR |

\`\`\`text
<not a tag>
\`\`\`

---

{/* a note for editors */}

{customer_name}
`;
    const doc = toBlocks(source);
    expect(shape(doc.body.blocks)).toBe("heading list table code thematicBreak comment paragraph");
    const [heading, list, table, code, , comment, ref] = doc.body.blocks;
    expect(heading).toMatchObject({ depth: 1, text: "Title again" });
    expect(list).toMatchObject({ ordered: false, items: ["one", "two\ncontinued"] });
    expect(table).toMatchObject({ align: ["left", "right"], head: ["Plan", "Price"], rows: [["Basic", "20 \\| EUR"]] });
    expect(code).toMatchObject({ lang: "text", value: "<not a tag>" });
    expect(comment).toMatchObject({ text: "a note for editors" });
    expect(ref).toMatchObject({ kind: "paragraph", text: "{customer_name}" });
    expect(fromBlocks(doc)).toBe(source);
  });

  it("keeps what has no visual form as source or HTML blocks: imports, tags, unknown components", () => {
    const source = `${HEAD}\nimport x from "y"\n\n> quoted\n\n<div>html</div>\n\n<Stpe title="typo">x</Stpe>\n`;
    const doc = toBlocks(source);
    expect(shape(doc.body.blocks)).toBe("source:esm quote html html");
    expect(doc.body.blocks[3]).toMatchObject({ kind: "html", name: "Stpe" });
    expect(fromBlocks(doc)).toBe(source);
  });

  it("cuts out only the broken part of a document with a syntax error", () => {
    const source = `${HEAD}
## One

<Step title="Fine">
Text.
</Step>

<Step title="Broken">
Price <100 EUR.
</Step>

<Step title="Also fine">
<Check>Done</Check>
</Step>
`;
    const doc = toBlocks(source);
    expect(shape(doc.body.blocks)).toBe("heading Step[paragraph] source:unreadable Step[Check[paragraph]]");
    const broken = doc.body.blocks[2];
    expect(broken.kind === "source" && broken.raw).toBe('<Step title="Broken">\nPrice <100 EUR.\n</Step>');
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0]).toMatchObject({ line: 16, column: 8, message: expect.stringContaining("<") });
    expect(fromBlocks(doc)).toBe(source);
  });

  it("cuts an unclosed step off at the next top-level element", () => {
    const source = `${HEAD}\n<Step title="Open">\nText.\n\n<Step title="Next">\n<Check>x</Check>\n</Step>\n`;
    const doc = toBlocks(source);
    expect(fromBlocks(doc)).toBe(source);
    expect(doc.body.blocks.some((b) => b.kind === "source" && b.reason === "unreadable")).toBe(true);
    expect(doc.problems[0].message).toMatch(/never closed/);
  });

  it("keeps a front matter that is never closed, and oversized sources, as one source block", () => {
    const unclosed = '---\ntitle: x\n\n<Step title="a">x</Step>\n';
    expect(shape(toBlocks(unclosed).body.blocks)).toBe("source:front-matter");
    expect(fromBlocks(toBlocks(unclosed))).toBe(unclosed);
    const huge = `${HEAD}\n${"word ".repeat(250_000)}\n`;
    const doc = toBlocks(huge);
    expect(shape(doc.body.blocks)).toBe("source:limits");
    expect(fromBlocks(doc)).toBe(huge);
  });

  it("round-trips byte order marks, CRLF, missing final line breaks, empty and odd inputs", () => {
    const crlf = `\ufeff${HEAD}\n<Step title="A">\n  <Check>x</Check>\n</Step>`.replace(/\n/g, "\r\n");
    const doc = toBlocks(crlf);
    expect(doc.bom).toBe("\ufeff");
    expect(doc.eol).toBe("\r\n");
    expect(doc.frontMatter?.origin?.start).toBe(1);
    expect(fromBlocks(doc)).toBe(crlf);
    for (const s of ["", "\n", "---", "---\n---", "<", "{", "\ufeff", "   \n\t", "# x", "<Step>", "</Step>"])
      expect(fromBlocks(toBlocks(s))).toBe(s);
  });

  it("lays out where each block lands in the printed text", () => {
    const source = `${HEAD}\n<Step title="A">\n  <Field name="n" label="L" />\n</Step>\n`;
    const doc = toBlocks(source);
    const { text, spans } = layout(doc);
    expect(text).toBe(source);
    const field = component(doc, "Field");
    const span = spans.get(field.id)!;
    expect(text.slice(span.start, span.end)).toBe('<Field name="n" label="L" />');
    expect(span.attrs?.map((a) => text.slice(a.start, a.end))).toEqual(['name="n"', 'label="L"']);
    expect(spans.get(FRONT_MATTER_ID)).toEqual({ start: 0, end: HEAD.length - 1 });
  });
});

describe("readFragment", () => {
  it("reads new text as it would read in place, without origins", () => {
    const frag = readFragment("<Tip>\n\n  Be kind.\n\n  </Tip>", "  ", 7);
    expect(frag.blocks).toHaveLength(1);
    const tip = frag.blocks[0] as ComponentBlock;
    expect(tip).toMatchObject({ kind: "component", name: "Tip", origin: null, indent: "  ", id: "b7" });
    expect(tip.children?.blocks[0]).toMatchObject({ kind: "paragraph", text: "Be kind.", origin: null });
    expect(blockSource(tip)).toBe("<Tip>\n\n  Be kind.\n\n  </Tip>");
    expect(frag.nextId).toBe(9);
  });

  it("keeps text it cannot read as one source block", () => {
    const frag = readFragment("<Say>never closed", "", 1);
    expect(frag.blocks.map((b) => b.kind)).toEqual(["source"]);
  });
});
