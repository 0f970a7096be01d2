import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { Highlighted, type Segment } from "../../search-results";
import { useT } from "../../i18n";

type Hit = { sopId: string; title: Segment[]; snippet: Segment[]; language: string; department: { name: string } };
type Found = { term: string; hits: Hit[] } | { term: string; error: string };

const MIN_CHARS = 2;

/**
 * Searches other procedures without leaving the call: /api/search (the same ranking as the library and
 * quick find, best match first), published versions only. A response for an older query never replaces
 * the one for what is typed now.
 */
export function SearchPanel() {
  const { t } = useT();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const latest = useRef("");
  const term = q.trim();
  const ready = [...term].length >= MIN_CHARS;
  useEffect(() => {
    latest.current = term;
    if (!ready) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/search?${new URLSearchParams({ q: term, status: "published", limit: "10" })}`, {
        signal: abort.signal,
        headers: { Accept: "application/json" },
      })
        .then(async (r) => {
          const body = (await r.json()) as { results?: Hit[]; error?: string };
          if (latest.current !== term) return;
          setFound(
            r.ok && body.results ? { term, hits: body.results } : { term, error: body.error ?? t("run.search.failed") },
          );
        })
        .catch((e: unknown) => {
          if ((e as Error).name !== "AbortError" && latest.current === term)
            setFound({ term, error: t("run.search.failed") });
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [term, ready, t]);
  const current = found && found.term === term ? found : null;
  return (
    <div className="stack">
      <h2 className="panel-title">{t("run.search.title")}</h2>
      <div className="form-field">
        <label htmlFor="run-search">{t("run.search.label")}</label>
        <input
          id="run-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t("run.search.placeholder")}
          dir="auto"
          autoComplete="off"
        />
      </div>
      <div aria-live="polite" className="run-search-results">
        {!ready ? null : !current ? (
          <p className="muted small">{t("run.search.searching")}</p>
        ) : "error" in current ? (
          <p className="field-error">{current.error}</p>
        ) : current.hits.length === 0 ? (
          <p className="muted small">{t("run.search.none")}</p>
        ) : (
          <ul className="link-list run-search-list">
            {current.hits.map((r) => (
              <li key={r.sopId} lang={r.language}>
                <Link to={`/sops/${encodeURIComponent(r.sopId)}`} target="_blank" rel="noopener" dir="auto">
                  <Highlighted segments={r.title} />
                </Link>
                <span className="muted small">
                  <bdi>{r.department.name}</bdi>
                </span>
                {r.snippet.length ? (
                  <span className="small run-search-snippet" dir="auto">
                    <Highlighted segments={r.snippet} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="muted small">{t("run.search.newTab")}</p>
    </div>
  );
}
