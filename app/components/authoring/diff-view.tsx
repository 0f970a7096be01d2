// The one side-by-side text diff (rows from authoring/diff's textDiff), used wherever two SOP sources are
// compared: an SOP's history, the review page, the editor's conflict view and its "restore unsaved changes"
// prompt. Changed words are marked; a side with no line is hatched; long unchanged runs are folded.
import { Fragment, useMemo } from "react";
import { textDiff, type DiffLine, type DiffRow } from "../../../authoring/diff";
import "./diff-view.css";

type Diff = { rows: DiffRow[]; added: number; removed: number };

export function DiffView({
  diff,
  texts,
  leftTitle,
  rightTitle,
  caption,
  counts = false,
  compact = false,
}: {
  /** a diff computed on the server (history, review) … */
  diff?: Diff;
  /** … or two texts to compare here (the editor, whose texts live in the browser) */
  texts?: { left: string; right: string };
  leftTitle: string;
  rightTitle: string;
  /** the table's name; by default it says which version is on which side */
  caption?: string;
  /** say above the table how many lines are only on each side */
  counts?: boolean;
  /** a shorter scroll box, for a diff inside a banner or a panel */
  compact?: boolean;
}) {
  const left = texts?.left;
  const right = texts?.right;
  const computed = useMemo(
    () => (left != null && right != null ? textDiff(left, right, { context: 3 }) : null),
    [left, right],
  );
  const shown: Diff = diff ?? computed ?? { rows: [], added: 0, removed: 0 };
  const name = caption ?? `Line by line: ${leftTitle} on the left, ${rightTitle} on the right`;
  const lines = (n: number) => `${n} ${n === 1 ? "line" : "lines"}`;
  return (
    <div className={compact ? "diff diff-compact" : "diff"}>
      {counts ? (
        <p className="diff-counts">
          <span className="diff-count-removed">
            {lines(shown.removed)} only in {leftTitle.toLowerCase()}
          </span>
          <span className="diff-count-added">
            {lines(shown.added)} only in {rightTitle.toLowerCase()}
          </span>
        </p>
      ) : null}
      <div className="table-wrap diff-wrap" tabIndex={0} role="region" aria-label={name}>
        <table className="diff-table">
          <caption className="visually-hidden">{name}</caption>
          <colgroup>
            <col className="diff-col-num" />
            <col />
            <col className="diff-col-num" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" colSpan={2}>
                {leftTitle}
              </th>
              <th scope="col" colSpan={2}>
                {rightTitle}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.length === 0 ? (
              <tr className="diff-skip">
                <td colSpan={4}>The two texts are the same.</td>
              </tr>
            ) : null}
            {shown.rows.map((row, i) =>
              row.kind === "skip" ? (
                <tr key={i} className="diff-skip">
                  <td colSpan={4}>
                    ⋯ {row.count} unchanged {row.count === 1 ? "line" : "lines"}
                  </td>
                </tr>
              ) : (
                <tr key={i} className={`diff-${row.kind}`}>
                  <Side
                    line={row.kind === "added" ? undefined : row.left}
                    change={row.kind === "same" ? null : "removed"}
                  />
                  <Side
                    line={row.kind === "removed" ? undefined : row.right}
                    change={row.kind === "same" ? null : "added"}
                  />
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** One side of a row: its line number and text, marked as removed (left) or added (right) when it changed. */
function Side({ line, change }: { line?: DiffLine; change: "removed" | "added" | null }) {
  if (!line)
    return (
      <>
        <td className="diff-num" />
        <td className="diff-text diff-empty" />
      </>
    );
  return (
    <>
      <td className="diff-num">{line.line}</td>
      <td
        className={`diff-text${change === "removed" ? " diff-old" : change === "added" ? " diff-new" : ""}`}
        dir="auto"
      >
        {change ? <span className="visually-hidden">{change}: </span> : null}
        {line.parts
          ? line.parts.map((p, j) => <Fragment key={j}>{p.changed ? <mark>{p.text}</mark> : p.text}</Fragment>)
          : line.text || "\u00a0"}
      </td>
    </>
  );
}

/** The structural changes as sentences (authoring/diff structuralDiff().summary). */
export function DiffSummary({ lines }: { lines: string[] }) {
  if (lines.length === 0) return <p className="muted">No change to steps, fields, flows or front matter.</p>;
  return (
    <ul className="diff-summary">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
