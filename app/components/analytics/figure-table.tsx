// A dashboard's table: a caption, numeric columns aligned on the end edge (logical, so RTL too), and on narrow
// screens each row stacks into label–value pairs. Every chart's table view and every figure list uses it.
import type { ReactNode } from "react";

export type FigureColumn<R> = {
  id: string;
  header: string;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
  primary?: boolean;
};

export function FigureTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  captionHidden = false,
}: {
  caption: string;
  columns: FigureColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  empty?: ReactNode;
  captionHidden?: boolean;
}) {
  if (rows.length === 0 && empty) return <p className="muted an-empty">{empty}</p>;
  return (
    // A wide table scrolls sideways: the region is focusable so the keyboard can scroll it too.
    <div className="table-wrap an-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table an-table">
        <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.numeric ? "an-num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) =>
                c.primary ? (
                  <th key={c.id} scope="row" className={c.numeric ? "an-num" : undefined}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.id} className={c.numeric ? "an-num" : undefined} data-label={c.header}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
