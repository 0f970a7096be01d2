import { useEffect, useRef } from "react";
import type { Panel } from "./run-context";

export type RunKeys = {
  help: boolean;
  setHelp(v: boolean | ((h: boolean) => boolean)): void;
  locked: boolean;
  openPanel(p: Panel): void;
  move(delta: 1 | -1): void;
  completeCurrent(): void;
  /** Escape outside a text box: closes the tools sheet of a narrow panel, if it is open. */
  closeSheet(): void;
  /** Presses the n-th answer button of the current step's flow (1-based), if there is one. */
  answer(n: number): void;
};

/**
 * The run screen's keys, documented in the `?` overlay (SHORTCUTS in help-overlay.tsx). Letters are ignored
 * while typing; Escape leaves the text box. Captured on the window before the app-wide handlers, so `/`
 * searches in the side panel here instead of leaving the call. The handler is installed once and reads the
 * latest callbacks from a ref, so re-renders never re-register it.
 */
export function useRunKeyboard(keys: RunKeys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const k = latest.current;
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (e.key === "Escape") {
        if (k.help) k.setHelp(false);
        else if (typing) target!.blur();
        else k.closeSheet();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key;
      if (key === "?") k.setHelp((h) => !h);
      else if (k.help) return;
      else if (key === "/" || key === "s") k.openPanel("search");
      else if (key === "j") k.move(1);
      else if (key === "k") k.move(-1);
      else if (key === "g") k.openPanel("glossary");
      else if (key === "w") k.openPanel("wrapup");
      else if (k.locked) return;
      else if (key === "d") k.completeCurrent();
      else if (key === "n") k.openPanel("notes");
      else if (key === "e") k.openPanel("escalate");
      else if (key === "f") k.openPanel("flag");
      else if (/^[1-9]$/.test(key)) k.answer(Number(key));
      else return;
      e.preventDefault();
      e.stopPropagation();
    }
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);
}
