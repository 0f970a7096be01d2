// Front matter: the zod schema (single source of truth), durations, language → direction,
// and the YAML → (meta, diagnostics) step with positions mapped back to file lines.
import { isExamplePurpose } from "./placeholders";
import { z } from "zod";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Node as YamlNode, Document as YamlDocument } from "yaml";
import type { Diagnostic, GlossaryEntry, Position, SopMeta } from "./types";
import type { DiagnosticCode } from "./diagnostics";
import { DIAGNOSTIC_CODES, suggestionHint } from "./diagnostics";
import { ASCII_SLUG_RE, slugify } from "./slug";

// ---------------------------------------------------------------------------------------------
// Durations

const UNIT_SECONDS = { mo: 30 * 86400, w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1 } as const;
type DurationUnit = keyof typeof UNIT_SECONDS;
const UNIT_ORDER: DurationUnit[] = ["mo", "w", "d", "h", "m", "s"];

/** "90s" → 90, "6m" → 360, "1h30m" → 5400, "6mo" → 15552000 (a month is 30 days). null when invalid. */
export function parseDuration(text: string, allowed: readonly DurationUnit[] = UNIT_ORDER): number | null {
  const s = text.trim();
  if (!/^(?:\d+(?:mo|w|d|h|m|s))+$/.test(s)) return null;
  let total = 0;
  let lastRank = -1;
  for (const match of s.matchAll(/(\d+)(mo|w|d|h|m|s)/g)) {
    const unit = match[2] as DurationUnit;
    const rank = UNIT_ORDER.indexOf(unit);
    if (!allowed.includes(unit) || rank <= lastRank) return null; // units must go from big to small, once each
    lastRank = rank;
    total += Number(match[1]) * UNIT_SECONDS[unit];
  }
  return total > 0 && Number.isSafeInteger(total) ? total : null;
}

/** "180d" → 180, "26w" → 182, "6mo" → 180. Only days, weeks and months. null when invalid. */
export function parseReviewInterval(text: string): number | null {
  const seconds = parseDuration(text, ["mo", "w", "d"]);
  return seconds === null ? null : seconds / 86400;
}

/** 5400 → "1h30m" (inverse of parseDuration for h/m/s). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "0s";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}` || "0s";
}

// ---------------------------------------------------------------------------------------------
// Language and direction

const RTL_LANGUAGES = new Set([
  "ar",
  "arc",
  "azb",
  "bal",
  "bcc",
  "bqi",
  "ckb",
  "dv",
  "fa",
  "glk",
  "he",
  "iw",
  "khw",
  "ks",
  "lrc",
  "mzn",
  "nqo",
  "pnb",
  "prs",
  "ps",
  "sd",
  "skr",
  "syr",
  "ug",
  "ur",
  "yi",
  "ji",
]);
const RTL_SCRIPTS = new Set(["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr", "mend"]);
const BCP47_RE = new RegExp(
  [
    /^[a-z]{2,3}(?:-[a-z]{3}){0,3}/, // language, extended language
    /(?:-[a-z]{4})?/, // script
    /(?:-(?:[a-z]{2}|\d{3}))?/, // region
    /(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*/, // variants
    /(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*/, // extensions
    /(?:-x(?:-[a-z\d]{1,8})+)?$/, // private use
  ]
    .map((r) => r.source)
    .join(""),
  "i",
);

/** Canonical BCP 47 tag ("EN-us" → "en-US"), or null when it is not one (we want codes, not "English"). */
export function canonicalLanguage(tag: string): string | null {
  const t = tag.trim();
  if (!BCP47_RE.test(t)) return null;
  try {
    return Intl.getCanonicalLocales(t)[0] ?? null;
  } catch {
    return null;
  }
}

/** Text direction for a BCP 47 tag: the script subtag wins (ku-Arab → rtl, az-Latn → ltr), then the language. */
export function languageDirection(tag: string): "ltr" | "rtl" {
  const parts = tag.toLowerCase().split(/[-_]/);
  const script = parts.slice(1).find((p) => /^[a-z]{4}$/.test(p));
  if (script) return RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(parts[0] ?? "") ? "rtl" : "ltr";
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/**
 * A value that starts with `TODO` is a placeholder: the Markdown import writes one where the page does not say
 * (`purpose: "TODO: say in one sentence why this procedure exists"`, `handleTime: TODO`). It is accepted with a
 * `placeholder` warning, and publishing is refused while any is left (app/authoring.server.ts).
 */
const PLACEHOLDER_RE = /^TODO\b/i;

export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && PLACEHOLDER_RE.test(value.trim());
}

/** The front matter values that may hold a placeholder, with what to write instead. */
export const PLACEHOLDER_KEYS = {
  purpose: {
    path: ["purpose"],
    message: "Write the purpose: the import left a placeholder",
    hint: "one sentence on why this procedure exists",
  },
  handleTime: {
    path: ["targets", "handleTime"],
    message: "Set the handle time target: the import left a placeholder",
    hint: "write how long a call should take, e.g. handleTime: 6m",
  },
  firstResponse: {
    path: ["targets", "firstResponse"],
    message: "Set the first response target: the import left a placeholder",
    hint: "write how soon the customer should get an answer, e.g. firstResponse: 20s, or remove the line",
  },
} as const;
export type PlaceholderKey = keyof typeof PLACEHOLDER_KEYS;

// ---------------------------------------------------------------------------------------------
// The zod schema

const numberToString = (v: unknown) => (typeof v === "number" ? String(v) : v);

function text(key: string, what: string, required: boolean) {
  return z.preprocess(
    numberToString,
    z
      .string({
        error: (iss) =>
          iss.input === undefined || iss.input === null
            ? required
              ? `The front matter needs \`${key}\` (${what})`
              : `\`${key}\` is empty`
            : `\`${key}\` must be a single line of text (${what})`,
      })
      .trim()
      .min(1, { error: `\`${key}\` is empty — write ${what}` }),
  );
}

function duration(key: string) {
  return z.preprocess(
    numberToString,
    z
      .string({
        error: (iss) =>
          iss.input === undefined || iss.input === null
            ? `The front matter needs \`${key}\` under \`targets\` (a duration such as 6m)`
            : `\`${key}\` must be a duration such as 90s, 6m or 1h30m`,
      })
      .trim()
      .refine((v) => parseDuration(v) !== null || isPlaceholder(v), {
        error: (iss) =>
          /^\d+$/.test(String(iss.input))
            ? `\`${key}\` needs a unit: "${String(iss.input)}" could be ${String(iss.input)}s or ${String(iss.input)}m`
            : `\`${key}\` is not a duration: "${String(iss.input)}" — write it like 90s, 6m, 1h30m, 2h or 3d`,
      }),
  );
}

export const frontMatterSchema = z.object({
  id: z
    .string({ error: "`id` must be text such as call-opening-aidet" })
    .regex(ASCII_SLUG_RE, {
      error: (iss) =>
        `\`id\` "${String(iss.input)}" is not a slug — use lower-case letters, digits and dashes, e.g. call-opening`,
    })
    .optional(),
  title: text("title", "the SOP's name", true),
  department: text("department", "the department that owns this SOP, e.g. Customer Service", true),
  purpose: text("purpose", "one sentence on why this SOP exists", true),
  owner: z.email({ error: "`owner` must be the e-mail address of the team lead who owns this SOP" }).optional(),
  tags: z
    .array(text("tags", "a tag", true), { error: "`tags` must be a list, e.g. tags: [calls, greeting]" })
    .default([]),
  language: z
    .string({ error: "`language` must be a language code such as en, fr or fa" })
    .refine((v) => canonicalLanguage(v) !== null, {
      error: (iss) =>
        `\`language\` "${String(iss.input)}" is not a language ` +
        `code — use a BCP 47 code such as en, en-GB, fr, fa or ar`,
    })
    .default("en"),
  terms: z
    .array(
      z.object(
        {
          term: text("term", "the word or acronym", true),
          meaning: text("meaning", "what the term means", true),
        },
        { error: "each entry of `terms` needs `term:` and `meaning:`" },
      ),
      { error: "`terms` must be a list of entries like `- term: AIDET` with `meaning: …`" },
    )
    .default([]),
  targets: z.object(
    {
      handleTime: duration("handleTime"),
      firstResponse: duration("firstResponse").optional(),
    },
    {
      error: (iss) =>
        iss.input === undefined || iss.input === null
          ? "The front matter needs `targets` with at least `handleTime` (e.g. handleTime: 6m)"
          : "`targets` must contain `handleTime: 6m` (and optionally `firstResponse: 20s`) on indented lines",
    },
  ),
  reviewEvery: z
    .preprocess(
      numberToString,
      z
        .string({ error: "`reviewEvery` must be a duration such as 180d, 26w or 6mo" })
        .trim()
        .refine((v) => parseReviewInterval(v) !== null, {
          error: (iss) =>
            `\`reviewEvery\` "${String(iss.input)}" is not a review ` +
            `interval — use days, weeks or months: 180d, 26w, 6mo`,
        }),
    )
    .optional(),
  reviewBy: z
    .string({ error: "`reviewBy` must be a date written YYYY-MM-DD, e.g. 2027-05-01" })
    .refine(isIsoDate, {
      error: (iss) =>
        `\`reviewBy\` "${String(iss.input)}" is not a real date — write it as YYYY-MM-DD, e.g. 2027-05-01`,
    })
    .optional(),
  /** What certification on this SOP needs. `training:` with nothing under it means all the defaults. */
  training: z
    .preprocess(
      (v) => (v === null ? {} : v),
      z.object(
        {
          quiz: z
            .boolean({ error: (iss) => `\`training.quiz\` must be true or false (not "${String(iss.input)}")` })
            .optional(),
          practice: z
            .number({
              error: (iss) =>
                `\`training.practice\` must be a whole number of practice runs, e.g. 2 (not "${String(iss.input)}")`,
            })
            .int({
              error: (iss) =>
                `\`training.practice\` must be a whole number of practice runs, e.g. 2 (not ${String(iss.input)})`,
            })
            .min(0, { error: "`training.practice` can't be negative: write 0 for no practice runs" })
            .max(100, { error: "`training.practice` is at most 100 practice runs" })
            .optional(),
          passScore: z
            .number({
              error: (iss) =>
                `\`training.passScore\` must be a percentage from 1 to 100, e.g. 80 (not "${String(iss.input)}")`,
            })
            .int({
              error: (iss) =>
                `\`training.passScore\` must be a whole percentage from 1 to 100, e.g. 80 (not ${String(iss.input)})`,
            })
            .min(1, { error: (iss) => `\`training.passScore\` must be from 1 to 100 (not ${String(iss.input)})` })
            .max(100, { error: (iss) => `\`training.passScore\` must be from 1 to 100 (not ${String(iss.input)})` })
            .optional(),
          recertifyEvery: z
            .preprocess(
              numberToString,
              z
                .string({ error: "`training.recertifyEvery` must be a duration such as 180d, 26w or 6mo" })
                .trim()
                .refine((v) => parseReviewInterval(v) !== null, {
                  error: (iss) =>
                    /^\d+$/.test(String(iss.input))
                      ? `\`training.recertifyEvery\` needs a unit: "${String(iss.input)}" ` +
                        `could be ${String(iss.input)}d or ${String(iss.input)}w`
                      : `\`training.recertifyEvery\` "${String(iss.input)}" is not ` +
                        `an interval — use days, weeks or months: 180d, 26w, 6mo`,
                }),
            )
            .optional(),
        },
        {
          error:
            "`training` must be indented `key: value` lines (quiz, practice, passScore, " +
            "recertifyEvery), e.g. training: { practice: 1, recertifyEvery: 180d }",
        },
      ),
    )
    .optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type FrontMatterInput = z.input<typeof frontMatterSchema>;
const KNOWN_KEYS = Object.keys(frontMatterSchema.shape);
const TARGET_KEYS = ["handleTime", "firstResponse"];
const TRAINING_KEYS = ["quiz", "practice", "passScore", "recertifyEvery"];

export function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// ---------------------------------------------------------------------------------------------
// YAML text → meta + diagnostics

export type FrontMatterBlock = {
  /** The YAML text between the fences. */
  yaml: string;
  /** File line of the first YAML line (the line after the opening `---`). */
  startLine: number;
  /** File line of the closing `---`. */
  endLine: number;
};

/** Finds a `---` … `---` block at the very start of the file (same rule as remark-frontmatter). */
export function extractFrontMatter(source: string): FrontMatterBlock | null {
  const lines = source.split(/\r?\n|\r/);
  if (!/^---[ \t]*$/.test(lines[0] ?? "")) return null;
  for (let i = 1; i < lines.length; i++) {
    if (/^---[ \t]*$/.test(lines[i])) return { yaml: lines.slice(1, i).join("\n"), startLine: 2, endLine: i + 1 };
  }
  return null;
}

export type FrontMatterResult = {
  meta: SopMeta;
  glossary: GlossaryEntry[];
  diagnostics: Diagnostic[];
  /**
   * Set when the front matter has a valid `training:` map: whether `quiz` was written (its default depends on
   * the body: true when the SOP has a quiz) and where the keys are, for the body checks (training-no-quiz…).
   */
  training?: { quizWritten: boolean; at: { training: Position; quiz?: Position; practice?: Position } };
};

type Path = (string | number)[];

export function emptyMeta(): SopMeta {
  return {
    id: "",
    title: "",
    department: "",
    purpose: "",
    tags: [],
    language: "en",
    direction: "ltr",
    targets: { handleTime: "", handleTimeSeconds: 0 },
  };
}

function diag(code: DiagnosticCode, message: string, line: number, column: number, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: DIAGNOSTIC_CODES[code].severity, code, message, line, column };
  if (hint) d.hint = hint;
  return d;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?\s*$/, "").trim();
}

const YAML_MESSAGES: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'Front matter: this value contains ": ", which YAML reads as a second key on the same line',
  DUPLICATE_KEY: "Front matter: this key appears twice",
  TAB_AS_INDENT: "Front matter: tabs can't be used to indent",
};

const YAML_HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'a value that contains ": " must be in quotes, e.g. purpose: "Note: do this"',
  DUPLICATE_KEY: "each key may appear only once; remove one of them",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  BAD_INDENT: "check the indentation: nested keys are indented with two spaces",
  MISSING_CHAR: "a quote or bracket is not closed",
  BAD_DQ_ESCAPE: 'inside "double quotes" a backslash starts an escape; use single quotes instead',
};

function keyValue(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

/** The offset of the value at `path` (a scalar), or undefined when there is none. */
function valueOffset(doc: YamlDocument, path: Path): number | undefined {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => keyValue(p.key) === String(seg));
    if (!pair) return undefined;
    node = pair.value;
  }
  return isScalar(node) ? node.range?.[0] : undefined;
}

/** The offset of the deepest existing key/item along `path` (so a missing key points at its parent). */
function offsetOfPath(doc: YamlDocument, path: Path): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyValue(p.key) === String(seg));
      if (!pair) break;
      const key = pair.key as YamlNode | null;
      offset = key?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function codeForIssue(path: Path, missing: boolean): DiagnosticCode {
  const key = String(path[0]);
  if (missing && (path.length === 1 || (key === "targets" && path[1] === "handleTime")))
    return "frontmatter-missing-key";
  if (key === "id") return "invalid-id";
  if (key === "language") return "invalid-language";
  if (key === "reviewBy") return "invalid-date";
  if (key === "reviewEvery" || (key === "targets" && path.length === 2)) return "invalid-duration";
  if (key === "training" && path[1] === "recertifyEvery") return "invalid-duration";
  return "frontmatter-invalid";
}

function getIn(value: unknown, path: Path): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function asText(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  return "";
}

/**
 * Parse and validate the front matter. Never throws. `block` null means the file has no front matter.
 * `filename` (optional) gives the default id.
 */
export function parseFrontMatter(block: FrontMatterBlock | null, filename?: string): FrontMatterResult {
  const diagnostics: Diagnostic[] = [];
  const meta = emptyMeta();
  const glossary: GlossaryEntry[] = [];
  const fileId = filename
    ? slugify(filename.replace(/^.*[\\/]/, "").replace(/\.(mdx|md)$/i, "")).replace(/[^a-z0-9-]/g, "")
    : "";

  const finish = (): FrontMatterResult => {
    meta.id =
      meta.id ||
      fileId ||
      slugify(meta.title)
        .replace(/[^a-z0-9-]/g, "")
        .replace(/^-+|-+$/g, "") ||
      "sop";
    return { meta, glossary, diagnostics };
  };

  if (!block) {
    diagnostics.push(
      diag(
        "frontmatter-missing",
        "This SOP has no front matter: the file must start with a `---` line, " +
          "the title, department, purpose and targets, and another `---` line",
        1,
        1,
        "see docs/sop-format.md for an example",
      ),
    );
    return finish();
  }

  const lineCounter = new LineCounter();
  let doc: YamlDocument;
  try {
    doc = parseDocument(block.yaml, { prettyErrors: true, lineCounter, logLevel: "error" });
  } catch (e) {
    diagnostics.push(
      diag(
        "yaml-syntax",
        `The front matter could not be read: ${String((e as Error)?.message ?? e)}`,
        block.startLine,
        1,
      ),
    );
    return finish();
  }
  const lineOffset = block.startLine - 1;
  const position = (offset: number | undefined): { line: number; column: number } => {
    if (offset === undefined) return { line: 1, column: 1 };
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };

  for (const err of doc.errors) {
    const pos = err.linePos?.[0];
    diagnostics.push(
      diag(
        "yaml-syntax",
        YAML_MESSAGES[err.code] ?? `The front matter is not valid YAML: ${firstLine(err.message)}`,
        pos ? pos.line + lineOffset : block.startLine,
        pos ? pos.col : 1,
        YAML_HINTS[err.code] ?? "check the indentation, and put values that contain `:` or `#` in quotes",
      ),
    );
  }
  for (const warning of doc.warnings) {
    const pos = warning.linePos?.[0];
    const d = diag(
      "yaml-syntax",
      `Front matter: ${firstLine(warning.message)}`,
      pos ? pos.line + lineOffset : block.startLine,
      pos ? pos.col : 1,
    );
    d.severity = "warning";
    diagnostics.push(d);
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch {
    raw = undefined;
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    if (doc.errors.length === 0)
      diagnostics.push(
        diag(
          "frontmatter-not-object",
          "The front matter must be `key: value` lines (title, department, purpose, targets…)",
          block.startLine,
          1,
        ),
      );
    return finish();
  }
  const data = raw as Record<string, unknown>;
  const yamlBroken = doc.errors.length > 0;

  // Validate key by key so one mistake doesn't hide the rest and each issue points at its key.
  const shape = frontMatterSchema.shape;
  const parsed: Partial<FrontMatter> = {};
  for (const key of KNOWN_KEYS as (keyof typeof shape)[]) {
    const result = shape[key].safeParse(data[key]);
    if (result.success) {
      (parsed as Record<string, unknown>)[key] = result.data;
      continue;
    }
    if (yamlBroken) continue; // the YAML error explains it
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const path: Path = [key, ...(issue.path as Path)];
      const missing = getIn(data, path) === undefined || getIn(data, path) === null;
      const code = codeForIssue(path, missing);
      const pos = position(offsetOfPath(doc, path));
      const sig = `${pos.line}:${pos.column}:${issue.message}`;
      if (seen.has(sig)) continue;
      seen.add(sig);
      let hint: string | undefined;
      if (code === "frontmatter-missing-key")
        hint =
          key !== "targets"
            ? `add a line \`${key}: …\``
            : path[1] === "handleTime"
              ? "add an indented line `handleTime: 6m` under `targets:`"
              : "add `targets:` followed by an indented line `handleTime: 6m`";
      diagnostics.push(diag(code, issue.message, pos.line, pos.column, hint));
    }
  }

  // Unknown keys are usually typos: warn with a suggestion.
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const k = keyValue(pair.key);
      if (k === undefined || KNOWN_KEYS.includes(k)) {
        if (k === "targets" && isMap(pair.value)) {
          for (const inner of pair.value.items) {
            const ik = keyValue(inner.key);
            if (ik !== undefined && !TARGET_KEYS.includes(ik)) {
              const pos = position((inner.key as YamlNode | null)?.range?.[0]);
              diagnostics.push(
                diag(
                  "unknown-frontmatter-key",
                  `Unknown target \`${ik}\` is ignored — targets are handleTime and firstResponse`,
                  pos.line,
                  pos.column,
                  suggestionHint(ik, TARGET_KEYS, (s) => `\`${s}\``),
                ),
              );
            }
          }
        }
        if (k === "training" && isMap(pair.value)) {
          for (const inner of pair.value.items) {
            const ik = keyValue(inner.key);
            if (ik !== undefined && !TRAINING_KEYS.includes(ik)) {
              const pos = position((inner.key as YamlNode | null)?.range?.[0]);
              diagnostics.push(
                diag(
                  "unknown-frontmatter-key",
                  `Unknown training key \`${ik}\` is ignored — training ` +
                    `takes quiz, practice, passScore and recertifyEvery`,
                  pos.line,
                  pos.column,
                  suggestionHint(ik, TRAINING_KEYS, (s) => `\`${s}\``),
                ),
              );
            }
          }
        }
        continue;
      }
      const pos = position((pair.key as YamlNode | null)?.range?.[0]);
      diagnostics.push(
        diag(
          "unknown-frontmatter-key",
          `Unknown front matter key \`${k}\` is ignored`,
          pos.line,
          pos.column,
          suggestionHint(k, KNOWN_KEYS, (s) => `\`${s}\``) ?? `known keys: ${KNOWN_KEYS.join(", ")}`,
        ),
      );
    }
  }

  // Placeholders left by the Markdown import, and a template's example purpose: accepted, with a warning at the
  // value (review and publishing refuse them).
  if (!yamlBroken)
    for (const { path, message, hint } of Object.values(PLACEHOLDER_KEYS)) {
      const value = getIn(data, [...path]);
      const example = path[0] === "purpose" && isExamplePurpose(value);
      if (!isPlaceholder(value) && !example) continue;
      const pos = position(valueOffset(doc, [...path]) ?? offsetOfPath(doc, [...path]));
      const said = example ? "Write the purpose: the template's example is still there" : message;
      diagnostics.push(diag("placeholder", said, pos.line, pos.column, hint));
    }

  if (parsed.reviewEvery !== undefined && parsed.reviewBy !== undefined && !yamlBroken) {
    const pos = position(offsetOfPath(doc, ["reviewBy"]));
    diagnostics.push(
      diag(
        "review-conflict",
        "Set either `reviewEvery` or `reviewBy`, not both",
        pos.line,
        pos.column,
        "reviewEvery repeats, e.g. every 180d; reviewBy is a one-off date",
      ),
    );
  }

  // Build the meta: validated values first, best-effort raw values otherwise (partial document).
  meta.id = parsed.id ?? "";
  meta.title = parsed.title ?? asText(data.title);
  meta.department = parsed.department ?? asText(data.department);
  meta.purpose = parsed.purpose ?? asText(data.purpose);
  if (parsed.owner) meta.owner = parsed.owner;
  meta.tags = parsed.tags ?? (Array.isArray(data.tags) ? data.tags.map(asText).filter(Boolean) : []);
  const language = canonicalLanguage(parsed.language ?? "en") ?? "en";
  meta.language = language;
  meta.direction = languageDirection(language);
  if (parsed.targets) {
    meta.targets = {
      handleTime: parsed.targets.handleTime,
      handleTimeSeconds: parseDuration(parsed.targets.handleTime) ?? 0,
    };
    if (parsed.targets.firstResponse !== undefined) {
      meta.targets.firstResponse = parsed.targets.firstResponse;
      meta.targets.firstResponseSeconds = parseDuration(parsed.targets.firstResponse) ?? 0;
    }
  } else {
    const ht = asText(getIn(data, ["targets", "handleTime"]));
    meta.targets = { handleTime: ht, handleTimeSeconds: parseDuration(ht) ?? 0 };
  }
  if (parsed.reviewEvery !== undefined) {
    meta.reviewEvery = parsed.reviewEvery;
    meta.reviewEveryDays = parseReviewInterval(parsed.reviewEvery) ?? 0;
  }
  if (parsed.reviewBy !== undefined) meta.reviewBy = parsed.reviewBy;
  let training: FrontMatterResult["training"];
  if (parsed.training !== undefined) {
    const t = parsed.training;
    // `quiz` defaults to false here; parseSop turns it on when `quiz` was not written and the body has a quiz.
    meta.training = { quiz: t.quiz ?? false, practice: t.practice ?? 0, passScore: t.passScore ?? 80 };
    if (t.recertifyEvery !== undefined) {
      meta.training.recertifyEvery = t.recertifyEvery;
      meta.training.recertifyEveryDays = parseReviewInterval(t.recertifyEvery) ?? 0;
    }
    const at: NonNullable<FrontMatterResult["training"]>["at"] = {
      training: position(offsetOfPath(doc, ["training"])),
    };
    if (t.quiz !== undefined) at.quiz = position(offsetOfPath(doc, ["training", "quiz"]));
    if (t.practice !== undefined) at.practice = position(offsetOfPath(doc, ["training", "practice"]));
    training = { quizWritten: t.quiz !== undefined, at };
  }

  const termsSeen = new Map<string, number>();
  const terms = parsed.terms ?? [];
  terms.forEach((t, i) => {
    const key = t.term.toLowerCase();
    if (termsSeen.has(key)) {
      const pos = position(offsetOfPath(doc, ["terms", i]));
      diagnostics.push(
        diag(
          "duplicate-term",
          `The term "${t.term}" is defined twice; the first definition is used`,
          pos.line,
          pos.column,
        ),
      );
      return;
    }
    termsSeen.set(key, i);
    glossary.push({ term: t.term, meaning: t.meaning });
  });

  const result = finish();
  if (training) result.training = training;
  return result;
}
