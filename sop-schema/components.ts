// The component vocabulary: one zod schema per component's attributes, and where each may appear.
import { z } from "zod";
import { FIELD_TYPES, NODE_TYPES, TRAINING_COMPONENTS } from "./types";
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
          ? `<${component}> needs a \`${attr}\` attribute, e.g. ${attr}="${example}"`
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
        `Field name "${String(iss.input)}" is not allowed — use lower-case letters, digits and underscores, starting with a letter (e.g. customer_name)`,
    });
}

function slugId(component: string) {
  return z
    .string({ error: `\`id\` on <${component}> needs a value in quotes, e.g. id="verify-identity"` })
    .regex(UNICODE_SLUG_RE, {
      error: (iss) => `\`id\` "${String(iss.input)}" on <${component}> is not a valid id — use lower-case letters, digits and dashes, e.g. verify-identity`,
    });
}

const booleanAttr = (component: string, attr: string) =>
  z
    .union([z.literal(true), z.enum(["true", "false"])], {
      error: (iss) =>
        `\`${attr}\` on <${component}> must be written \`${attr}\`, ${attr}="true" or ${attr}="false" (not "${String(iss.input)}")`,
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
      if (!result.ok) ctx.addIssue({ code: "custom", message: result.message, params: { code: result.code, hint: result.hint } });
    })
    .optional(),
  /** `ignoreCase` (bare, like `required`): the pattern matches letters in either case (RE2 CASE_INSENSITIVE) */
  ignoreCase: booleanAttr("Field", "ignoreCase").optional(),
  options: z
    .string({ error: '`options` on <Field> needs the choices in quotes, separated by |, e.g. options="Billing|Delivery|Other"' })
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
    .string({ error: (iss) => (iss.input === undefined ? '<Node> needs an `id` attribute, e.g. id="ask-issue"' : '`id` on <Node> needs a value in quotes, e.g. id="ask-issue"') })
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

export const COMPONENT_ATTRIBUTES = {
  Step: stepAttributes,
  Say: sayAttributes,
  Field: fieldAttributes,
  Check: checkAttributes,
  Tip: tipAttributes,
  Warning: warningAttributes,
  Escalate: escalateAttributes,
  Flow: flowAttributes,
  Node: nodeAttributes,
  Edge: edgeAttributes,
} as const;

export type StepAttributes = z.infer<typeof stepAttributes>;
export type FieldAttributes = z.infer<typeof fieldAttributes>;
export type EscalateAttributes = z.infer<typeof escalateAttributes>;
export type FlowAttributes = z.infer<typeof flowAttributes>;
export type NodeAttributes = z.infer<typeof nodeAttributes>;
export type EdgeAttributes = z.infer<typeof edgeAttributes>;

export type ValidatedComponent = keyof typeof COMPONENT_ATTRIBUTES;
export type ComponentName = ValidatedComponent | (typeof TRAINING_COMPONENTS)[number];
export const COMPONENT_NAMES: readonly ComponentName[] = [...(Object.keys(COMPONENT_ATTRIBUTES) as ValidatedComponent[]), ...TRAINING_COMPONENTS];

export function isComponentName(name: string): name is ComponentName {
  return (COMPONENT_NAMES as readonly string[]).includes(name);
}

export function isTrainingComponent(name: string): name is (typeof TRAINING_COMPONENTS)[number] {
  return (TRAINING_COMPONENTS as readonly string[]).includes(name);
}

// ---------------------------------------------------------------------------------------------
// Placement

/** Where the walker is: top level of a section, or inside one of these components. */
export type ContextKind = "root" | "Step" | "Say" | "Check" | "Tip" | "Warning" | "Escalate" | "Flow" | "training";

export const PLACEMENT: Record<ComponentName, { allowed: readonly ContextKind[]; where: string }> = {
  Step: { allowed: ["root"], where: "at the top level of a section (not inside another component)" },
  Flow: { allowed: ["root", "Step"], where: "at the top level of a section or directly inside a <Step>" },
  Say: { allowed: ["Step", "Escalate", "training"], where: "inside a <Step> or an <Escalate>" },
  Field: { allowed: ["Step"], where: "inside a <Step>" },
  Check: { allowed: ["Step"], where: "inside a <Step>" },
  Escalate: { allowed: ["Step"], where: "inside a <Step>" },
  Tip: { allowed: ["root", "Step", "training"], where: "inside a <Step> or at the top level of a section" },
  Warning: { allowed: ["root", "Step", "training"], where: "inside a <Step> or at the top level of a section" },
  Node: { allowed: ["Flow"], where: "inside a <Flow>" },
  Edge: { allowed: ["Flow"], where: "inside a <Flow>" },
  Quiz: { allowed: ["root", "Step", "training"], where: "at the top level or inside a <Step>" },
  Question: { allowed: ["root", "Step", "training"], where: "at the top level or inside a <Step>" },
  Scenario: { allowed: ["root", "Step", "training"], where: "at the top level or inside a <Step>" },
};

export function describeContext(kind: ContextKind): string {
  if (kind === "root") return "at the top level of the section";
  if (kind === "training") return "inside a training block";
  return `inside a <${kind}>`;
}
