import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inlineText } from "./inline";
import { parseSop } from "./parse";
import type { Block, Inline, SopDocument, Step } from "./types";
import {
  blockInlines,
  blockText,
  forEachVar,
  mapBlockInlines,
  visitBlocks,
  walkDocument,
  type BlockPlace,
} from "./walk";

const pos = { line: 1, column: 1 };
const text = (value: string): Inline => ({ type: "text", value });
const para = (value: string): Block => ({ type: "paragraph", children: [text(value)] });
const label = (b: Block) => (b.type === "paragraph" ? inlineText(b.children) : b.type);

function step(id: string, blocks: Block[]): Step {
  return {
    id,
    number: 1,
    title: `Step ${id}`,
    sectionId: "s",
    blocks,
    fieldNames: [],
    checkIds: [],
    escalations: [],
    position: pos,
  };
}

/** One block of every type, nested. */
const nested: Block[] = [
  para("p1"),
  {
    type: "list",
    ordered: false,
    items: [[para("item1")], [para("item2"), { type: "say", children: [para("said")] }]],
  },
  { type: "escalate", to: "Supervisor", reason: "Too big", children: [{ type: "tip", children: [para("deep")] }] },
  { type: "quiz", quizId: "q" },
  { type: "template", title: "Reply", children: [{ type: "blockquote", children: [para("quoted {x}")] }] },
];

describe("visitBlocks", () => {
  it("visits every block depth first in document order, each with the block it sits in", () => {
    const seen: string[] = [];
    visitBlocks(nested, (b, at) => void seen.push(`${label(b)}<${at.parent ? label(at.parent) : "top"}`));
    expect(seen).toEqual([
      "p1<top",
      "list<top",
      "item1<list",
      "item2<list",
      "say<list",
      "said<say",
      "escalate<top",
      "tip<escalate",
      "deep<tip",
      "quiz<top",
      "template<top",
      "blockquote<template",
      "quoted {x}<blockquote",
    ]);
  });

  it("passes the step and section, and does not go into a block the visitor returns false for", () => {
    const s = step("a", nested);
    const places: BlockPlace[] = [];
    visitBlocks(
      s.blocks,
      (b, at) => {
        places.push(at);
        if (b.type === "list" || b.type === "escalate") return false;
      },
      { step: s },
    );
    expect(places.map((p) => p.step?.id)).toEqual(Array(places.length).fill("a"));
    expect(places.every((p) => p.section === null)).toBe(true);
    expect(places).toHaveLength(7); // p1, list, escalate, quiz, template, blockquote, quoted
  });

  it("tolerates blocks stored without their lists and unknown block types", () => {
    const seen: string[] = [];
    const odd = [
      { type: "list" },
      { type: "say" },
      { type: "training", children: [para("hidden")] },
    ] as unknown as Block[];
    visitBlocks(odd, (b) => void seen.push(b.type));
    expect(seen).toEqual(["list", "say", "training"]);
  });
});

describe("walkDocument", () => {
  const doc = {
    sections: [
      {
        id: "s1",
        number: 1,
        title: "One",
        intro: [para("intro"), para("between")],
        stepIds: ["a", "b"],
        position: pos,
        items: [
          { kind: "blocks", blocks: [para("intro")] },
          { kind: "step", stepId: "a" },
          { kind: "blocks", blocks: [para("between")] },
          { kind: "step", stepId: "b" },
          { kind: "step", stepId: "a" },
        ],
      },
      { id: "s2", number: 2, title: "Two", intro: [para("old intro")], stepIds: ["c", "missing"], position: pos },
    ],
    steps: [step("a", [para("in a")]), step("b", [para("in b")]), step("c", [para("in c")]), step("d", [para("in d")])],
  } as unknown as SopDocument;

  it("reads sections, their text and their steps in document order, each step once, unlisted steps last", () => {
    const seen: string[] = [];
    walkDocument(doc, {
      section: (s) => seen.push(`section ${s.title}`),
      step: (s, section) => seen.push(`step ${s.id} in ${section?.id ?? "none"}`),
      stepEnd: (s) => seen.push(`end ${s.id}`),
      block: (b, at) => void seen.push(`${label(b)} (${at.step?.id ?? "text"} of ${at.section?.id ?? "none"})`),
    });
    expect(seen).toEqual([
      "section One",
      "intro (text of s1)",
      "step a in s1",
      "in a (a of s1)",
      "end a",
      "between (text of s1)",
      "step b in s1",
      "in b (b of s1)",
      "end b",
      "section Two",
      "old intro (text of s2)",
      "step c in s2",
      "in c (c of s2)",
      "end c",
      "step d in none",
      "in d (d of none)",
      "end d",
    ]);
  });

  it("walks an empty or partial document without throwing", () => {
    expect(() => walkDocument({} as SopDocument, { block: () => undefined })).not.toThrow();
    expect(() => walkDocument(undefined as unknown as SopDocument, {})).not.toThrow();
  });
});

describe("blockText", () => {
  it("gives the text a block holds itself, not its children's", () => {
    const t = (b: Block) => blockText(b, inlineText);
    expect(t(para("Hello"))).toEqual(["Hello"]);
    expect(t({ type: "check", id: "c", children: [text("Done "), { type: "var", name: "x" }] })).toEqual(["Done {x}"]);
    expect(
      t({ type: "table", align: [null, null], head: [[text("A")], [text("B")]], rows: [[[text("1")], [text("2")]]] }),
    ).toEqual(["A B", "1 2"]);
    expect(t(nested[2]!)).toEqual(["Supervisor", "Too big"]);
    expect(t(nested[4]!)).toEqual(["Reply"]);
    expect(
      t({
        type: "field",
        field: {
          name: "n",
          label: "Name",
          type: "text",
          required: false,
          help: "As on the card",
          stepId: "a",
          position: pos,
        },
      }),
    ).toEqual(["Name", "As on the card"]);
    expect(t({ type: "code", value: "x = 1" })).toEqual(["x = 1"]);
    for (const b of [
      nested[1]!,
      { type: "quiz", quizId: "q" },
      { type: "scenario", scenarioId: "s" },
      { type: "flow", flowId: "f" },
      { type: "thematicBreak" },
    ] as Block[])
      expect(t(b)).toEqual([]);
  });

  it("lets the reader decide how inline content reads", () => {
    expect(
      blockText({ type: "paragraph", children: [text("Hi "), { type: "var", name: "x" }] }, () => "custom"),
    ).toEqual(["custom"]);
  });
});

describe("forEachVar", () => {
  it("finds references at any depth, in order, table cells included", () => {
    const found: string[] = [];
    forEachVar(
      [
        {
          type: "say",
          children: [{ type: "paragraph", children: [{ type: "strong", children: [{ type: "var", name: "a" }] }] }],
        },
        {
          type: "table",
          align: [null],
          head: [[{ type: "var", name: "b" }]],
          rows: [[[{ type: "link", url: "/", children: [{ type: "var", name: "c" }] }]]],
        },
        { type: "paragraph", children: [{ type: "var", name: "a" }] },
      ],
      (name) => found.push(name),
    );
    expect(found).toEqual(["a", "b", "c", "a"]);
  });
});

describe("mapBlockInlines", () => {
  const upper = (inlines: Inline[]): Inline[] =>
    inlines.map((n) => (n.type === "text" ? { ...n, value: n.value.toUpperCase() } : n));

  it("maps every inline run at any depth", () => {
    const out = mapBlockInlines(nested, upper);
    const texts: string[] = [];
    visitBlocks(out, (b) => {
      for (const inlines of blockInlines(b)) texts.push(inlineText(inlines));
    });
    expect(texts).toEqual(["P1", "ITEM1", "ITEM2", "SAID", "DEEP", "QUOTED {X}"]);
  });

  it("returns its input, and shares unchanged parts, when nothing changes", () => {
    expect(mapBlockInlines(nested, (x) => x)).toBe(nested);
    const onlyFirst = mapBlockInlines(nested, (inlines) =>
      inlines === (nested[0] as { children: Inline[] }).children ? [text("changed")] : inlines,
    );
    expect(onlyFirst).not.toBe(nested);
    expect(onlyFirst[0]).toEqual(para("changed"));
    expect(onlyFirst.slice(1)).toEqual(nested.slice(1));
    onlyFirst.slice(1).forEach((b, i) => expect(b).toBe(nested[i + 1]));
  });

  it("reaches exactly the inline runs the visitor does, in every demo SOP", () => {
    const dir = new URL("../content/sops/", import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".mdx"))) {
      const doc = parseSop(readFileSync(new URL(file, dir), "utf8"));
      for (const s of doc.steps) {
        const visited: Inline[][] = [];
        visitBlocks(s.blocks, (b) => {
          for (const inlines of blockInlines(b)) visited.push(inlines as Inline[]);
        });
        const mapped: Inline[][] = [];
        expect(mapBlockInlines(s.blocks, (inlines) => (mapped.push(inlines), inlines))).toBe(s.blocks);
        expect(mapped, `${file} ${s.id}`).toEqual(visited);
        expect(mapped.every((x, i) => x === visited[i])).toBe(true);
      }
    }
  });
});
