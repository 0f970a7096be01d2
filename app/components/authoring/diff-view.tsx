/** Side-by-side text diff of two SOP sources, rows from authoring/diff textDiff. */
export type DiffRowView =
  | { kind: "same" | "added" | "removed" | "changed"; left?: { line: number; text: string }; right?: { line: number; text: string } }
  | { kind: "skip"; count: number };

export function TextDiffView({ rows, leftLabel, rightLabel }: { rows: DiffRowView[]; leftLabel: string; rightLabel: string }) {
  return (
    <div className="table-wrap diff-wrap">
      <table className="diff-table">
        <caption className="visually-hidden">
          Line by line: {leftLabel} on the left, {rightLabel} on the right
        </caption>
        <colgroup>
          <col className="diff-col-num" />
          <col />
          <col className="diff-col-num" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" colSpan={2}>
              {leftLabel}
            </th>
            <th scope="col" colSpan={2}>
              {rightLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) =>
            row.kind === "skip" ? (
              <tr key={i} className="diff-skip">
                <td colSpan={4}>⋯ {row.count} unchanged line{row.count === 1 ? "" : "s"}</td>
              </tr>
            ) : (
              <tr key={i} className={`diff-${row.kind}`}>
                <td className="diff-num">{row.left?.line ?? ""}</td>
                <td className={`diff-text ${row.kind === "removed" || row.kind === "changed" ? "diff-old" : ""}`} dir="auto">
                  {row.left ? (
                    <>
                      {row.kind === "removed" || row.kind === "changed" ? <span className="visually-hidden">removed: </span> : null}
                      {row.left.text || "\u00a0"}
                    </>
                  ) : null}
                </td>
                <td className="diff-num">{row.right?.line ?? ""}</td>
                <td className={`diff-text ${row.kind === "added" || row.kind === "changed" ? "diff-new" : ""}`} dir="auto">
                  {row.right ? (
                    <>
                      {row.kind === "added" || row.kind === "changed" ? <span className="visually-hidden">added: </span> : null}
                      {row.right.text || "\u00a0"}
                    </>
                  ) : null}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
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
