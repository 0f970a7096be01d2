// @vitest-environment jsdom
import { act } from "react";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../../../sop-schema/parse";
import { replay } from "../../../../runbook/reduce";
import { Blocks, SopProvider, type Renderers } from "../../sop/sop-view";
import { REFUNDS_FRONT_MATTER, setUpDom, stubClipboard } from "../../sop/test-helpers";
import { RunViewContext } from "../run-context";
import { RunVariable } from "./run-checks";
import { RunSectionNotes, RunTemplateCopy } from "./run-section";

const doc = parseSop(`${REFUNDS_FRONT_MATTER}
## Refund

Refunds above 100 EUR need a supervisor.

| Plan | Limit |
|---|---|
| Basic | 20 EUR |

<Step title="Ask">
<Field name="customer_name" label="Customer name" />
<Field name="order_number" label="Order number" />
</Step>

<Step title="Reply">

<Template title="Refund e-mail">
Dear {customer_name}, order {order_number} is refunded.
</Template>

</Step>
`);

const state = replay(doc, [
  {
    id: "00000000-0000-4000-8000-000000000001",
    at: 1_700_000_000_000,
    type: "started",
    sopId: doc.meta.id,
    versionId: 1,
  },
  {
    id: "00000000-0000-4000-8000-000000000002",
    at: 1_700_000_001_000,
    type: "field.captured",
    name: "customer_name",
    value: "Maria Rossi",
  },
]);
const renderers: Renderers = {
  variable: (name, label) => <RunVariable name={name} label={label} />,
  templateCopy: (block, body, describedBy) => <RunTemplateCopy block={block} body={body} describedBy={describedBy} />,
};

const dom = setUpDom();
const render = (node: React.ReactNode) =>
  dom.render(
    <RunViewContext.Provider value={{ state, locked: false, currentId: "reply" }}>
      <SopProvider doc={doc} renderers={renderers}>
        {node}
      </SopProvider>
    </RunViewContext.Provider>,
  );

describe("the run screen: section text and reply templates", () => {
  it("shows the section's text collapsed with the step it precedes, under the section's title", async () => {
    const root = await render(<RunSectionNotes doc={doc} stepId="ask" />);
    const details = dom.container.querySelectorAll("details.run-section-note");
    expect(details).toHaveLength(1);
    expect((details[0] as HTMLDetailsElement).open).toBe(false);
    expect(details[0]!.querySelector("summary")!.textContent).toBe("About this section: Refund");
    expect(details[0]!.textContent).toContain("Refunds above 100 EUR need a supervisor.");
    expect(details[0]!.querySelector("table th[scope=col]")!.textContent).toBe("Plan");
    act(() => root.unmount());
    const again = await render(<RunSectionNotes doc={doc} stepId="reply" />);
    expect(dom.container.querySelector("details")).toBeNull(); // nothing precedes the second step
    act(() => again.unmount());
  });

  it("a template shows the call's values and copies them; a value not captured yet copies as its label", async () => {
    const writeText = stubClipboard();
    const root = await render(<Blocks blocks={doc.steps[1]!.blocks} />);
    const details = dom.container.querySelector("details.template") as HTMLDetailsElement;
    expect(details.querySelector(".template-body")!.textContent).toBe(
      "Dear Maria Rossi, order [Order number] is refunded.",
    );
    details.open = true;
    const button = details.querySelector("button")!;
    expect(button.getAttribute("aria-describedby")).toBe(details.querySelector(".template-title")!.id);
    await act(async () => button.click());
    expect(writeText).toHaveBeenCalledWith("Dear Maria Rossi, order [Order number] is refunded.");
    expect(button.textContent).toBe("Copied ✓");
    act(() => root.unmount());
  });
});
