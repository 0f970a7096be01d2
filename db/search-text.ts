// The text side of full-text search, pure (no database): what one SOP version puts in the index
// (searchTextOf) and how a user's query becomes an FTS5 MATCH expression (queryTokens, matchExpression). The
// index itself (SQLite FTS5, `sop_search`) is db/search.server.ts's.
//
// User text never reaches MATCH as syntax: it is split into words the way the unicode61 tokenizer splits
// text, and every word is emitted as a quoted string (`"tok"*`), so quotes, `*`, `NEAR(`, `OR`, `-`, `^`,
// `:` and emoji are plain text, never operators.
import { inlineTextWith, type InlineTextOptions } from "../sop-schema/inline";
import type { Inline, SopDocument } from "../sop-schema/types";
import { blockText, walkDocument } from "../sop-schema/walk";

/** Private-use sentinels that snippet()/highlight() wrap matches in; stripped from indexed text. */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";
const SENTINELS = /[\uE000\uE001]/g;

const MAX_TOKENS = 12;
const MAX_TOKEN_LENGTH = 64;

// ---------------------------------------------------------------------------------------------------
// What gets indexed

export type SearchText = { title: string; tags: string; purpose: string; terms: string; body: string };

/**
 * Inline content as indexed: variable references and line breaks as a space ({customer_name} is not
 * something anyone searches), a link as its text.
 */
const INDEXED_INLINE: InlineTextOptions = { varText: () => " ", breakText: " ", linkText: (text) => text };

/** Inline content on one line, as indexed. */
function inlineLine(inlines: readonly Inline[]): string {
  return inlineTextWith(inlines, INDEXED_INLINE).replace(/\s+/g, " ").trim();
}

function clean(text: string): string {
  return text.normalize("NFC").replace(SENTINELS, "").trim();
}

function lines(parts: readonly (string | undefined | null)[]): string {
  return parts
    .map((p) => clean(p ?? ""))
    .filter(Boolean)
    .join("\n");
}

/**
 * The five indexed columns of one SOP version. Body = every human-readable text of the document, in order
 * (sop-schema's walkDocument and blockText): section titles and text, step titles, paragraphs, Say scripts,
 * checks, tips, warnings, escalations, field labels and help, tables, reply templates, and the flows' titles,
 * node labels and answer labels. One piece per line. Quizzes and scenarios are left out entirely: their text
 * is the training answer key. Tolerates partial documents (stored JSON of any age).
 */
/** (A document missing from its row, `{}`, gives empty text.) */
export function searchTextOf(document: Partial<SopDocument>): SearchText {
  const meta = document?.meta ?? ({} as Partial<SopDocument["meta"]>);
  const body: string[] = [];
  walkDocument(document, {
    section: (section) => body.push(section.title ?? ""),
    step: (step) => body.push(step.title),
    block: (b) => {
      body.push(...blockText(b, inlineLine));
    },
    // Escalations are also in the step's `<Escalate>` blocks; the second copy is kept so that the indexed text
    // (and so bm25's counts) stays what earlier versions wrote.
    stepEnd: (step) => {
      for (const e of step.escalations ?? []) body.push(e.to, e.reason);
    },
  });
  for (const flow of document?.flows ?? []) {
    body.push(flow.title);
    for (const n of flow.nodes ?? []) body.push(n.label, n.reason ?? "");
    for (const e of flow.edges ?? []) body.push(e.label ?? "");
  }
  return {
    title: clean(meta.title ?? ""),
    tags: lines(Array.isArray(meta.tags) ? meta.tags.map(String) : []),
    purpose: clean(meta.purpose ?? ""),
    terms: lines((document?.glossary ?? []).map((g) => `${g.term} — ${g.meaning}`)),
    body: lines(body),
  };
}

// ---------------------------------------------------------------------------------------------------
// Turning user text into a safe MATCH expression

/** What unicode61 (remove_diacritics 2) keeps inside a token: letters, numbers, private use, combining marks. */
const TOKEN = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;
const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/u;
const GREEK_ACCENTED: Record<string, string[]> = {
  α: ["ά"],
  ε: ["έ"],
  η: ["ή"],
  ι: ["ί", "ϊ"],
  ο: ["ό"],
  υ: ["ύ", "ϋ"],
  ω: ["ώ"],
};
const MAX_VARIANTS = 16;

/** The words of a query, as the index tokenizes text (NFC; separators are everything but letters and digits). */
export function queryTokens(q: string): string[] {
  const tokens = [...q.normalize("NFC").matchAll(TOKEN)]
    .map((m) => [...m[0]].slice(0, MAX_TOKEN_LENGTH).join(""))
    .filter((t) => !/^\p{Mn}+$/u.test(t));
  // As you type, a one-letter last word ("refund c") says little: it is ignored when other words exist.
  const useful = tokens.length > 1 ? tokens.filter((t) => [...t].length > 1) : tokens;
  return (useful.length ? useful : tokens).slice(0, MAX_TOKENS);
}

/** A word as an FTS5 string: in double quotes, a quote inside doubled. */
export function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/**
 * One token as an FTS5 term. Prefix match (`"tok"*`) from two letters (the index keeps 2- and 3-letter
 * prefixes); a single letter is a whole word (a one-letter prefix would merge half the vocabulary).
 * Greek: unicode61 folds case but not the tonos, so an unaccented word also tries each one-accent spelling
 * (monotonic Greek has one accent per word): "επιστροφη" finds "επιστροφή".
 */
export function termExpr(token: string): string {
  if ([...token].length < 2) return quote(token);
  if (!GREEK.test(token)) return `${quote(token)}*`;
  const base = token
    .toLocaleLowerCase("el")
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC");
  const variants = new Set([base]);
  const chars = [...base];
  chars.forEach((c, i) => {
    for (const accented of GREEK_ACCENTED[c] ?? []) {
      if (variants.size >= MAX_VARIANTS) return;
      variants.add([...chars.slice(0, i), accented, ...chars.slice(i + 1)].join(""));
    }
  });
  const terms = [...variants].map((v) => `${quote(v)}*`);
  return terms.length === 1 ? terms[0]! : `(${terms.join(" OR ")})`;
}

/** The MATCH expression for a query, or null when it has no words. */
export function matchExpression(q: string): string | null {
  const tokens = queryTokens(q);
  return tokens.length ? tokens.map(termExpr).join(" AND ") : null;
}

/** The MATCH expression for a tag filter: its words as one phrase in the tags column, or null when it has none. */
export function tagExpression(tag: string): string | null {
  const tokens = [...tag.normalize("NFC").matchAll(TOKEN)].map((m) => m[0]).slice(0, MAX_TOKENS);
  return tokens.length ? `{tags} : ${quote(tokens.join(" "))}` : null;
}
