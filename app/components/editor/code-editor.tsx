// The MDX source editor: CodeMirror 6 in the browser (code-view.ts, loaded with import() when the source view
// opens), a plain labelled <textarea> on the server and until it has loaded (first paint, no JavaScript).
// Markdown highlighting plus our tags, line numbers, completion of components/attributes/values, parser
// diagnostics underlined in place, per-line text direction (RTL SOPs), and no Tab trap: Esc then Tab (or Ctrl-M)
// moves focus out, as CodeMirror documents.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { Diagnostic } from "../../../sop-schema/types";
import type { CompletionData } from "./sop-language";
import type { CodeView } from "./code-view";

export type CodeEditorHandle = {
  focus(): void;
  /** Moves the cursor to a 1-based line and column, scrolls it to the middle and focuses the editor. */
  jumpTo(line: number, column: number): void;
  /** Inserts a block template on its own lines at the cursor and selects its first placeholder. */
  insertBlock(text: string): void;
  /** The current text (the editor's, or the fallback textarea's before CodeMirror starts). */
  getValue(): string;
};

type Props = {
  id: string;
  /** Visible label text is rendered by the caller (<label htmlFor={id}>); this names the editing surface. */
  label: string;
  describedBy?: string;
  value: string;
  onChange(value: string): void;
  /** Diagnostics of `diagnosticsSource`; they are shown only while the editor holds exactly that text. */
  diagnostics: readonly Diagnostic[];
  diagnosticsSource: string;
  readOnly?: boolean;
  completionData(): CompletionData;
  /** Ctrl/Cmd-S. */
  onSaveShortcut?(): void;
  /** Name of the fallback textarea in a no-JavaScript form post. */
  name?: string;
};

export const CodeEditor = forwardRef<CodeEditorHandle, Props>(function CodeEditor(props, ref) {
  const { id, label, describedBy, value, readOnly = false, name } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const viewRef = useRef<CodeView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  /** The text the editor last reported (or was given): external `value` changes differ from it. */
  const known = useRef(value);
  const [ready, setReady] = useState(false);
  /** The lead typed into the textarea before CodeMirror loaded: its text wins over the (older) value. */
  const typed = useRef(false);
  const refocus = useRef(false);

  useEffect(() => {
    let view: CodeView | null = null;
    let gone = false;
    void import("./code-view").then(({ createCodeView }) => {
      const host = hostRef.current;
      if (gone || !host) return;
      // Whatever was typed into the textarea before CodeMirror loaded is kept; otherwise the latest value (the
      // front matter form may have changed it while the chunk loaded).
      const ta = textareaRef.current;
      const initial = ta && typed.current ? ta.value : latest.current.value;
      view = createCodeView(host, {
        doc: initial,
        label,
        id,
        describedBy,
        readOnly: latest.current.readOnly ?? false,
        completionData: () => latest.current.completionData(),
        onChange(text) {
          known.current = text;
          latest.current.onChange(text);
        },
        onSaveShortcut: () => latest.current.onSaveShortcut?.(),
      });
      viewRef.current = view;
      known.current = initial;
      if (initial !== latest.current.value) latest.current.onChange(initial);
      // the focus stays in the words if the lead was typing in the textarea (given once the view is shown)
      refocus.current = document.activeElement === textareaRef.current;
      setReady(true);
    });
    return () => {
      gone = true;
      view?.destroy();
      viewRef.current = null;
    };
    // The view is created once; later prop changes are pushed in by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!ready || !refocus.current) return;
    refocus.current = false;
    viewRef.current?.focus();
  }, [ready]);

  // A new text from outside (the front matter form, "take theirs", restoring a backup).
  useEffect(() => {
    const view = viewRef.current;
    if (!view || value === known.current) return;
    known.current = value;
    view.setValue(value);
  }, [value, ready]);

  useEffect(() => {
    viewRef.current?.setReadOnly(readOnly);
  }, [readOnly, ready]);

  useEffect(() => {
    viewRef.current?.setDiagnostics(props.diagnostics, props.diagnosticsSource);
  }, [props.diagnostics, props.diagnosticsSource, ready]);

  useImperativeHandle(
    ref,
    () => ({
      focus() {
        if (viewRef.current) viewRef.current.focus();
        else textareaRef.current?.focus();
      },
      jumpTo(line, column) {
        const view = viewRef.current;
        if (view) return view.jumpTo(line, column);
        const ta = textareaRef.current;
        if (!ta) return;
        const lines = ta.value.split("\n");
        let offset = 0;
        for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
        ta.focus();
        ta.setSelectionRange(offset + column - 1, offset + column - 1);
      },
      insertBlock(text) {
        viewRef.current?.insertBlock(text);
      },
      getValue() {
        return viewRef.current?.getValue() ?? textareaRef.current?.value ?? known.current;
      },
    }),
    [],
  );

  return (
    <div className="code-editor" data-ready={ready ? "true" : undefined}>
      {ready ? null : (
        <textarea
          ref={textareaRef}
          id={id}
          name={name}
          className="code-editor-fallback"
          defaultValue={value}
          onInput={() => (typed.current = true)}
          readOnly={readOnly}
          aria-label={label}
          aria-describedby={describedBy}
          spellCheck={false}
          rows={24}
          dir="auto"
        />
      )}
      <div ref={hostRef} className="code-editor-host" hidden={!ready} />
    </div>
  );
});
