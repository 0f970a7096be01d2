// The component vocabulary: one zod schema per component's attributes, and where each may appear.
import { z } from "zod";
import { FIELD_TYPES, NODE_TYPES, QUESTION_TYPES, TRAINING_COMPONENTS } from "./types";
import type { FieldType } from "./types";
import { UNICODE_SLUG_RE } from "./slug";
import { compileFieldPattern } from "./pattern";

/** Raw JSX attribute value: a quoted string, or `true` for a bare attribute (`<Field required />`). */
export type AttrValue = string | true;

export const FIELD_NAME_RE = /^[a-z_][a-z0-9_]*$/;
export const NODE_ID_RE = /^[A-Za-z0-9_-]+$/;
export const TEXT_LIKE_FIELD_TYPES: readonly FieldType[] = ["text", "textarea", "phone", "email"];

function text(component: string, attr: string, example: string) {
  return z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? `<${component}> needs ${/^[aeiou]/.test(attr) ? "an" : "a"} ` +
            `\`${attr}\` attribute, e.g. ${attr}="${example}"`
          : `\`${attr}\` on <${component}> needs a value in quotes, e.g. ${attr}="${example}"`,
    })
    .refine((v) => v.trim().length > 0, { error: `\`${attr}\` on <${component}> is empty, e.g. ${attr}="${example}"` })
    .transform((v) => v.trim());
}

function oneOf<T extends readonly [string, ...string[]]>(component: string, attr: string, values: T) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `<${component}> needs a \`${attr}\` attribute: one of ${values.join(", ")}`
        : iss.input === true
          ? `\`${attr}\` on <${component}> needs a value: one of ${values.join(", ")}`
          : `\`${attr}\` "${String(iss.input)}" on <${component}> is not one of ${values.join(", ")}`,
  });
}

function fieldName(component: string, attr: string) {
  return z
    .string({ error: `\`${attr}\` on <${component}> needs a field name in quotes, e.g. ${attr}="customer_name"` })
    .regex(FIELD_NAME_RE, {
      error: (iss) =>
        `Field name "${String(iss.input)}" is not allowed — use lower-case letters, ` +
        `digits and underscores, starting with a letter (e.g. customer_name)`,
    });
}

function slugId(component: string) {
  return z
    .string({ error: `\`id\` on <${component}> needs a value in quotes, e.g. id="verify-identity"` })
    .regex(UNICODE_SLUG_RE, {
      error: (iss) =>
        `\`id\` "${String(iss.input)}" on <${component}> is not a valid id ` +
        `— use lower-case letters, digits and dashes, e.g. verify-identity`,
    });
}

const booleanAttr = (component: string, attr: string) =>
  z
    .union([z.literal(true), z.enum(["true", "false"])], {
      error: (iss) =>
        `\`${attr}\` on <${component}> must be written \`${attr}\`, ${attr}="true" ` +
        `or ${attr}="false" (not "${String(iss.input)}")`,
    })
    .transform((v) => v === true || v === "true");

const optionalText = (component: string, attr: string, example: string) => text(component, attr, example).optional();

export const stepAttributes = z.object({
  title: text("Step", "title", "Verify identity"),
  id: slugId("Step").optional(),
});

export const sayAttributes = z.object({});
export const checkAttributes = z.object({});
export const tipAttributes = z.object({});
export const warningAttributes = z.object({});

export const fieldAttributes = z.object({
  name: fieldName("Field", "name"),
  label: text("Field", "label", "Customer name"),
  type: oneOf("Field", "type", FIELD_TYPES).optional(),
  required: booleanAttr("Field", "required").optional(),
  pattern: z
    .string({ error: '`pattern` on <Field> needs a regular expression in quotes, e.g. pattern="^[0-9]{6}$"' })
    .superRefine((v, ctx) => {
      // Patterns run on RE2 (linear time, same engine in the browser and on the server): see pattern.ts.
      const result = compileFieldPattern(v);
      if (!result.ok)
        ctx.addIssue({ code: "custom", message: result.message, params: { code: result.code, hint: result.hint } });
    })
    .optional(),
  /** `ignoreCase` (bare, like `required`): the pattern matches letters in either case (RE2 CASE_INSENSITIVE) */
  ignoreCase: booleanAttr("Field", "ignoreCase").optional(),
  /**
   * `sensitive` (bare, like `required`): customer data that must not leave the run (masked for other viewers, never
   * exported)
   */
  sensitive: booleanAttr("Field", "sensitive").optional(),
  options: z
    .string({
      error: '`options` on <Field> needs the choices in quotes, separated by |, e.g. options="Billing|Delivery|Other"',
    })
    .transform((v) =>
      v
        .split("|")
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .optional(),
  placeholder: optionalText("Field", "placeholder", "e.g. 123456"),
  help: optionalText("Field", "help", "Shown under the field"),
});

export const templateAttributes = z.object({
  title: text("Template", "title", "Refund confirmation e-mail"),
});

export const escalateAttributes = z.object({
  to: text("Escalate", "to", "Supervisor"),
  reason: text("Escalate", "reason", "Customer asks for a refund above the limit"),
});

export const flowAttributes = z.object({
  id: slugId("Flow").optional(),
  title: optionalText("Flow", "title", "Which issue is it?"),
});

export const nodeAttributes = z.object({
  id: z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? '<Node> needs an `id` attribute, e.g. id="ask-issue"'
          : '`id` on <Node> needs a value in quotes, e.g. id="ask-issue"',
    })
    .regex(NODE_ID_RE, { error: (iss) => `Node id "${String(iss.input)}" may only contain letters, digits, - and _` }),
  type: oneOf("Node", "type", NODE_TYPES),
  label: text("Node", "label", "Is the customer verified?"),
  to: optionalText("Node", "to", "Supervisor"),
  reason: optionalText("Node", "reason", "Refund above the limit"),
  step: optionalText("Node", "step", "verify-identity"),
  sop: optionalText("Node", "sop", "refund-request"),
  field: fieldName("Node", "field").optional(),
  outcome: optionalText("Node", "outcome", "Resolved"),
});

export const edgeAttributes = z.object({
  from: text("Edge", "from", "ask-issue"),
  to: text("Edge", "to", "billing"),
  label: optionalText("Edge", "label", "Yes"),
});

// ---- training: <Quiz>, <Question>, <Scenario>, <Answer> ------------------------------------

/** `a|b|c` → ["a", "b", "c"], trimmed, empty parts dropped. */
const pipeList = (component: string, attr: string, example: string) =>
  z
    .string({
      error: `\`${attr}\` on <${component}> needs the choices in quotes, separated by |, e.g. ${attr}="${example}"`,
    })
    .transform((v) =>
      v
        .split("|")
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    );

export const quizAttributes = z.object({
  id: slugId("Quiz").optional(),
  title: optionalText("Quiz", "title", "Refund basics"),
  pass: z
    .string({ error: '`pass` on <Quiz> needs a percentage in quotes, e.g. pass="80"' })
    .refine((v) => /^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 100, {
      error: (iss) =>
        `\`pass\` "${String(iss.input)}" on <Quiz> is not a whole percentage from 1 to 100, e.g. pass="80"`,
    })
    .transform((v) => Number(v.trim()))
    .optional(),
  attempts: z
    .string({ error: '`attempts` on <Quiz> needs a number in quotes, e.g. attempts="3" (or attempts="unlimited")' })
    .refine((v) => v.trim() === "unlimited" || (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 1000), {
      error: (iss) =>
        `\`attempts\` "${String(iss.input)}" on <Quiz> must be a whole number from 1 to 1000, or "unlimited"`,
    })
    .transform((v): number | null => (v.trim() === "unlimited" ? null : Number(v.trim())))
    .optional(),
});

export const questionAttributes = z.object({
  id: slugId("Question").optional(),
  type: oneOf("Question", "type", QUESTION_TYPES).optional(),
  prompt: text("Question", "prompt", "Up to what amount may you refund without a supervisor?"),
  options: pipeList("Question", "options", "20 EUR|50 EUR|100 EUR").optional(),
  answer: pipeList("Question", "answer", "50 EUR").optional(),
});

export const scenarioAttributes = z.object({
  id: slugId("Scenario").optional(),
  title: text("Scenario", "title", "Charged twice, card blocked"),
  customer: text("Scenario", "customer", "Maria Rossi, a customer for six years, upset"),
  outcome: text("Scenario", "outcome", "resolved"),
  /** bare: must escalate; "Supervisor": must escalate to that; absent: must not */
  escalate: z
    .union([z.literal(true), z.string()], {
      error: '`escalate` on <Scenario> is written `escalate` or escalate="Supervisor"',
    })
    .optional(),
});

export const answerAttributes = z.object({
  field: fieldName("Answer", "field").optional(),
  value: z
    .string({ error: '`value` on <Answer> needs the value in quotes, e.g. value="123456"' })
    .transform((v) => v.trim())
    .optional(),
  flow: optionalText("Answer", "flow", "which-issue"),
  question: optionalText("Answer", "question", "ask-issue"),
  choose: optionalText("Answer", "choose", "Billing"),
  says: optionalText("Answer", "says", "It's about a payment."),
});

export const COMPONENT_ATTRIBUTES = {
  Step: stepAttributes,
  Say: sayAttributes,
  Field: fieldAttributes,
  Check: checkAttributes,
  Tip: tipAttributes,
  Warning: warningAttributes,
  Escalate: escalateAttributes,
  Template: templateAttributes,
  Flow: flowAttributes,
  Node: nodeAttributes,
  Edge: edgeAttributes,
  Quiz: quizAttributes,
  Question: questionAttributes,
  Scenario: scenarioAttributes,
  Answer: answerAttributes,
} as const;

export type StepAttributes = z.infer<typeof stepAttributes>;
export type FieldAttributes = z.infer<typeof fieldAttributes>;
export type EscalateAttributes = z.infer<typeof escalateAttributes>;
export type TemplateAttributes = z.infer<typeof templateAttributes>;
export type FlowAttributes = z.infer<typeof flowAttributes>;
export type NodeAttributes = z.infer<typeof nodeAttributes>;
export type EdgeAttributes = z.infer<typeof edgeAttributes>;
export type QuizAttributes = z.infer<typeof quizAttributes>;
export type QuestionAttributes = z.infer<typeof questionAttributes>;
export type ScenarioAttributes = z.infer<typeof scenarioAttributes>;
export type AnswerAttributes = z.infer<typeof answerAttributes>;

export type ValidatedComponent = keyof typeof COMPONENT_ATTRIBUTES;
export type ComponentName = ValidatedComponent;
export const COMPONENT_NAMES: readonly ComponentName[] = Object.keys(COMPONENT_ATTRIBUTES) as ValidatedComponent[];

export function isComponentName(name: string): name is ComponentName {
  return (COMPONENT_NAMES as readonly string[]).includes(name);
}

export function isTrainingComponent(name: string): name is (typeof TRAINING_COMPONENTS)[number] {
  return (TRAINING_COMPONENTS as readonly string[]).includes(name);
}

// ---------------------------------------------------------------------------------------------
// Placement

/** Where the walker is: top level of a section, or inside one of these components. */
export type ContextKind =
  | "root"
  | "Step"
  | "Say"
  | "Check"
  | "Tip"
  | "Warning"
  | "Escalate"
  | "Template"
  | "Flow"
  | "Quiz"
  | "Question"
  | "Scenario";

export const PLACEMENT: Record<ComponentName, { allowed: readonly ContextKind[]; where: string }> = {
  Step: { allowed: ["root"], where: "at the top level of a section (not inside another component)" },
  Flow: { allowed: ["root", "Step"], where: "at the top level of a section or directly inside a <Step>" },
  Say: { allowed: ["Step", "Escalate", "Scenario"], where: "inside a <Step>, an <Escalate> or a <Scenario>" },
  Field: { allowed: ["Step"], where: "inside a <Step>" },
  Check: { allowed: ["Step"], where: "inside a <Step>" },
  Escalate: { allowed: ["Step"], where: "inside a <Step>" },
  Tip: {
    allowed: ["root", "Step", "Question"],
    where: "inside a <Step> (or a <Question>'s explanation) or at the top level of a section",
  },
  Warning: {
    allowed: ["root", "Step", "Question"],
    where: "inside a <Step> (or a <Question>'s explanation) or at the top level of a section",
  },
  // A template is copied as plain text: it holds Markdown only (no components inside it).
  Template: { allowed: ["root", "Step"], where: "inside a <Step> or at the top level of a section" },
  Node: { allowed: ["Flow"], where: "inside a <Flow>" },
  Edge: { allowed: ["Flow"], where: "inside a <Flow>" },
  // Quiz and Scenario are read by quiz()/scenario() in parse.ts, which take Question/Answer/Say themselves.
  Quiz: { allowed: ["root", "Step"], where: "at the top level of a section or directly inside a <Step>" },
  Question: { allowed: ["Quiz"], where: "directly inside a <Quiz>" },
  Scenario: { allowed: ["root", "Step"], where: "at the top level of a section or directly inside a <Step>" },
  Answer: { allowed: ["Scenario"], where: "directly inside a <Scenario>" },
};

/** Components that must sit directly at their level: not inside a list or a quote. */
export const DIRECT_ONLY: readonly ComponentName[] = ["Step", "Flow", "Quiz", "Scenario"];

export function describeContext(kind: ContextKind): string {
  if (kind === "root") return "at the top level of the section";
  return `inside a <${kind}>`;
}
