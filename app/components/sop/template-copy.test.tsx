// @vitest-environment jsdom
import { act } from "react";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../../sop-schema/parse";
import { SopView } from "./sop-view";
import { REFUNDS_FRONT_MATTER, setUpDom, stubClipboard } from "./test-helpers";

const source = `${REFUNDS_FRONT_MATTER}
<Step title="Refund">

<Field name="customer_name" label="Customer name" />

<Template title="Refund confirmation e-mail">

Dear {customer_name},

- refunded: **20 EUR**

</Template>

</Step>
`;

const dom = setUpDom();

describe("a template's Copy button (SOP page)", () => {
  it("copies the plain text, a reference as its label in brackets, and says it copied", async () => {
    const writeText = stubClipboard();
    const root = await dom.render(<SopView doc={parseSop(source)} version={1} departmentName="Billing" />);
    const details = dom.container.querySelector("details.template") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    details.open = true; // what a click or Enter on the summary does
    const button = [...details.querySelectorAll("button")].find((b) => b.textContent === "Copy")!;
    await act(async () => button.click());
    expect(writeText).toHaveBeenCalledWith("Dear [Customer name],\n\n- refunded: 20 EUR");
    expect(button.textContent).toBe("Copied ✓");
    expect(details.querySelector('[role="status"]')!.textContent).toBe("The reply is on the clipboard.");
    act(() => root.unmount());
  });
});
