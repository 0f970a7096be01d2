import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useLocation, useNavigate, useNavigation, useSubmit } from "react-router";
import { directionOf } from "../../i18n";
import { ChannelSelect } from "./start-run";
import { useT } from "./i18n";
import { QUICK_FIND_DIALOG_ID, QUICK_FIND_INPUT_ID, takeEarlyQuickFind } from "./quick-find-early";
import { Highlighted, type Segment } from "./search-results";
import "./quick-find.css";

type Hit = { id: string; title: Segment[]; department: string; snippet: Segment[]; lang: string; dir: "ltr" | "rtl" };
type ApiHit = { sopId: string; title: Segment[]; snippet: Segment[]; department: { name: string }; language: string };

/** A search starts at two letters; the quick find shows a handful of published procedures. */
const MIN_CHARS = 2;
const LIMIT = 8;
const DEBOUNCE_MS = 120;

type Results = { term: string; hits: Hit[] };
type Failure = { term: string; message: string };

/**
 * The search behind quick find. Results carry the words they answer, so the caller can tell fresh results from
 * stale ones; a newer search aborts the older one and an answer for other words never replaces the current ones.
 * Answers are remembered per term (a term typed again shows its results at once).
 */
function useProcedureSearch(term: string, ready: boolean, failedMessage: string) {
  const cache = useRef(new Map<string, Hit[]>());
  const latest = useRef(term);
  const [results, setResults] = useState<Results | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  latest.current = term;

  useEffect(() => {
    if (!ready) return;
    const known = cache.current.get(term);
    if (known) {
      setResults({ term, hits: known });
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      try {
        // Full-text search over published SOPs (title, purpose, terms, tags and every step's text).
        const res = await fetch(
          `/api/search?${new URLSearchParams({ q: term, status: "published", limit: String(LIMIT) })}`,
          {
            signal: ctrl.signal,
            headers: { Accept: "application/json" },
          },
        );
        const body = (await res.json().catch(() => null)) as { results?: ApiHit[]; error?: string } | null;
        if (!res.ok || !body?.results) throw new Error(body?.error ?? failedMessage);
        const hits = body.results.slice(0, LIMIT).map((r) => ({
          id: r.sopId,
          title: r.title,
          department: r.department.name,
          snippet: r.snippet,
          lang: r.language,
          dir: directionOf(r.language),
        }));
        if (cache.current.size > 50) cache.current.delete(cache.current.keys().next().value!);
        cache.current.set(term, hits);
        if (latest.current === term) setResults({ term, hits });
      } catch (e) {
        if (ctrl.signal.aborted) return;
        if (latest.current === term)
          setFailure({
            term,
            message: e instanceof Error && e.message !== "Failed to fetch" ? e.message : failedMessage,
          });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [term, ready, failedMessage]);

  const reset = useCallback(() => {
    setResults(null);
    setFailure(null);
  }, []);
  return { results, failure: failure?.term === term ? failure.message : null, reset };
}

const plain = (segments: readonly Segment[]) => segments.map((s) => s.text).join("");

/**
 * Find a procedure from anywhere: `/` (or the sidebar button) opens a dialog, type, arrows choose, Enter picks
 * the highlighted result — a run then asks for the optional customer reference, whose Enter starts the call;
 * Shift+Enter opens the procedure instead. Enter always acts on the results of the words in the box: pressed
 * while they load, it waits for them. A combobox per the WAI-ARIA pattern, inside a modal dialog.
 */
export function QuickFind({ canRun }: { canRun: boolean }) {
  const { t } = useT();
  const submit = useSubmit();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const location = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const refInput = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  /** Enter pressed before the results for the typed words arrived: act on them when they do. */
  const [pending, setPending] = useState<{ openOnly: boolean } | null>(null);
  const [picked, setPicked] = useState<Hit | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  const listId = useId();
  const headingId = useId();

  const term = q.trim();
  const ready = [...term].length >= MIN_CHARS;
  const { results, failure, reset } = useProcedureSearch(term, ready, t("quickfind.failed"));
  const fresh = ready && results?.term === term;
  const hits = fresh ? results.hits : [];
  const shownHits = ready ? (results?.hits ?? []) : [];
  const starting = navigation.state !== "idle" && navigation.formAction === "/runs/new";

  const open = useCallback(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    setIsOpen(true);
    input.current?.focus();
    input.current?.select();
  }, []);

  const close = useCallback(() => {
    const d = dialog.current;
    if (d?.open) d.close();
    setIsOpen(false);
    setQ("");
    setActive(0);
    setPending(null);
    setPicked(null);
    reset();
  }, [reset]);

  // `/` from anywhere (not while typing, not when a page has its own use for it, e.g. the run screen's search).
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement | null;
      const typing = !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
      if (e.key !== "/" || e.defaultPrevented || typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector("dialog[open]") && !dialog.current?.open) return; // another dialog is up
      e.preventDefault();
      open();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  // What was typed before the JavaScript ran (quick-find-early.tsx): take it over, Enter included.
  useEffect(() => {
    const early = takeEarlyQuickFind();
    if (!early?.opened) return;
    open();
    setQ(early.text);
    if (early.enter) setPending({ openOnly: early.shift });
  }, [open]);

  // A run started (or a page opened): the dialog has done its job.
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    if (dialog.current?.open) close();
  }, [location.pathname, close]);

  useEffect(() => {
    if (picked) refInput.current?.focus();
    else if (isOpen) input.current?.focus();
  }, [picked, isOpen]);

  function choose(hit: Hit, openOnly: boolean) {
    if (canRun && !openOnly) {
      setPicked(hit);
      return;
    }
    close();
    navigate(`/sops/${encodeURIComponent(hit.id)}`);
  }

  // The results for the typed words arrived: a waiting Enter acts on them now.
  useEffect(() => {
    if (!pending) return;
    if (failure) setPending(null);
    else if (fresh) {
      setPending(null);
      if (hits[0]) choose(hits[0], pending.openOnly);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending, fresh, failure]);

  function start(form: HTMLFormElement) {
    if (!picked || starting) return;
    const data = new FormData(form);
    submit(
      {
        sopId: picked.id,
        customerRef: String(data.get("customerRef") ?? "").trim(),
        channel: String(data.get("channel") ?? "phone"),
      },
      { method: "post", action: "/runs/new" },
    );
  }

  let status: string;
  if (!ready) status = term ? t("quickfind.keepTyping") : t("quickfind.empty");
  else if (failure) status = failure;
  else if (!fresh) status = t("quickfind.searching");
  else if (hits.length === 0) status = t("quickfind.noMatch");
  else status = t("quickfind.count", { count: hits.length });

  return (
    <div className="quick-find">
      <button
        type="button"
        className="qf-trigger"
        data-quick-find-trigger=""
        aria-haspopup="dialog"
        aria-keyshortcuts="/"
        onClick={open}
      >
        <SearchIcon />
        <span className="qf-trigger-text">{t("quickfind.label")}</span>
        <kbd aria-hidden="true">/</kbd>
      </button>
      {/* Escape inside the dialog goes back to the results' input first (its own key handling, not a widget's) */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- see above */}
      <dialog
        ref={dialog}
        id={QUICK_FIND_DIALOG_ID}
        className="qf-dialog"
        aria-label={t("quickfind.label")}
        onClose={() => {
          if (isOpen) close();
        }}
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          // Esc steps back: from the reference box to the results, from the results out of the dialog.
          e.preventDefault();
          if (picked) setPicked(null);
          else close();
        }}
        onMouseDown={(e) => {
          if (e.target === dialog.current) close(); // the backdrop
        }}
      >
        <div className="qf-panel" hidden={!!picked}>
          <div className="qf-search">
            <SearchIcon />
            <label htmlFor={QUICK_FIND_INPUT_ID} className="visually-hidden">
              {t("quickfind.label")}
            </label>
            <input
              ref={input}
              id={QUICK_FIND_INPUT_ID}
              type="search"
              role="combobox"
              aria-expanded={shownHits.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
              aria-keyshortcuts="/"
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              placeholder={t("quickfind.placeholder")}
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                setActive(0);
                setPending(null);
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") {
                  e.preventDefault();
                  setActive((a) => Math.min(a + 1, Math.max(0, hits.length - 1)));
                } else if (e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((a) => Math.max(a - 1, 0));
                } else if (e.key === "Enter") {
                  e.preventDefault();
                  if (!ready) return;
                  const hit = hits[active];
                  if (hit) choose(hit, e.shiftKey);
                  else if (!fresh && !failure) setPending({ openOnly: e.shiftKey }); // results on their way
                }
              }}
            />
            <kbd className="qf-esc" aria-hidden="true">
              Esc
            </kbd>
          </div>
          <ul
            id={listId}
            role="listbox"
            aria-label={t("quickfind.results")}
            className={fresh ? "qf-list" : "qf-list is-stale"}
            aria-busy={ready && !fresh}
          >
            {shownHits.map((h, i) => (
              <li
                key={h.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={fresh && i === active}
                className={fresh && i === active ? "qf-option active" : "qf-option"}
                onMouseDown={(e) => {
                  e.preventDefault();
                  if (fresh) choose(h, e.shiftKey);
                }}
                onMouseEnter={() => fresh && setActive(i)}
              >
                <span className="qf-title" lang={h.lang} dir={h.dir}>
                  <Highlighted segments={h.title} />
                </span>
                <span className="qf-dept">{h.department}</span>
                {h.snippet.some((s) => s.mark) ? (
                  <span className="qf-snippet" lang={h.lang} dir={h.dir}>
                    <Highlighted segments={h.snippet} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <p className={failure ? "qf-status qf-status-error" : "qf-status"} role="status">
            {pending && !fresh ? `${status} ${t("quickfind.enterWaits")}` : status}
          </p>
          <p className="qf-hint" aria-hidden="true">
            <span>
              <kbd>↑</kbd>
              <kbd>↓</kbd> {t("quickfind.hint.choose")}
            </span>
            {canRun ? (
              <>
                <span>
                  <kbd>Enter</kbd> {t("quickfind.hint.startCall")}
                </span>
                <span>
                  <kbd>Shift</kbd>+<kbd>Enter</kbd> {t("quickfind.hint.open")}
                </span>
              </>
            ) : (
              <span>
                <kbd>Enter</kbd> {t("quickfind.hint.open")}
              </span>
            )}
            <span>
              <kbd>Esc</kbd> {t("quickfind.hint.close")}
            </span>
          </p>
        </div>
        {picked ? (
          <form
            className="qf-start"
            aria-labelledby={headingId}
            onSubmit={(e) => {
              e.preventDefault();
              start(e.currentTarget);
            }}
          >
            <p className="qf-start-eyebrow">{t("quickfind.start.eyebrow")}</p>
            <h2 id={headingId} className="qf-start-title" lang={picked.lang} dir={picked.dir}>
              {plain(picked.title)}
            </h2>
            <p className="qf-dept">{picked.department}</p>
            <div className="qf-start-fields">
              <div className="form-field qf-ref">
                <label htmlFor="qf-customer-ref">{t("quickfind.start.ref")}</label>
                <input
                  ref={refInput}
                  id="qf-customer-ref"
                  name="customerRef"
                  maxLength={120}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={t("quickfind.start.refPlaceholder")}
                  aria-describedby="qf-customer-ref-help"
                />
                <p className="field-hint" id="qf-customer-ref-help">
                  {t("quickfind.start.refHelp")}
                </p>
              </div>
              <div className="form-field qf-channel">
                <label htmlFor="qf-channel">{t("quickfind.start.channel")}</label>
                <ChannelSelect id="qf-channel" />
              </div>
            </div>
            <div className="qf-start-actions">
              <button type="submit" className="button button-primary" disabled={starting}>
                {starting ? t("quickfind.start.starting") : t("quickfind.start.submit")}
              </button>
              <button type="button" className="button button-ghost" onClick={() => setPicked(null)}>
                {t("quickfind.start.back")}
              </button>
            </div>
            <p className="qf-hint" aria-hidden="true">
              <span>
                <kbd>Enter</kbd> {t("quickfind.hint.startNow")}
              </span>
              <span>
                <kbd>Esc</kbd> {t("quickfind.hint.back")}
              </span>
            </p>
          </form>
        ) : null}
      </dialog>
    </div>
  );
}

function SearchIcon() {
  return (
    <svg className="qf-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M10.6 10.6 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
