import { describe, expect, it } from "vitest";
import { blocksPlainText } from "../sop-schema/plain-text";
import { parseSop } from "../sop-schema/parse";
import type { Block } from "../sop-schema/types";
import { sectionNotesByStep } from "./section-text";
import { substituteBlocks } from "./derive";
import { replay } from "./reduce";
import { EventFactory } from "./test-helpers";

const head = `---\ntitle: Refunds\ndepartment: Billing\npurpose: Refund fairly.\ntargets:\n  handleTime: 6m\n---\n\n`;
const notes = (body: string) => {
  const doc = parseSop(head + body);
  expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const map = sectionNotesByStep(doc);
  return Object.fromEntries(
    doc.steps.map((s) => [
      s.id,
      (map.get(s.id) ?? []).map((n) => `${n.sectionTitle ?? "(intro)"}: ${n.blocks.map((b) => b.type).join(",")}`),
    ]),
  );
};

describe("sectionNotesByStep: a section's text goes with the step it precedes", () => {
  it("an introduction, text before a section's first step and text between steps", () => {
    expect(
      notes(`Use this for every refund.

## Check

Read the order first.

| a | b |
|---|---|
| 1 | 2 |

<Step title="One">Do one.</Step>

Between the steps.

<Step title="Two">Do two.</Step>

## Pay

<Step title="Three">Do three.</Step>
`),
    ).toEqual({
      one: ["(intro): paragraph", "Check: paragraph,table"],
      two: ["Check: paragraph"],
      three: [],
    });
  });

  it(
    "text after a section's last step goes with that step (one " +
      "disclosure per section); a section of text only with the next step",
    () => {
      expect(
        notes(`## Check

<Step title="One">Do one.</Step>

After the only step.

## Background

Only text here.

<Tip>A tip.</Tip>

## Pay

Before paying.

<Step title="Two">Do two.</Step>

## Afterwards

The end.
`),
      ).toEqual({
        one: ["Check: paragraph"],
        // "Afterwards" has no step, and none follows: it goes with the last step of the SOP
        two: ["Background: paragraph,tip", "Pay: paragraph", "Afterwards: paragraph"],
      });
      const doc = parseSop(`${head}<Step title="One">Do one.</Step>\n\n## Afterwards\n\nThe end.\n`);
      expect(
        sectionNotesByStep(doc)
          .get("one")!
          .map((n) => n.sectionTitle),
      ).toEqual(["Afterwards"]);
    },
  );

  it("quizzes and scenarios are no text for a call; the result is cached per document", () => {
    const doc = parseSop(
      `${head}## Learn\n\n<Quiz title="Q">\n<Question prompt="Which?" ` +
        `options="A|B" answer="A" />\n</Quiz>\n\n<Step title="One">Do one.</Step>\n`,
    );
    expect(sectionNotesByStep(doc).get("one")).toBeUndefined();
    expect(sectionNotesByStep(doc)).toBe(sectionNotesByStep(doc));
  });
});

describe("tables and templates in the engine", () => {
  const doc = parseSop(
    `${head}<Step title="Ask">\n<Field name="customer_name" ` +
      `label="Customer name" />\n</Step>\n\n<Step title="Reply">

| Who | Amount |
|---|---|
| {customer_name} | 20 EUR |

<Template title="E-mail">
Dear {customer_name}, done.
</Template>

</Step>
`,
  );

  it("fills {field} values into table cells and template text (substituteBlocks)", () => {
    const blocks = substituteBlocks(doc.steps[1]!.blocks, { customer_name: "Maria" });
    expect(blocks[0]).toMatchObject({
      type: "table",
      rows: [[[{ type: "text", value: "Maria" }], [{ type: "text", value: "20 EUR" }]]],
    });
    const template = blocks[1] as Extract<Block, { type: "template" }>;
    expect(template.type).toBe("template");
    expect(blocksPlainText(template.children)).toBe("Dear Maria, done.");
    expect(substituteBlocks(doc.steps[1]!.blocks, {})).toBe(doc.steps[1]!.blocks);
  });

  it("a template's {field} makes its step stale when the value changes after the step was done, like a <Say>", () => {
    const f = new EventFactory();
    const state = replay(doc, [
      f.started(doc),
      f.make("field.captured", { name: "customer_name", value: "Maria" }),
      f.make("step.completed", { stepId: "ask" }),
      f.make("step.completed", { stepId: "reply" }),
      f.make("field.captured", { name: "customer_name", value: "Mario" }),
    ]);
    expect(state.steps.reply!.stale).toContain("Customer name");
  });
});
