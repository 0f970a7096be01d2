import { describe, expect, it } from "vitest";
import { COMPONENT_ATTRIBUTES, COMPONENT_NAMES } from "../../sop-schema/components";
import { PROP_KINDS, quoteValue, readProps, writeAttribute, type RawValue } from "./props";

describe("props", () => {
  it("know every attribute of every component, in the schema's order", () => {
    for (const name of COMPONENT_NAMES)
      expect(Object.keys(PROP_KINDS[name]), name).toEqual(Object.keys(COMPONENT_ATTRIBUTES[name].shape));
  });

  it("read leniently: invalid values are left out, the first of a repeated attribute counts", () => {
    const attrs: { name: string; value: RawValue }[] = [
      { name: "name", value: "order" },
      { name: "type", value: "chekbox" },
      { name: "required", value: "maybe" },
      { name: "sensitive", value: true },
      { name: "options", value: " A | B ||" },
      { name: "label", value: "First" },
      { name: "label", value: "Second" },
      { name: "help", value: null },
    ];
    expect(readProps("Field", attrs)).toEqual({ name: "order", sensitive: true, options: ["A", "B"], label: "First" });
    expect(
      readProps("Quiz", [
        { name: "pass", value: "80" },
        { name: "attempts", value: "unlimited" },
      ]),
    ).toEqual({
      pass: 80,
      attempts: "unlimited",
    });
    expect(readProps("Scenario", [{ name: "escalate", value: "false" }])).toEqual({});
  });

  it("write values in double quotes, booleans bare, lists joined with |", () => {
    expect(writeAttribute("Field", "label", 'Say "hi" & go')).toBe('label="Say &quot;hi&quot; & go"');
    expect(writeAttribute("Field", "label", "a &amp; b\nc")).toBe('label="a &amp;amp; b&#10;c"');
    expect(writeAttribute("Field", "required", true)).toBe("required");
    expect(writeAttribute("Field", "required", false)).toBeNull();
    expect(writeAttribute("Field", "help", "")).toBeNull();
    expect(writeAttribute("Field", "options", ["A", "B|C", " "])).toBe('options="A|B C"');
    expect(writeAttribute("Scenario", "escalate", true)).toBe("escalate");
    expect(writeAttribute("Quiz", "pass", 75)).toBe('pass="75"');
    expect(quoteValue("{x} <y>")).toBe('"{x} <y>"');
  });
});
