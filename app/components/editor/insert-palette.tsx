// The "Insert" toolbar: one button per block template (step, script, field, check, tip, warning, escalation,
// flow). A single Tab stop; arrow keys, Home and End move between the buttons (WAI-ARIA toolbar pattern).
import { useRef, useState, type KeyboardEvent } from "react";
import { BLOCK_SNIPPETS, type BlockSnippetId } from "../../../authoring/templates";

const WHERE: Record<string, string> = { section: "in a section", step: "inside a step" };

export function InsertPalette({ onInsert, disabled = false }: { onInsert(id: BlockSnippetId): void; disabled?: boolean }) {
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function move(e: KeyboardEvent<HTMLDivElement>) {
    const count = BLOCK_SNIPPETS.length;
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
    <div className="insert-palette" role="toolbar" aria-label="Insert a block at the cursor" aria-describedby="insert-palette-hint" onKeyDown={move}>
      <span className="insert-palette-label" aria-hidden="true">
        Insert
      </span>
      {BLOCK_SNIPPETS.map((s, i) => (
        <button
          key={s.id}
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
      ))}
      <span id="insert-palette-hint" className="visually-hidden">
        Adds the block on its own lines at the cursor in the source and selects its first placeholder.
      </span>
    </div>
  );
}
