// Two texts side by side (authoring/diff's textDiff), changed words marked. Used by the conflict view and the
// "restore unsaved changes" prompt.
import { Fragment, useMemo } from "react";
import { textDiff, type DiffLine } from "../../../authoring/diff";

export function DiffView({ left, right, leftTitle, rightTitle, caption }: { left: string; right: string; leftTitle: string; rightTitle: string; caption: string }) {
  const diff = useMemo(() => textDiff(left, right, { context: 3 }), [left, right]);
  return (
    <div className="ed-diff">
      <p className="ed-diff-summary">
        <span className="ed-diff-count ed-diff-count-removed">{diff.removed} {diff.removed === 1 ? "line" : "lines"} only in {leftTitle.toLowerCase()}</span>
        <span className="ed-diff-count ed-diff-count-added">{diff.added} {diff.added === 1 ? "line" : "lines"} only in {rightTitle.toLowerCase()}</span>
      </p>
      <div className="ed-diff-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="ed-diff-table">
          <caption className="visually-hidden">{caption}</caption>
          <colgroup>
            <col className="ed-diff-col-num" />
            <col />
            <col className="ed-diff-col-num" />
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
            {diff.rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="ed-diff-skip">
                  The two texts are the same.
                </td>
              </tr>
            ) : null}
            {diff.rows.map((row, i) =>
              row.kind === "skip" ? (
                <tr key={i} className="ed-diff-row-skip">
                  <td colSpan={4} className="ed-diff-skip">
                    ⋯ {row.count} unchanged {row.count === 1 ? "line" : "lines"}
                  </td>
                </tr>
              ) : (
                <tr key={i} className={`ed-diff-row ed-diff-row-${row.kind}`}>
                  <Side line={row.left} kind={row.kind === "added" ? "empty" : row.kind === "same" ? "same" : "removed"} />
                  <Side line={row.right} kind={row.kind === "removed" ? "empty" : row.kind === "same" ? "same" : "added"} />
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Side({ line, kind }: { line?: DiffLine; kind: "same" | "removed" | "added" | "empty" }) {
  if (!line || kind === "empty")
    return (
      <>
        <td className="ed-diff-num" />
        <td className="ed-diff-text ed-diff-empty" />
      </>
    );
  return (
    <>
      <td className="ed-diff-num">{line.line}</td>
      <td className={`ed-diff-text ed-diff-${kind}`}>
        {kind !== "same" ? <span className="visually-hidden">{kind === "removed" ? "Only on the left: " : "Only on the right: "}</span> : null}
        {line.parts
          ? line.parts.map((p, j) => <Fragment key={j}>{p.changed ? <mark>{p.text}</mark> : p.text}</Fragment>)
          : line.text}
      </td>
    </>
  );
}
