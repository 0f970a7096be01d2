import { describe, expect, it } from "vitest";
import { toBlocks, walkBlocks } from "./blocks";
import { flowPartName, flowPicture } from "./flow-graph";
import type { ComponentBlock } from "./model";

const SOURCE = `<Step title="Triage">

<Flow id="triage" title="Which team?">
  <Node id="start" type="start" label="Call comes in" />
  <Node id="ask" type="question" label="Billing?" field="topic" />
  <Node id="ask" type="end" label="Second with the same id" />
  <Node id="odd" type="qestion" label="Unknown type" />
  <Node id="done" type="end" label="Done" outcome="billing" />
  <Edge from="start" to="ask" />
  <Edge from="ask" to="done" label="Yes" />
  <Edge from="ask" to="dnoe" />
</Flow>

</Step>
`;

const blocks = [...walkBlocks(toBlocks(SOURCE).body)].map((x) => x.block);
const flow = blocks.find((b): b is ComponentBlock => b.kind === "component" && b.name === "Flow")!;

describe("flowPicture", () => {
  it("draws the boxes and arrows it can, and leaves out the broken ones", () => {
    expect(flowPicture(flow)).toEqual({
      id: "triage",
      title: "Which team?",
      nodes: [
        { id: "start", type: "start", label: "Call comes in" },
        { id: "ask", type: "question", label: "Billing?", field: "topic" },
        { id: "done", type: "end", label: "Done", outcome: "billing" },
      ],
      edges: [
        { from: "start", to: "ask" },
        { from: "ask", to: "done", label: "Yes" },
      ],
    });
  });

  it("names boxes by their words and arrows by their ends", () => {
    const parts = flow.children!.blocks.map(flowPartName);
    expect(parts[0]).toBe("the box “Call comes in”");
    expect(parts.at(-1)).toBe("the arrow from “ask” to “dnoe”");
    expect(flowPartName(flow)).toBeNull();
  });
});
