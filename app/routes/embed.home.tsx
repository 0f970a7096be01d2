import { useEffect, useId, useState } from "react";
import { useNavigate } from "react-router";
import { EmbedBar } from "../components/embed/embed-bar";
import { EmbedNoSession } from "../components/embed/embed-refusal";
import { embedJson } from "../components/embed/embed-client";
import { useEmbedData } from "../components/embed/use-embed-data";
import { I18nProvider, useT } from "../components/i18n";
import { Highlighted, type Segment } from "../components/search-results";
import { postToHost } from "../components/embed/bridge";
import type { SessionInfo } from "../components/embed/types";

/** /embed — the quick find over published SOPs; a pick starts (or resumes) its run for the session's ticket. */
export default function EmbedHome() {
  const { t } = useT();
  const { result } = useEmbedData<{ session: SessionInfo; runId: string | null }>("/embed/session");
  if (result.kind === "loading")
    return (
      <p className="embed-loading" role="status">
        {t("embed.loading")}
      </p>
    );
  if (result.kind !== "ok") return <EmbedNoSession />;
  return (
    <I18nProvider lang={result.data.session.language}>
      <EmbedQuickFind session={result.data.session} />
    </I18nProvider>
  );
}

type Hit = { sopId: string; title: Segment[]; snippet: Segment[]; department: { name: string }; language: string };

function EmbedQuickFind({ session }: { session: SessionInfo }) {
  const tr = useT();
  const { t } = tr;
  const navigate = useNavigate();
  const inputId = useId();
  const [term, setTerm] = useState("");
  const [hits, setHits] = useState<{ term: string; hits: Hit[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const query = term.trim();

  useEffect(() => {
    postToHost(
      { allowedOrigins: session.allowedOrigins, declaredOrigin: session.hostOrigin },
      {
        type: "stepwise:ready",
        version: 1,
        runId: null,
      },
    );
  }, [session]);

  useEffect(() => {
    if (query.length < 2) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      embedJson<{ results: Hit[] }>(
        `/api/search?${new URLSearchParams({ q: query, status: "published", limit: "8" })}`,
        { signal: ctrl.signal },
      )
        .then((r) => {
          setHits({ term: query, hits: r.results });
          setFailed(null);
        })
        .catch((e: unknown) => {
          if (!ctrl.signal.aborted) setFailed(e instanceof Error ? t("embed.find.failed") : String(e));
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [query, t]);

  const start = async (sopId: string) => {
    setStarting(sopId);
    setFailed(null);
    try {
      const r = await embedJson<{ runId: string; resumed: boolean }>("/embed/runs", {
        method: "POST",
        body: JSON.stringify({ sopId }),
      });
      await navigate(`/embed/runs/${encodeURIComponent(r.runId)}${r.resumed ? "?resumed=1" : ""}`);
    } catch (e) {
      setFailed(t("embed.startFailed", { reason: e instanceof Error ? e.message : "?" }));
      setStarting(null);
    }
  };

  const shown = query.length >= 2 && hits?.term === query ? hits.hits : null;
  return (
    <div className="embed-page" lang={tr.lang} dir={tr.dir}>
      <EmbedBar ticketId={session.ticketId} agentName={session.agentName} />
      <main className="embed-find" aria-labelledby="embed-find-title">
        <h1 id="embed-find-title">{t("embed.find.title")}</h1>
        <label htmlFor={inputId}>{t("embed.find.label")}</label>
        <input
          id={inputId}
          type="search"
          className="input"
          value={term}
          placeholder={t("embed.find.placeholder")}
          onChange={(e) => setTerm(e.target.value)}
          autoComplete="off"
          aria-describedby={`${inputId}-hint`}
          autoFocus
        />
        <p id={`${inputId}-hint`} className="field-hint">
          {t("embed.find.hint")}
        </p>
        {failed ? (
          <div className="alert alert-error" role="alert">
            {failed}
          </div>
        ) : null}
        <div aria-live="polite">
          {shown && shown.length === 0 ? <p className="muted">{t("embed.find.none", { term: query })}</p> : null}
          {shown && shown.length > 0 ? (
            <ul className="embed-hits">
              {shown.map((h) => (
                <li key={h.sopId} className="embed-hit" lang={h.language}>
                  <div className="embed-hit-text">
                    <span className="embed-hit-title">
                      <Highlighted segments={h.title} />
                    </span>
                    <span className="muted small">{h.department.name}</span>
                  </div>
                  <button
                    type="button"
                    className="button button-small button-primary"
                    disabled={starting !== null}
                    onClick={() => void start(h.sopId)}
                    aria-label={`${t("embed.find.start")}: ${h.title.map((s) => s.text).join("")}`}
                  >
                    {starting === h.sopId ? t("embed.find.starting") : t("embed.find.start")}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </main>
    </div>
  );
}
