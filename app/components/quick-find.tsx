import { useEffect, useId, useRef, useState } from "react";
import { useFetcher, useNavigate, useSubmit } from "react-router";

type Hit = { id: string; title: string; department: string };
type LibraryData = { groups: { name: string; sops: { id: string; title: string }[] }[] };

/**
 * Find a procedure from anywhere: `/` focuses it, type, arrows choose, Enter starts a run
 * (Shift+Enter opens the procedure instead). A combobox per the WAI-ARIA pattern.
 */
export function QuickFind({ canRun }: { canRun: boolean }) {
  const fetcher = useFetcher<LibraryData>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const term = q.trim();
    if (!term) return;
    const t = setTimeout(() => fetcher.load(`/library?q=${encodeURIComponent(term)}`), 120);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const hits: Hit[] = q.trim() ? (fetcher.data?.groups ?? []).flatMap((g) => g.sops.map((s) => ({ id: s.id, title: s.title, department: g.name }))).slice(0, 8) : [];
  const shown = open && q.trim().length > 0;

  function choose(hit: Hit, openOnly: boolean) {
    setOpen(false);
    setQ("");
    input.current?.blur();
    if (canRun && !openOnly) submit({ sopId: hit.id }, { method: "post", action: "/runs/new" });
    else navigate(`/sops/${hit.id}`);
  }

  return (
    <div className="quick-find" role="search">
      <label htmlFor="quick-find" className="visually-hidden">
        Find a procedure
      </label>
      <input
        ref={input}
        id="quick-find"
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && hits[active] ? `${listId}-${active}` : undefined}
        aria-keyshortcuts="/"
        autoComplete="off"
        placeholder="Find a procedure…  /"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, Math.max(0, hits.length - 1)));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            const hit = hits[active];
            if (hit) choose(hit, e.shiftKey);
          } else if (e.key === "Escape") {
            setOpen(false);
            setQ("");
            e.currentTarget.blur();
          }
        }}
      />
      {shown ? (
        <div className="quick-find-results">
          <ul id={listId} role="listbox" aria-label="Procedures">
            {hits.map((h, i) => (
              <li
                key={h.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? "active" : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(h, false);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="qf-title">{h.title}</span>
                <span className="qf-dept">{h.department}</span>
              </li>
            ))}
          </ul>
          {hits.length === 0 ? <p className="qf-empty">{fetcher.state === "idle" ? "No procedure matches." : "Searching…"}</p> : null}
          <p className="qf-hint">{canRun ? "Enter starts a call · Shift+Enter opens the procedure" : "Enter opens the procedure"}</p>
        </div>
      ) : null}
    </div>
  );
}
