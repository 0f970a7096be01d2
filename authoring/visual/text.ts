// Plain words → inline MDX that reads back as exactly those words. Pure and browser-safe.
//
// A lead types "Refunds <100 EUR * 2" in a form; written as is, MDX would read a tag, an emphasis and so on. Only
// what would change the meaning is escaped, so the file stays readable: `snake_case` keeps its underscore,
// `R&D` its ampersand, a `5 < 6` is still escaped (MDX reads `<` as a tag anywhere in a line).

const ALWAYS = /[\\`*[\]<>{}|]/g;
const REFERENCE_RE = /&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Plain words inside a line as inline MDX (also the rich text editor's, inline-doc.ts): `atLineStart` when they
 * begin a line (what a line starts with can make it a heading or a list); `before` and `after` are the words'
 * neighbours in the line (an `_` between two letters is not emphasis).
 */
export function escapeWords(line: string, atLineStart = true, before = "", after = ""): string {
  let s = line.replace(ALWAYS, "\\$&").replace(REFERENCE_RE, "\\&");
  // `_` opens or closes emphasis only next to something that is not a letter or digit.
  s = s.replace(/_/g, (m, at: number) => {
    const prev = at === 0 ? before : s.charAt(at - 1);
    const next = at === s.length - 1 ? after : s.charAt(at + 1);
    return WORD.test(prev) && WORD.test(next) ? m : "\\_";
  });
  if (!atLineStart) return s;
  // What a line may start with to become something else: a heading, a list item, a quote, a fence.
  s = s.replace(/^(#{1,6})(?=[ \t]|$)/, "\\$1");
  s = s.replace(/^([-+])(?=[ \t]|$)/, "\\$1");
  s = s.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, "$1\\$2");
  s = s.replace(/^~~~/, "\\~~~");
  // A line of only - is a rule, or under text (like a line of only =) turns the text into a heading.
  s = s.replace(/^([=-])(?=[=\- \t]*$)/, "\\$1");
  return s;
}

/**
 * Inline MDX for plain words: each line trimmed (leading and trailing spaces mean something in Markdown), blank
 * lines dropped (they would end the paragraph), and every character that would be read as markup escaped.
 */
export function escapeText(plain: string): string {
  const lines = plain
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return lines.map((l) => escapeWords(l)).join("\n");
}

/** A `{field}` reference to a captured field (the name is checked by parseSop, not here). */
export function fieldReference(name: string): string {
  return `{${name}}`;
}

/** Words and field references (a script with `{customer_name}` chips) as inline MDX. */
export function inlineFromParts(parts: readonly (string | { field: string })[]): string {
  return parts.map((p) => (typeof p === "string" ? escapeInlinePart(p) : fieldReference(p.field))).join("");
}

/** Like escapeText, for a part of a line: spaces at its ends are kept (they separate it from a reference). */
function escapeInlinePart(text: string): string {
  const lead = /^[ \t]*/.exec(text)![0];
  const trail = /[ \t]*$/.exec(text.slice(lead.length))![0];
  const inner = text.slice(lead.length, text.length - trail.length);
  return inner ? lead + escapeText(inner) + trail : text.replace(/\n/g, " ");
}
