// The editor parses a text once for parseSop and the visual editor's blocks (sop-schema/parse.ts keeps the last
// tree). That is only sound while no reader changes the tree: here every demo SOP and test fixture is parsed, its
// tree frozen deep, and both readers run on the frozen tree (a write to it throws in a module, strict mode).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMdxTree, parseSop } from "../../sop-schema/parse";
import { fromBlocks, toBlocks } from "./blocks";

const root = new URL("../../", import.meta.url);

function mdxFiles(rel: string): { name: string; source: string }[] {
  return readdirSync(new URL(rel, root), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".mdx"))
    .map((e) => {
      const file = new URL(`${e.parentPath}/${e.name}`, "file://");
      return { name: e.name, source: readFileSync(file, "utf8") };
    });
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

const corpus = [...mdxFiles("content/sops/"), ...mdxFiles("tests/fixtures/sops/")];

describe("one tree for both readers", () => {
  it("has a corpus", () => expect(corpus.length).toBeGreaterThan(20));

  it("gives the next reader of the same text the same tree, and a new one for another text", () => {
    const a = parseMdxTree("# One\n");
    expect(parseMdxTree("# One\n")).toBe(a);
    expect(parseMdxTree("# Two\n")).not.toBe(a);
  });

  it.each(corpus)("$name: parseSop and toBlocks leave the tree as it was", ({ source }) => {
    let tree: unknown;
    try {
      tree = parseMdxTree(source);
    } catch {
      return; // a text that does not parse is not kept
    }
    const before = JSON.stringify(tree);
    deepFreeze(tree);
    const fresh = parseSop(source, { filename: "x.mdx" });
    expect(parseMdxTree(source)).toBe(tree); // parseSop read the kept (frozen) tree
    expect(fromBlocks(toBlocks(source))).toBe(source);
    expect(JSON.stringify(tree)).toBe(before);
    expect(fresh.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
  });
});
