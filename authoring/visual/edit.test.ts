import { describe, expect, it } from "vitest";
import { parseSop } from "../../sop-schema/parse";
import { readFrontMatter } from "../front-matter";
import { fromBlocks, toBlocks, walkBlocks } from "./blocks";
import {
  deleteBlock,
  duplicateBlock,
  insertBlock,
  moveBlock,
  replaceBlock,
  replaceFlow,
  updateFrontMatter,
  updateProps,
  updateText,
  VisualEditError,
} from "./edit";
import type { Block, ComponentBlock, VisualDoc } from "./model";
import { escapeText, inlineFromParts } from "./text";
import { GREETING_HEAD } from "./test-sop";

const HEAD = GREETING_HEAD;

const SOURCE = `${HEAD}
## Opening

<Step title="Greet" id="greet">

Answer within three rings.

<Say>Thank you for calling, my name is {agent_name}.</Say>

<Field name="agent_name" label="Your first name" required />

<Check>Greeted within three rings</Check>

</Step>

<Step title="Verify">
  <Field name="order" label="Order number" />
  <Check>Order found</Check>
</Step>

<Flow id="route" title="Where to?">
  <Node id="start" type="start" label="Start" />
  <Node id="end" type="end" label="Done" />
  <Edge from="start" to="end" />
</Flow>
`;

function find(doc: VisualDoc, name: string, nth = 0): ComponentBlock {
  const list = [...walkBlocks(doc.body)]
    .map((x) => x.block)
    .filter((b): b is ComponentBlock => b.kind === "component" && b.name === name);
  if (!list[nth]) throw new Error(`no <${name}> #${nth}`);
  return list[nth];
}

function findKind(doc: VisualDoc, kind: Block["kind"]): Block {
  return [...walkBlocks(doc.body)].map((x) => x.block).find((b) => b.kind === kind)!;
}

function errors(source: string) {
  return parseSop(source).diagnostics.filter((d) => d.severity === "error");
}

/** The source with `from` replaced by `to` once (asserting it is there). */
function edited(from: string, to: string): string {
  expect(SOURCE).toContain(from);
  return SOURCE.replace(from, to);
}

describe("edits", () => {
  const doc = toBlocks(SOURCE);
  it("starts from a source without errors", () => expect(errors(SOURCE)).toEqual([]));

  it("updateProps rewrites one attribute in place and adds new ones in the schema's order", () => {
    const step = find(doc, "Step");
    expect(fromBlocks(updateProps(doc, step.id, { title: 'Greet "warmly" & fast' }))).toBe(
      edited('<Step title="Greet" id="greet">', '<Step title="Greet &quot;warmly&quot; & fast" id="greet">'),
    );
    const field = find(doc, "Field");
    const next = updateProps(doc, field.id, { required: false, type: "text", pattern: "^[A-Z]+$", help: "Capitals" });
    expect(fromBlocks(next)).toBe(
      edited(
        '<Field name="agent_name" label="Your first name" required />',
        '<Field name="agent_name" label="Your first name" type="text" pattern="^[A-Z]+$" help="Capitals" />',
      ),
    );
    expect(find(next, "Field").props).toEqual({
      name: "agent_name",
      label: "Your first name",
      type: "text",
      pattern: "^[A-Z]+$",
      help: "Capitals",
    });
    expect(errors(fromBlocks(next))).toEqual([]);
  });

  it("updateText rewrites a paragraph or a script and nothing else", () => {
    const p = findKind(doc, "paragraph");
    expect(fromBlocks(updateText(doc, p.id, escapeText("Answer within 3 rings <always>.")))).toBe(
      edited("Answer within three rings.", "Answer within 3 rings \\<always\\>."),
    );
    const say = find(doc, "Say");
    const text = inlineFromParts(["Hello ", { field: "agent_name" }, ", welcome * 2!"]);
    const next = updateText(doc, say.id, text);
    expect(fromBlocks(next)).toBe(
      edited(
        "<Say>Thank you for calling, my name is {agent_name}.</Say>",
        "<Say>Hello {agent_name}, welcome \\* 2!</Say>",
      ),
    );
    expect(errors(fromBlocks(next))).toEqual([]);
  });

  it("insertBlock writes new blocks in the container's style", () => {
    const [greet, verify] = [find(doc, "Step"), find(doc, "Step", 1)];
    const check = { kind: "component" as const, name: "Check" as const, text: "Customer thanked" };
    expect(fromBlocks(insertBlock(doc, { into: greet.id }, check).doc)).toBe(
      edited(
        "<Check>Greeted within three rings</Check>\n\n</Step>",
        "<Check>Greeted within three rings</Check>\n\n<Check>Customer thanked</Check>\n\n</Step>",
      ),
    );
    // the second step indents its blocks by two spaces, one per line
    expect(fromBlocks(insertBlock(doc, { into: verify.id }, check).doc)).toBe(
      edited("  <Check>Order found</Check>\n", "  <Check>Order found</Check>\n  <Check>Customer thanked</Check>\n"),
    );
    // a paragraph between one-line components gets blank lines around it
    const order = find(doc, "Field", 1);
    const { doc: withText, ids } = insertBlock(doc, { after: order.id }, { kind: "paragraph", text: "Ask twice." });
    expect(fromBlocks(withText)).toBe(
      edited(
        '  <Field name="order" label="Order number" />\n  <Check>',
        '  <Field name="order" label="Order number" />\n\n  Ask twice.\n\n  <Check>',
      ),
    );
    expect(ids).toHaveLength(1);
    // a new step at the top level, with blocks inside
    const step = {
      kind: "component" as const,
      name: "Step" as const,
      props: { title: "Wrap up" },
      children: [
        { kind: "paragraph" as const, text: "Summarise the call." },
        { kind: "component" as const, name: "Check" as const, text: "Summary given" },
      ],
    };
    const withStep = insertBlock(doc, { after: verify.id }, step).doc;
    expect(fromBlocks(withStep)).toBe(
      edited(
        "</Step>\n\n<Flow",
        '</Step>\n\n<Step title="Wrap up">\n\nSummarise the call.\n\n<Check>Summary given</Check>\n\n</Step>\n\n<Flow',
      ),
    );
    expect(errors(fromBlocks(withStep))).toEqual([]);
  });

  it("insertBlock into an empty or self-closing component opens it", () => {
    const d = toBlocks(`${HEAD}\n<Step title="A">\n<Check>x</Check>\n\n<Tip />\n</Step>\n`);
    const tip = find(d, "Tip");
    const next = insertBlock(d, { into: tip.id }, { kind: "paragraph", text: "Be kind." }).doc;
    expect(fromBlocks(next)).toBe(
      `${HEAD}\n<Step title="A">\n<Check>x</Check>\n\n<Tip>\n\nBe kind.\n\n</Tip>\n</Step>\n`,
    );
    const empty = toBlocks(HEAD);
    const first = insertBlock(empty, { into: null }, { kind: "component", name: "Step", props: { title: "S" } }).doc;
    expect(fromBlocks(first)).toBe(`${HEAD}\n<Step title="S">\n</Step>\n`);
  });

  it("deleteBlock removes a block and one separator", () => {
    const check = find(doc, "Check", 1);
    expect(fromBlocks(deleteBlock(doc, check.id))).toBe(edited("  <Check>Order found</Check>\n", ""));
    const field = find(doc, "Field");
    expect(fromBlocks(deleteBlock(doc, field.id))).toBe(
      edited('<Field name="agent_name" label="Your first name" required />\n\n', ""),
    );
  });

  it("moveBlock reorders steps with their text unchanged", () => {
    const [greet, verify] = [find(doc, "Step"), find(doc, "Step", 1)];
    const moved = fromBlocks(moveBlock(doc, verify.id, { before: greet.id }));
    const greetText = SOURCE.slice(greet.origin!.start, greet.origin!.end);
    const verifyText = SOURCE.slice(verify.origin!.start, verify.origin!.end);
    expect(moved).toBe(SOURCE.replace(`${greetText}\n\n${verifyText}`, `${verifyText}\n\n${greetText}`));
    expect(fromBlocks(moveBlock(doc, greet.id, { into: null, index: 3 }))).toBe(moved);
    expect(() => moveBlock(doc, greet.id, { into: greet.id })).toThrow(VisualEditError);
  });

  it("moveBlock into another container re-indents", () => {
    const check = find(doc, "Check");
    const verify = find(doc, "Step", 1);
    const next = fromBlocks(moveBlock(doc, check.id, { into: verify.id }));
    expect(next).toContain("  <Check>Order found</Check>\n  <Check>Greeted within three rings</Check>\n</Step>");
    expect(next).not.toContain("\n<Check>Greeted");
    expect(errors(next)).toEqual([]);
  });

  it("duplicateBlock copies after itself with unique ids, field names and references", () => {
    const greet = find(doc, "Step");
    const { doc: next, id } = duplicateBlock(doc, greet.id);
    const out = fromBlocks(next);
    expect(out).toContain('<Step title="Greet" id="greet-2">');
    expect(out).toContain('<Field name="agent_name_2" label="Your first name" required />');
    expect(out).toContain("<Say>Thank you for calling, my name is {agent_name_2}.</Say>");
    expect(find(next, "Step", 1).id).toBe(id);
    expect(parseSop(out).diagnostics).toEqual([]);
    const node = find(doc, "Node");
    const withNode = fromBlocks(duplicateBlock(doc, node.id).doc);
    expect(withNode).toContain('  <Node id="start" type="start" label="Start" />\n  <Node id="start-2" type="start"');
  });

  it("replaceBlock may change a block's kind, and keeps blank lines where MDX needs them", () => {
    const p = findKind(doc, "paragraph");
    const next = replaceBlock(doc, p.id, { kind: "list", items: ["Answer", "Smile"] });
    expect(fromBlocks(next)).toBe(edited("Answer within three rings.", "- Answer\n- Smile"));
    expect([...walkBlocks(next.body)].find((x) => x.block.id === p.id)?.block.kind).toBe("list");
  });

  it("replaceFlow writes the flow editor's graph in place", () => {
    const flow = find(doc, "Flow");
    const next = replaceFlow(doc, flow.id, {
      id: "route",
      title: "Where to?",
      nodes: [
        { id: "start", type: "start", label: "Start" },
        { id: "q", type: "question", label: "Billing?" },
        { id: "end", type: "end", label: "Done" },
      ],
      edges: [
        { from: "start", to: "q" },
        { from: "q", to: "end", label: "Yes" },
      ],
    });
    const out = fromBlocks(next);
    expect(out).toContain('  <Node id="q" type="question" label="Billing?" />\n');
    expect(out.slice(0, flow.origin!.start)).toBe(SOURCE.slice(0, flow.origin!.start));
    expect(find(next, "Flow").children?.blocks).toHaveLength(5);
    expect(errors(out)).toEqual([]);
  });

  it("updateFrontMatter changes only the keys that changed, and adds front matter when missing", () => {
    const values = readFrontMatter(SOURCE).values;
    expect(fromBlocks(updateFrontMatter(doc, { ...values, title: "Greeting, v2" }))).toBe(
      edited("title: Greeting\n", "title: Greeting, v2\n"),
    );
    const bare = toBlocks('<Step title="A">\n<Check>x</Check>\n</Step>\n');
    const out = fromBlocks(updateFrontMatter(bare, { ...values }));
    expect(out.startsWith("---\ntitle: Greeting\n")).toBe(true);
    expect(out.endsWith('---\n\n<Step title="A">\n<Check>x</Check>\n</Step>\n')).toBe(true);
    expect(errors(out)).toEqual([]);
  });

  it("keeps CRLF line breaks in new text", () => {
    const crlf = toBlocks(SOURCE.replace(/\n/g, "\r\n"));
    const step = find(crlf, "Step");
    const out = fromBlocks(insertBlock(crlf, { into: step.id }, { kind: "component", name: "Check", text: "x" }).doc);
    expect(out).toContain("<Check>x</Check>\r\n\r\n</Step>");
    expect(out.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("refuses blocks inside a line of text", () => {
    const say = find(doc, "Say");
    expect(() => insertBlock(doc, { into: say.id }, { kind: "paragraph", text: "x" })).toThrow(VisualEditError);
    expect(() => updateProps(doc, say.children!.blocks[0].id, { title: "x" })).toThrow(VisualEditError);
  });
});

describe("text written right after a step's opening tag (no blank line)", () => {
  const src =
    '---\ntitle: G\n---\n\n<Step title="Greet">\ncall\n\n<Tip>\n\ncall\n\n</Tip>\n<Tip>\n\ncall\n\n</Tip>\n</Step>\n';

  it("is one of the step's blocks, and deleting it or either tip removes only that block's lines", () => {
    const doc = toBlocks(src);
    const step = doc.body.blocks[0] as ComponentBlock;
    expect(step.children!.blocks.map((b) => b.kind)).toEqual(["paragraph", "component", "component"]);
    const [text, tip1, tip2] = step.children!.blocks;
    const tip = "<Tip>\n\ncall\n\n</Tip>\n";
    expect(fromBlocks(deleteBlock(doc, text.id))).toBe(src.replace("call\n\n<Tip>", "<Tip>"));
    expect(fromBlocks(deleteBlock(doc, tip1.id))).toBe(src.replace(tip, ""));
    expect(fromBlocks(deleteBlock(doc, tip2.id))).toBe(src.replace(tip, ""));
  });
});
