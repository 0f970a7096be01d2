// Every chart has a table view (ADR 018). A TableSpec is that table as data; ChartCard renders it as a real
// <table>. These builders make one from the same data a BarChart or TimeSeriesChart draws, so a page that has
// no table of its own still shows every value.
import type { ReactNode } from "react";

export type TableColumn = { key: string; label: string; numeric?: boolean };
/** The first cell of a row is its header (`<th scope="row">`). */
export type TableRow = { key: string; cells: ReactNode[] };
export type TableSpec = { caption: string; columns: TableColumn[]; rows: TableRow[]; captionHidden?: boolean };

export function isTableSpec(v: unknown): v is TableSpec {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "columns" in v && "rows" in v && "caption" in v;
}

const NONE = "–";

/** One row per bar: label, value (and the secondary value when a column is named for it). */
export function barTable(opts: {
  caption: string;
  labelHeader: string;
  valueLabel: string;
  data: readonly { key: string; label: string; value: number; secondary?: number }[];
  format: (n: number) => string;
  secondaryLabel?: string;
}): TableSpec {
  const { caption, labelHeader, valueLabel, data, format, secondaryLabel } = opts;
  return {
    caption,
    columns: [
      { key: "label", label: labelHeader },
      { key: "value", label: valueLabel, numeric: true },
      ...(secondaryLabel ? [{ key: "secondary", label: secondaryLabel, numeric: true }] : []),
    ],
    rows: data.map((d) => ({
      key: d.key,
      cells: [d.label, format(d.value), ...(secondaryLabel ? [d.secondary == null ? NONE : format(d.secondary)] : [])],
    })),
  };
}

/** One row per bucket, one column per series; `totalLabel` adds the stacked bar's total. */
export function seriesTable(opts: {
  caption: string;
  bucketHeader: string;
  buckets: readonly { key: string; label: string }[];
  series: readonly { key: string; label: string; values: (number | null)[] }[];
  format: (n: number) => string;
  totalLabel?: string;
}): TableSpec {
  const { caption, bucketHeader, buckets, series, format, totalLabel } = opts;
  return {
    caption,
    columns: [
      { key: "bucket", label: bucketHeader },
      ...series.map((s) => ({ key: s.key, label: s.label, numeric: true })),
      ...(totalLabel ? [{ key: "total", label: totalLabel, numeric: true }] : []),
    ],
    rows: buckets.map((b, i) => {
      const values = series.map((s) => s.values[i] ?? null);
      const cells: ReactNode[] = [b.label, ...values.map((v) => (v == null ? NONE : format(v)))];
      if (totalLabel) cells.push(format(values.reduce<number>((sum, v) => sum + (v ?? 0), 0)));
      return { key: b.key, cells };
    }),
  };
}
