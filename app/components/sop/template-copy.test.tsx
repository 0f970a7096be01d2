// @vitest-environment jsdom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseSop } from "../../../sop-schema";
import { SopView } from "./sop-view";

const source = `---
title: Refunds
department: Billing
purpose: Refund fairly.
targets:
  handleTime: 6m
---

<Step title="Refund">

<Field name="customer_name" label="Customer name" />

<Template title="Refund confirmation e-mail">

Dear {customer_name},

- refunded: **20 EUR**

</Template>

</Step>
`;

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
});
afterEach(() => container.remove());

describe("a template's Copy button (SOP page)", () => {
  it("copies the plain text, a reference as its label in brackets, and says it copied", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const root = createRoot(container);
    await act(async () => root.render(<SopView doc={parseSop(source)} version={1} departmentName="Billing" />));
    const details = container.querySelector("details.template") as HTMLDetailsElement;
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
