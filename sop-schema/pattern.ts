// `<Field pattern>`: compiled and run by re2js, a pure-JavaScript port of RE2 that matches in time linear in
// the length of the value (no catastrophic backtracking: `^(a+)+$` against 5,000 a's and a ! is instant).
// The same engine runs in the browser (runbook, editor preview), on the server and in the CLI, so the
// browser's check and the server's always agree. Browser-safe. See docs/decisions/011-linear-time-patterns.md.
import { RE2JS } from "re2js";

/** Longest pattern accepted (compiling is linear in the pattern, but a field pattern is a line, not a page). */
export const MAX_PATTERN_LENGTH = 1000;

export type PatternProblem = { code: "invalid-pattern" | "unsupported-pattern"; message: string; hint: string };
export type PatternResult = { ok: true; re: RE2JS } | ({ ok: false } & PatternProblem);

const SYNTAX_HINT =
  "patterns use RE2 syntax (like JavaScript's, without backreferences or lookaround), e.g. ^[0-9]{6}$";

/**
 * JavaScript spellings RE2 does not know, rewritten to RE2's: `\uFFFF` and `\u{1F600}` → `\x{…}`.
 * Everything else is passed through as written.
 */
export function toRe2Syntax(pattern: string): string {
  if (!pattern.includes("\\u")) return pattern;
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== "\\" || i + 1 >= pattern.length) {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    if (next === "u") {
      const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(i + 2, i + 11));
      if (braced) {
        out += `\\x{${braced[1]}}`;
        i += 1 + braced[0].length;
        continue;
      }
      const four = /^[0-9A-Fa-f]{4}/.exec(pattern.slice(i + 2, i + 6));
      if (four) {
        out += `\\x{${four[0]}}`;
        i += 5;
        continue;
      }
    }
    out += c + next;
    i++;
  }
  return out;
}

/** The first JavaScript-only construct RE2 cannot run (it needs backtracking), in words, or null. */
function backtrackingConstruct(pattern: string): { what: string; hint: string } | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && /[1-9]/.test(next))
        return {
          what: `a backreference (\\${next})`,
          hint: "repeat the part instead, e.g. ([0-9]{3})-[0-9]{3} rather than ([0-9]{3})-\\1",
        };
      if (!inClass && next === "k" && pattern[i + 2] === "<")
        return { what: "a named backreference (\\k<…>)", hint: "repeat the part instead of referring back to it" };
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      if (pattern[i + 1] === "]") i++; // `[]…]`: a literal ] first
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      const look = pattern.slice(i + 2, i + 4);
      if (look[0] === "=" || look[0] === "!")
        return {
          what: `a lookahead (?${look[0]}…)`,
          hint: "describe the whole value instead, e.g. ^[A-Z][0-9]{6}$; or add a second field",
        };
      if (look === "<=" || look === "<!")
        return { what: `a lookbehind (?${look}…)`, hint: "describe the whole value instead, e.g. ^[A-Z][0-9]{6}$" };
    }
  }
  return null;
}

function reasonOf(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  return message.replace(/^error parsing regexp: /, "").replace(/^Invalid regular expression: /, "");
}

const cache = new Map<string, PatternResult>();

/**
 * How a pattern matches. `ignoreCase` is `<Field ignoreCase>`: letters match in either case (RE2's
 * CASE_INSENSITIVE, the same as writing `(?i)` at the start of the pattern, Unicode-aware: "ά" matches "Ά").
 */
export type PatternOptions = { ignoreCase?: boolean };

/** Checks and compiles a field pattern (cached by its text and options). Never throws. */
export function compileFieldPattern(pattern: string, options: PatternOptions = {}): PatternResult {
  const key = `${options.ignoreCase ? "i" : "-"}${pattern}`;
  let result = cache.get(key);
  if (result === undefined) {
    result = compileUncached(pattern, options);
    if (cache.size >= 500) cache.clear();
    cache.set(key, result);
  }
  return result;
}

function compileUncached(pattern: string, options: PatternOptions): PatternResult {
  const shown = pattern.length > 60 ? `${pattern.slice(0, 57)}…` : pattern;
  if (pattern.length > MAX_PATTERN_LENGTH)
    return {
      ok: false,
      code: "invalid-pattern",
      message:
        `\`pattern\` on <Field> is ${pattern.length.toLocaleString("en")} characters ` +
        `long; at most ${MAX_PATTERN_LENGTH.toLocaleString("en")} are allowed`,
      hint: "a pattern describes the shape of one value, e.g. ^[0-9]{6}$",
    };
  const backtracking = backtrackingConstruct(pattern);
  if (backtracking)
    return {
      ok: false,
      code: "unsupported-pattern",
      message:
        `\`pattern\` "${shown}" on <Field> uses ${backtracking.what}, which Stepwise patterns ` +
        `do not support: they are checked in linear time (RE2), so they can never hang a call`,
      hint: backtracking.hint,
    };
  try {
    return { ok: true, re: RE2JS.compile(toRe2Syntax(pattern), options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) };
  } catch (error) {
    let validInJs = false;
    try {
      new RegExp(pattern); // compiling runs nothing: this only tells "not RE2" from "not a regular expression at all"
      validInJs = true;
    } catch {
      // not valid JavaScript either
    }
    const reason = reasonOf(error);
    return validInJs
      ? {
          ok: false,
          code: "unsupported-pattern",
          message:
            `\`pattern\` "${shown}" on <Field> uses syntax the ` +
            `linear-time engine (RE2) does not support: ${reason}`,
          hint: SYNTAX_HINT,
        }
      : {
          ok: false,
          code: "invalid-pattern",
          message: `\`pattern\` "${shown}" on <Field> is not a valid regular expression: ${reason}`,
          hint: SYNTAX_HINT,
        };
  }
}

/** The compiled pattern (cached), or null when it does not compile. For running patterns against values. */
export function compiledFieldPattern(pattern: string, options: PatternOptions = {}): RE2JS | null {
  const result = compileFieldPattern(pattern, options);
  return result.ok ? result.re : null;
}

/** Whether `value` matches `pattern` anywhere (like RegExp#test), in linear time; null when the pattern is broken. */
export function testFieldPattern(pattern: string, value: string, options: PatternOptions = {}): boolean | null {
  const re = compiledFieldPattern(pattern, options);
  return re ? re.test(value) : null;
}
