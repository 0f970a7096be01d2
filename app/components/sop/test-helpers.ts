// Helpers for component tests that render into jsdom (the test file starts with `// @vitest-environment jsdom`).
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, vi } from "vitest";

export type Dom = {
  /** this test's container, in document.body (a fresh one for each test) */
  container: HTMLDivElement;
  /** mounts `node` into the container and waits for React; unmount the root at the end of the test */
  render(node: ReactNode): Promise<Root>;
};

/** Call at the top of a test file: React's act() environment, and a container per test, removed after it. */
export function setUpDom(): Dom {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const dom: Dom = {
    container: undefined as unknown as HTMLDivElement,
    async render(node) {
      const root = createRoot(dom.container);
      await act(async () => root.render(node));
      return root;
    },
  };
  beforeEach(() => {
    dom.container = document.createElement("div");
    document.body.append(dom.container);
  });
  afterEach(() => dom.container.remove());
  return dom;
}

/** A clipboard that accepts every write; returns its writeText mock. */
export function stubClipboard() {
  const writeText = vi.fn((_text: string) => Promise.resolve());
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  return writeText;
}

/** The front matter of the Billing "Refunds" SOP the component tests render, ending with its line break. */
export const REFUNDS_FRONT_MATTER = `---
title: Refunds
department: Billing
purpose: Refund fairly.
targets:
  handleTime: 6m
---
`;
