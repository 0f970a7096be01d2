import { useEffect, useId, useRef, useState } from "react";
import { useFetcher, useNavigate, useSubmit } from "react-router";
import { Highlighted, type Segment } from "./search-results";

type Hit = { id: string; title: Segment[]; department: string; snippet: Segment[] };
type SearchData = { total: number; results: { sopId: string; title: Segment[]; snippet: Segment[]; department: { name: string } }[] } | { error: string };

/** The quick find asks for a handful of published procedures; a search starts at two letters. */
const MIN_CHARS = 2;

/**
 * Find a procedure from anywhere: `/` focuses it, type, arrows choose, Enter starts a run
 * (Shift+Enter opens the procedure instead). A combobox per the WAI-ARIA pattern.
 */
export function QuickFind({ canRun }: { canRun: boolean }) {
  const fetcher = useFetcher<SearchData>();
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

  const term = q.trim();
  const ready = [...term].length >= MIN_CHARS;
  useEffect(() => {
    if (!ready) return;
    // Full-text search over published SOPs (title, purpose, terms, tags and every step's text).
    const t = setTimeout(() => fetcher.load(`/api/search?${new URLSearchParams({ q: term, status: "published", limit: "8" })}`), 120);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [term, ready]);

  const data = fetcher.data;
  const hits: Hit[] =
    ready && data && "results" in data
      ? data.results.map((r) => ({ id: r.sopId, title: r.title, department: r.department.name, snippet: r.snippet })).slice(0, 8)
      : [];
  const shown = open && term.length > 0;

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
        maxLength={200}
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
                <span className="qf-title">
                  <Highlighted segments={h.title} />
                </span>
                <span className="qf-dept">{h.department}</span>
                {h.snippet.some((s) => s.mark) ? (
                  <span className="qf-snippet">
                    <Highlighted segments={h.snippet} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {hits.length === 0 ? (
            <p className="qf-empty" role="status">
              {!ready ? "Keep typing…" : fetcher.state !== "idle" || !data ? "Searching…" : "No procedure matches."}
            </p>
          ) : null}
          <p className="qf-hint">{canRun ? "Enter starts a call · Shift+Enter opens the procedure" : "Enter opens the procedure"}</p>
        </div>
      ) : null}
    </div>
  );
}
