// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { act, createRef } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { parseSop } from "../../../sop-schema/parse";
import { setUpDom } from "../sop/test-helpers";
import { VisualEditor, type VisualEditorHandle } from "./visual-editor";
import { GREETING_HEAD } from "../../../authoring/visual/test-sop";

const HEAD = GREETING_HEAD;
const SOURCE = `${HEAD}
## Opening

<Step title="Greet" id="greet">

Answer within three rings.

<Say>Thank you for calling, {agent_name}.</Say>

<Field name="agent_name" label="Your first name" required />

</Step>

<Step title="Verify">

<Check>Order found</Check>

</Step>
`;

// These tests are about the forms and the text boxes the words are in until the rich text editor has loaded
// (inline-editor.test.tsx tests that one): here it never loads, as when its import() fails.
vi.mock("./inline-editor", () => {
  throw new Error("not loaded in these tests");
});

const dom = setUpDom();

/** Types into a React-controlled input or textarea. */
function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

function labelled(text: string): HTMLInputElement {
  const label = [...dom.container.querySelectorAll("label")].find((l) => l.textContent === text);
  if (!label) throw new Error(`no label "${text}"`);
  return document.getElementById(label.htmlFor) as HTMLInputElement;
}

describe("VisualEditor", () => {
  it("shows steps as cards with forms, every control labelled, and changes nothing until edited", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    const names = [...dom.container.querySelectorAll(".ve-block-name")].map((h) => h.textContent);
    expect(names).toEqual(["Heading", "Step", "Paragraph", "Script", "Field", "Step", "Check"]);
    for (const el of dom.container.querySelectorAll("input, textarea, select")) {
      const id = el.getAttribute("id");
      const label = [...dom.container.querySelectorAll("label")].find((l) => l.htmlFor === id);
      expect(id && label, el.outerHTML).toBeTruthy();
    }
    expect(onChange).not.toHaveBeenCalled();
    act(() => root.unmount());
  });

  it("hands back the source with only the edited line changed", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    const title = [...dom.container.querySelectorAll("label")].filter((l) => l.textContent === "Title")[0];
    await act(async () => type(document.getElementById(title.htmlFor) as HTMLInputElement, "Greet the caller"));
    expect(onChange).toHaveBeenLastCalledWith(
      SOURCE.replace('<Step title="Greet" id="greet">', '<Step title="Greet the caller" id="greet">'),
    );
    await act(async () => type(labelled("What the agent says"), "Hello, {agent_name}!"));
    expect(onChange).toHaveBeenLastCalledWith(
      SOURCE.replace('<Step title="Greet" id="greet">', '<Step title="Greet the caller" id="greet">').replace(
        "<Say>Thank you for calling, {agent_name}.</Say>",
        "<Say>Hello, {agent_name}!</Say>",
      ),
    );
    act(() => root.unmount());
  });

  it("moves a step with Alt+↓ and keeps the focus on its tools", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    const down = dom.container.querySelector<HTMLButtonElement>('button[aria-label="Move the step “Greet” down"]')!;
    down.focus();
    await act(async () => {
      down.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", altKey: true, bubbles: true }));
    });
    const out = onChange.mock.calls.at(-1)![0] as string;
    expect(out.indexOf('<Step title="Verify">')).toBeLessThan(out.indexOf('<Step title="Greet"'));
    expect(parseSop(out).diagnostics).toEqual([]);
    // the step is last now: its Move down button is disabled, so Move up has the focus
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Move the step “Greet” up");
    // the editor's own live region (the last; the drag handle's is dnd-kit's)
    expect([...dom.container.querySelectorAll('.visual-editor > [role="status"]')].at(-1)!.textContent).toBe("Moved.");
    act(() => root.unmount());
  });

  it("adds a check to a step, and shows a problem on the block it is about", async () => {
    const onChange = vi.fn();
    const broken = SOURCE.replace('label="Your first name" ', "");
    const root = await dom.render(
      <VisualEditor source={broken} onChange={onChange} diagnostics={parseSop(broken).diagnostics} />,
    );
    const field = dom.container.querySelector(".ve-field")!;
    expect(field.textContent).toContain("The field needs a label");
    const add = [...dom.container.querySelectorAll("label")].filter((l) => l.textContent === "Add to this step")[1];
    const select = document.getElementById(add.htmlFor) as HTMLSelectElement;
    await act(async () => {
      select.value = "check";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    const button = select.parentElement!.querySelector("button")!;
    await act(async () => button.click());
    const out = onChange.mock.calls.at(-1)![0] as string;
    expect(out).toBe(
      broken.replace(
        "<Check>Order found</Check>\n\n</Step>",
        "<Check>Order found</Check>\n\n<Check>What the agent confirms</Check>\n\n</Step>",
      ),
    );
    act(() => root.unmount());
  });

  it("reads the source again when it changes from outside", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    await act(async () =>
      root.render(<VisualEditor source={SOURCE.replace("Order found", "Parcel found")} onChange={onChange} />),
    );
    expect(dom.container.textContent).not.toContain("Order found");
    expect((labelled("What the agent ticks off") as HTMLInputElement).value).toBe("Parcel found");
    expect(onChange).not.toHaveBeenCalled();
    act(() => root.unmount());
  });

  it("edits a Persian SOP right to left", async () => {
    const persian = readFileSync("content/sops/fa-peygiri-sefaresh.mdx", "utf8"); // vitest runs in the project

    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={persian} onChange={onChange} dir="rtl" />);
    expect(dom.container.querySelector(".visual-editor")!.getAttribute("dir")).toBe("rtl");
    const box = [...dom.container.querySelectorAll("textarea")].find((t) => t.value.startsWith("سلام، وقت"))!;
    expect(box.getAttribute("dir")).toBe("auto");
    await act(async () => type(box, "سلام {customer_name}، خوش آمدید."));
    const out = onChange.mock.calls.at(-1)![0] as string;
    expect(out.split("\n").filter((l, i) => l !== persian.split("\n")[i])).toEqual([
      "<Say>سلام {customer_name}، خوش آمدید.</Say>",
    ]);
    act(() => root.unmount());
  });

  it("inserts a captured field where the caret is, from a list built when it is opened", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    // one picker button per text box, no option lists until one is opened
    expect(dom.container.querySelectorAll(".ve-pick-list")).toHaveLength(0);
    const box = labelled("Text") as unknown as HTMLTextAreaElement;
    box.focus();
    box.setSelectionRange("Answer within".length, "Answer within".length);
    const pick = box.parentElement!.querySelector<HTMLButtonElement>(".ve-pick-button")!;
    expect(pick.getAttribute("aria-expanded")).toBe("false");
    await act(async () => pick.click());
    expect(pick.getAttribute("aria-expanded")).toBe("true");
    const chips = [...dom.container.querySelectorAll<HTMLButtonElement>(".ve-pick-list button")];
    expect(chips.map((c) => c.textContent)).toEqual(["{agent_name}"]);
    await act(async () => chips[0].click());
    expect(onChange).toHaveBeenLastCalledWith(
      SOURCE.replace("Answer within three rings.", "Answer within{agent_name} three rings."),
    );
    expect(document.activeElement).toBe(box);
    expect(dom.container.querySelectorAll(".ve-pick-list")).toHaveLength(0);
    // Esc closes an open list and gives the focus back to its button
    await act(async () => pick.click());
    await act(async () => {
      dom.container
        .querySelector(".ve-pick-list button")!
        .dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    expect(pick.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(pick);
    act(() => root.unmount());
  });

  it("jumps to the block a problem is about, and to a step by its id", async () => {
    const broken = SOURCE.replace('label="Your first name" ', "");
    const diagnostics = parseSop(broken).diagnostics;
    const ref = createRef<VisualEditorHandle>();
    const root = await dom.render(
      <VisualEditor ref={ref} source={broken} onChange={() => undefined} diagnostics={diagnostics} />,
    );
    const missingLabel = diagnostics.find((d) => d.message.includes("label"))!;
    Element.prototype.scrollIntoView ??= () => undefined;
    expect(ref.current!.jumpTo(missingLabel)).toBe(true);
    expect(document.activeElement?.closest(".ve-block")?.classList.contains("ve-field")).toBe(true);
    expect(ref.current!.focusStep("greet")).toBe(true);
    expect(document.activeElement).toBe(labelled("Title"));
    expect(ref.current!.focusStep("nowhere")).toBe(false);
    // a diagnostic of another text (the page's parse runs behind the typing) is not placed
    expect(ref.current!.jumpTo({ ...missingLabel })).toBe(false);
    act(() => root.unmount());
  });

  it("keeps a space typed at the end of the words (the document has none there) until the next letter", async () => {
    const onChange = vi.fn();
    const root = await dom.render(<VisualEditor source={SOURCE} onChange={onChange} />);
    const box = labelled("What the agent says") as unknown as HTMLTextAreaElement;
    for (const text of ["Thank", "Thank ", "Thank y"]) await act(async () => type(box, text));
    expect(box.value).toBe("Thank y");
    expect(onChange).toHaveBeenLastCalledWith(SOURCE.replace("Thank you for calling, {agent_name}.", "Thank y"));
    await act(async () => type(box, "Thank you "));
    expect(box.value).toBe("Thank you ");
    // a change from outside replaces it
    await act(async () =>
      root.render(<VisualEditor source={SOURCE.replace("Thank you for calling", "Welcome")} onChange={onChange} />),
    );
    expect(box.value).toBe("Welcome, {agent_name}.");
    act(() => root.unmount());
  });

  it("draws a long SOP's first blocks whole and the others as their headers, then all of them", async () => {
    const steps = Array.from(
      { length: 30 },
      (_, i) =>
        `<Step title="Step ${i + 1}">\n\n<Say>Line ${i + 1}.</Say>\n\n<Check>Done ${i + 1}</Check>\n\n</Step>\n`,
    ).join("\n");
    const long = `${HEAD}\n${steps}`;
    // the server's page (and the first render, which hydrates it)
    const html = renderToString(<VisualEditor source={long} onChange={() => undefined} />);
    const deferred = html.match(/data-deferred=""/g)?.length ?? 0;
    expect(deferred).toBeGreaterThan(20);
    expect(deferred).toBeLessThan(30);
    expect(html).toContain("Line 1.");
    expect(html).not.toContain("Line 30.");
    // a block not drawn yet has its label, its title and its tools
    expect(html).toMatch(/Step<span class="ve-deferred-title"> · (<!-- -->)?Step 30<\/span>/);
    expect(html).toContain('aria-label="Move the step “Step 30” up"');

    const ref = createRef<VisualEditorHandle>();
    const root = await dom.render(<VisualEditor ref={ref} source={long} onChange={() => undefined} />);
    Element.prototype.scrollIntoView ??= () => undefined;
    // the rest are drawn as they come near the screen and while the page is idle
    await act(async () => new Promise((r) => setTimeout(r, 1200)));
    expect(dom.container.querySelectorAll("[data-deferred]")).toHaveLength(0);
    expect(dom.container.textContent).toContain("Line 30.");
    act(() => root.unmount());
  });

  it("draws a flow once it is near the screen, with its title and Edit flow, and no forms for its boxes", async () => {
    const flowSource = SOURCE.replace(
      "<Check>Order found</Check>",
      `<Check>Order found</Check>

<Flow id="found" title="Is the order found?">
  <Node id="start" type="start" label="Look the order up" />
  <Node id="done" type="end" />
  <Edge from="start" to="done" />
</Flow>`,
    );
    // the diagram is drawn only when the block comes near the screen
    const observers: { cb: IntersectionObserverCallback; els: Element[] }[] = [];
    class FakeObserver {
      els: Element[] = [];
      constructor(cb: IntersectionObserverCallback) {
        observers.push({ cb, els: this.els });
      }
      observe(el: Element) {
        this.els.push(el);
      }
      disconnect() {}
    }
    class FakeResize {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    vi.stubGlobal("IntersectionObserver", FakeObserver);
    vi.stubGlobal("ResizeObserver", FakeResize);
    const onEditFlow = vi.fn();
    const root = await dom.render(
      <VisualEditor
        source={flowSource}
        onChange={vi.fn()}
        onEditFlow={onEditFlow}
        diagnostics={parseSop(flowSource).diagnostics}
      />,
    );
    const flow = dom.container.querySelector<HTMLElement>(".ve-flow")!;
    // no block, text box or select for a box or an arrow: the title is the only control besides the buttons
    expect(flow.querySelectorAll("[data-block]")).toHaveLength(0);
    expect(flow.querySelectorAll("input, textarea, select")).toHaveLength(1);
    expect(flow.querySelector("input")!.value).toBe("Is the order found?");
    expect(flow.querySelector(".react-flow")).toBeNull();
    expect(flow.textContent).toContain("2 boxes");
    // the box without a label: its problem is on the Flow block, saying which box
    expect(flow.querySelector(".ve-problems")!.textContent).toContain("The box “done”: the flow box needs a label");
    const diagram = flow.querySelector(".ve-flow-diagram")!;
    await act(async () => {
      for (const o of observers.filter((x) => x.els.includes(diagram)))
        o.cb([{ isIntersecting: true, target: diagram } as IntersectionObserverEntry], {} as IntersectionObserver);
    });
    expect(flow.querySelector('[aria-label="Diagram: Is the order found?"]')).not.toBeNull();
    expect(flow.textContent).toContain("Look the order up");
    const edit = [...flow.querySelectorAll("button")].find((b) => b.textContent === "Edit flow")!;
    await act(async () => edit.click());
    expect(onEditFlow).toHaveBeenCalledWith("found");
    act(() => root.unmount());
    vi.unstubAllGlobals();
  });

  it("edits a list as its items: Enter adds one, Backspace in an empty one removes it, numbered or not", async () => {
    const listed = SOURCE.replace("Answer within three rings.", "* Answer within three rings.\n* Smile.");
    let current = listed;
    const onChange = vi.fn((s: string) => (current = s));
    const root = await dom.render(<VisualEditor source={listed} onChange={onChange} />);
    const rerender = () => act(async () => root.render(<VisualEditor source={current} onChange={onChange} />));
    const item = (n: number) => labelled(`Item ${n}`);
    expect(item(1).value).toBe("Answer within three rings.");
    await act(async () => type(item(2), "Smile as you speak."));
    expect(current).toBe(listed.replace("* Smile.", "* Smile as you speak."));
    await rerender();
    item(1).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await rerender();
    expect(current).toBe(listed.replace("* Smile.", "*\n* Smile as you speak."));
    expect(document.activeElement).toBe(item(2));
    await act(async () => {
      item(2).dispatchEvent(new KeyboardEvent("keydown", { key: "Backspace", bubbles: true, cancelable: true }));
    });
    await rerender();
    expect(current).toBe(listed.replace("* Smile.", "* Smile as you speak."));
    const numbered = [...dom.container.querySelectorAll("label")].find((l) =>
      l.textContent?.includes("Numbered list"),
    )!;
    await act(async () => numbered.querySelector("input")!.click());
    expect(current).toBe(
      listed.replace("* Answer within three rings.\n* Smile.", "1. Answer within three rings.\n2. Smile as you speak."),
    );
    act(() => root.unmount());
  });
});
