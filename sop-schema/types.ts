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

export const TRAINING_COMPONENTS = ["Quiz", "Question", "Scenario", "Answer"] as const;
export type TrainingComponent = (typeof TRAINING_COMPONENTS)[number];

/**
 * How a call ends (a run's `completed` event, a `<Scenario outcome>`). Lives here, not in runbook/, so the
 * format can check scenarios without depending on the run engine; runbook/events.ts re-exports it.
 */
export const OUTCOMES = ["resolved", "escalated", "follow-up", "transferred", "abandoned"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** `<Question type>`: one option, several options, or a short typed answer. */
export const QUESTION_TYPES = ["single", "multiple", "text"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * One question of a `<Quiz>`. `answers` and `explanation` are the ANSWER KEY: they never reach a trainee's
 * browser before the attempt is graded (see `withoutAnswerKey`).
 */
export type QuizQuestion = {
  /** unique within its quiz: the `id` attribute, else q1, q2… in document order */
  id: string;
  type: QuestionType;
  /** the question as the trainee reads it (the `prompt` attribute) */
  prompt: string;
  /** the choices, in the author's order (empty for type "text") */
  options: string[];
  /**
   * the correct option(s) for single/multiple; every accepted answer for text (compared without case, spacing or
   * accents)
   */
  answers: string[];
  /** the Question's children: shown after the attempt */
  explanation: Block[];
  position: Position;
};

export type Quiz = {
  /** unique within the SOP: the `id` attribute, else the slug of the title, else "quiz" */
  id: string;
  title: string;
  /** percentage of questions right needed to pass, 1–100 (`pass="80"`); default 80 */
  passPercent: number;
  /** attempts a trainee has (`attempts="3"`); null when unlimited. Default 3. */
  maxAttempts: number | null;
  questions: QuizQuestion[];
  /** the step it sits in, when it sits in one */
  stepId?: string;
  position: Position;
};

/** What the simulated customer answers when the agent reaches a field or a flow question. */
export type ScenarioAnswer =
  | { kind: "field"; field: string; value: string; says?: string; position: Position }
  | {
      kind: "flow";
      flowId: string;
      /** the question node */
      nodeId: string;
      /** the label of the answer (edge) the customer's situation calls for */
      choose: string;
      says?: string;
      position: Position;
    };

/** A simulated customer for a practice run (`<Scenario>`). `expect` is the ANSWER KEY (see `withoutAnswerKey`). */
export type Scenario = {
  /** unique within the SOP: the `id` attribute, else the slug of the title */
  id: string;
  title: string;
  /** who the customer is (the `customer` attribute), e.g. "Maria, a long-time customer, upset" */
  customer: string;
  /** what they say at the start of the call: the Scenario's `<Say>` children, as written */
  opening: Block[];
  answers: ScenarioAnswer[];
  expect: {
    /** one of the runbook's outcomes (resolved, escalated, follow-up, transferred, abandoned) */
    outcome: string;
    /** the call must be escalated (`escalate` or `escalate="Supervisor"`); false when the attribute is absent */
    escalate: boolean;
    /** when `escalate="…"` names who */
    escalateTo?: string;
  };
  position: Position;
};

/** Front matter `training:` — what certification on this SOP needs. */
export type TrainingRequirements = {
  /** passing the SOP's quiz is required (default: true when the SOP has a quiz) */
  quiz: boolean;
  /** practice runs at or above `passScore` needed (default 0) */
  practice: number;
  /** practice pass mark, percent 1–100 (default 80) */
  passScore: number;
  /** as written, e.g. "180d"; a certificate expires this long after it is granted */
  recertifyEvery?: string;
  recertifyEveryDays?: number;
};

export type FieldDef = {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  pattern?: string;
  /** `<Field ignoreCase>`: `pattern` matches letters in either case. Present (true) only when set. */
  ignoreCase?: true;
  /**
   * `<Field sensitive>`: customer data that must not leave the run — masked for everyone but the run's agent,
   * never exported. A flow node capturing into a field of the same name is sensitive too. Present (true) only when set.
   */
  sensitive?: true;
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
  /** a `<Quiz>`: its content is in `SopDocument.quizzes` (never rendered in a live run) */
  | { type: "quiz"; quizId: string }
  /** a `<Scenario>`: its content is in `SopDocument.scenarios` (shown only in practice runs) */
  | { type: "scenario"; scenarioId: string }
  /**
   * A GFM table. `align` has one entry per column ("left" reads as the start side in a right-to-left SOP);
   * `head` holds the header cells, `rows` the body rows. Every row has exactly `align.length` cells.
   */
  | { type: "table"; align: TableAlign[]; head: Inline[][]; rows: Inline[][][] }
  /**
   * `<Template title>`: a canned e-mail or chat reply, copied as plain text (with `{field}` values filled in on a run).
   */
  | { type: "template"; title: string; children: Block[] };

/** A table column's alignment as written in the delimiter row (`:--`, `:-:`, `--:`), or null. */
export type TableAlign = "left" | "center" | "right" | null;

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
  /** front matter `training:`; absent when the SOP states no certification needs */
  training?: TrainingRequirements;
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
  /** present only when the SOP has quizzes (documents stored before training shipped have none) */
  quizzes?: Quiz[];
  /** present only when the SOP has scenarios */
  scenarios?: Scenario[];
  diagnostics: Diagnostic[];
  stats: { words: number; steps: number; fields: number; flows: number };
};

export type ParseOptions = {
  /** File name or path; used to derive meta.id when the front matter has no `id`. */
  filename?: string;
  /** Extra graph-level validation for each flow (added by flows/). Its diagnostics are appended. */
  validateFlow?: (flow: Flow, doc: SopDocument) => Diagnostic[];
};
