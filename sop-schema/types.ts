// The parsed, serialisable shape of one SOP (contract v1). Everything here is plain JSON:
// no class instances, no undefined-valued keys, no functions.

export type Position = { line: number; column: number };

export type Severity = "error" | "warning";

export type Diagnostic = {
  severity: Severity;
  /** Stable machine-readable code, see DIAGNOSTIC_CODES in diagnostics.ts. */
  code: string;
  message: string;
  hint?: string;
  /** 1-based, relative to the whole file (front matter included). */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
};

export type Inline =
  | { type: "text"; value: string }
  | { type: "strong" | "emphasis" | "delete"; children: Inline[] }
  | { type: "code"; value: string }
  | { type: "link"; url: string; title?: string; children: Inline[] }
  | { type: "var"; name: string }
  | { type: "term"; term: string; text: string }
  | { type: "break" };

export const FIELD_TYPES = ["text", "textarea", "number", "date", "select", "phone", "email", "yes-no"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const NODE_TYPES = ["start", "question", "action", "say", "escalate", "end", "goto", "sop"] as const;
export type FlowNodeType = (typeof NODE_TYPES)[number];

export const TRAINING_COMPONENTS = ["Quiz", "Question", "Scenario"] as const;
export type TrainingComponent = (typeof TRAINING_COMPONENTS)[number];

export type FieldDef = {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  pattern?: string;
  /** `<Field ignoreCase>`: `pattern` matches letters in either case. Present (true) only when set. */
  ignoreCase?: true;
  options?: string[];
  placeholder?: string;
  help?: string;
  stepId: string;
  position: Position;
};

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; depth: 3 | 4 | 5 | 6; children: Inline[] }
  | { type: "list"; ordered: boolean; start?: number; items: Block[][] }
  | { type: "blockquote"; children: Block[] }
  | { type: "code"; lang?: string; value: string }
  | { type: "thematicBreak" }
  | { type: "say"; children: Block[] }
  | { type: "field"; field: FieldDef }
  | { type: "check"; id: string; children: Inline[] }
  | { type: "tip" | "warning"; children: Block[] }
  | { type: "escalate"; to: string; reason: string; children: Block[] }
  | { type: "flow"; flowId: string }
  | {
      type: "training";
      component: TrainingComponent;
      attributes: Record<string, string | true>;
      children: Block[];
    };

export type Step = {
  id: string;
  number: number;
  title: string;
  sectionId: string;
  blocks: Block[];
  fieldNames: string[];
  checkIds: string[];
  flowId?: string;
  escalations: { to: string; reason: string }[];
  position: Position;
};

/** Document-order view of a section (optional addition to the contract): text runs and steps interleaved. */
export type SectionItem = { kind: "blocks"; blocks: Block[] } | { kind: "step"; stepId: string };

export type Section = {
  id: string;
  /** 0 for the implicit intro section (content before the first `##`), then 1, 2, 3… */
  number: number;
  title: string | null;
  /** Every non-step block of the section, in order. */
  intro: Block[];
  stepIds: string[];
  position: Position;
  /** Same content as intro + stepIds, interleaved in document order. */
  items?: SectionItem[];
};

export type FlowNode = {
  id: string;
  type: FlowNodeType;
  label: string;
  to?: string;
  reason?: string;
  step?: string;
  sop?: string;
  field?: string;
  outcome?: string;
  position: Position;
};

export type FlowEdge = { from: string; to: string; label?: string; position: Position };

export type Flow = {
  id: string;
  title: string;
  stepId: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
  position: Position;
};

export type SopMeta = {
  id: string;
  title: string;
  department: string;
  purpose: string;
  owner?: string;
  tags: string[];
  language: string;
  direction: "ltr" | "rtl";
  targets: {
    handleTime: string;
    handleTimeSeconds: number;
    firstResponse?: string;
    firstResponseSeconds?: number;
  };
  reviewEvery?: string;
  reviewEveryDays?: number;
  reviewBy?: string;
};

export type GlossaryEntry = { term: string; meaning: string };

export type SopDocument = {
  formatVersion: 1;
  meta: SopMeta;
  glossary: GlossaryEntry[];
  sections: Section[];
  steps: Step[];
  fields: FieldDef[];
  flows: Flow[];
  variables: { name: string; position: Position }[];
  diagnostics: Diagnostic[];
  stats: { words: number; steps: number; fields: number; flows: number };
};

export type ParseOptions = {
  /** File name or path; used to derive meta.id when the front matter has no `id`. */
  filename?: string;
  /** Extra graph-level validation for each flow (added by flows/). Its diagnostics are appended. */
  validateFlow?: (flow: Flow, doc: SopDocument) => Diagnostic[];
};
