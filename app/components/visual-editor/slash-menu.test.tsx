// @vitest-environment jsdom
// The block menu's keyboard behaviour, in the visual editor with its text boxes (the rich editor not loaded; its
// own "/" is tested in inline-editor.test.tsx and the e2e spec).
import { act } from "react";
import { describe, expect, it, vi } from "vitest";
import { parseSop } from "../../../sop-schema/parse";
import { setUpDom } from "../sop/test-helpers";
import { VisualEditor } from "./visual-editor";
import { GREETING_HEAD } from "../../../authoring/visual/test-sop";

const SOURCE = `${GREETING_HEAD}
<Step title="Greet" id="greet">

<Say></Say>

<Check>Greeted within three rings</Check>

</Step>
`;

vi.mock("./inline-editor", () => {
  throw new Error("not loaded in these tests");
});

const dom = setUpDom();
// jsdom does not lay out: the editor scrolls the new block into view
Element.prototype.scrollIntoView ??= function () {};

function type(el: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}
const key = (el: Element, k: string) =>
  act(async () => {
    el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  });
const script = () => dom.container.querySelector<HTMLTextAreaElement>(".ve-say textarea")!;
const combobox = () => dom.container.querySelector<HTMLInputElement>('[role="combobox"]');
const options = () => [...dom.container.querySelectorAll('[role="option"]')].map((o) => o.textContent);
const activeOption = () => document.getElementById(combobox()!.getAttribute("aria-activedescendant")!)?.textContent;

async function openFromScript() {
  script().focus();
  await key(script(), "/");
  expect(combobox()).not.toBeNull();
}

describe("the block menu", () => {
  it('opens on "/" in an empty box, offers what a step may hold, and moves with the arrows, Home and End', async () => {
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={vi.fn()} />);
    await openFromScript();
    expect(document.activeElement).toBe(combobox());
    expect(combobox()!.getAttribute("aria-label")).toBe("Insert a block after this script");
    expect(combobox()!.getAttribute("aria-expanded")).toBe("true");
    // a step holds no step and no heading
    expect(options()).toEqual(["Text", "Script", "Field", "Check", "Tip", "Warning", "Escalation", "Flow"]);
    expect(activeOption()).toBe("Text");
    await key(combobox()!, "ArrowDown");
    expect(activeOption()).toBe("Script");
    await key(combobox()!, "ArrowUp");
    await key(combobox()!, "ArrowUp");
    expect(activeOption()).toBe("Flow"); // wraps
    await key(combobox()!, "Home");
    expect(activeOption()).toBe("Text");
    await key(combobox()!, "End");
    expect(activeOption()).toBe("Flow");
    expect(dom.container.querySelector('[aria-selected="true"]')!.textContent).toBe("Flow");
    act(() => root.unmount());
  });

  it('filters as it is typed ("war" → Warning), inserts it after the block with Enter and focuses it', async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    await openFromScript();
    await act(async () => type(combobox()!, "war"));
    expect(options()).toEqual(["Warning"]);
    await key(combobox()!, "Enter");
    expect(combobox()).toBeNull();
    const out = onChange.mock.calls.at(-1)![0] as string;
    const say = out.indexOf("<Say></Say>");
    const warning = out.indexOf("<Warning>");
    expect(say).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(say);
    expect(warning).toBeLessThan(out.indexOf("<Check>"));
    expect(parseSop(out).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // the new warning's text box has the focus
    expect(document.activeElement?.closest(".ve-warning")).not.toBeNull();
    act(() => root.unmount());
  });

  it("closes with Esc and gives the focus back to the box; a slash in a box with words is typed", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    await openFromScript();
    await key(combobox()!, "Escape");
    expect(combobox()).toBeNull();
    expect(document.activeElement).toBe(script());
    expect(onChange).not.toHaveBeenCalled();

    const check = dom.container.querySelector<HTMLInputElement>(".ve-check input[type=text]")!;
    check.focus();
    const ev = new KeyboardEvent("keydown", { key: "/", bubbles: true, cancelable: true });
    await act(async () => {
      check.dispatchEvent(ev);
    });
    expect(ev.defaultPrevented).toBe(false);
    expect(combobox()).toBeNull();
    act(() => root.unmount());
  });

  it("says so when nothing matches, and Enter then inserts nothing", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    await openFromScript();
    await act(async () => type(combobox()!, "zebra"));
    expect(options()).toEqual([]);
    expect(dom.container.querySelector(".ve-menu")!.textContent).toContain("No block is called “zebra” here.");
    await key(combobox()!, "Enter");
    expect(onChange).not.toHaveBeenCalled();
    act(() => root.unmount());
  });

  it("opens from a list's Insert button with what the top level allows, and adds at its end", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    const buttons = [...dom.container.querySelectorAll<HTMLButtonElement>("button.ve-insert")];
    const top = buttons.at(-1)!;
    await act(async () => top.click());
    expect(combobox()!.getAttribute("aria-label")).toBe("Insert a block at the end");
    expect(options()).toContain("Step");
    expect(options()).toContain("Heading");
    await act(async () => type(combobox()!, "step"));
    await key(combobox()!, "Enter");
    const out = onChange.mock.calls.at(-1)![0] as string;
    expect(out.lastIndexOf("<Step")).toBeGreaterThan(out.indexOf("</Step>"));
    act(() => root.unmount());
  });
});
