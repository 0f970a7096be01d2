// Example text a new SOP starts with: what the templates and the editor's insert menu write so that a block is
// never empty ("Describe what the agent does."). Left in, it would reach agents on a live call, so parseSop
// reports each one as an `example-text` warning at the text (the front matter's example purpose as a
// `placeholder`), and a version holding any is neither sent to review nor published until it is replaced
// (app/authoring.server.ts, the editor's Send to review). Pure and browser-safe.
//
// Only these exact texts count (white space aside): an author who changed a single word wrote their own.
// authoring/templates.test.ts checks that every template and snippet example is listed here.
import type { Diagnostic } from "./types";

/** The purpose the templates write into the front matter. */
export const EXAMPLE_PURPOSES: readonly string[] = [
  "Say in one sentence why this SOP exists.",
  "Say in one sentence why this SOP exists and what a good outcome is for the customer.",
];

/** Text of a paragraph, check or script the templates and the insert menu write. */
export const EXAMPLE_TEXTS: readonly string[] = [
  "Use this SOP when … (say which calls or requests it covers). Replace the text in every step with your own " +
    "instructions; keep the structure.",
  "Describe what the agent does.",
  "What the agent ticks off when it is done",
  "What the agent says to the customer.",
  "What the agent confirms",
  "A helpful hint for the agent.",
  "What the agent must never do, and why.",
  "What the agent says when handing over the call.",
  "First thing to check",
  "Second thing to check",
  "First action",
  "Second action",
];

/** Attribute values the templates and the insert menu write, by component and attribute. */
export const EXAMPLE_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Step: { title: ["New step", "First step"] },
  Field: { label: ["What to capture"] },
  Escalate: { reason: ["When to hand over"] },
  Flow: { title: ["New decision"] },
  Node: { label: ["What is the question?", "Outcome for yes", "Outcome for no"] },
};

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
const TEXTS = new Set(EXAMPLE_TEXTS.map(normalise));
const PURPOSES = new Set(EXAMPLE_PURPOSES.map(normalise));

/** True when the text is one of the examples, as written by the template (white space aside). */
export function isExampleText(text: unknown): boolean {
  return typeof text === "string" && TEXTS.has(normalise(text));
}

export function isExamplePurpose(text: unknown): boolean {
  return typeof text === "string" && PURPOSES.has(normalise(text));
}

/** True when this attribute value of this component is the insert menu's or a template's example. */
export function isExampleAttribute(component: string, attribute: string, value: unknown): boolean {
  const examples = EXAMPLE_ATTRIBUTES[component]?.[attribute];
  return Boolean(examples) && typeof value === "string" && examples!.includes(normalise(value));
}

/** The message of an `example-text` warning: the text quoted, shortened past 60 characters. */
export function exampleTextMessage(text: string): string {
  const shown = normalise(text);
  return `Replace the example text: “${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}”`;
}

export const EXAMPLE_TEXT_HINT = "the template put it there; write what your agents should do or say instead";

/**
 * The diagnostics that keep a version from review and publishing, whatever the author confirms: placeholders the
 * import left, and example text from a template.
 */
export function blocksReview(d: Pick<Diagnostic, "code">): boolean {
  return d.code === "placeholder" || d.code === "example-text";
}
