// The block menu ("/" in an empty text box, or a list's "Insert a block" button): a WAI-ARIA combobox whose listbox
// offers the blocks that may go there. ↑/↓ (wrapping), Home and End move the active option (aria-activedescendant:
// the focus stays in the box, so typing filters), Enter inserts it, a click too; Esc, or Backspace in the empty
// box, closes the menu and gives the focus back to where it was opened; Tab or leaving it closes it. Plain props:
// it knows nothing of the document.
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { filterMenu, moveActive, type MenuItem } from "../../../authoring/visual/arrange";

export type SlashMenuProps = {
  items: readonly MenuItem[];
  /** what the box is called, e.g. "Insert a block after this script" */
  label: string;
  onPick(id: string): void;
  /** closed without a pick; `restoreFocus` when the focus should go back to where the menu was opened */
  onClose(restoreFocus: boolean): void;
  dir?: "ltr" | "rtl";
  style?: React.CSSProperties;
};

export function SlashMenu({ items, label, onPick, onClose, dir, style }: SlashMenuProps) {
  const base = useId();
  const listId = `${base}-list`;
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterMenu(items, query), [items, query]);
  const current = shown[Math.min(active, shown.length - 1)];
  const optionId = (id: string) => `${base}-${id}`;

  useLayoutEffect(() => {
    input.current?.focus();
  }, []);
  useEffect(() => {
    if (current) document.getElementById(optionId(current.id))?.scrollIntoView?.({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const next = moveActive(e.key, Math.min(active, shown.length - 1), shown.length);
    if (next !== null) {
      e.preventDefault();
      setActive(next);
      return;
    }
    if (e.key === "Enter") {
      e.preventDefault();
      if (current) onPick(current.id);
    } else if (e.key === "Escape" || (e.key === "Backspace" && query === "")) {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === "Tab") {
      onClose(false);
    }
  };

  return (
    <div
      className="ve-menu"
      dir={dir}
      style={style}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose(false);
      }}
    >
      <input
        ref={input}
        type="text"
        role="combobox"
        className="ve-menu-input"
        aria-label={label}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current.id) : undefined}
        placeholder="Type to filter: warning, script…"
        dir="auto"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="ve-menu-list" role="listbox" id={listId} aria-label="Blocks">
        {shown.map((item) => (
          // the keyboard is the combobox's (aria-activedescendant), an option only takes clicks
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={item.id}
            id={optionId(item.id)}
            role="option"
            aria-selected={item === current}
            className="ve-menu-option"
            // the focus stays in the box
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(item.id)}
          >
            {item.label}
          </li>
        ))}
      </ul>
      {shown.length === 0 ? (
        <p className="ve-menu-empty" role="status">
          No block is called “{query}” here.
        </p>
      ) : null}
    </div>
  );
}
