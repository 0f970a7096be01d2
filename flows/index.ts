// Public API of flows/ (model part: browser-safe, no React, no DB). The CLI lives in cli.ts (node-only).
export type {
  FlowGraph,
  FlowModel,
  FlowModelEdge,
  FlowModelNode,
  FlowNodeType,
  NodeAttributeKey,
  TerminalNodeType,
} from "./model";
export {
  FIELD_NAME_RE,
  NODE_ATTRIBUTE_KEYS,
  NODE_ID_RE,
  NODE_TYPES,
  TERMINAL_NODE_TYPES,
  flowEdgeSchema,
  flowNodeSchema,
  flowSchema,
  fromSopFlow,
  graphOf,
  isTerminal,
  parseFlowModel,
  positionSchema,
} from "./model";
export type { FlowDiagnosticCode, MermaidDiagnosticCode } from "./diagnostics";
export { FLOW_DIAGNOSTIC_CODES, MERMAID_DIAGNOSTIC_CODES } from "./diagnostics";
export type { GraphCheckOptions } from "./validate";
export { capturedFields, checkFlowGraph, describeNode, validateFlow } from "./validate";
export type { FlowLayout, LayoutDirection, LayoutEdge, LayoutNode, LayoutOptions, LayoutRanker, Point } from "./layout";
export { EDGE_LABEL, LARGE_FLOW_NODES, NODE_SIZES, SPACING, layoutFlow } from "./layout";
export type { InsertFlowOptions, SerializeOptions } from "./serialize";
export { FlowSourceError, insertFlow, quoteAttribute, replaceFlowInSource, serializeFlow } from "./serialize";
export type {
  MermaidDirection,
  MermaidExportOptions,
  MermaidGroup,
  MermaidImport,
  MermaidImportOptions,
} from "./mermaid";
export { flowToMermaid, mermaidToFlow } from "./mermaid";
// The editor's model and operations (no React): load a flow from an SOP source, edit, write it back.
export type {
  DiagnosticsContext,
  EditorDiagnostic,
  EditorEdge,
  EditorGraph,
  EditorNode,
  EditorOptions,
  EditorState,
  Selection,
} from "./editor-state";
export {
  addNode,
  autoLayout,
  blankFlow,
  canRedo,
  canUndo,
  connect,
  createEditorState,
  deleteEdges,
  deleteElements,
  deleteNodes,
  deleteSelection,
  editorDiagnostics,
  EditorError,
  endGesture,
  fieldsOutsideFlow,
  loadFlowFromSource,
  mergeGraph,
  moveNodes,
  redo,
  renameNode,
  replaceGraph,
  select,
  setFlowMeta,
  toFlowModel,
  toFlowSource,
  undo,
  updateEdge,
  updateNode,
  writeFlowToSource,
} from "./editor-state";
export type { FlowHeat, FlowHeatEdge, FlowHeatNode } from "./heat";
export { heatEdgeKey } from "./heat";
