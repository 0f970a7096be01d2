// The editing workspace: the front matter form and the procedure — in the visual editor (blocks with forms, the
// default) or as MDX in the code editor (with the insert palette), both editing the same text — with the problems
// list, beside a live preview rendered by SopView, the very renderer agents see. Parsing here is sop-schema's
// parseSop: the text becomes a tree, never code.
import {
  Component,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
  type RefObject,
} from "react";
import { parseSop } from "../../../sop-schema/parse";
import type { Diagnostic, SopDocument } from "../../../sop-schema/types";
import { validateFlow } from "../../../flows/validate";
import { FlowSourceError, replaceFlowInSource } from "../../../flows/serialize";
import type { FlowModel } from "../../../flows/model";
import { FlowEditor } from "../../../flows/ui/flow-editor";
import { SopView } from "../sop/sop-view";
import { CodeEditor, type CodeEditorHandle } from "./code-editor";
import type { SyncStatus } from "./draft-sync";
import { FrontMatterForm } from "./front-matter-form";
import { InsertPalette, paletteSnippetText, type PaletteSnippetId } from "./insert-palette";
import { VisualEditor, type VisualEditorHandle } from "../visual-editor/visual-editor";
import type { EditorView } from "../../lib/editor-view";

export type Parsed = { source: string; doc: SopDocument };

export function parseForEditor(source: string, sopId: string): Parsed {
  return { source, doc: parseSop(source, { filename: `${sopId}.mdx`, validateFlow }) };
}

/** parseSop on the current text, at most every ~250 ms while typing. */
export function useLiveParse(source: string, sopId: string): Parsed {
  const [parsed, setParsed] = useState<Parsed>(() => parseForEditor(source, sopId));
  useEffect(() => {
    if (parsed.source === source) return;
    const t = setTimeout(() => setParsed(parseForEditor(source, sopId)), 250);
    return () => clearTimeout(t);
  }, [source, sopId, parsed.source]);
  return parsed;
}

/** False on the server and the first render; true once the browser is idle after the page has hydrated. */
function useIdleAfterMount(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback !== "function") {
      const id = setTimeout(() => setReady(true), 50);
      return () => clearTimeout(id);
    }
    const id = requestIdleCallback(() => setReady(true), { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }, []);
  return ready;
}

export function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === "error") errors++;
  return { errors, warnings: diagnostics.length - errors };
}

/** Lines the front matter block spans (0 when there is none). */
function frontMatterLines(source: string): number {
  const m = /^\uFEFF?---\r?\n[\s\S]*?\n---[ \t]*(\r?\n|$)/.exec(source);
  return m ? m[0].split("\n").length : 0;
}

// Plain digits: the server and the browser may format numbers for different locales (hydration must match).
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------

type Props = {
  sopId: string;
  source: string;
  onChange(source: string): void;
  parsed: Parsed;
  readOnly: boolean;
  departments: readonly string[];
  version: number;
  fallbackDepartment: string;
  editorRef: RefObject<CodeEditorHandle | null>;
  onSaveShortcut(): void;
  /** Extra tools under the palette (e.g. the flows of the document). */
  tools?: ReactNode;
  /** The visual editor (the default) or the MDX source. */
  view?: EditorView;
  onViewChange?(view: EditorView): void;
  visualRef?: RefObject<VisualEditorHandle | null>;
};

/** Visual / Source: two toggle buttons (aria-pressed), the one shown pressed. */
function ViewSwitch({ view, onChange }: { view: EditorView; onChange?(view: EditorView): void }) {
  if (!onChange) return null;
  return (
    <div className="view-switch" role="group" aria-label="Show the procedure as">
      {(["visual", "source"] as const).map((v) => (
        <button
          key={v}
          type="button"
          className="view-switch-button"
          aria-pressed={view === v}
          onClick={() => {
            if (view !== v) onChange(v);
          }}
        >
          {v === "visual" ? "Visual" : "Source"}
        </button>
      ))}
    </div>
  );
}

export function SopEditor({
  source,
  onChange,
  parsed,
  readOnly,
  departments,
  version,
  fallbackDepartment,
  editorRef,
  onSaveShortcut,
  tools,
  view = "source",
  onViewChange,
  visualRef: givenVisualRef,
}: Props) {
  const ownVisualRef = useRef<VisualEditorHandle | null>(null);
  const visualRef = givenVisualRef ?? ownVisualRef;
  const flowsRef = useRef<FlowToolsHandle | null>(null);
  const docRef = useRef(parsed.doc);
  docRef.current = parsed.doc;
  const meta = parsed.doc.meta;
  const departmentName = meta.department || fallbackDepartment;
  // The preview is drawn again when the parse is (every ~250 ms while typing), not on every key. In the visual view
  // (which needs JavaScript) it is first drawn once the editor is ready: a long SOP's preview is thousands of
  // elements, and the editor comes first. The source view's page has it from the server (it works without JS).
  const idle = useIdleAfterMount();
  const previewReady = idle || view === "source";
  const preview = useMemo(
    () =>
      previewReady ? (
        <SopView doc={parsed.doc} version={version} departmentName={departmentName} training="author" />
      ) : (
        <p className="muted editor-preview-wait">Drawing the preview…</p>
      ),
    [previewReady, parsed.doc, version, departmentName],
  );
  // The details start folded when they read cleanly (the body is what gets edited most), open otherwise.
  const [detailsOpen, setDetailsOpen] = useState(() =>
    parsed.doc.diagnostics.some((d) => d.severity === "error" && d.line <= Math.max(1, frontMatterLines(source))),
  );
  const detailsRef = useRef<HTMLDetailsElement>(null);

  /** A problem picked in the list: its block in the visual view (the details form for the front matter). */
  function jump(d: Diagnostic) {
    if (view === "source") return editorRef.current?.jumpTo(d.line, d.column);
    if (visualRef.current?.jumpTo(d)) return;
    if (d.line <= Math.max(1, frontMatterLines(source))) {
      setDetailsOpen(true);
      requestAnimationFrame(() => {
        detailsRef.current?.scrollIntoView({ block: "start" });
        detailsRef.current?.querySelector<HTMLElement>("input, textarea, select")?.focus({ preventScroll: true });
      });
    }
  }

  function insert(id: PaletteSnippetId) {
    const text = paletteSnippetText(id, editorRef.current?.getValue() ?? source);
    if (text) editorRef.current?.insertBlock(text);
  }

  // The source editor is CodeMirror, not an input: a click on its label focuses it, as a label does for a field
  // (listened to here, as a label with a click handler reads to assistive tech as a second control).
  const labelRef = useRef<HTMLLabelElement>(null);
  useEffect(() => {
    const label = labelRef.current;
    if (!label) return;
    const focus = () => editorRef.current?.focus();
    label.addEventListener("click", focus);
    return () => label.removeEventListener("click", focus);
  }, [editorRef]);
  return (
    <div className="editor-workspace">
      <div className="editor-source">
        <details
          ref={detailsRef}
          className="editor-panel editor-details"
          open={detailsOpen}
          onToggle={(e) => setDetailsOpen(e.currentTarget.open)}
        >
          <summary>
            <span className="editor-panel-title">Details</span>
            <span className="editor-details-summary muted">
              {[
                meta.department,
                meta.targets.handleTime ? `handle time ${meta.targets.handleTime}` : null,
                meta.language !== "en" ? meta.language : null,
                parsed.doc.glossary.length ? plural(parsed.doc.glossary.length, "term") : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
            <span className="editor-details-action">
              {detailsOpen ? "Hide" : "Edit title, purpose, terms, targets…"}
            </span>
          </summary>
          <FrontMatterForm source={source} onChange={onChange} departments={departments} readOnly={readOnly} />
        </details>

        {view === "visual" ? (
          <section className="editor-panel editor-visual" aria-labelledby="editor-visual-label">
            <div className="editor-code-head">
              <h2 className="editor-panel-title" id="editor-visual-label">
                Procedure
              </h2>
              <span className="muted small">Steps, scripts and fields as you will see them</span>
              <ViewSwitch view={view} onChange={onViewChange} />
            </div>
            {tools}
            {/* Read-only (in review, a conflict) disables every control of every block at once. */}
            <fieldset className="ve-fieldset" disabled={readOnly}>
              <legend className="visually-hidden">The procedure&apos;s blocks</legend>
              <VisualEditor
                ref={visualRef}
                source={source}
                onChange={onChange}
                diagnostics={parsed.doc.diagnostics}
                diagnosticsSource={parsed.source}
                onEditFlow={(flowId) => flowsRef.current?.open(flowId)}
                dir={meta.direction}
              />
            </fieldset>
          </section>
        ) : (
          <section className="editor-panel editor-code" aria-labelledby="editor-source-label">
            <div className="editor-code-head">
              <label className="editor-panel-title" id="editor-source-label" htmlFor="sop-source" ref={labelRef}>
                Procedure source
              </label>
              <span className="muted small">MDX: Markdown with SOP components</span>
              <ViewSwitch view={view} onChange={onViewChange} />
            </div>
            <InsertPalette onInsert={insert} disabled={readOnly} />
            {tools}
            <CodeEditor
              ref={editorRef}
              id="sop-source"
              name="source"
              label="Procedure source (MDX)"
              describedBy="sop-source-keys"
              value={source}
              onChange={onChange}
              diagnostics={parsed.doc.diagnostics}
              diagnosticsSource={parsed.source}
              readOnly={readOnly}
              onSaveShortcut={onSaveShortcut}
              completionData={() => ({
                fieldNames: [
                  ...new Set([
                    ...docRef.current.fields.map((f) => f.name),
                    ...docRef.current.flows.flatMap((f) =>
                      f.nodes.map((n) => n.field).filter((x): x is string => Boolean(x)),
                    ),
                  ]),
                ],
                stepIds: docRef.current.steps.map((s) => s.id),
                nodeIds: [],
              })}
            />
            <p className="editor-keys" id="sop-source-keys">
              <kbd>Ctrl</kbd>+<kbd>Space</kbd> suggests components and attributes · <kbd>Tab</kbd> indents: press{" "}
              <kbd>Esc</kbd> then <kbd>Tab</kbd> to leave the editor (or <kbd>Ctrl</kbd>+<kbd>M</kbd> to switch Tab to
              moving focus) · <kbd>Ctrl</kbd>+<kbd>S</kbd> saves · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes
            </p>
          </section>
        )}
        <FlowTools
          ref={flowsRef}
          parsed={parsed}
          source={source}
          onChange={onChange}
          disabled={readOnly}
          buttons={view === "source"}
        />

        <DiagnosticsPanel diagnostics={parsed.doc.diagnostics} checking={parsed.source !== source} onJump={jump} />
      </div>

      <section className="editor-preview-pane" aria-labelledby="editor-preview-title">
        <div className="editor-preview-head">
          <h2 id="editor-preview-title" className="editor-panel-title">
            Preview
          </h2>
          <span className="muted small">exactly what agents see{parsed.source !== source ? " · updating…" : ""}</span>
        </div>
        <div className="editor-preview" data-testid="editor-preview">
          <PreviewBoundary resetKey={parsed.source}>{preview}</PreviewBoundary>
        </div>
      </section>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

type FlowToolsHandle = { open(flowId: string): void };

/**
 * The visual flow editor in a dialog, written back into the source: opened by an "Edit flow" button for each <Flow>
 * (the source view's toolbar, `buttons`) or by a flow block's own button in the visual view (`ref.open`).
 */
function FlowTools({
  parsed,
  source,
  onChange,
  disabled,
  buttons,
  ref,
}: {
  /** the live parse, which runs a little behind the typing */
  parsed: Parsed;
  source: string;
  onChange(source: string): void;
  disabled: boolean;
  buttons: boolean;
  ref?: Ref<FlowToolsHandle>;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  /** the flow being edited, and the document it was read from when the dialog opened */
  const [open, setOpen] = useState<{ flowId: string; n: number; doc: SopDocument } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [height, setHeight] = useState(640);
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const parsedRef = useRef(parsed);
  parsedRef.current = parsed;
  const doc = open?.doc ?? parsed.doc;
  const flow = open ? doc.flows.find((f) => f.id === open.flowId) : undefined;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useImperativeHandle(ref, () => ({ open: (flowId) => start(flowId) }));

  // Without buttons the dialog is always there: a flow block just added opens it before the parse has caught up.
  if (buttons && doc.flows.length === 0) return null;

  function start(flowId: string) {
    setError(null);
    setHeight(Math.max(420, Math.min(820, window.innerHeight - 220)));
    // What was typed in the last moment (a flow's title, just before "Edit flow") is read now, not lost to the
    // live parse's delay.
    const live = parsedRef.current;
    const now = live.source === sourceRef.current ? live.doc : parseSop(sourceRef.current, { validateFlow });
    setOpen((prev) => ({ flowId, n: (prev?.n ?? 0) + 1, doc: now }));
  }

  function save(model: FlowModel) {
    if (!open) return;
    try {
      onChange(replaceFlowInSource(sourceRef.current, open.flowId, model));
      setOpen(null);
    } catch (e) {
      setError(
        e instanceof FlowSourceError
          ? `${e.message}. Fix the source around the flow, then try again.`
          : "The flow could not be written into the source.",
      );
    }
  }

  const stepTitles = Object.fromEntries(doc.steps.map((s) => [s.id, s.title]));
  const dialog = (
    <dialog
      ref={dialogRef}
      className="dialog flow-dialog"
      aria-labelledby="flow-dialog-title"
      // React passes a nested dialog's close and cancel events up the component tree (the DOM events don't
      // bubble): the flow editor's own dialogs (Paste Mermaid) closing must not close this one, or the pasted flow
      // is thrown away with the editor.
      onCancel={(e) => {
        if (e.target !== e.currentTarget) return;
        // Esc belongs to the flow editor (deselect, close menus); leave with Cancel or Save.
        e.preventDefault();
      }}
      onClose={(e) => {
        if (e.target === e.currentTarget) setOpen(null);
      }}
    >
      <h2 id="flow-dialog-title">Edit flow{flow ? `: ${flow.title || flow.id}` : ""}</h2>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {open && flow ? (
        <FlowEditor
          key={`${open.flowId}-${open.n}`}
          flow={flow}
          stepIds={doc.steps.map((s) => s.id)}
          stepTitles={stepTitles}
          capturedFields={[
            ...new Set([
              ...doc.fields.map((x) => x.name),
              ...doc.flows
                .filter((x) => x.id !== flow.id)
                .flatMap((x) => x.nodes.map((n) => n.field).filter((v): v is string => Boolean(v))),
            ]),
          ]}
          sourceLine={flow.position.line}
          height={height}
          saveLabel="Write into the procedure"
          onSave={save}
          onCancel={() => setOpen(null)}
        />
      ) : open ? (
        <p>
          This flow is no longer in the source.{" "}
          <button type="button" className="button button-small" onClick={() => setOpen(null)}>
            Close
          </button>
        </p>
      ) : null}
    </dialog>
  );
  if (!buttons) return dialog;
  return (
    <div className="flow-tools" role="group" aria-label="Decision flows">
      <span className="insert-palette-label">Flows</span>
      {doc.flows.map((f) => (
        <button
          key={f.id}
          type="button"
          className="button button-small"
          disabled={disabled}
          onClick={() => start(f.id)}
        >
          Edit flow: {f.title || f.id}
        </button>
      ))}
      {dialog}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

export function DiagnosticsPanel({
  diagnostics,
  checking,
  onJump,
}: {
  diagnostics: readonly Diagnostic[];
  checking: boolean;
  onJump(d: Diagnostic): void;
}) {
  const c = useMemo(() => counts(diagnostics), [diagnostics]);
  const summary =
    c.errors + c.warnings === 0
      ? "No problems"
      : [c.errors ? plural(c.errors, "error") : null, c.warnings ? plural(c.warnings, "warning") : null]
          .filter(Boolean)
          .join(", ");
  return (
    <section className="editor-panel editor-problems" aria-labelledby="editor-problems-title">
      <div className="editor-problems-head">
        <h2 id="editor-problems-title" className="editor-panel-title">
          Problems
        </h2>
        <span
          className={`badge ${c.errors ? "badge-danger" : c.warnings ? "badge-warning" : "badge-success"}`}
          role="status"
          data-testid="problem-count"
        >
          {summary}
        </span>
        {checking ? <span className="muted small">checking…</span> : null}
      </div>
      {diagnostics.length ? (
        <ul className="problem-list">
          {diagnostics.map((d, i) => (
            <li key={`${d.line}:${d.column}:${d.code}:${i}`} className={`problem problem-${d.severity}`}>
              <button type="button" className="problem-button" onClick={() => onJump(d)}>
                <span className="problem-where">
                  <span className="visually-hidden">{d.severity === "error" ? "Error" : "Warning"} at </span>
                  Line {d.line}:{d.column}
                </span>
                <span className="problem-message">{d.message}</span>
                {d.hint ? <span className="problem-hint">{d.hint}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small problem-none">The procedure reads cleanly: it can be sent to review.</p>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

export function StatusLine({ status }: { status: SyncStatus }) {
  let text: string;
  let tone: string;
  switch (status.kind) {
    case "saved":
      // Revision 0: a phantom draft (the published text; nothing to save until the first change).
      text =
        status.revision === 0 ? "No draft yet · your first change starts one" : `Saved · revision ${status.revision}`;
      tone = "ok";
      break;
    case "dirty":
      text = "Unsaved changes";
      tone = "pending";
      break;
    case "saving":
      text = "Saving…";
      tone = "pending";
      break;
    case "offline":
      text = "Offline — kept on this device";
      tone = "warn";
      break;
    case "error":
      text = `Not saved: ${status.message} — kept on this device`;
      tone = "bad";
      break;
    case "conflict":
      text = "Not saved — someone else saved first";
      tone = "bad";
      break;
    case "merge":
      text = "Merging — not saved yet";
      tone = "warn";
      break;
    case "locked":
      text = status.reason ? "Locked — not saved here" : "In review — read-only";
      tone = "muted";
      break;
  }
  return (
    <p className={`save-status save-status-${tone}`} role="status" data-testid="save-status">
      <span className="save-status-dot" aria-hidden="true" />
      {text}
    </p>
  );
}

// ---------------------------------------------------------------------------------------------

/**
 * A document the renderer cannot show (should not happen: parseSop output is always renderable) never takes the editor
 * down.
 */
class PreviewBoundary extends Component<{ resetKey: string; children: ReactNode }, { failed: boolean; key: string }> {
  override state = { failed: false, key: this.props.resetKey };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; key: string }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }
  override render() {
    if (this.state.failed)
      return (
        <p className="alert alert-error">
          The preview could not be shown for this text. Keep editing: it updates as you type.
        </p>
      );
    return this.props.children;
  }
}
