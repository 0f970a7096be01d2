// @vitest-environment jsdom
// The rich text boxes of the visual editor (ADR 024): loaded after the page, named like the text boxes they
// replace, chips for `{field}` references, the SOP's direction, and the same bytes when an edit changes nothing.
import { act, useState } from "react";
import { describe, expect, it } from "vitest";
import { TextSelection } from "prosemirror-state";
import { setUpDom } from "../sop/test-helpers";
import { VisualEditor } from "./visual-editor";
import { viewOf } from "./inline-editor";

const SOURCE = `---
title: Greeting
---

Answer within three rings.

<Step title="Greet">

<Say>Thank you for calling, {agent_name}.</Say>

<Say>Today is {today()}.</Say>

<Field name="agent_name" label="Your first name" required />

</Step>
`;

const dom = setUpDom();
let latest = "";

function Host({ source, dir }: { source: string; dir?: "ltr" | "rtl" }) {
  const [s, setS] = useState(source);
  latest = s;
  return <VisualEditor source={s} onChange={setS} dir={dir} />;
}

async function open(source = SOURCE, dir?: "ltr" | "rtl") {
  latest = source;
  const root = await dom.render(<Host source={source} dir={dir} />);
  for (let i = 0; i < 50 && !dom.container.querySelector(".ve-rich"); i++)
    await act(() => new Promise((r) => setTimeout(r, 20)));
  return root;
}

function box(label: string): HTMLElement {
  const l = [...dom.container.querySelectorAll("label")].find((x) => x.textContent === label)!;
  return dom.container.querySelector<HTMLElement>(`[aria-labelledby="${l.id}"]`)!;
}

/** Opens the editor and returns the rich box named `label` with its view, the selection set to [from, to). */
async function openAt(label: string, from: number, to = from) {
  const root = await open();
  const el = box(label);
  const view = viewOf(el)!;
  act(() => view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to))));
  return { root, el, view };
}

function key(el: HTMLElement, k: string, mods: { ctrlKey?: boolean; shiftKey?: boolean } = {}) {
  el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...mods }));
}

function labelledInput(label: string): HTMLInputElement {
  const l = [...dom.container.querySelectorAll("label")].find((x) => x.textContent === label)!;
  return document.getElementById(l.htmlFor) as HTMLInputElement;
}

function typeInto(el: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("InlineEditor", () => {
  it("replaces the text boxes once loaded, named as they were, with chips for references", async () => {
    const root = await open();
    const say = box("What the agent says");
    expect(say.getAttribute("role")).toBe("textbox");
    expect(say.getAttribute("aria-multiline")).toBe("true");
    expect(say.getAttribute("contenteditable")).toBe("true");
    const chip = say.querySelector(".ve-ref")!;
    expect(chip.textContent).toBe("agent_name");
    expect(chip.getAttribute("dir")).toBe("ltr");
    expect(chip.getAttribute("contenteditable")).toBe("false");
    // a text it cannot show stays a text box, as written
    expect([...dom.container.querySelectorAll("textarea")].map((t) => t.value)).toContain("Today is {today()}.");
    expect(latest).toBe(SOURCE);
    act(() => root.unmount());
  });

  it("bolds with Mod-B and gives the same bytes back when it is undone or toggled off", async () => {
    const { root, el: say } = await openAt("What the agent says", 0, 5);
    await act(async () => key(say, "b", { ctrlKey: true }));
    expect(latest).toContain("<Say>**Thank** you for calling, {agent_name}.</Say>");
    await act(async () => key(say, "b", { ctrlKey: true }));
    expect(latest).toBe(SOURCE);
    await act(async () => key(say, "i", { ctrlKey: true }));
    expect(latest).toContain("<Say>*Thank* you");
    await act(async () => key(say, "z", { ctrlKey: true }));
    expect(latest).toBe(SOURCE);
    await act(async () => key(say, "z", { ctrlKey: true, shiftKey: true }));
    expect(latest).toContain("<Say>*Thank* you");
    act(() => root.unmount());
  });

  it("inserts a chip at the caret from the field picker, and deletes it with one Backspace", async () => {
    const { root, el: text } = await openAt("Text", "Answer within".length);
    const pick = text.closest(".form-field")!.querySelector<HTMLButtonElement>(".ve-pick-button")!;
    await act(async () => pick.click());
    await act(async () => dom.container.querySelector<HTMLButtonElement>(".ve-pick-list button")!.click());
    expect(latest).toBe(SOURCE.replace("Answer within three", "Answer within{agent_name} three"));
    expect(document.activeElement).toBe(text);
    await act(async () => key(text, "Backspace"));
    expect(latest).toBe(SOURCE);
    act(() => root.unmount());
  });

  it("escapes what is typed so it reads back as those words, and changes only that block's line", async () => {
    const root = await open();
    const say = box("What the agent says");
    const view = viewOf(say)!;
    act(() => view.dispatch(view.state.tr.insertText(" <5 * 2>", view.state.doc.content.size)));
    const changed = latest.split("\n").filter((l, i) => l !== SOURCE.split("\n")[i]);
    expect(changed).toEqual(["<Say>Thank you for calling, {agent_name}. \\<5 \\* 2\\></Say>"]);
    act(() => root.unmount());
  });

  it("takes the direction of a right-to-left SOP", async () => {
    const persian = SOURCE.replace("Thank you for calling,", "سلام");
    const root = await open(persian, "rtl");
    const say = box("What the agent says");
    expect(say.getAttribute("dir")).toBe("rtl");
    expect(say.textContent).toBe("سلام agent_name.");
    act(() => root.unmount());
  });
  it("adds a link to the selected words with Mod-K, refusing a javascript: address with a message", async () => {
    const at = "Answer within ".length;
    const { root, el: text } = await openAt("Text", at, at + "three rings".length);
    await act(async () => key(text, "k", { ctrlKey: true }));
    const dialog = dom.container.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.textContent).toContain("Add a link");
    const url = labelledInput("Link address");
    expect(document.activeElement).toBe(url);
    await act(async () => typeInto(url, "javascript:alert(1)"));
    await act(async () => key(url, "Enter"));
    expect(dialog.querySelector('[role="alert"]')!.textContent).toMatch(/not “javascript:”/);
    expect(url.getAttribute("aria-invalid")).toBe("true");
    expect(latest).toBe(SOURCE);
    await act(async () => typeInto(url, "https://example.com/rings"));
    await act(async () => key(url, "Enter"));
    expect(latest).toBe(SOURCE.replace("three rings.", "[three rings](https://example.com/rings)."));
    expect(dom.container.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(text);
    act(() => root.unmount());
  });

  it("edits or removes the link at the caret with Mod-K; Esc cancels and gives the focus back", async () => {
    const linked = SOURCE.replace(
      "Answer within three rings.",
      'Answer within [three rings](https://example.com/rings "Ring policy").',
    );
    const root = await open(linked);
    const text = box("Text");
    const view = viewOf(text)!;
    const inside = "Answer within thr".length;
    act(() => view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, inside))));
    await act(async () => key(text, "k", { ctrlKey: true }));
    expect(dom.container.querySelector('[role="dialog"]')!.textContent).toContain("Edit the link");
    const url = labelledInput("Link address");
    expect(url.value).toBe("https://example.com/rings");
    await act(async () => key(url, "Escape"));
    expect(dom.container.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(text);
    expect(latest).toBe(linked);
    // a new address keeps the title
    await act(async () => key(text, "k", { ctrlKey: true }));
    await act(async () => typeInto(labelledInput("Link address"), "#verify"));
    await act(async () => key(labelledInput("Link address"), "Enter"));
    expect(latest).toBe(linked.replace('(https://example.com/rings "Ring policy")', '(#verify "Ring policy")'));
    // and Remove link leaves the words
    act(() => view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, inside))));
    await act(async () => key(text, "k", { ctrlKey: true }));
    const remove = [...dom.container.querySelectorAll("button")].find((b) => b.textContent === "Remove link")!;
    await act(async () => remove.click());
    expect(latest).toBe(SOURCE);
    act(() => root.unmount());
  });

  it("drops the link form, writing nothing, when the lead presses outside it", async () => {
    const { root, el } = await openAt("Text", 1, 7);
    await act(async () => key(el, "k", { ctrlKey: true }));
    const url = labelledInput("Link address");
    await act(async () => typeInto(url, "https://example.com"));
    // a press inside the form keeps it
    await act(async () => url.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true })));
    expect(dom.container.querySelector('[role="dialog"]')).not.toBeNull();
    await act(async () => box("What the agent says").dispatchEvent(new PointerEvent("pointerdown", { bubbles: true })));
    expect(dom.container.querySelector('[role="dialog"]')).toBeNull();
    expect(latest).toBe(SOURCE);
    act(() => root.unmount());
  });
});
