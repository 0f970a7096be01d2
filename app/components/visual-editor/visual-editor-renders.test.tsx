// @vitest-environment jsdom
// A key typed in one block re-renders that block's form (and its container's) only (ADR 024: the memoised block
// views), with the drag context (block-handle.tsx) and the block menu in the editor: a block's form is counted each
// time it renders.
import { act, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { setUpDom } from "../sop/test-helpers";
import { VisualEditor } from "./visual-editor";
import { GREETING_HEAD } from "../../../authoring/visual/test-sop";

const renders: string[] = [];
vi.mock("./inline-editor", () => {
  throw new Error("not loaded in these tests");
});
vi.mock("./block-forms", async (importOriginal) => {
  const real = await importOriginal<typeof import("./block-forms")>();
  return {
    ...real,
    BlockForm(props: Parameters<typeof real.BlockForm>[0]) {
      renders.push(props.block.id);
      return real.BlockForm(props);
    },
  };
});

const SOURCE = `${GREETING_HEAD}
<Step title="Greet" id="greet">

Answer within three rings.

<Say>Thank you for calling.</Say>

</Step>

<Step title="Verify">

<Check>Order found</Check>

</Step>

<Step title="Close">

Say goodbye.

</Step>
`;

const dom = setUpDom();

function Page() {
  const [source, setSource] = useState(SOURCE);
  return <VisualEditor source={source} onChange={setSource} />;
}

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("VisualEditor renders", () => {
  it("re-renders only the block a key is typed in, with a grip on every block", async () => {
    const root = await dom.render(<Page />);
    expect(dom.container.querySelectorAll(".ve-block").length).toBeGreaterThan(5);
    expect(dom.container.querySelectorAll(".ve-block > .ve-block-head > .ve-handle").length).toBe(
      dom.container.querySelectorAll(".ve-block").length,
    );
    const check = dom.container.querySelector<HTMLInputElement>(".ve-check input")!;
    // the check and the step holding it (a new block object: edits share only the untouched blocks)
    const path: string[] = [];
    for (let el = check.closest<HTMLElement>(".ve-block"); el; el = el.parentElement!.closest<HTMLElement>(".ve-block"))
      path.push(el.dataset.block!);
    expect(path).toHaveLength(2);
    renders.length = 0;
    await act(async () => type(check, "Order found by number"));
    expect(dom.container.querySelector<HTMLInputElement>(".ve-check input")!.value).toBe("Order found by number");
    expect(renders).not.toHaveLength(0);
    expect(new Set(renders)).toEqual(new Set(path));
    act(() => root.unmount());
  });
});
