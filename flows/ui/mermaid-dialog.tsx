// "Paste Mermaid": a modal dialog that reads a Mermaid flowchart as the user types (mermaidToFlow), lists
// what it found and every diagnostic with its line and column, and hands the flow back to replace the
// current graph or be added to it. The import makes the chart walkable (flows/walkable.ts) and lists what it
// changed as warnings. Charts the importer can't read (mermaid-* errors) can't be imported; flow-rule problems that
// remain (a part nothing connects to) can, and then show in the editor's problem list.
//
// The dialog may sit inside another <dialog> (the SOP editor's flow dialog). React hands a dialog's close and
// cancel events to every onClose/onCancel up the component tree, although the DOM events don't bubble, so this
// dialog keeps them to itself: closing it must never close the dialog around it.
import { DiagnosticList } from "./diagnostic-list";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { SyntheticEvent } from "react";
import { mermaidToFlow } from "../mermaid";
import type { MermaidImport } from "../mermaid";

export type MermaidImportMode = "replace" | "merge";

export type MermaidDialogProps = {
  open: boolean;
  onClose(): void;
  onImport(result: MermaidImport, mode: MermaidImportMode): void;
  /** Offer "Add to the flow" besides "Replace the flow" (default true). */
  allowMerge?: boolean;
  /** Flow id and title given to the import (the editor keeps its own when replacing). */
  flowId?: string;
  flowTitle?: string;
  replaceLabel?: string;
};

const EXAMPLE = `flowchart TD
  A([Customer calls]) --> B{Is the order late?}
  B -->|Yes| C[Check the tracking]
  B -->|No| D([Nothing to do])
  C --> E([Tracking shared])`;

/** A handler for this dialog's own close/cancel event, which React would otherwise pass on to enclosing dialogs. */
function own(handler: () => void) {
  return (e: SyntheticEvent<HTMLDialogElement>) => {
    e.stopPropagation();
    if (e.target === e.currentTarget) handler();
  };
}

export function MermaidDialog({
  open,
  onClose,
  onImport,
  allowMerge = true,
  flowId,
  flowTitle,
  replaceLabel = "Replace the flow",
}: MermaidDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const [debounced, setDebounced] = useState("");
  const id = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    const t = window.setTimeout(() => setDebounced(text), 150);
    return () => window.clearTimeout(t);
  }, [text]);

  const result = useMemo(
    () => (debounced.trim() ? mermaidToFlow(debounced, { id: flowId, title: flowTitle }) : null),
    [debounced, flowId, flowTitle],
  );
  const blocking = result
    ? result.diagnostics.filter((d) => d.severity === "error" && d.code.startsWith("mermaid-"))
    : [];
  const canImport = result !== null && blocking.length === 0 && result.flow.nodes.length > 0 && debounced === text;

  const importAs = (mode: MermaidImportMode) => {
    if (!result || !canImport) return;
    onImport(result, mode);
    setText("");
    setDebounced("");
  };

  return (
    <dialog
      ref={ref}
      className="fd-dialog"
      aria-labelledby={`${id}-title`}
      onClose={own(onClose)}
      onCancel={own(onClose)}
    >
      <form
        method="dialog"
        className="fd-dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          importAs("replace");
        }}
      >
        <header className="fd-dialog-head">
          <h2 id={`${id}-title`}>Paste Mermaid</h2>
          <p className="muted">
            Paste a Mermaid <code>flowchart</code> or <code>graph</code>. <code>{"{…}"}</code> becomes a question,
            stadiums and circles become the start and the outcomes, edge labels become answers.
          </p>
        </header>
        <label htmlFor={`${id}-text`} className="fd-label">
          Mermaid flowchart
        </label>
        <textarea
          id={`${id}-text`}
          className="fd-mermaid-text"
          rows={12}
          spellCheck={false}
          value={text}
          placeholder={EXAMPLE}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-status`}
          dir="ltr"
        />
        <div id={`${id}-status`} className="fd-mermaid-status" aria-live="polite">
          {result ? (
            <p className={blocking.length ? "fd-mermaid-summary fd-bad" : "fd-mermaid-summary"}>
              {blocking.length
                ? `${blocking.length} problem${blocking.length === 1 ? "" : "s"} to fix before importing.`
                : `Reads as ${result.flow.nodes.length} node${result.flow.nodes.length === 1 ? "" : "s"} ` +
                  `and ${result.flow.edges.length} edge${result.flow.edges.length === 1 ? "" : "s"}` +
                  (result.groups.length
                    ? ` in ${result.groups.length} group${result.groups.length === 1 ? "" : "s"}`
                    : "") +
                  "."}
            </p>
          ) : (
            <p className="muted">Nothing pasted yet.</p>
          )}
          <DiagnosticList
            diagnostics={result?.diagnostics ?? []}
            label="What the importer found"
            className="fd-diagnostics"
          />
        </div>
        <footer className="fd-dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {allowMerge ? (
            <button type="button" className="button" disabled={!canImport} onClick={() => importAs("merge")}>
              Add to the flow
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={!canImport}>
            {replaceLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
