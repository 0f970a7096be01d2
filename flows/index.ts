// Public API of flows/ (model part: browser-safe, no React, no DB). The CLI lives in cli.ts (node-only).
export type { FlowGraph, FlowModel, FlowModelEdge, FlowModelNode, FlowNodeType, NodeAttributeKey, TerminalNodeType } from "./model";
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
export type { FlowLayout, LayoutDirection, LayoutEdge, LayoutNode, LayoutOptions, Point } from "./layout";
export { EDGE_LABEL, NODE_SIZES, SPACING, layoutFlow } from "./layout";
export type { InsertFlowOptions, SerializeOptions } from "./serialize";
export { FlowSourceError, insertFlow, quoteAttribute, replaceFlowInSource, serializeFlow } from "./serialize";
export type { MermaidDirection, MermaidExportOptions, MermaidGroup, MermaidImport, MermaidImportOptions } from "./mermaid";
export { flowToMermaid, mermaidToFlow } from "./mermaid";
