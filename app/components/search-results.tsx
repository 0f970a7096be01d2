import { Fragment } from "react";
import { Link } from "react-router";

import type { SearchHit, Segment } from "../../db/search.server";

export type { Segment };

/** A search hit as the library shows it: the hit plus the text direction of its language. */
export type SearchResultView = Omit<SearchHit, "score"> & { dir: "ltr" | "rtl" };

/** Text with <mark> around the matched words: plain React text nodes, never HTML. */
export function Highlighted({ segments }: { segments: readonly Segment[] }) {
  return (
    <>{segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}</>
  );
}

const STATE_LABELS: Record<SearchResultView["state"], { label: string; tone: string }> = {
  published: { label: "Published", tone: "badge-success" },
  draft: { label: "Draft", tone: "badge-muted" },
  in_review: { label: "In review", tone: "badge-warning" },
};

/** Where a result leads: the SOP page for the published version, the editor for a draft or a review. */
export function resultHref(r: Pick<SearchResultView, "sopId" | "state">): string {
  return r.state === "published" ? `/sops/${encodeURIComponent(r.sopId)}` : `/sops/${encodeURIComponent(r.sopId)}/edit`;
}

/** One SOP card: highlighted title and snippet, department, version, state (for authors), review overdue, tags. */
export function SearchResultCard({
  result: r,
  showState,
  showDepartment = true,
}: {
  result: SearchResultView;
  showState: boolean;
  showDepartment?: boolean;
}) {
  const state = STATE_LABELS[r.state];
  return (
    <li className="sop-card search-result" lang={r.language} dir={r.dir}>
      <h3>
        <Link to={resultHref(r)}>
          <Highlighted segments={r.title} />
        </Link>
      </h3>
      {r.snippet.length ? (
        <p className="sop-card-purpose search-snippet">
          <Highlighted segments={r.snippet} />
        </p>
      ) : null}
      <p className="sop-card-meta" dir="ltr">
        {showDepartment ? <span>{r.department.name}</span> : null}
        {r.steps ? <span>{r.steps} steps</span> : null}
        <span>v{r.version}</span>
        {r.owner ? <span>{r.owner}</span> : null}
        {showState ? <span className={`badge ${state.tone}`}>{state.label}</span> : null}
        {r.stale ? (
          <span className="badge badge-warning" title="This procedure is past its review date">
            Review overdue
          </span>
        ) : null}
      </p>
      {r.tags.length ? (
        <ul className="tags" aria-label="Tags">
          {r.tags.map((t) => (
            <li key={t} className="tag">
              {t}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Ranked results, best first. */
export function SearchResults({ results, showState }: { results: readonly SearchResultView[]; showState: boolean }) {
  return (
    <ol className="sop-cards search-results">
      {results.map((r) => (
        <SearchResultCard key={r.versionId} result={r} showState={showState} />
      ))}
    </ol>
  );
}
