// Typed props for each SOP component, read from and written to its JSX attributes. Pure and browser-safe.
//
// Reading is lenient: a value the format does not accept (type="chekbox", required="maybe") is left out of the
// props, and the attribute itself is kept as written; parseSop's diagnostic says what is wrong with it. Writing
// follows docs/sop-format.md: values in double quotes, booleans bare (`required`), lists joined with |.
import { COMPONENT_ATTRIBUTES, type ComponentName, type FieldAttributes } from "../../sop-schema/components";
import { FIELD_TYPES, NODE_TYPES, QUESTION_TYPES } from "../../sop-schema/types";
import type { FlowNode, QuestionType } from "../../sop-schema/types";

export type StepProps = { title?: string; id?: string };
export type EmptyProps = Record<string, never>;
/** each attribute only if it was written and valid */
export type FieldProps = Partial<FieldAttributes>;
export type EscalateProps = { to?: string; reason?: string };
export type TemplateProps = { title?: string };
export type FlowProps = { id?: string; title?: string };
/** a flow node's attributes (FlowNode without its position) */
export type NodeProps = Partial<Omit<FlowNode, "position">>;
export type EdgeProps = { from?: string; to?: string; label?: string };
export type QuizProps = { id?: string; title?: string; pass?: number; attempts?: number | "unlimited" };
export type QuestionProps = {
  id?: string;
  type?: QuestionType;
  prompt?: string;
  options?: string[];
  answer?: string[];
};
/** `escalate`: true (written bare: must escalate), a name (must escalate to them), absent (must not). */
export type ScenarioProps = {
  id?: string;
  title?: string;
  customer?: string;
  outcome?: string;
  escalate?: true | string;
};
export type AnswerProps = {
  field?: string;
  value?: string;
  flow?: string;
  question?: string;
  choose?: string;
  says?: string;
};

export type ComponentProps = {
  Step: StepProps;
  Say: EmptyProps;
  Field: FieldProps;
  Check: EmptyProps;
  Tip: EmptyProps;
  Warning: EmptyProps;
  Escalate: EscalateProps;
  Template: TemplateProps;
  Flow: FlowProps;
  Node: NodeProps;
  Edge: EdgeProps;
  Quiz: QuizProps;
  Question: QuestionProps;
  Scenario: ScenarioProps;
  Answer: AnswerProps;
};
export type PropsOf<N extends ComponentName> = ComponentProps[N];
export type AnyProps = Partial<Record<string, string | number | boolean | string[] | undefined>>;

type Kind =
  | { kind: "text" }
  | { kind: "bool" }
  | { kind: "list" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "int" }
  | { kind: "attempts" }
  | { kind: "escalate" };

const T: Kind = { kind: "text" };
const B: Kind = { kind: "bool" };
const L: Kind = { kind: "list" };
const oneOf = (values: readonly string[]): Kind => ({ kind: "enum", values });

/** The kind of every attribute, per component; keys in the order the attributes are written (components.ts). */
export const PROP_KINDS: { [N in ComponentName]: Record<keyof ComponentProps[N] & string, Kind> } = {
  Step: { title: T, id: T },
  Say: {},
  Field: {
    name: T,
    label: T,
    type: oneOf(FIELD_TYPES),
    required: B,
    pattern: T,
    ignoreCase: B,
    sensitive: B,
    options: L,
    placeholder: T,
    help: T,
  },
  Check: {},
  Tip: {},
  Warning: {},
  Escalate: { to: T, reason: T },
  Template: { title: T },
  Flow: { id: T, title: T },
  Node: { id: T, type: oneOf(NODE_TYPES), label: T, to: T, reason: T, step: T, sop: T, field: T, outcome: T },
  Edge: { from: T, to: T, label: T },
  Quiz: { id: T, title: T, pass: { kind: "int" }, attempts: { kind: "attempts" } },
  Question: { id: T, type: oneOf(QUESTION_TYPES), prompt: T, options: L, answer: L },
  Scenario: { id: T, title: T, customer: T, outcome: T, escalate: { kind: "escalate" } },
  Answer: { field: T, value: T, flow: T, question: T, choose: T, says: T },
};

/** Attribute names of a component in the order a new attribute is placed (the schema's order). */
export function attributeOrder(name: ComponentName): string[] {
  return Object.keys(COMPONENT_ATTRIBUTES[name].shape);
}

/** A raw attribute value: the decoded string, true when written bare, null for a braces expression. */
export type RawValue = string | true | null;

function readValue(kind: Kind, raw: RawValue): unknown {
  if (raw === null) return undefined;
  switch (kind.kind) {
    case "text":
      return raw === true ? undefined : raw;
    case "bool":
      return raw === true || raw === "true" ? true : raw === "false" ? false : undefined;
    case "list":
      return raw === true
        ? undefined
        : raw
            .split("|")
            .map((s) => s.trim())
            .filter((s) => s.length > 0);
    case "enum":
      return raw !== true && kind.values.includes(raw) ? raw : undefined;
    case "int":
      return raw !== true && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
    case "attempts":
      if (raw === true) return undefined;
      if (raw.trim() === "unlimited") return "unlimited";
      return /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
    case "escalate":
      return raw === true || raw === "true" ? true : raw === "false" ? undefined : raw;
  }
}

/** The typed props of a component from its attributes (the first of a repeated attribute counts, as in parseSop). */
export function readProps<N extends ComponentName>(
  name: N,
  attrs: readonly { name: string; value: RawValue }[],
): PropsOf<N> {
  const kinds = PROP_KINDS[name] as Record<string, Kind>;
  const out: Record<string, unknown> = {};
  for (const a of attrs) {
    const kind = kinds[a.name];
    if (!kind || a.name in out) continue;
    const v = readValue(kind, a.value);
    if (v !== undefined) out[a.name] = v;
  }
  return out as PropsOf<N>;
}

// A character reference MDX would decode (`&amp;`, `&#10;`, `&eacute;`): only then does `&` need escaping.
const REFERENCE_RE = /&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g;

/** A value in double quotes: `"` and line breaks as character references, `&` only where it would start one. */
export function quoteValue(value: string): string {
  return `"${value
    .replace(REFERENCE_RE, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")}"`;
}

/**
 * How one prop is written as an attribute (`label="Order number"`, `required`), or null when it is left out:
 * undefined, false, "" and [] all mean "not set".
 */
export function writeAttribute(component: ComponentName, prop: string, value: unknown): string | null {
  const kind = (PROP_KINDS[component] as Record<string, Kind>)[prop] ?? T;
  if (value === undefined || value === null || value === false || value === "") return null;
  switch (kind.kind) {
    case "bool":
      return value === true || value === "true" ? prop : null;
    case "escalate":
      return value === true ? prop : `${prop}=${quoteValue(String(value))}`;
    case "list": {
      const items = (Array.isArray(value) ? value : String(value).split("|"))
        .map((s) => String(s).replace(/\|/g, " ").trim())
        .filter((s) => s.length > 0);
      return items.length ? `${prop}=${quoteValue(items.join("|"))}` : null;
    }
    default:
      return value === true ? prop : `${prop}=${quoteValue(String(value))}`;
  }
}
