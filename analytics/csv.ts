// CSV downloads of the dashboards' tables, made for spreadsheets: a UTF-8 byte-order mark (without it Excel reads
// Greek or Persian text as mojibake), CRLF line ends, and text that a spreadsheet would run as a formula
// (customer references, skip reasons and field values are typed by people) made inert.
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null | undefined;

/** A text cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: null/undefined empty, numbers as numbers (non-finite empty), booleans true/false. */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  // the apostrophe makes the spreadsheet show the text as typed instead of evaluating it (OWASP CSV injection)
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/**
 * The table as CSV text: BOM, header, rows, each line ended by CRLF; cells quoted only when they need it (RFC 4180).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records: string[][] = [header.map(csvCell)];
  for (const row of rows) records.push(row.map(csvCell));
  // csv-stringify quotes a cell holding the record delimiter (CRLF) but not a lone LF or CR, which still ends a
  // line in every spreadsheet: quote those too
  return stringify(records, { bom: true, record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * A download's file name from its parts ("stepwise", the table, the SOP, the dates): each part folded to ASCII
 * letters, digits and dashes (accents dropped; a part with no such characters left, e.g. Greek, is left out),
 * joined by dashes, at most 120 characters, ".csv" appended.
 */
export function csvFileName(parts: string[]): string {
  const slug = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  let name = parts.map(slug).filter(Boolean).join("-").slice(0, 120).replace(/-+$/, "");
  if (!name) name = "export";
  else if (WINDOWS_RESERVED.test(name)) name = `${name}-export`;
  return `${name}.csv`;
}
