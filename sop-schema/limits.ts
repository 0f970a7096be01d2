// Size and nesting limits, checked by a cheap linear pre-scan of the source before the Markdown parser runs.
// Browser-safe: no node APIs here.
//
// Why: micromark's cost grows much faster than linearly with nesting (an ever-deeper indented list of 800
// lines takes ~12 s; 5,000 nested `*a *a …` ~8 s) and deep trees overflow the stack of any recursive walk.
// Real SOPs nest a handful of levels, so the limits are generous and an SOP that reaches one gets one
// error at the line and column where it happens, with what the limit is and how to fix it.
//
// The scan is an estimate of what the parser will build, never an exact parse. It over-counts in doubt
// (which only matters far beyond any real SOP) and is linear in the input: every line is visited once and
// per line only the open containers (at most the limit) are checked.

export const SOP_LIMITS = {
  /** Largest SOP source, in bytes of UTF-8. */
  maxBytes: 1024 * 1024,
  /** Containers open at once: list items and block quotes (`- - - x`, `> > x`, ever deeper indentation). */
  maxContainerDepth: 32,
  /** Open `[` brackets, emphasis delimiters (`*`, `_`, `~`) or `{` braces within one paragraph. */
  maxInlineNesting: 64,
  /**
   * Emphasis runs (`*`, `**`, `_`, `~~`) and brackets (`[`, `]`) in one paragraph. micromark resolves these
   * per paragraph in time that grows with the square of their number; a real paragraph has a few dozen.
   */
  maxInlineMarkupPerParagraph: 2000,
  /** Components open at once (`<Step><Escalate><Say>` is 3). */
  maxElementNesting: 32,
  /** Nesting of the front matter YAML (indentation levels and `[`/`{` flow collections). */
  maxFrontMatterNesting: 32,
  /** Depth of the parsed tree the SOP walker descends into (a second guard behind the pre-scan). */
  maxTreeDepth: 256,
  /** Columns of one Markdown table (a wider table is left out, with `table-too-large`). */
  maxTableColumns: 30,
  /** Body rows of one Markdown table (the rows after these are left out, with `table-too-large`). */
  maxTableRows: 1000,
} as const;

export type LimitCode = "sop-too-large" | "nesting-too-deep" | "table-too-large";
export type LimitProblem = { code: LimitCode; message: string; hint: string; line: number; column: number };
export type ScanOptions = {
  /** MDX rules: `{…}` expressions and `<Component>` nesting count (SOP sources). Plain Markdown: false. */
  mdx?: boolean;
  /** GFM: `~` strikethrough delimiters count as emphasis. */
  gfm?: boolean;
  /** Skip a leading `---` YAML block (it is checked with the YAML rules). Default true. */
  frontMatter?: boolean;
};

/** UTF-8 length of a string without encoding it (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const kb = (n: number) => `${Math.round(n / 1024).toLocaleString("en")} KB`;

/** The deepest nesting of each kind the pre-scan sees in a source (for tests and tuning the limits). */
export type NestingProfile = {
  containers: number;
  inline: number;
  elements: number;
  frontMatter: number;
  markupPerParagraph: number;
};

export function nestingProfile(
  source: string,
  options: ScanOptions = {},
): NestingProfile & { problem: LimitProblem | null } {
  const scanner = new Scanner(source, options);
  const problem = scanner.run();
  return { ...scanner.profile, problem };
}

/** The first limit the source exceeds, or null. Linear in the length of the source. */
export function checkSourceLimits(source: string, options: ScanOptions = {}): LimitProblem | null {
  const bytes = utf8ByteLength(source);
  if (bytes > SOP_LIMITS.maxBytes)
    return {
      code: "sop-too-large",
      message: `This SOP is ${kb(bytes)}; an SOP may be at most ${kb(SOP_LIMITS.maxBytes)} (1 MB) — it was not checked`,
      hint: "split it into several SOPs (a long SOP is about 20 KB), or move reference material to a linked page",
      line: 1,
      column: 1,
    };
  return new Scanner(source, options).run();
}

// ---------------------------------------------------------------------------------------------

type Container = { quote: true } | { quote: false; content: number };
type Fence = { char: number; length: number; depth: number };

const SPACE = 0x20;
const TAB = 0x09;
const GT = 0x3e;
const LT = 0x3c;
const BACKTICK = 0x60;
const TILDE = 0x7e;
const BACKSLASH = 0x5c;

/** A GFM table's delimiter row (`|:--|--:|`), possibly inside quotes; the caller checks it has a `|`. */
const TABLE_DELIMITER_RE = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const isAsciiPunct = (c: number) =>
  (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
const UNICODE_WS = /\s/u;
const UNICODE_PUNCT = /[\p{P}\p{S}]/u;
function charClass(ch: string | undefined): "ws" | "punct" | "other" {
  if (ch === undefined || ch === "") return "ws";
  const c = ch.charCodeAt(0);
  if (c < 0x80) {
    if (c === SPACE || c === TAB || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b) return "ws";
    return isAsciiPunct(c) ? "punct" : "other";
  }
  if (UNICODE_WS.test(ch)) return "ws";
  return UNICODE_PUNCT.test(ch) ? "punct" : "other";
}

class Scanner {
  private readonly lines: string[];
  private readonly mdx: boolean;
  private readonly gfm: boolean;
  private readonly skipFrontMatter: boolean;
  /** 1 for lines inside fenced code (the inline scan skips them). */
  private fenced: Uint8Array;
  private bodyStart = 0;
  readonly profile: NestingProfile = { containers: 0, inline: 0, elements: 0, frontMatter: 0, markupPerParagraph: 0 };

  constructor(source: string, options: ScanOptions) {
    this.lines = source.split(/\r\n|\r|\n/);
    this.mdx = options.mdx ?? true;
    this.gfm = options.gfm ?? false;
    this.skipFrontMatter = options.frontMatter ?? true;
    this.fenced = new Uint8Array(this.lines.length);
  }

  run(): LimitProblem | null {
    return this.frontMatter() ?? this.containers() ?? this.inline();
  }

  private problem(line: number, column: number, message: string, hint: string): LimitProblem {
    return { code: "nesting-too-deep", message, hint, line: line + 1, column: column + 1 };
  }

  // ---- front matter -----------------------------------------------------------------------

  private frontMatter(): LimitProblem | null {
    const lines = this.lines;
    if (!this.skipFrontMatter || !/^---[ \t]*$/.test(lines[0] ?? "")) return null;
    let end = -1;
    for (let i = 1; i < lines.length; i++)
      if (/^---[ \t]*$/.test(lines[i])) {
        end = i;
        break;
      }
    if (end < 0) return null; // unclosed: the parser reports it, and reads the rest as the body
    this.bodyStart = end + 1;
    const indents: number[] = [];
    let flow = 0;
    for (let i = 1; i < end; i++) {
      const line = lines[i];
      let p = 0;
      while (p < line.length && line.charCodeAt(p) === SPACE) p++;
      if (p === line.length || line[p] === "#") continue;
      if (p === 0) flow = 0; // a new top-level key: flow collections never continue at column 0
      while (indents.length && indents[indents.length - 1] > p) indents.pop();
      if (!indents.length || indents[indents.length - 1] < p) indents.push(p);
      this.profile.frontMatter = Math.max(this.profile.frontMatter, indents.length);
      if (indents.length > SOP_LIMITS.maxFrontMatterNesting)
        return this.problem(
          i,
          p,
          `The front matter is indented more than ${SOP_LIMITS.maxFrontMatterNesting} levels deep`,
          "front matter keys need one or two levels: `key: value`, and lists under terms/targets",
        );
      let quote = 0;
      for (let q = p; q < line.length; q++) {
        const c = line.charCodeAt(q);
        if (quote) {
          if (c === quote) quote = 0;
          continue;
        }
        if ((c === 0x22 || c === 0x27) && (q === 0 || " [{,:".includes(line[q - 1]))) quote = c;
        else if (c === 0x5b || c === 0x7b) {
          this.profile.frontMatter = Math.max(this.profile.frontMatter, flow + 1);
          if (++flow > SOP_LIMITS.maxFrontMatterNesting)
            return this.problem(
              i,
              q,
              `The front matter nests more than ${SOP_LIMITS.maxFrontMatterNesting} brackets deep`,
              "write lists as [a, b] or one `- item` per line, without nesting them",
            );
        } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
        else if (c === 0x23 && q > 0 && line.charCodeAt(q - 1) === SPACE) break; // comment
      }
    }
    return null;
  }

  // ---- containers (block quotes and list items), fenced code --------------------------------

  private containers(): LimitProblem | null {
    const lines = this.lines;
    const stack: Container[] = [];
    let fence: Fence | null = null;
    let prevText = false; // the previous line ended in paragraph text (a lazy continuation may follow)
    for (let li = this.bodyStart; li < lines.length; li++) {
      const line = lines[li];
      let pos = 0;
      let col = 0;
      const skipWs = (limitCol = Infinity) => {
        while (pos < line.length && col < limitCol) {
          const c = line.charCodeAt(pos);
          if (c === SPACE) col++;
          else if (c === TAB) col += 4 - (col % 4);
          else break;
          pos++;
        }
      };
      const restBlank = () => {
        for (let q = pos; q < line.length; q++) {
          const c = line.charCodeAt(q);
          if (c !== SPACE && c !== TAB) return false;
        }
        return true;
      };

      // Match the open containers.
      let matched = 0;
      for (; matched < stack.length; matched++) {
        const c = stack[matched];
        const save = { pos, col };
        if (c.quote) {
          skipWs(col + 3);
          if (line.charCodeAt(pos) !== GT) {
            pos = save.pos;
            col = save.col;
            break;
          }
          pos++;
          col++;
          if (line.charCodeAt(pos) === SPACE) {
            pos++;
            col++;
          }
        } else {
          if (restBlank()) continue;
          skipWs(c.content);
          if (col < c.content) {
            pos = save.pos;
            col = save.col;
            break;
          }
        }
      }

      if (fence) {
        if (matched >= fence.depth) {
          this.fenced[li] = 1;
          skipWs();
          let run = 0;
          while (line.charCodeAt(pos + run) === fence.char) run++;
          if (run >= fence.length) {
            pos += run;
            if (restBlank()) fence = null;
          }
          continue;
        }
        fence = null; // its container ended, and the fence with it
      }

      const blank = restBlank();
      if (matched < stack.length) {
        // A lazy continuation line keeps the containers open; over-counting here is harmless.
        skipWs();
        const lazy = prevText && !blank && !this.startsContainer(line, pos);
        if (!lazy) stack.length = matched;
        else {
          prevText = true;
          continue;
        }
      }
      if (blank) {
        prevText = false;
        continue;
      }

      // Open new containers.
      for (;;) {
        skipWs();
        const c = line.charCodeAt(pos);
        if (c === GT) {
          stack.push({ quote: true });
          this.profile.containers = Math.max(this.profile.containers, stack.length);
          if (stack.length > SOP_LIMITS.maxContainerDepth) return this.containerProblem(li, col);
          pos++;
          col++;
          if (line.charCodeAt(pos) === SPACE) {
            pos++;
            col++;
          }
          continue;
        }
        const width = this.listMarker(line, pos);
        if (width === 0) break;
        const markerCol = col;
        pos += width;
        col += width;
        const before = { pos, col };
        skipWs();
        const spaces = col - before.col;
        let content: number;
        if (pos >= line.length || spaces > 4) {
          content = markerCol + width + 1;
          if (spaces > 4) {
            pos = before.pos + 1;
            col = before.col + 1;
          }
        } else content = markerCol + width + spaces;
        stack.push({ quote: false, content });
        this.profile.containers = Math.max(this.profile.containers, stack.length);
        if (stack.length > SOP_LIMITS.maxContainerDepth) return this.containerProblem(li, markerCol);
        if (pos >= line.length) break;
      }

      // Fenced code starts here?
      const f = line.charCodeAt(pos);
      if (f === BACKTICK || f === TILDE) {
        let run = 0;
        while (line.charCodeAt(pos + run) === f) run++;
        if (run >= 3 && (f === TILDE || !line.slice(pos + run).includes("`"))) {
          fence = { char: f, length: run, depth: stack.length };
          prevText = false;
          continue;
        }
      }
      prevText = !this.isThematicBreak(line, pos);
    }
    return null;
  }

  private containerProblem(line: number, column: number): LimitProblem {
    return this.problem(
      line,
      column,
      `Lists and quotes are nested more than ${SOP_LIMITS.maxContainerDepth} ` +
        `levels deep here — the SOP was not checked further`,
      "flatten the list: a few levels of sub-items are plenty (put details in the text, or split the step)",
    );
  }

  private startsContainer(line: string, pos: number): boolean {
    return line.charCodeAt(pos) === GT || this.listMarker(line, pos) > 0;
  }

  /**
   * Width of a list marker (`-`, `*`, `+`, `1.`, `12)`) starting at pos, followed by white space or the end; else 0.
   */
  private listMarker(line: string, pos: number): number {
    const c = line.charCodeAt(pos);
    let width = 0;
    if (c === 0x2d || c === 0x2a || c === 0x2b) {
      if (this.isThematicBreak(line, pos)) return 0;
      width = 1;
    } else if (c >= 0x30 && c <= 0x39) {
      let d = 0;
      while (d < 9 && line.charCodeAt(pos + d) >= 0x30 && line.charCodeAt(pos + d) <= 0x39) d++;
      const after = line.charCodeAt(pos + d);
      if (after !== 0x2e && after !== 0x29) return 0;
      width = d + 1;
    } else return 0;
    const next = line.charCodeAt(pos + width);
    return Number.isNaN(next) || next === SPACE || next === TAB ? width : 0;
  }

  /** `---`, `* * *`, `___` (3+ of one character, only spaces between) from pos to the end of the line. */
  private isThematicBreak(line: string, pos: number): boolean {
    const c = line.charCodeAt(pos);
    if (c !== 0x2d && c !== 0x2a && c !== 0x5f) return false;
    let n = 0;
    for (let q = pos; q < line.length; q++) {
      const x = line.charCodeAt(q);
      if (x === c) n++;
      else if (x !== SPACE && x !== TAB) return false;
    }
    return n >= 3;
  }

  // ---- inline nesting and component nesting --------------------------------------------------

  private inline(): LimitProblem | null {
    const lines = this.lines;
    const max = SOP_LIMITS.maxInlineNesting;
    let brackets = 0;
    let braces = 0;
    let markup = 0; // emphasis runs and brackets in this paragraph
    const maxMarkup = SOP_LIMITS.maxInlineMarkupPerParagraph;
    const countMarkup = (li: number, col: number): LimitProblem | null => {
      markup++;
      if (markup > this.profile.markupPerParagraph) this.profile.markupPerParagraph = markup;
      if (markup <= maxMarkup) return null;
      return this.problem(
        li,
        col,
        `This paragraph has more than ${maxMarkup.toLocaleString("en")} ` +
          `emphasis markers and brackets — the SOP was not checked further`,
        "split the text into paragraphs with empty lines, or escape the characters with a backslash (\\*, \\[)",
      );
    };
    const emphasis = { "*": 0, _: 0, "~": 0 } as Record<string, number>;
    let elementDepth = 0;
    // Inside a tag: 0 = text, 1 = in a tag, 2 = in a tag's quoted value
    let tag = 0;
    let tagClosing = false;
    let tagQuote = 0;
    let tagBraces = 0;
    let tagLastNonSpace = 0;
    let tagLine = 0;
    let tagCol = 0;

    const inlineProblem = (li: number, col: number, what: string) =>
      this.problem(
        li,
        col,
        `${what} are nested more than ${max} deep in this paragraph — the SOP was not checked further`,
        what.startsWith("Braces")
          ? "only {field_name} references are allowed in braces; write a brace as text with \\{"
          : "write it as plain text, or escape the characters with a backslash (\\[, \\*, \\_)",
      );

    // A GFM table's cells are read one by one, so each row counts apart (not the whole table as one paragraph).
    let inTable = false;
    let prevHasPipe = false;
    let tableRows = 0;
    for (let li = this.bodyStart; li < lines.length; li++) {
      if (this.fenced[li]) continue;
      const line = lines[li];
      let blank = true;
      for (let q = 0; q < line.length; q++) {
        const c = line.charCodeAt(q);
        if (c !== SPACE && c !== TAB) {
          blank = false;
          break;
        }
      }
      if (blank && tag === 0) {
        brackets = 0;
        markup = 0;
        emphasis["*"] = emphasis._ = emphasis["~"] = 0;
        inTable = prevHasPipe = false;
        continue;
      }
      const hasPipe = line.includes("|");
      if (tag === 0) {
        if (inTable && !hasPipe) inTable = false;
        else if (inTable) {
          // micromark reads a table row in about a quarter of a millisecond: past the limit, stop here.
          if (++tableRows > SOP_LIMITS.maxTableRows)
            return {
              code: "table-too-large",
              message:
                `This table has more than ${SOP_LIMITS.maxTableRows.toLocaleString("en")} ` +
                `rows — the SOP was not checked further`,
              hint: "split it into several tables (one per topic), or link to the full list",
              line: li + 1,
              column: 1,
            };
        } else if (prevHasPipe && hasPipe && TABLE_DELIMITER_RE.test(line)) {
          inTable = true;
          tableRows = 0;
        }
        if (inTable) {
          brackets = 0;
          markup = 0;
          emphasis["*"] = emphasis._ = emphasis["~"] = 0;
        }
      }
      prevHasPipe = hasPipe;
      // Backtick runs of this line, for code spans (found lazily, matched in one pass).
      let runs: { start: number; length: number }[] | null = null;
      let byLength: Map<number, number[]> | null = null;
      const nextRun = new Map<number, number>();
      let runIndex = 0;

      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (tag) {
          if (tag === 2) {
            if (c === tagQuote) tag = 1;
            continue;
          }
          if (c === 0x22 || c === 0x27) {
            tag = 2;
            tagQuote = c;
          } else if (c === 0x7b) tagBraces++;
          else if (c === 0x7d && tagBraces > 0) tagBraces--;
          else if (c === GT && tagBraces === 0) {
            tag = 0;
            if (tagClosing) elementDepth = Math.max(0, elementDepth - 1);
            else if (tagLastNonSpace !== 0x2f) {
              this.profile.elements = Math.max(this.profile.elements, elementDepth + 1);
              if (++elementDepth > SOP_LIMITS.maxElementNesting)
                return this.problem(
                  tagLine,
                  tagCol,
                  `Components are nested more than ${SOP_LIMITS.maxElementNesting} ` +
                    `deep here — the SOP was not checked further`,
                  "close each component before the next one starts (is a closing tag like </Step> or </Say> missing?)",
                );
            }
          } else if (c === LT && tagBraces === 0) {
            tag = 0; // a stray `<` inside a tag: the parser reports it; read on as text
            i--;
          }
          if (c !== SPACE && c !== TAB) tagLastNonSpace = c;
          continue;
        }
        if (c === BACKSLASH) {
          i++;
          continue;
        }
        if (c === BACKTICK) {
          if (!runs) {
            runs = [];
            byLength = new Map();
            for (let q = i; q < line.length;) {
              if (line.charCodeAt(q) === BACKTICK && (q === 0 || line.charCodeAt(q - 1) !== BACKSLASH || q === i)) {
                let n = 0;
                while (line.charCodeAt(q + n) === BACKTICK) n++;
                const list = byLength.get(n) ?? [];
                list.push(runs.length);
                byLength.set(n, list);
                runs.push({ start: q, length: n });
                q += n;
              } else q++;
            }
          }
          while (runIndex < runs.length && runs[runIndex].start < i) runIndex++;
          const run = runs[runIndex];
          if (!run || run.start !== i) continue;
          const same = byLength!.get(run.length)!;
          let p = nextRun.get(run.length) ?? 0;
          while (p < same.length && same[p] <= runIndex) p++;
          nextRun.set(run.length, p);
          if (p < same.length) {
            const closer = runs[same[p]];
            i = closer.start + closer.length - 1; // skip the code span
            runIndex = same[p] + 1;
          } else i = run.start + run.length - 1; // unmatched: literal backticks
          continue;
        }
        if (c === 0x5b || c === 0x5d) {
          const tooMany = countMarkup(li, i);
          if (tooMany) return tooMany;
        }
        if (c === 0x5b) {
          this.profile.inline = Math.max(this.profile.inline, brackets + 1);
          if (++brackets > max) return inlineProblem(li, i, "Square brackets [ ]");
          continue;
        }
        if (c === 0x5d) {
          if (brackets > 0) brackets--;
          continue;
        }
        if (this.mdx && c === 0x7b) {
          this.profile.inline = Math.max(this.profile.inline, braces + 1);
          if (++braces > max) return inlineProblem(li, i, "Braces { }");
          continue;
        }
        if (this.mdx && c === 0x7d) {
          if (braces > 0) braces--;
          continue;
        }
        if (this.mdx && c === LT) {
          const n = line.charCodeAt(i + 1);
          const letter = (x: number) =>
            (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || x === 0x24 || x === 0x5f;
          if (letter(n) || (n === 0x2f && letter(line.charCodeAt(i + 2)))) {
            tag = 1;
            tagClosing = n === 0x2f;
            tagBraces = 0;
            tagLastNonSpace = 0;
            tagLine = li;
            tagCol = i;
            i += tagClosing ? 1 : 0;
          }
          continue;
        }
        if (c === 0x2a || c === 0x5f || (this.gfm && c === TILDE)) {
          let n = 1;
          while (line.charCodeAt(i + n) === c) n++;
          const before = charClass(i > 0 ? line[i - 1] : undefined);
          const afterIndex = i + n;
          const after = charClass(
            afterIndex < line.length ? String.fromCodePoint(line.codePointAt(afterIndex)!) : undefined,
          );
          const left = after !== "ws" && (after !== "punct" || before !== "other");
          const right = before !== "ws" && (before !== "punct" || after !== "other");
          let canOpen = left;
          let canClose = right;
          if (c === 0x5f) {
            canOpen = left && (!right || before === "punct");
            canClose = right && (!left || after === "punct");
          }
          if (canOpen || canClose) {
            const tooMany = countMarkup(li, i);
            if (tooMany) return tooMany;
          }
          const key = String.fromCharCode(c);
          let rest = n;
          if (canClose) {
            const used = Math.min(emphasis[key], rest);
            emphasis[key] -= used;
            rest -= used;
          }
          if (canOpen && rest > 0) {
            emphasis[key] += rest;
            this.profile.inline = Math.max(this.profile.inline, emphasis["*"] + emphasis._ + emphasis["~"]);
            if (emphasis["*"] + emphasis._ + emphasis["~"] > max)
              return inlineProblem(li, i, "Emphasis markers (* _ ~)");
          }
          i += n - 1;
        }
      }
    }
    return null;
  }
}
