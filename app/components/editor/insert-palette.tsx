// The "Insert" toolbar: one button per block template (step, script, field, check, tip, warning, escalation, flow,
// table, reply template, then the training blocks: quiz, scenario). A single Tab stop; arrow keys, Home and End move
// between the buttons (WAI-ARIA toolbar pattern).
import { Fragment, useRef, useState, type KeyboardEvent } from "react";
import { BLOCK_SNIPPETS, snippetText, type BlockSnippet, type BlockSnippetId } from "../../../authoring/templates";

const WHERE: Record<string, string> = { section: "in a section", step: "inside a step" };

export type TrainingSnippetId = "quiz" | "scenario";
export type ContentSnippetId = "table" | "template";
export type PaletteSnippetId = BlockSnippetId | ContentSnippetId | TrainingSnippetId;
type TrainingSnippet = Omit<BlockSnippet, "id"> & { id: TrainingSnippetId };
type ContentSnippet = Omit<BlockSnippet, "id"> & { id: ContentSnippetId };

/** A Markdown table and a canned reply: content blocks, after the call blocks. */
export const CONTENT_SNIPPETS: readonly ContentSnippet[] = [
  {
    id: "table",
    label: "Table",
    description:
      "A table: a header row, then one line per row. Colons in the " +
      "second line align a column (:-- start, :-: centre, --: end).",
    where: ["step", "section"],
    text: `| Column | Column |
|:-------|:-------|
| Cell   | Cell   |`,
  },
  {
    id: "template",
    label: "Reply template",
    description: "A canned e-mail or chat reply the agent copies. Use {field_name} to fill in a captured value.",
    where: ["step", "section"],
    text: `<Template title="New reply">

Dear customer,

The reply the agent copies and sends.

</Template>`,
  },
];

/**
 * The training blocks (never shown on a live call). Their text is completed from the document by paletteSnippetText.
 */
export const TRAINING_SNIPPETS: readonly TrainingSnippet[] = [
  {
    id: "quiz",
    label: "Quiz",
    description:
      "Training: questions a trainee answers to get certified (one " +
      "answer, several answers, or typed), each with its explanation.",
    where: ["step", "section"],
    text: `<Quiz title="Check your understanding" pass="80" attempts="3">
  <Question prompt="Which option is right?" options="Option A|Option B|Option C" answer="Option B">
    Why Option B is right: shown after the attempt.
  </Question>
  <Question type="multiple" prompt="Which of these apply?" options="First|Second|Third" answer="First|Second" />
  <Question type="text" prompt="What is the word for it?" answer="Word|Other accepted spelling" />
</Quiz>`,
  },
  {
    id: "scenario",
    label: "Scenario",
    description:
      "Training: a simulated customer for practice runs: who calls, " +
      "what they say first, their answers and how the call should end.",
    where: ["step", "section"],
    text: `<Scenario title="New scenario" customer="Who is calling, and how they feel" outcome="resolved">
  <Say>What the customer says when the call starts.</Say>
</Scenario>`,
  },
];

const PALETTE: readonly { id: PaletteSnippetId; label: string; description: string; where: readonly string[] }[] = [
  ...BLOCK_SNIPPETS,
  ...CONTENT_SNIPPETS,
  ...TRAINING_SNIPPETS,
];
const FIRST_TRAINING = BLOCK_SNIPPETS.length + CONTENT_SNIPPETS.length;

/** `text` with its `title="base"` made one the source's `titlesRe` matches don't have yet: "base", "base 2", … */
function withUniqueTitle(text: string, base: string, source: string, titlesRe: RegExp): string {
  const titles = new Set([...source.matchAll(titlesRe)].map((m) => m[1]));
  let title = base;
  for (let n = 2; titles.has(title); n++) title = `${base} ${n}`;
  return text.replace(`title="${base}"`, `title="${title}"`);
}

/**
 * The text a palette button inserts. Training snippets get ids no other quiz or scenario uses, and a scenario
 * answers the document's first field and first flow question, so the inserted block reads cleanly.
 */
export function paletteSnippetText(id: PaletteSnippetId | string, existingSource = ""): string {
  const content = CONTENT_SNIPPETS.find((s) => s.id === id);
  if (content?.id === "template")
    return withUniqueTitle(content.text, "New reply", existingSource, /<Template\b[^>]*?\stitle\s*=\s*"([^"]*)"/g);
  if (content) return content.text;
  const training = TRAINING_SNIPPETS.find((s) => s.id === id);
  if (!training) return snippetText(id, existingSource);
  const base = training.id === "quiz" ? "Check your understanding" : "New scenario";
  let text = withUniqueTitle(training.text, base, existingSource, /<(?:Quiz|Scenario)\b[^>]*?\stitle\s*=\s*"([^"]*)"/g);
  if (training.id === "scenario") {
    const answers: string[] = [];
    const field = /<Field\b[^>]*?\sname\s*=\s*"([a-z_][a-z0-9_]*)"/.exec(existingSource)?.[1];
    if (field) answers.push(`  <Answer field="${field}" value="What the customer gives" />`);
    const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]+)"`).exec(tag)?.[1];
    const question = [...existingSource.matchAll(/<Node\b[^>]*>/g)]
      .map((m) => m[0])
      .find((tag) => attr(tag, "type") === "question");
    const node = question ? attr(question, "id") : undefined;
    const label = node
      ? [...existingSource.matchAll(/<Edge\b[^>]*>/g)]
          .map((m) => m[0])
          .filter((tag) => attr(tag, "from") === node)
          .map((tag) => attr(tag, "label"))
          .find(Boolean)
      : undefined;
    if (node && label) answers.push(`  <Answer question="${node}" choose="${label}" />`);
    if (answers.length) text = text.replace("\n</Scenario>", `\n${answers.join("\n")}\n</Scenario>`);
  }
  return text;
}

export function InsertPalette({
  onInsert,
  disabled = false,
}: {
  onInsert(id: PaletteSnippetId): void;
  disabled?: boolean;
}) {
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function move(e: KeyboardEvent<HTMLDivElement>) {
    const count = PALETTE.length;
    const rtl = getComputedStyle(e.currentTarget).direction === "rtl";
    let next: number | null = null;
    if (e.key === (rtl ? "ArrowLeft" : "ArrowRight")) next = (active + 1) % count;
    else if (e.key === (rtl ? "ArrowRight" : "ArrowLeft")) next = (active - 1 + count) % count;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = count - 1;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    refs.current[next]?.focus();
  }

  return (
    <div
      className="insert-palette"
      role="toolbar"
      aria-label="Insert a block at the cursor"
      aria-describedby="insert-palette-hint"
      onKeyDown={move}
    >
      <span className="insert-palette-label" aria-hidden="true">
        Insert
      </span>
      {PALETTE.map((s, i) => (
        <Fragment key={s.id}>
          {i === FIRST_TRAINING ? <span className="insert-palette-sep" aria-hidden="true" /> : null}
          <button
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className="button button-small insert-button"
            tabIndex={i === active ? 0 : -1}
            disabled={disabled}
            title={`${s.description} (${s.where.map((w) => WHERE[w] ?? w).join(" or ")})`}
            onFocus={() => setActive(i)}
            onClick={() => onInsert(s.id)}
          >
            <span aria-hidden="true" className="insert-plus">
              +
            </span>
            {s.label}
          </button>
        </Fragment>
      ))}
      <span id="insert-palette-hint" className="visually-hidden">
        Adds the block on its own lines at the cursor in the source and selects its first placeholder.
      </span>
    </div>
  );
}
