import { describe, expect, it } from "vitest";
import { fromBlocks, toBlocks } from "./blocks";
import { moveBlock } from "./edit";
import { dropPlace, filterMenu, moveActive } from "./arrange";

const ITEMS = [
  { id: "paragraph", label: "Text" },
  { id: "heading", label: "Heading" },
  { id: "step", label: "Step" },
  { id: "say", label: "Script" },
  { id: "field", label: "Field" },
  { id: "check", label: "Check" },
  { id: "tip", label: "Tip" },
  { id: "warning", label: "Warning" },
  { id: "escalation", label: "Escalation" },
  { id: "flow", label: "Flow" },
];
const labels = (q: string) => filterMenu(ITEMS, q).map((i) => i.label);

describe("filterMenu", () => {
  it("gives every item, in order, for an empty query or a bare slash", () => {
    expect(labels("")).toEqual(ITEMS.map((i) => i.label));
    expect(labels("/")).toEqual(ITEMS.map((i) => i.label));
  });
  it("finds a block by the start of its name, whatever the case, with or without the slash", () => {
    expect(labels("/war")).toEqual(["Warning"]);
    expect(labels("WAR")).toEqual(["Warning"]);
    expect(labels("s")).toEqual(["Step", "Script", "Heading"]); // Heading: its keyword "section"
  });
  it("ranks a keyword after a name, and a name containing the words last", () => {
    expect(labels("say")).toEqual(["Script"]);
    expect(labels("hand")).toEqual(["Escalation"]);
    // one letter matches starts only; two or more also match inside a name
    expect(labels("t")).toEqual(["Text", "Tip", "Heading", "Check", "Escalation"]);
    expect(labels("ing")).toEqual(["Heading", "Warning"]);
  });
  it("gives nothing when nothing matches", () => {
    expect(labels("zzz")).toEqual([]);
  });
});

describe("moveActive", () => {
  it("wraps with the arrows and jumps with Home and End", () => {
    expect(moveActive("ArrowDown", 0, 3)).toBe(1);
    expect(moveActive("ArrowDown", 2, 3)).toBe(0);
    expect(moveActive("ArrowUp", 0, 3)).toBe(2);
    expect(moveActive("Home", 2, 3)).toBe(0);
    expect(moveActive("End", 0, 3)).toBe(2);
    expect(moveActive("a", 0, 3)).toBeNull();
    expect(moveActive("ArrowDown", 0, 0)).toBeNull();
  });
});

describe("dropPlace", () => {
  const ids = ["a", "b", "c"];
  it("puts a block dragged up before its target and one dragged down after it", () => {
    expect(dropPlace(ids, "c", "a")).toEqual({ before: "a" });
    expect(dropPlace(ids, "a", "c")).toEqual({ after: "c" });
    expect(dropPlace(ids, "a", "b")).toEqual({ after: "b" });
  });
  it("moves nothing onto itself, nowhere or out of the list", () => {
    expect(dropPlace(ids, "a", "a")).toBeNull();
    expect(dropPlace(ids, "a", null)).toBeNull();
    expect(dropPlace(ids, "a", "x")).toBeNull();
  });
  it("with moveBlock, moves only the dragged step's lines", () => {
    const one = `<Step title="One">\n\nFirst.\n\n</Step>\n`;
    const two = `<Step title="Two">\n\nSecond.\n\n</Step>\n`;
    const three = `<Step title="Three">\n\nThird.\n\n</Step>\n`;
    const source = `---\ntitle: T\n---\n\n${one}\n${two}\n${three}`;
    const doc = toBlocks(source);
    const steps = doc.body.blocks.map((b) => b.id);
    const place = dropPlace(steps, steps[2], steps[0])!;
    const out = fromBlocks(moveBlock(doc, steps[2], place));
    expect(out).toBe(`---\ntitle: T\n---\n\n${three}\n${one}\n${two}`);
  });
});
