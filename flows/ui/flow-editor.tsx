/**
 * FlowEditor — the visual editor for one decision flow (React Flow rendering over flows/editor-state.ts).
 *
 * Contract (the SOP editor embeds exactly this; keep it stable):
 *
 *   <FlowEditor flow={flow} stepIds={stepIds} onSave={(flow: FlowModel) => …} onCancel={() => …} />
 *
 *   flow      the flow to edit: sop-schema's parsed `Flow`, a `FlowModel`, or a Mermaid import's `flow`.
 *             Read once, when the editor mounts: give it a React `key` to open another flow.
 *   stepIds   the SOP's step ids: `goto` nodes pick their target from them and are checked against them.
 *   onSave    receives the edited flow as a `FlowModel` (flows/model.ts): nodes and edges in order, values
 *             trimmed, `stepId` kept, no positions. Write it into the SOP with
 *             `replaceFlowInSource(source, originalFlowId, flow)` (the original id is the id `flow` had on
 *             mount: the author may rename the flow). May return a promise; the editor shows "Saving…".
 *   onCancel  optional: shows a Cancel button.
 *
 *   Optional: `stepTitles` (id → title, for the step picker and goto nodes), `capturedFields` (the SOP's
 *   fields outside this flow: turns on the `{field}` check), `sourceLine` (the `<Flow>` line in the MDX,
 *   so problems show real line numbers), `saveLabel`, `height` (px, default 640).
 *
 * Everything the editor does is an operation of flows/editor-state.ts (undo/redo included); this file only
 * renders the state and maps gestures to operations.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { DragEvent as ReactDragEvent, KeyboardEvent as ReactKeyboardEvent, ReactNode } from "react";
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  getViewportForBounds,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import type { Connection, EdgeChange, NodeChange } from "@xyflow/react";
import { NODE_TYPES } from "../../sop-schema/types";
import type { FlowNodeType } from "../../sop-schema/types";
import {
  addNode,
  autoLayout,
  canRedo,
  canUndo,
  connect,
  createEditorState,
  deleteElements,
  deleteSelection,
  editorDiagnostics,
  EditorError,
  endGesture,
  freePosition,
  mergeGraph,
  moveNodes,
  nodeIdProblem,
  redo,
  renameNode,
  replaceGraph,
  select,
  setFlowMeta,
  toFlowModel,
  TYPE_ATTRIBUTES,
  undo,
  updateEdge,
  updateNode,
} from "../editor-state";
import type { EditorDiagnostic, EditorEdge, EditorNode, EditorState } from "../editor-state";
import { NODE_SIZES } from "../layout";
import type { LayoutDirection, Point } from "../layout";
import type { FlowGraph, FlowModel } from "../model";
import { arrow, EDGE_COLORS, rfNode } from "./elements";
import type { FlowRfEdge, FlowRfNode } from "./elements";
import { edgeTypes } from "./flow-edges";
import { nodeTypes, TypeIcon } from "./flow-nodes";
import { nodeAriaLabel, nodeExtra, TYPE_HINTS, TYPE_NAMES } from "./labels";
import { MermaidDialog } from "./mermaid-dialog";
import type { MermaidImportMode } from "./mermaid-dialog";
import type { MermaidImport } from "../mermaid";

export type FlowEditorProps = {
  flow: FlowGraph & { stepId?: string; position?: { line: number } };
  stepIds: readonly string[];
  onSave(flow: FlowModel): void | Promise<unknown>;
  onCancel?(): void;
  stepTitles?: Readonly<Record<string, string>>;
  capturedFields?: readonly string[];
  sourceLine?: number;
  saveLabel?: string;
  height?: number;
};

const DRAG_TYPE = "application/x-stepwise-flow-node";
const DEFAULT_HEIGHT = 680;
/** The canvas width the server assumes (palette and side panel beside it on a laptop screen). */
const EDITOR_SSR_WIDTH = 620;
/** Fit every node by its declared size (React Flow's default only counts nodes it has measured). */
const FIT = { padding: 0.08, maxZoom: 1, includeHiddenNodes: true };
const OUTCOME_SUGGESTIONS = ["resolved", "escalated", "follow-up", "transferred", "explained", "declined"];

export function FlowEditor(props: FlowEditorProps) {
  const [initial] = useState(() =>
    createEditorState(props.flow, { origin: { line: props.sourceLine ?? props.flow.position?.line } }),
  );
  // The provider gets the first nodes and edges too, so the server HTML already shows the flow.
  // Only the first render uses these (later changes go through the controlled <ReactFlow>): computed once.
  const [first] = useState(() => {
    const diagnostics = editorDiagnostics(initial, { stepIds: props.stepIds, capturedFields: props.capturedFields });
    const stepTitle = (id: string) => props.stepTitles?.[id];
    return { nodes: buildNodes(initial, diagnostics, stepTitle), edges: buildEdges(initial, diagnostics) };
  });
  return (
    <ReactFlowProvider
      initialNodes={first.nodes}
      initialEdges={first.edges}
      initialWidth={EDITOR_SSR_WIDTH}
      initialHeight={props.height ?? DEFAULT_HEIGHT}
      fitView
      initialFitViewOptions={FIT}
    >
      <EditorInner {...props} initial={initial} />
    </ReactFlowProvider>
  );
}

type NodeCache = Map<string, { key: unknown[]; rf: FlowRfNode }>;

/** The editor's React Flow nodes; with a cache, node objects are reused while nothing about them changed. */
function buildNodes(
  state: EditorState,
  diagnostics: EditorDiagnostic[],
  stepTitle: (id: string) => string | undefined,
  cache?: { current: NodeCache },
): FlowRfNode[] {
  const g = state.graph;
  const worst = new Map<string, "error" | "warning">();
  for (const d of diagnostics)
    if (d.nodeId && !d.edgeId && worst.get(d.nodeId) !== "error") worst.set(d.nodeId, d.severity);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const labelOf = (id: string) => byId.get(id)?.label ?? id;
  const outgoingOf = new Map<string, EditorEdge[]>();
  for (const e of g.edges) outgoingOf.set(e.from, [...(outgoingOf.get(e.from) ?? []), e]);
  const next: NodeCache = new Map();
  const out = g.nodes.map((n) => {
    const outgoing = outgoingOf.get(n.id) ?? [];
    const selected = state.selection.nodes.includes(n.id);
    const key = [
      n,
      g.positions[n.id],
      selected,
      worst.get(n.id),
      state.direction,
      outgoing.map((e) => `${e.label}>${labelOf(e.to)}`).join("|"),
      stepTitle,
    ];
    const cached = cache?.current.get(n.id);
    if (cached && cached.key.every((k, i) => k === key[i])) {
      next.set(n.id, cached);
      return cached.rf;
    }
    const node: FlowRfNode = {
      ...rfNode({
        node: n,
        position: g.positions[n.id] ?? { x: 0, y: 0 },
        direction: state.direction,
        extra: nodeExtra(n, stepTitle),
        problem: worst.get(n.id),
        ariaLabel: nodeAriaLabel(n, outgoing, labelOf, { stepTitle }),
      }),
      selected,
    };
    next.set(n.id, { key, rf: node });
    return node;
  });
  if (cache) cache.current = next;
  return out;
}

function buildEdges(state: EditorState, diagnostics: EditorDiagnostic[]): FlowRfEdge[] {
  const g = state.graph;
  const bad = new Set(diagnostics.filter((d) => d.edgeId).map((d) => d.edgeId));
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const labelOf = (id: string) => byId.get(id)?.label ?? id;
  return g.edges.map((e) => {
    const selected = state.selection.edges.includes(e.id);
    const problem = bad.has(e.id);
    const data: FlowRfEdge["data"] = {};
    if (e.label !== undefined) data.label = e.label;
    if (g.routes[e.id]) data.points = g.routes[e.id];
    if (problem) data.problem = true;
    return {
      id: e.id,
      source: e.from,
      target: e.to,
      type: "flow" as const,
      data,
      selected,
      markerEnd: arrow(selected ? EDGE_COLORS.selected : problem ? EDGE_COLORS.problem : EDGE_COLORS.normal),
      ariaLabel: `Edge from ${labelOf(e.from)} to ${labelOf(e.to)}${e.label ? `, answer ${e.label}` : ""}`,
    };
  });
}

function isTextTarget(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
}

function EditorInner({
  initial,
  stepIds,
  onSave,
  onCancel,
  stepTitles,
  capturedFields,
  saveLabel = "Save flow",
  height = DEFAULT_HEIGHT,
}: FlowEditorProps & { initial: EditorState }) {
  const rf = useReactFlow<FlowRfNode, FlowRfEdge>();
  const uid = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<EditorState>(initial);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [message, setMessage] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const [saved, setSaved] = useState(() => JSON.stringify(toFlowModel(state)));
  const [saving, setSaving] = useState(false);
  const [mermaidOpen, setMermaidOpen] = useState(false);
  const [focusField, setFocusField] = useState<"node-label" | "edge-label" | null>(null);
  const [fitRequest, setFitRequest] = useState(0);
  const dragGesture = useRef<string | null>(null);
  // As in the viewer: the server's fit (fitView over EDITOR_SSR_WIDTH × height) is where the browser starts, then
  // onInit fits the real canvas; React Flow's own queued fitView is turned off once mounted.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const defaultViewport = useMemo(() => {
    const ns = initial.graph.nodes;
    if (!ns.length) return { x: 0, y: 0, zoom: 1 };
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const n of ns) {
      const p = initial.graph.positions[n.id] ?? { x: 0, y: 0 };
      const size = NODE_SIZES[n.type];
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x + size.width);
      y1 = Math.max(y1, p.y + size.height);
    }
    return getViewportForBounds(
      { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
      EDITOR_SSR_WIDTH,
      height,
      0.1,
      1,
      FIT.padding,
    );
  }, [initial, height]);
  const gestureCount = useRef(0);

  /** Runs an editor-state operation; an EditorError becomes a message instead of a crash. */
  const apply = useCallback((op: (s: EditorState) => EditorState): boolean => {
    try {
      const next = op(stateRef.current);
      if (next !== stateRef.current) {
        stateRef.current = next;
        setState(next);
      }
      return true;
    } catch (e) {
      if (e instanceof EditorError) {
        setMessage({ kind: "error", text: e.message });
        return false;
      }
      throw e;
    }
  }, []);

  const stepTitle = useCallback((id: string) => stepTitles?.[id], [stepTitles]);
  // the diagnostics depend on the graph, not on the selection or the viewport: they are not recomputed for those
  const { graph, origin } = state;
  const diagnostics = useMemo(
    () => editorDiagnostics({ graph, origin }, { stepIds, capturedFields }),
    [graph, origin, stepIds, capturedFields],
  );
  const dirty = JSON.stringify(toFlowModel(state)) !== saved;

  // ---- React Flow elements (node objects are reused while nothing about them changed) ----------------
  const nodeCache = useRef<NodeCache>(new Map());
  const rfNodes = useMemo(() => buildNodes(state, diagnostics, stepTitle, nodeCache), [state, diagnostics, stepTitle]);
  const rfEdges = useMemo(() => buildEdges(state, diagnostics), [state, diagnostics]);

  // ---- gestures → operations ----------------------------------------------------------------------
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowRfNode>[]) => {
      const moves: Record<string, Point> = {};
      let selection: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === "position" && c.position) moves[c.id] = c.position;
        else if (c.type === "select") {
          selection ??= new Set(stateRef.current.selection.nodes);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (Object.keys(moves).length) apply((s) => moveNodes(s, moves, dragGesture.current));
      if (selection) {
        const nodes = [...selection];
        apply((s) => select(s, { nodes, edges: s.selection.edges }));
      }
    },
    [apply],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowRfEdge>[]) => {
      let selection: Set<string> | null = null;
      for (const c of changes)
        if (c.type === "select") {
          selection ??= new Set(stateRef.current.selection.edges);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      if (selection) {
        const edges = [...selection];
        apply((s) => select(s, { nodes: s.selection.nodes, edges }));
      }
    },
    [apply],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (apply((s) => connect(s, c.source, c.target))) setFocusField("edge-label");
    },
    [apply],
  );

  const centerOn = useCallback(
    (id: string) => {
      const s = stateRef.current;
      const n = s.graph.nodes.find((x) => x.id === id);
      const p = s.graph.positions[id];
      if (!n || !p) return;
      const size = NODE_SIZES[n.type];
      void rf.setCenter(p.x + size.width / 2, p.y + size.height / 2, {
        zoom: Math.max(rf.getZoom(), 0.9),
        duration: 250,
      });
    },
    [rf],
  );

  const addFromPalette = useCallback(
    (type: FlowNodeType, at?: Point) => {
      let near = at;
      if (!near) {
        const rect = canvasRef.current?.getBoundingClientRect();
        if (rect) {
          const c = rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
          near = { x: c.x - NODE_SIZES[type].width / 2, y: c.y - NODE_SIZES[type].height / 2 };
        }
      }
      const position = freePosition(stateRef.current.graph, type, near);
      const attributes = type === "goto" && stepIds.length ? { step: stepIds[0] } : undefined;
      if (apply((s) => addNode(s, type, { position, attributes }))) {
        setFocusField("node-label");
        const id = stateRef.current.selection.nodes[0] ?? "";
        setMessage({
          kind: "info",
          text:
            `Added ${TYPE_NAMES[type]} node “${id}”. ` +
            `Drag from its ${stateRef.current.direction === "LR" ? "right" : "bottom"} ` +
            `handle to another node to connect them.`,
        });
      }
    },
    [apply, rf, stepIds],
  );

  const onDrop = useCallback(
    (e: ReactDragEvent) => {
      const type = e.dataTransfer.getData(DRAG_TYPE) as FlowNodeType;
      if (!(NODE_TYPES as readonly string[]).includes(type)) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addFromPalette(type, { x: p.x - NODE_SIZES[type].width / 2, y: p.y - NODE_SIZES[type].height / 2 });
    },
    [addFromPalette, rf],
  );

  const save = useCallback(async () => {
    const model = toFlowModel(stateRef.current);
    setSaving(true);
    try {
      await onSave(model);
      setSaved(JSON.stringify(model));
      setMessage({ kind: "info", text: "Flow saved." });
    } catch (e) {
      setMessage({ kind: "error", text: `Could not save: ${(e as Error)?.message ?? String(e)}` });
    } finally {
      setSaving(false);
    }
  }, [onSave]);

  const doUndo = useCallback(() => apply(undo), [apply]);
  const doRedo = useCallback(() => apply(redo), [apply]);

  // Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z (and Ctrl+Y) in the editor or with nothing else focused; text boxes keep
  // their own undo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextTarget(e.target)) return;
      // Inside the editor, or on an element that contains it (the page body, a focusable <main>).
      const root = rootRef.current;
      const inside = root !== null && e.target instanceof Node && (root.contains(e.target) || e.target.contains(root));
      if (!inside || (e.target instanceof Element && e.target.closest("dialog"))) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        doUndo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        doRedo();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [doUndo, doRedo]);

  useEffect(() => {
    if (fitRequest === 0) return;
    const t = window.setTimeout(() => void rf.fitView({ ...FIT, duration: 250 }), 30);
    return () => window.clearTimeout(t);
  }, [fitRequest, rf]);

  const onMermaid = useCallback(
    (result: MermaidImport, mode: MermaidImportMode) => {
      const direction: LayoutDirection =
        result.direction === "LR" || result.direction === "RL" ? "LR" : stateRef.current.direction;
      if (mode === "replace") {
        apply((s) => {
          const r = replaceGraph(s, result.flow);
          return r.direction === direction ? r : { ...autoLayout(r, direction), past: r.past };
        });
        setMessage({
          kind: "info",
          text: `Replaced the flow with ${result.flow.nodes.length} nodes from Mermaid. Undo brings the old one back.`,
        });
      } else {
        let notes: string[] = [];
        apply((s) => {
          const r = mergeGraph(s, result.flow);
          notes = r.notes;
          return r.state;
        });
        setMessage({
          kind: "info",
          text: [`Added ${result.flow.nodes.length} nodes from Mermaid (selected).`, ...notes].join(" "),
        });
      }
      setMermaidOpen(false);
      setFitRequest((n) => n + 1);
    },
    [apply],
  );

  const selectedNode =
    state.selection.nodes.length === 1 && state.selection.edges.length === 0
      ? state.graph.nodes.find((n) => n.id === state.selection.nodes[0])
      : undefined;
  const selectedEdge =
    state.selection.edges.length === 1 && state.selection.nodes.length === 0
      ? state.graph.edges.find((e) => e.id === state.selection.edges[0])
      : undefined;
  const selectionCount = state.selection.nodes.length + state.selection.edges.length;
  const errors = diagnostics.filter((d) => d.severity === "error").length;

  const onRootKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === "Escape" && !isTextTarget(e.target) && selectionCount > 0) apply((s) => select(s, {}));
  };

  return (
    // Escape anywhere inside the editor clears the selection: a shortcut delegated from the focusable widgets
    // within (the container itself takes no focus and no clicks)
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- see above
    <div
      className="fd-editor"
      ref={rootRef}
      style={{ ["--fd-editor-height" as string]: `${height}px` }}
      role="group"
      aria-label="Flow editor"
      onKeyDown={onRootKeyDown}
    >
      <div className="fd-toolbar" role="toolbar" aria-label="Flow editor">
        <div className="fd-toolbar-group">
          <button
            type="button"
            className="button button-small"
            onClick={doUndo}
            disabled={!canUndo(state)}
            aria-keyshortcuts="Control+Z Meta+Z"
            title="Undo (Ctrl/⌘+Z)"
          >
            ↶ Undo
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={doRedo}
            disabled={!canRedo(state)}
            aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
            title="Redo (Ctrl/⌘+Shift+Z)"
          >
            ↷ Redo
          </button>
        </div>
        <div className="fd-toolbar-group">
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              apply((s) => autoLayout(s));
              setFitRequest((n) => n + 1);
            }}
          >
            Auto-layout
          </button>
          <label className="fd-inline-select">
            <span className="visually-hidden">Layout direction</span>
            <select
              value={state.direction}
              onChange={(e) => {
                const d = e.target.value as LayoutDirection;
                apply((s) => autoLayout(s, d));
                setFitRequest((n) => n + 1);
              }}
            >
              <option value="TB">Top to bottom</option>
              <option value="LR">Left to right</option>
            </select>
          </label>
          <button
            type="button"
            className="button button-small"
            onClick={() => setFitRequest((n) => n + 1)}
            title="Fit the whole flow in view"
          >
            Fit
          </button>
        </div>
        <div className="fd-toolbar-group">
          <button type="button" className="button button-small" onClick={() => setMermaidOpen(true)}>
            Paste Mermaid…
          </button>
          <button
            type="button"
            className="button button-small fd-danger"
            onClick={() => apply(deleteSelection)}
            disabled={selectionCount === 0}
            aria-keyshortcuts="Delete Backspace"
          >
            Delete{selectionCount > 1 ? ` (${selectionCount})` : ""}
          </button>
        </div>
        <div className="fd-toolbar-group fd-toolbar-end">
          <span className={`fd-save-state${dirty ? " fd-save-state--dirty" : ""}`} aria-live="polite">
            {saving ? "Saving…" : dirty ? "Unsaved changes" : "Saved"}
          </span>
          {onCancel ? (
            <button type="button" className="button button-small" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => void save()}
            disabled={saving}
          >
            {saveLabel}
          </button>
        </div>
      </div>

      <div className="fd-editor-body">
        <section className="fd-palette" aria-labelledby={`${uid}-palette`}>
          <h3 id={`${uid}-palette`} className="fd-panel-title">
            Add a node
          </h3>
          <ul>
            {NODE_TYPES.map((type) => (
              <li key={type}>
                <button
                  type="button"
                  className={`fd-palette-item fd-palette-item--${type}`}
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, type);
                    e.dataTransfer.effectAllowed = "copy";
                  }}
                  onClick={() => addFromPalette(type)}
                  aria-describedby={`${uid}-hint-${type}`}
                >
                  <span className="fd-palette-swatch">
                    <TypeIcon type={type} size={14} />
                  </span>
                  <span className="fd-palette-name">{TYPE_NAMES[type]}</span>
                  <span className="fd-palette-hint" id={`${uid}-hint-${type}`}>
                    {TYPE_HINTS[type]}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>

        <div
          className="fd-canvas"
          ref={canvasRef}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes(DRAG_TYPE)) {
              e.preventDefault();
              e.dataTransfer.dropEffect = "copy";
            }
          }}
          onDrop={onDrop}
          dir="ltr"
        >
          <ReactFlow<FlowRfNode, FlowRfEdge>
            id={`fd-editor-${state.origin.flowId}`}
            aria-label={`Flow editor canvas: ${state.graph.title}`}
            nodes={rfNodes}
            edges={rfEdges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onDelete={({ nodes, edges }) =>
              apply((s) => deleteElements(s, { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) }))
            }
            onNodeDragStart={() => {
              dragGesture.current = `drag-${++gestureCount.current}`;
            }}
            onNodeDragStop={() => {
              dragGesture.current = null;
              apply(endGesture);
            }}
            isValidConnection={(c) => c.source !== c.target}
            connectionLineType={ConnectionLineType.SmoothStep}
            connectionRadius={32}
            deleteKeyCode={["Delete", "Backspace"]}
            multiSelectionKeyCode={["Shift", "Meta", "Control"]}
            selectionKeyCode="Shift"
            width={EDITOR_SSR_WIDTH}
            height={height}
            fitView={!mounted}
            fitViewOptions={FIT}
            defaultViewport={defaultViewport}
            onInit={(instance) => requestAnimationFrame(() => void instance.fitView(FIT))}
            minZoom={0.1}
            maxZoom={mounted ? 2 : 1}
            onlyRenderVisibleElements={rfNodes.length > 150}
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={{
              "node.a11yDescription.default":
                "Press Enter or Space to select the node and edit it in the side " +
                "panel; arrow keys move a selected node; Delete removes it.",
              "edge.a11yDescription.default":
                "Press Enter or Space to select the edge and edit its label in the side panel; Delete removes it.",
              "handle.ariaLabel": "Connection point: drag to another node to connect",
            }}
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--line-strong)" />
            <Controls showInteractive={false} position="bottom-left" fitViewOptions={FIT} />
            {rfNodes.length > 24 ? <MiniMap pannable zoomable position="bottom-right" nodeStrokeWidth={0} /> : null}
          </ReactFlow>
        </div>

        <aside className="fd-side" aria-label="Selection and problems">
          <section className="fd-inspector" aria-labelledby={`${uid}-inspector`}>
            <h3 id={`${uid}-inspector`} className="fd-panel-title">
              {selectedNode
                ? `${TYPE_NAMES[selectedNode.type]} node`
                : selectedEdge
                  ? "Edge"
                  : selectionCount > 1
                    ? "Selection"
                    : "Flow"}
            </h3>
            {selectedNode ? (
              <NodeForm
                key={selectedNode.id}
                node={selectedNode}
                state={state}
                apply={apply}
                stepIds={stepIds}
                stepTitles={stepTitles}
                autoFocus={focusField === "node-label"}
                onFocused={() => setFocusField(null)}
              />
            ) : selectedEdge ? (
              <EdgeForm
                key={selectedEdge.id}
                edge={selectedEdge}
                state={state}
                apply={apply}
                autoFocus={focusField === "edge-label"}
                onFocused={() => setFocusField(null)}
              />
            ) : selectionCount > 1 ? (
              <div className="fd-form">
                <p>
                  {plural(state.selection.nodes.length, "node")} and {plural(state.selection.edges.length, "edge")}{" "}
                  selected.
                </p>
                <button type="button" className="button button-small fd-danger" onClick={() => apply(deleteSelection)}>
                  Delete the selection
                </button>
              </div>
            ) : (
              <FlowForm state={state} apply={apply} />
            )}
          </section>
          <ProblemList
            diagnostics={diagnostics}
            errors={errors}
            onPick={(d) => {
              if (d.edgeId) apply((s) => select(s, { edges: [d.edgeId!] }));
              else if (d.nodeId) apply((s) => select(s, { nodes: [d.nodeId!] }));
              if (d.nodeId) centerOn(d.nodeId);
            }}
            labelOf={(id) => state.graph.nodes.find((n) => n.id === id)?.label ?? id}
          />
        </aside>
      </div>

      <p
        className={`fd-status${message?.kind === "error" ? " fd-status--error" : ""}`}
        role="status"
        aria-live="polite"
      >
        {message?.text ??
          "Drag from a node's handle to another node to connect them. Shift-click or Shift-drag selects several."}
      </p>

      <MermaidDialog
        open={mermaidOpen}
        onClose={() => setMermaidOpen(false)}
        onImport={onMermaid}
        flowId={state.graph.id}
        flowTitle={state.graph.title}
      />
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

type Apply = (op: (s: EditorState) => EditorState) => boolean;

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="form-field fd-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function FlowForm({ state, apply }: { state: EditorState; apply: Apply }) {
  const id = useId();
  const [flowId, setFlowId] = useState(state.graph.id);
  const [idError, setIdError] = useState<string | undefined>();
  useEffect(() => setFlowId(state.graph.id), [state.graph.id]);
  return (
    <div className="fd-form">
      <Field id={`${id}-title`} label="Flow title">
        <input
          id={`${id}-title`}
          type="text"
          value={state.graph.title}
          onChange={(e) => apply((s) => setFlowMeta(s, { title: e.target.value }))}
          onBlur={() => apply(endGesture)}
        />
      </Field>
      <Field id={`${id}-id`} label="Flow id" hint="Lower-case letters, digits and dashes." error={idError}>
        <input
          id={`${id}-id`}
          type="text"
          dir="ltr"
          value={flowId}
          aria-invalid={idError ? true : undefined}
          aria-describedby={`${id}-id-hint${idError ? ` ${id}-id-error` : ""}`}
          onChange={(e) => setFlowId(e.target.value)}
          onBlur={() => {
            if (flowId === state.graph.id) return setIdError(undefined);
            if (apply((s) => setFlowMeta(s, { id: flowId }))) setIdError(undefined);
            else setIdError("Use lower-case letters, digits and dashes, e.g. refund-decision.");
          }}
        />
      </Field>
      <p className="muted small">
        {plural(state.graph.nodes.length, "node")}, {plural(state.graph.edges.length, "edge")}. Select a node or an edge
        to edit it.
      </p>
    </div>
  );
}

function NodeForm({
  node,
  state,
  apply,
  stepIds,
  stepTitles,
  autoFocus,
  onFocused,
}: {
  node: EditorNode;
  state: EditorState;
  apply: Apply;
  stepIds: readonly string[];
  stepTitles?: Readonly<Record<string, string>>;
  autoFocus: boolean;
  onFocused(): void;
}) {
  const id = useId();
  const labelRef = useRef<HTMLTextAreaElement>(null);
  const [nodeId, setNodeId] = useState(node.id);
  const [idError, setIdError] = useState<string | undefined>();
  const [target, setTarget] = useState("");
  useEffect(() => {
    if (!autoFocus) return;
    labelRef.current?.focus();
    labelRef.current?.select();
    onFocused();
  }, [autoFocus, onFocused]);
  const set = (patch: Parameters<typeof updateNode>[2]) => apply((s) => updateNode(s, node.id, patch));
  const end = () => apply(endGesture);
  const attrs = TYPE_ATTRIBUTES[node.type];
  const outgoing = state.graph.edges.filter((e) => e.from === node.id);
  const others = state.graph.nodes.filter((n) => n.id !== node.id);
  const commitId = () => {
    if (nodeId === node.id) return setIdError(undefined);
    const problem = nodeIdProblem(state.graph, nodeId, node.id);
    if (problem) return setIdError(problem);
    if (apply((s) => renameNode(s, node.id, nodeId))) setIdError(undefined);
  };
  return (
    <div className="fd-form">
      <Field id={`${id}-type`} label="Type">
        <select id={`${id}-type`} value={node.type} onChange={(e) => set({ type: e.target.value as FlowNodeType })}>
          {NODE_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_NAMES[t]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={`${id}-label`}
        label={node.type === "question" ? "Question" : node.type === "say" ? "What the agent says" : "Label"}
        hint="Use {field_name} to show a captured field."
      >
        <textarea
          ref={labelRef}
          id={`${id}-label`}
          rows={3}
          value={node.label}
          aria-describedby={`${id}-label-hint`}
          onChange={(e) => set({ label: e.target.value })}
          onBlur={end}
        />
      </Field>
      {attrs.includes("to") ? (
        <Field id={`${id}-to`} label="Hand over to">
          <input
            id={`${id}-to`}
            type="text"
            value={node.to ?? ""}
            onChange={(e) => set({ to: e.target.value })}
            onBlur={end}
          />
        </Field>
      ) : null}
      {attrs.includes("reason") ? (
        <Field id={`${id}-reason`} label="Reason">
          <input
            id={`${id}-reason`}
            type="text"
            value={node.reason ?? ""}
            onChange={(e) => set({ reason: e.target.value })}
            onBlur={end}
          />
        </Field>
      ) : null}
      {attrs.includes("step") ? (
        <Field id={`${id}-step`} label="Go to step">
          {stepIds.length ? (
            <select id={`${id}-step`} value={node.step ?? ""} onChange={(e) => set({ step: e.target.value })}>
              <option value="">Choose a step…</option>
              {stepIds.map((s) => (
                <option key={s} value={s}>
                  {stepTitles?.[s] ? `${stepTitles[s]} (${s})` : s}
                </option>
              ))}
              {node.step && !stepIds.includes(node.step) ? (
                <option value={node.step}>{node.step} (not in this SOP)</option>
              ) : null}
            </select>
          ) : (
            <input
              id={`${id}-step`}
              type="text"
              dir="ltr"
              value={node.step ?? ""}
              onChange={(e) => set({ step: e.target.value })}
              onBlur={end}
            />
          )}
        </Field>
      ) : null}
      {attrs.includes("sop") ? (
        <Field id={`${id}-sop`} label="SOP id" hint="The id of the SOP to continue in, e.g. refund-and-return.">
          <input
            id={`${id}-sop`}
            type="text"
            dir="ltr"
            value={node.sop ?? ""}
            aria-describedby={`${id}-sop-hint`}
            onChange={(e) => set({ sop: e.target.value })}
            onBlur={end}
          />
        </Field>
      ) : null}
      {attrs.includes("outcome") ? (
        <Field id={`${id}-outcome`} label="Outcome">
          <input
            id={`${id}-outcome`}
            type="text"
            list={`${id}-outcomes`}
            value={node.outcome ?? ""}
            onChange={(e) => set({ outcome: e.target.value })}
            onBlur={end}
          />
          <datalist id={`${id}-outcomes`}>
            {OUTCOME_SUGGESTIONS.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </Field>
      ) : null}
      <Field
        id={`${id}-field`}
        label="Captures field (optional)"
        hint="lower_snake_case; the answer is stored under this name."
      >
        <input
          id={`${id}-field`}
          type="text"
          dir="ltr"
          value={node.field ?? ""}
          aria-describedby={`${id}-field-hint`}
          onChange={(e) => set({ field: e.target.value })}
          onBlur={end}
        />
      </Field>
      <Field id={`${id}-id`} label="Node id" error={idError}>
        <input
          id={`${id}-id`}
          type="text"
          dir="ltr"
          value={nodeId}
          aria-invalid={idError ? true : undefined}
          aria-describedby={idError ? `${id}-id-error` : undefined}
          onChange={(e) => setNodeId(e.target.value)}
          onBlur={commitId}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commitId();
            }
          }}
        />
      </Field>

      <div className="fd-connections">
        <h4>{node.type === "question" ? "Answers" : "Leads to"}</h4>
        {outgoing.length ? (
          <ul>
            {outgoing.map((e) => (
              <li key={e.id}>
                <button type="button" className="fd-link" onClick={() => apply((s) => select(s, { edges: [e.id] }))}>
                  {e.label ? <span className="fd-answer">{e.label}</span> : null} →{" "}
                  {state.graph.nodes.find((n) => n.id === e.to)?.label ?? e.to}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">Nothing yet.</p>
        )}
        <div className="fd-connect-row">
          <label htmlFor={`${id}-connect`} className="visually-hidden">
            Connect to
          </label>
          <select id={`${id}-connect`} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Connect to…</option>
            {others.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label.length > 40 ? `${n.label.slice(0, 39)}…` : n.label} ({n.id})
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small"
            disabled={!target}
            onClick={() => {
              if (target && apply((s) => connect(s, node.id, target))) setTarget("");
            }}
          >
            Connect
          </button>
        </div>
      </div>
      <button
        type="button"
        className="button button-small fd-danger"
        onClick={() => apply((s) => deleteElements(s, { nodes: [node.id] }))}
      >
        Delete this node
      </button>
    </div>
  );
}

function EdgeForm({
  edge,
  state,
  apply,
  autoFocus,
  onFocused,
}: {
  edge: EditorEdge;
  state: EditorState;
  apply: Apply;
  autoFocus: boolean;
  onFocused(): void;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!autoFocus) return;
    ref.current?.focus();
    onFocused();
  }, [autoFocus, onFocused]);
  const from = state.graph.nodes.find((n) => n.id === edge.from);
  const isAnswer = from?.type === "question";
  const option = (n: EditorNode) => (
    <option key={n.id} value={n.id}>
      {n.label.length > 40 ? `${n.label.slice(0, 39)}…` : n.label} ({n.id})
    </option>
  );
  return (
    <div className="fd-form">
      <Field
        id={`${id}-label`}
        label={isAnswer ? "Answer (edge label)" : "Edge label (optional)"}
        hint={isAnswer ? "What the agent picks, e.g. Yes." : undefined}
      >
        <input
          ref={ref}
          id={`${id}-label`}
          type="text"
          value={edge.label ?? ""}
          aria-describedby={isAnswer ? `${id}-label-hint` : undefined}
          onChange={(e) => apply((s) => updateEdge(s, edge.id, { label: e.target.value }))}
          onBlur={() => apply(endGesture)}
        />
      </Field>
      <Field id={`${id}-from`} label="From">
        <select
          id={`${id}-from`}
          value={edge.from}
          onChange={(e) => apply((s) => updateEdge(s, edge.id, { from: e.target.value }))}
        >
          {state.graph.nodes.map(option)}
        </select>
      </Field>
      <Field id={`${id}-to`} label="To">
        <select
          id={`${id}-to`}
          value={edge.to}
          onChange={(e) => apply((s) => updateEdge(s, edge.id, { to: e.target.value }))}
        >
          {state.graph.nodes.map(option)}
        </select>
      </Field>
      <button
        type="button"
        className="button button-small fd-danger"
        onClick={() => apply((s) => deleteElements(s, { edges: [edge.id] }))}
      >
        Delete this edge
      </button>
    </div>
  );
}

function ProblemList({
  diagnostics,
  errors,
  onPick,
  labelOf,
}: {
  diagnostics: EditorDiagnostic[];
  errors: number;
  onPick(d: EditorDiagnostic): void;
  labelOf(id: string): string;
}) {
  const id = useId();
  const warnings = diagnostics.length - errors;
  return (
    <section className="fd-problems" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="fd-panel-title">
        Problems{" "}
        <span className={`badge ${errors ? "fd-badge-error" : warnings ? "badge-warning" : "badge-success"}`}>
          {diagnostics.length
            ? `${errors} error${errors === 1 ? "" : "s"}` +
              (warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : "")
            : "none"}
        </span>
      </h3>
      {diagnostics.length ? (
        <ul className="fd-problem-list" aria-live="polite">
          {diagnostics.map((d, i) => (
            <li key={`${d.code}-${d.line}-${i}`}>
              <button
                type="button"
                className={`fd-problem fd-problem--${d.severity}`}
                onClick={() => onPick(d)}
                disabled={!d.nodeId && !d.edgeId}
              >
                <span className="fd-problem-meta">
                  <span className="fd-problem-sev">{d.severity}</span> line {d.line}
                  {d.nodeId ? <> · {labelOf(d.nodeId).slice(0, 32)}</> : null}
                </span>
                <span className="fd-problem-text">{d.message}</span>
                {d.hint ? <span className="fd-problem-hint">{d.hint}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">The flow follows every rule: one start, every node reachable, every path ends.</p>
      )}
    </section>
  );
}
