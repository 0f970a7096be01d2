// The CodeMirror 6 view of the MDX source editor (code-editor.tsx), in a module of its own so that the editor page
// loads CodeMirror with import() only when the source view is opened: the visual view, the page's default, never
// downloads, compiles or runs it. Browser-only.
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

export type CodeViewOptions = {
  /** the text the view starts with */
  doc: string;
  /** names the editing surface; the visible label is the caller's */
  label: string;
  id: string;
  describedBy?: string;
  readOnly: boolean;
  completionData(): CompletionData;
  onChange(text: string): void;
  /** Ctrl/Cmd-S */
  onSaveShortcut(): void;
};

/** What code-editor.tsx drives: one CodeMirror view over the SOP's source. */
export type CodeView = {
  getValue(): string;
  /** A text from outside (the front matter form, "take theirs"), applied as the smallest change. */
  setValue(text: string): void;
  setReadOnly(readOnly: boolean): void;
  /** The parser's diagnostics, shown only while the view holds exactly the text they were found in. */
  setDiagnostics(diagnostics: readonly Diagnostic[], source: string): void;
  jumpTo(line: number, column: number): void;
  insertBlock(text: string): void;
  focus(): void;
  destroy(): void;
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

const readOnlyFacets = (readOnly: boolean) => [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];

export function createCodeView(parent: HTMLElement, o: CodeViewOptions): CodeView {
  const readOnlyConf = new Compartment();
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
    autocompletion({ override: [sopCompletions(() => o.completionData())], icons: false, activateOnTyping: true }),
    highlightActiveLine(),
    lintGutter(),
    EditorView.lineWrapping,
    EditorView.perLineTextDirection.of(true),
    readOnlyConf.of(readOnlyFacets(o.readOnly)),
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
          o.onSaveShortcut();
          return true;
        },
      },
      ...defaultKeymap,
    ]),
    EditorView.contentAttributes.of({
      "aria-label": o.label,
      ...(o.describedBy ? { "aria-describedby": o.describedBy } : {}),
      id: o.id,
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) o.onChange(update.state.doc.toString());
    }),
    editorTheme,
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: o.doc, extensions }) });
  return {
    getValue: () => view.state.doc.toString(),
    setValue(text) {
      const change = minimalChange(view.state.doc.toString(), text);
      if (change) view.dispatch({ changes: change, userEvent: "input.external" });
    },
    setReadOnly(readOnly) {
      view.dispatch({ effects: readOnlyConf.reconfigure(readOnlyFacets(readOnly)) });
    },
    setDiagnostics(diagnostics, source) {
      if (view.state.doc.toString() !== source) return;
      view.dispatch(setDiagnostics(view.state, toCmDiagnostics(view.state.doc, diagnostics)));
    },
    jumpTo(line, column) {
      const pos = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      view.focus();
    },
    insertBlock(text) {
      if (view.state.readOnly) return;
      const at = blockInsertion(view.state.doc, view.state.selection.main.head, text);
      view.dispatch({
        changes: { from: at.from, to: at.to, insert: at.insert },
        selection: at.selection,
        effects: EditorView.scrollIntoView(at.selection.anchor, { y: "center" }),
        userEvent: "input.insert-block",
      });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
