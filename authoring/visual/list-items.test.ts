import { describe, expect, it } from "vitest";
import { fromBlocks, toBlocks, walkBlocks } from "./blocks";
import { readListItems, printListItems } from "./list-items";
import type { ListBlock } from "./model";
import { parseMdx } from "./mdast";

const list = (source: string) =>
  [...walkBlocks(toBlocks(source).body)].map((x) => x.block).find((b): b is ListBlock => b.kind === "list")!;

describe("list items", () => {
  it("reads a flat list as its items and prints it back as written", () => {
    const b = list("* Ask for the **order** number\n* Read it back,\n  slowly\n* Check {order_id}\n");
    const items = readListItems(b)!;
    expect(items).toEqual({
      ordered: false,
      items: ["Ask for the **order** number", "Read it back,\nslowly", "Check {order_id}"],
    });
    expect(printListItems(b, items)).toBe(b.text);
  });

  it("changes only the edited item's lines, with the list's marker", () => {
    const b = list("* One\n* Two\n* Three\n");
    expect(printListItems(b, { ordered: false, items: ["One", "Two, edited", "Three"] })).toBe(
      "* One\n* Two, edited\n* Three",
    );
    expect(printListItems(b, { ordered: false, items: ["One", "Two", "New", "Three"] })).toBe(
      "* One\n* Two\n* New\n* Three",
    );
    expect(printListItems(b, { ordered: false, items: ["One", "Three"] })).toBe("* One\n* Three");
  });

  it("renumbers a numbered list and toggles between numbered and bullets", () => {
    const b = list("1) First\n2) Second\n   more\n");
    expect(printListItems(b, { ordered: true, items: ["New", "First", "Second\nmore"] })).toBe(
      "1) New\n2) First\n3) Second\n   more",
    );
    const nine = list("9. a\n10. b\n");
    expect(printListItems(nine, { ordered: true, items: ["b"] })).toBe("9. b");
    expect(printListItems(b, { ordered: false, items: ["First", "Second\nmore"] })).toBe("- First\n- Second\n  more");
    const bullets = list("- a\n- b\n");
    const numbered = printListItems(bullets, { ordered: true, items: ["a", "b"] });
    expect(numbered).toBe("1. a\n2. b");
    expect((parseMdx(numbered).children![0] as { ordered?: boolean }).ordered).toBe(true);
  });

  it("leaves nested lists and items of several paragraphs as source", () => {
    expect(readListItems(list("- a\n  - b\n- c\n"))).toBeNull();
    expect(readListItems(list("- a\n\n  more\n- c\n"))).toBeNull();
  });

  it("round-trips every flat list of the demo library unchanged", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    let n = 0;
    for (const f of readdirSync("content/sops").filter((x) => x.endsWith(".mdx"))) {
      const doc = toBlocks(readFileSync(`content/sops/${f}`, "utf8"));
      for (const { block } of walkBlocks(doc.body)) {
        if (block.kind !== "list") continue;
        const items = readListItems(block);
        if (!items) continue;
        n++;
        expect(printListItems(block, items)).toBe(block.text);
      }
      expect(fromBlocks(doc)).toBe(readFileSync(`content/sops/${f}`, "utf8"));
    }
    expect(n).toBeGreaterThan(0);
  });
});
