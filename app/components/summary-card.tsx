// A card answering one question ("what is waiting for me?"): a title with a count badge, at most a handful of
// rows, what to do when there is nothing, and a link to the full list when one exists. The home page is a grid
// of these; the styles (cards, rows, badges that never wrap into blobs) are in summary-card.css.
import type { ReactNode } from "react";
import { Link } from "react-router";
import "./summary-card.css";

export type Tone = "neutral" | "info" | "warning" | "danger" | "success";

export function SummaryCard({
  id,
  title,
  count,
  tone = "neutral",
  seeAll,
  empty,
  children,
  testId,
}: {
  id: string;
  title: string;
  /** how many in all (the rows shown may be fewer); omitted for cards that are not a list */
  count?: number;
  /** the count badge's colour: warning or danger when something is late */
  tone?: Tone;
  /** the full list page, when one exists; the label names it ("All follow-ups"), never a bare "See all" */
  seeAll?: { to: string; label: string } | null;
  /** shown instead of the rows when there are none: what to do next */
  empty?: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  const hasRows = Array.isArray(children) ? children.some(Boolean) : Boolean(children);
  return (
    <section className="summary-card" aria-labelledby={`${id}-title`} data-testid={testId ?? id}>
      <header className="summary-card-head">
        <h2 id={`${id}-title`}>
          <span>{title}</span>
          {count !== undefined ? (
            <span className={`count-badge count-${tone}`} data-testid="count">
              {count}
            </span>
          ) : null}
        </h2>
      </header>
      {hasRows ? children : <div className="summary-empty">{empty}</div>}
      {seeAll ? (
        <Link className="summary-see-all" to={seeAll.to}>
          {seeAll.label}
          <span aria-hidden="true" className="summary-arrow">
            →
          </span>
        </Link>
      ) : null}
    </section>
  );
}

/** The rows of a card: a list (screen readers announce how many). */
export function SummaryRows({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="summary-rows" aria-label={label}>
      {children}
    </ul>
  );
}

/** One row: a title (usually the link), a line of detail under it, and badges or a time at the end. */
export function SummaryRow({ title, detail, aside }: { title: ReactNode; detail?: ReactNode; aside?: ReactNode }) {
  return (
    <li className="summary-row">
      <div className="summary-row-main">
        <div className="summary-row-title">{title}</div>
        {detail ? <div className="summary-row-detail">{detail}</div> : null}
      </div>
      {aside ? <div className="summary-row-aside">{aside}</div> : null}
    </li>
  );
}
