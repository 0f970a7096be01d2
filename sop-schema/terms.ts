// Glossary term recognition inside inline text. Pure, browser-safe.
import type { GlossaryEntry, Inline } from "./types";

export type TermMatcher = (text: string) => Inline[] | null;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An acronym (AIDET, SLA, FCR) is matched case-sensitively; other terms ignore case. */
export function isAcronym(term: string): boolean {
  return /\p{Lu}/u.test(term) && !/\p{Ll}/u.test(term);
}

function buildRegex(terms: string[], flags: string): RegExp | null {
  if (terms.length === 0) return null;
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map((t) => escapeRe(t).replace(/\s+/g, "\\s+"));
  // Whole word with Unicode-aware boundaries: no letter, digit or mark right before or after.
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}\\p{M}_])`, `gu${flags}`);
}

/**
 * Returns a function splitting a text into text and `term` nodes, or null when there are no terms.
 * Longest term wins; overlapping shorter matches are dropped.
 */
export function createTermMatcher(glossary: readonly GlossaryEntry[]): TermMatcher | null {
  const terms = glossary.map((g) => g.term.trim()).filter((t) => t.length > 0);
  if (terms.length === 0) return null;
  const canonical = new Map<string, string>();
  for (const t of terms) {
    const key = isAcronym(t) ? t : t.toLowerCase();
    if (!canonical.has(key)) canonical.set(key, t);
  }
  const sensitive = buildRegex(terms.filter(isAcronym), "");
  const insensitive = buildRegex(
    terms.filter((t) => !isAcronym(t)),
    "i",
  );
  const lookup = (matched: string): string => {
    const normal = matched.replace(/\s+/g, " ");
    return canonical.get(normal) ?? canonical.get(normal.toLowerCase()) ?? matched;
  };

  return (text: string) => {
    type M = { start: number; end: number; text: string };
    const found: M[] = [];
    for (const re of [sensitive, insensitive]) {
      if (!re) continue;
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        if (m[0].length > 0) found.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      }
    }
    if (found.length === 0) return null;
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Inline[] = [];
    let pos = 0;
    for (const m of found) {
      if (m.start < pos) continue; // overlaps a longer/earlier match
      if (m.start > pos) out.push({ type: "text", value: text.slice(pos, m.start) });
      out.push({ type: "term", term: lookup(m.text), text: m.text });
      pos = m.end;
    }
    if (pos < text.length) out.push({ type: "text", value: text.slice(pos) });
    return out;
  };
}

/** Applies the matcher to text nodes, recursing into strong/emphasis/delete but not into links or code. */
export function applyTerms(inlines: Inline[], matcher: TermMatcher | null): Inline[] {
  if (!matcher) return inlines;
  const out: Inline[] = [];
  for (const node of inlines) {
    if (node.type === "text") {
      const split = matcher(node.value);
      if (split) out.push(...split);
      else out.push(node);
    } else if (node.type === "strong" || node.type === "emphasis" || node.type === "delete") {
      out.push({ type: node.type, children: applyTerms(node.children, matcher) });
    } else out.push(node);
  }
  return out;
}
