// Starting points for new SOPs and the editor's "insert" palette. Pure and browser-safe.
//
// Every template renders to a source that parses with zero errors (templates.test.ts checks each one with
// parseSop + validateFlow), and every block snippet keeps an SOP valid when inserted where `where` says.
import { emptyFrontMatterValues, writeFrontMatter } from "./front-matter";
import type { FrontMatterValues } from "./front-matter";

export type SopTemplateId = "blank" | "standard" | "checklist";

export type SopTemplate = { id: SopTemplateId; name: string; description: string };

type TemplateDef = SopTemplate & {
  frontMatter: Partial<FrontMatterValues>;
  body: string;
};

const STANDARD_BODY =
  `
Use this SOP when … (say which calls or requests it covers). Replace the text in every step with your own
instructions; keep the structure.

## Opening

<Step id="greet" title="Greet the customer">

Answer within three rings and open with AIDET: acknowledge, introduce yourself, and offer help.

<Say>Thank you for calling. My name is … How can I help you today?</Say>

<Field name="customer_name" label="Customer's name" required placeholder="First and last name" />

<Check>Greeted within three rings</Check>

</Step>

## Verification

<Step id="verify" title="Verify the customer">

Confirm who you are speaking with before you discuss or change anything on the account.

<Field name="account_number" label="Account or order number" required />

<Check>Identity confirmed with two details from the account</Check>

<Tip>

No account number? Search by e-mail address or phone number instead.

</Tip>

</Step>

## Resolution

<Step id="resolve" title="Resolve the request">

Listen to the whole request, then follow the diagram.

<Flow id="resolution" title="Can you resolve it on this call?">
  <Node id="start" type="start" label="Request understood" />
  <Node id="can-resolve" type="question" label="Can you resolve it yourself?" />
  <Node id="resolve" type="action" label="Resolve it and tell the customer what you did" />
  <Node id="handover" type="escalate" label="Warm transfer to a supervisor" to="Supervisor" reason="Needs ` +
  `approval or expertise beyond the first line" />
  <Node id="wrap" type="goto" label="Go to the wrap-up" step="wrap-up" />
  <Edge from="start" to="can-resolve" />
  <Edge from="can-resolve" to="resolve" label="Yes" />
  <Edge from="can-resolve" to="handover" label="No" />
  <Edge from="resolve" to="wrap" />
</Flow>

<Escalate to="Supervisor" reason="The customer asks for a supervisor, or the request is outside your authority">

<Say>Hi, I have {customer_name} on the line about … I've already checked … Could you take it from here?</Say>

</Escalate>

<Warning>

Never promise a date or an amount you cannot see in the system.

</Warning>

</Step>

## Wrap-up

<Step id="wrap-up" title="Close the call and document it">

<Say>Is there anything else I can help you with today, {customer_name}? Thank you for calling.</Say>

<Field name="need_met" label="Was the customer's need met on this call?" type="yes-no" required />

<Check>Note written: the request, what you did, what happens next and by when</Check>

<Check>Follow-up task created if the need was not met</Check>

</Step>
`;

const BLANK_BODY = `
## Steps

<Step title="First step">

Describe what the agent does.

</Step>
`;

const CHECKLIST_BODY = `
Work through the checklist in order and tick every item.

## Checklist

<Step title="Prepare">

<Check>First thing to check</Check>

<Check>Second thing to check</Check>

</Step>

<Step title="Do the work">

<Check>First action</Check>

<Check>Second action</Check>

</Step>

<Step title="Finish">

<Check>Result recorded</Check>

</Step>
`;

const TEMPLATES: TemplateDef[] = [
  {
    id: "blank",
    name: "Blank",
    description: "The required front matter and one empty step.",
    frontMatter: { purpose: "Say in one sentence why this SOP exists.", handleTime: "5m" },
    body: BLANK_BODY,
  },
  {
    id: "standard",
    name: "Standard call procedure",
    description:
      "Purpose, terms, opening, verification, resolution with a decision flow and an escalation, and wrap-up.",
    frontMatter: {
      purpose: "Say in one sentence why this SOP exists and what a good outcome is for the customer.",
      terms: [{ term: "AIDET", meaning: "Acknowledge, Introduce, Duration, Explanation, Thank you" }],
      handleTime: "6m",
      firstResponse: "20s",
      reviewEvery: "180d",
    },
    body: STANDARD_BODY,
  },
  {
    id: "checklist",
    name: "Checklist",
    description: "A short list of steps to tick off, without scripts or fields.",
    frontMatter: { purpose: "Say in one sentence why this SOP exists.", handleTime: "5m", reviewEvery: "180d" },
    body: CHECKLIST_BODY,
  },
];

/** The templates a new SOP can start from, in display order. */
export const SOP_TEMPLATES: readonly SopTemplate[] = TEMPLATES.map(({ id, name, description }) => ({
  id,
  name,
  description,
}));

export type NewSopOptions = {
  title: string;
  department: string;
  /** One of SOP_TEMPLATES' ids; unknown ids fall back to "blank". */
  templateId: string;
  /** BCP 47 code; omitted or empty: the format's default (en). */
  language?: string;
  /** E-mail of the owning team lead. */
  owner?: string;
};

/** The source of a new SOP from a template. Title and department are written safely quoted when needed. */
export function newSopSource(options: NewSopOptions): string {
  const template = TEMPLATES.find((t) => t.id === options.templateId) ?? TEMPLATES[0];
  const values: FrontMatterValues = {
    ...emptyFrontMatterValues(),
    ...template.frontMatter,
    title: (options.title ?? "").trim() || "Untitled SOP",
    department: (options.department ?? "").trim() || "Unassigned",
    language: (options.language ?? "").trim(),
    owner: (options.owner ?? "").trim(),
  };
  return writeFrontMatter(template.body, values);
}

// ---------------------------------------------------------------------------------------------
// Insert palette

export type BlockSnippetId = "step" | "say" | "field" | "check" | "tip" | "warning" | "escalation" | "flow";

export type BlockSnippet = {
  id: BlockSnippetId;
  label: string;
  description: string;
  /** Where the block may go: at the top level of a section ("section"), inside a <Step> ("step"), or both. */
  where: readonly ("section" | "step")[];
  /** The block, without surrounding blank lines. Insert it on its own lines (see insertSnippet). */
  text: string;
};

export const BLOCK_SNIPPETS: readonly BlockSnippet[] = [
  {
    id: "step",
    label: "Step",
    description: "A checklist step with a title, instructions and a check.",
    where: ["section"],
    text: `<Step title="New step">

Describe what the agent does.

<Check>What the agent ticks off when it is done</Check>

</Step>`,
  },
  {
    id: "say",
    label: "Script (Say)",
    description: "Words the agent says to the customer. Use {field_name} to insert a captured value.",
    where: ["step"],
    text: "<Say>What the agent says to the customer.</Say>",
  },
  {
    id: "field",
    label: "Field",
    description: "A detail the agent captures during the call (text, number, date, select, yes-no…).",
    where: ["step"],
    text: '<Field name="new_field" label="What to capture" required />',
  },
  {
    id: "check",
    label: "Check",
    description: "One line the agent ticks off.",
    where: ["step"],
    text: "<Check>What the agent confirms</Check>",
  },
  {
    id: "tip",
    label: "Tip",
    description: "Helpful advice shown beside the instructions.",
    where: ["step", "section"],
    text: `<Tip>

A helpful hint for the agent.

</Tip>`,
  },
  {
    id: "warning",
    label: "Warning",
    description: "Something the agent must not miss or must never do.",
    where: ["step", "section"],
    text: `<Warning>

What the agent must never do, and why.

</Warning>`,
  },
  {
    id: "escalation",
    label: "Escalation",
    description: "When and to whom to hand over, with the handover script.",
    where: ["step"],
    text: `<Escalate to="Supervisor" reason="When to hand over">

<Say>What the agent says when handing over the call.</Say>

</Escalate>`,
  },
  {
    id: "flow",
    label: "Flow",
    description: "A decision diagram: one question with two answers. A step holds at most one flow.",
    where: ["step", "section"],
    text: `<Flow id="new-flow" title="New decision">
  <Node id="start" type="start" label="Start" />
  <Node id="question" type="question" label="What is the question?" />
  <Node id="yes" type="end" label="Outcome for yes" outcome="Resolved" />
  <Node id="no" type="end" label="Outcome for no" outcome="Not resolved" />
  <Edge from="start" to="question" />
  <Edge from="question" to="yes" label="Yes" />
  <Edge from="question" to="no" label="No" />
</Flow>`,
  },
];

/** Every `attr="value"` value of the given attribute names in the source (a cheap scan that never fails). */
function attributeValues(source: string, names: string[]): Set<string> {
  const out = new Set<string>();
  const re = new RegExp(`(?:^|[\\s<])(?:${names.join("|")})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g");
  for (const m of source.matchAll(re)) out.add(m[1] ?? m[2] ?? "");
  return out;
}

function unused(base: string, used: Set<string>, sep: string): string {
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${sep}${n}`)) return `${base}${sep}${n}`;
}

/**
 * The snippet's text, with ids made unique against `existingSource`: a field gets a `name` no other field
 * (or flow node `field`) uses, a flow an `id` no other flow uses. "script" and "escalate" are accepted as
 * aliases of "say" and "escalation". Unknown ids return "".
 */
export function snippetText(id: BlockSnippetId | string, existingSource = ""): string {
  const wanted = id === "script" ? "say" : id === "escalate" ? "escalation" : id; // accepted aliases
  const snippet = BLOCK_SNIPPETS.find((s) => s.id === wanted);
  if (!snippet) return "";
  if (snippet.id === "field") {
    const name = unused("new_field", attributeValues(existingSource, ["name", "field"]), "_");
    return snippet.text.replace('name="new_field"', `name="${name}"`);
  }
  if (snippet.id === "flow") {
    const flowId = unused("new-flow", attributeValues(existingSource, ["id"]), "-");
    return snippet.text.replace('id="new-flow"', `id="${flowId}"`);
  }
  return snippet.text;
}

/**
 * Inserts a block at `offset` on lines of its own, separated from its neighbours by blank lines (what MDX
 * needs to read it as a block). The text is placed at the start of the line holding `offset` when that line
 * has other text after the offset; otherwise after that line. Returns the new source and the offset just
 * after the inserted block (where to put the cursor).
 */
export function insertSnippet(source: string, offset: number, text: string): { source: string; cursor: number } {
  const eol = source.includes("\r\n") ? "\r\n" : "\n";
  const at = Math.max(0, Math.min(source.length, Math.trunc(offset) || 0));
  const lineStart = source.lastIndexOf("\n", at - 1) + 1;
  const nl = source.indexOf("\n", at);
  const lineEnd = nl < 0 ? source.length : nl;
  const restOfLine = source.slice(at, lineEnd).trim();
  const beforeOnLine = source.slice(lineStart, at).trim();
  // Split point: end of the current line, unless only the rest of the line has text (then its start).
  let split: number;
  if (restOfLine === "") split = nl < 0 ? source.length : nl + 1;
  else if (beforeOnLine === "") split = lineStart;
  else split = at;
  let head = source.slice(0, split);
  const tail = source.slice(split);
  const block = text.replace(/\r?\n/g, eol);
  if (head !== "" && !head.endsWith("\n")) head += eol;
  if (head !== "" && !/(^|\n)[ \t]*\r?\n$/.test(head)) head += eol;
  let after = eol;
  if (tail !== "" && !/^[ \t]*\r?\n/.test(tail)) after += eol;
  const out = head + block + after + tail;
  return { source: out, cursor: head.length + block.length };
}
