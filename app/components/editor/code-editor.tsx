// The MDX source editor: CodeMirror 6 in the browser, a plain labelled <textarea> on the server (first paint,
// no JavaScript). Markdown highlighting plus our tags, line numbers, completion of components/attributes/values,
// parser diagnostics underlined in place, per-line text direction (RTL SOPs), and no Tab trap:
// Esc then Tab (or Ctrl-M) moves focus out, as CodeMirror documents.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  startCompletion,
} from "@codemirror/autocomplete";
// markdownLanguage alone (not markdown()): its HTML nesting would bundle the HTML, CSS and JavaScript grammars.
import { markdownLanguage } from "@codemirror/lang-markdown";
import { bracketMatching, LanguageSupport, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import type { Diagnostic } from "../../../sop-schema/types";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import {
  blockInsertion,
  minimalChange,
  offsetOf,
  sopCompletions,
  sopFrontMatter,
  sopHighlightStyle,
  sopTokens,
  toCmDiagnostics,
  type CompletionData,
} from "./sop-language";

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

const editorTheme = EditorView.theme({
  "&": { fontSize: "0.92rem", backgroundColor: "var(--surface)", color: "var(--ink)", height: "100%" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.6", overflow: "auto" },
  ".cm-content": { paddingBlock: "0.6rem", caretColor: "var(--ink)" },
  ".cm-gutters": {
    backgroundColor: "var(--surface-sunken)",
    color: "var(--muted)",
    borderInlineEnd: "1px solid var(--line)",
  },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--brand) 6%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--brand) 12%, transparent)", color: "var(--ink)" },
  "&.cm-focused": { outline: "none" },
  // CodeMirror's base theme is its light one (no darkTheme facet): the cursor, panels and tooltips follow our tokens.
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--ink)" },
  ".cm-panels": { backgroundColor: "var(--surface-subtle)", color: "var(--ink)" },
  ".cm-panels-top": { borderBottom: "1px solid var(--line)" },
  ".cm-panels-bottom": { borderTop: "1px solid var(--line)" },
  ".cm-textfield": {
    backgroundColor: "var(--surface)",
    color: "var(--ink)",
    border: "1px solid var(--control-border)",
  },
  ".cm-button": {
    backgroundImage: "none",
    backgroundColor: "var(--surface)",
    color: "var(--ink)",
    border: "1px solid var(--line-strong)",
  },
  ".cm-searchMatch": { backgroundColor: "var(--mark)", outline: "1px solid var(--warning-stroke)" },
  ".cm-searchMatch.cm-searchMatch-selected": { backgroundColor: "color-mix(in srgb, var(--brand) 30%, transparent)" },
  ".cm-selectionMatch": { backgroundColor: "color-mix(in srgb, var(--success) 20%, transparent)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "color-mix(in srgb, var(--success) 25%, transparent)" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "color-mix(in srgb, var(--danger) 25%, transparent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in srgb, var(--brand) 24%, transparent) !important",
  },
  ".cm-tooltip": {
    fontFamily: "var(--font)",
    backgroundColor: "var(--surface-raised)",
    color: "var(--ink)",
    border: "1px solid var(--line-strong)",
    borderRadius: "6px",
    boxShadow: "var(--shadow)",
  },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--brand)", color: "var(--on-accent)" },
  ".cm-diagnostic": { whiteSpace: "pre-wrap", maxWidth: "46ch", fontFamily: "var(--font)", padding: "0.35rem 0.6rem" },
  ".cm-diagnostic-error": { borderInlineStart: "4px solid var(--danger)" },
  ".cm-diagnostic-warning": { borderInlineStart: "4px solid var(--warning-stroke)" },
  ".cm-completionDetail": { fontStyle: "normal", color: "var(--muted)", marginInlineStart: "0.6em" },
});

export const CodeEditor = forwardRef<CodeEditorHandle, Props>(function CodeEditor(props, ref) {
  const { id, label, describedBy, value, readOnly = false, name } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  /** The text the editor last reported (or was given): external `value` changes differ from it. */
  const known = useRef(value);
  const readOnlyConf = useRef(new Compartment());
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // Whatever was typed into the server-rendered textarea before hydration is kept.
    const initial = textareaRef.current?.value ?? latest.current.value;
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      search({ top: true }),
      highlightSelectionMatches(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(false),
      new LanguageSupport(markdownLanguage),
      syntaxHighlighting(sopHighlightStyle),
      sopTokens,
      sopFrontMatter,
      bracketMatching(),
      closeBrackets(),
      autocompletion({
        override: [sopCompletions(() => latest.current.completionData())],
        icons: false,
        activateOnTyping: true,
      }),
      highlightActiveLine(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.perLineTextDirection.of(true),
      readOnlyConf.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
      keymap.of([
        ...closeBracketsKeymap,
        ...completionKeymap,
        ...lintKeymap,
        ...searchKeymap,
        ...historyKeymap,
        // Tab indents; Escape then Tab (or Ctrl-M / Shift-Alt-M, in defaultKeymap) moves focus on.
        indentWithTab,
        { key: "Ctrl-Space", run: startCompletion },
        {
          key: "Mod-s",
          preventDefault: true,
          run: () => {
            latest.current.onSaveShortcut?.();
            return true;
          },
        },
        ...defaultKeymap,
      ]),
      EditorView.contentAttributes.of({
        "aria-label": label,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        id,
      }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const text = update.state.doc.toString();
        known.current = text;
        latest.current.onChange(text);
      }),
      editorTheme,
    ];
    const view = new EditorView({ parent: host, state: EditorState.create({ doc: initial, extensions }) });
    viewRef.current = view;
    known.current = initial;
    if (initial !== latest.current.value) latest.current.onChange(initial);
    setReady(true);
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // The view is created once; later prop changes are pushed in by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A new text from outside (the front matter form, "take theirs", restoring a backup).
  useEffect(() => {
    const view = viewRef.current;
    if (!view || value === known.current) return;
    known.current = value;
    const change = minimalChange(view.state.doc.toString(), value);
    if (change) view.dispatch({ changes: change, userEvent: "input.external" });
  }, [value, ready]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({
      effects: readOnlyConf.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
    });
  }, [readOnly, ready]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() !== props.diagnosticsSource) return;
    view.dispatch(setDiagnostics(view.state, toCmDiagnostics(view.state.doc, props.diagnostics)));
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
        if (!view) {
          const ta = textareaRef.current;
          if (!ta) return;
          const lines = ta.value.split("\n");
          let offset = 0;
          for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
          ta.focus();
          ta.setSelectionRange(offset + column - 1, offset + column - 1);
          return;
        }
        const pos = offsetOf(view.state.doc, line, column);
        view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
        view.focus();
      },
      insertBlock(text) {
        const view = viewRef.current;
        if (!view || view.state.readOnly) return;
        const at = blockInsertion(view.state.doc, view.state.selection.main.head, text);
        view.dispatch({
          changes: { from: at.from, to: at.to, insert: at.insert },
          selection: at.selection,
          effects: EditorView.scrollIntoView(at.selection.anchor, { y: "center" }),
          userEvent: "input.insert-block",
        });
        view.focus();
      },
      getValue() {
        return viewRef.current?.state.doc.toString() ?? textareaRef.current?.value ?? known.current;
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
