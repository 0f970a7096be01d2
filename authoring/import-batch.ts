// The batch half of an import: which SOP id each file gets, and where its links to other pages of the same
// import lead. Pure (the database is asked through a callback), browser-safe. Used by app/import-export.server.ts.
//
// Ids: an .mdx file's own `id:` is authoritative (it is a Stepwise export: same id = same SOP, even with an
// edited title). Otherwise the id comes from the file name, or from the title when the name says nothing about
// the page (`_index.md`, `index.md`, `README.md`, any letter case). Such an id is only ever a new version of an
// existing SOP with the same title (compared without case, accents, punctuation or spacing): another title, or
// another file of the same import, moves it on to `id-2`, `id-3`… with a message saying why.
import { parseDocument } from "yaml";
import { extractFrontMatter } from "../sop-schema/frontmatter";
import { ASCII_SLUG_RE, slugify } from "../sop-schema/slug";

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** A file name that says nothing about its page (Hugo's and MkDocs' section pages, READMEs). */
export function isIndexName(path: string): boolean {
  return /^(?:_?index|readme)(?:\.(?:md|mdx|markdown))?$/i.test(baseName(path));
}

/** An SOP id (ASCII slug) from any text, or "". */
function asciiSlug(text: string): string {
  return slugify(text)
    .replace(/[^a-z0-9-]/g, "")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** Titles compared the way people read them: no case, accents, punctuation or spacing differences. */
export function normaliseTitle(title: string): string {
  return slugify(title);
}

/** The id a file asks for: its `id:`, else its name, else (index-like names) its title. */
export function candidateId(path: string, explicitId: string | undefined, title: string): string {
  if (explicitId) return explicitId;
  if (!isIndexName(path)) {
    const fromName = asciiSlug(baseName(path).replace(/\.(?:mdx|md|markdown)$/i, ""));
    if (fromName) return fromName;
  }
  return asciiSlug(title) || "sop";
}

export type BatchEntry = {
  file: string;
  title: string;
  /** the id written in the file's front matter */
  explicitId?: string;
  /**
   * the id (its own `id:`, else its file name) names the SOP whatever its title: a Stepwise .mdx, e.g. an edited export
   */
  authoritative?: boolean;
};

/** An SOP already in the library under an id: the titles it is known by (its row, its open and published versions). */
export type ExistingSop = { titles: string[] };

export type IdDecision = {
  id: string;
  /** the id the file asked for */
  wanted: string;
  /** set when `id` is not `wanted` */
  change?: { reason: "batch" | "title"; message: string };
};

/**
 * Decides every file's SOP id, in order. `existing(id)` looks an id up in the library (undefined: free).
 * Never gives two files of one batch the same id, and never makes a file a new version of an SOP with another title
 * (unless the file's own id is authoritative).
 */
export function assignIds(
  entries: readonly BatchEntry[],
  existing: (id: string) => ExistingSop | undefined,
): IdDecision[] {
  const taken = new Map<string, BatchEntry>();
  return entries.map((entry) => {
    const wanted = candidateId(entry.file, entry.explicitId, entry.title);
    const title = normaliseTitle(entry.title);
    let first: IdDecision["change"];
    let id = wanted;
    for (let n = 2; ; n++) {
      const inBatch = taken.get(id);
      const library = existing(id);
      const sameTitle =
        !library || (n === 2 && entry.authoritative) || library.titles.some((t) => normaliseTitle(t) === title);
      if (!inBatch && sameTitle) break;
      if (!first) {
        first = inBatch
          ? {
              reason: "batch",
              message:
                `Another file of this import (${inBatch.file}) already ` +
                `takes the SOP id “${id}”: this one became a separate SOP`,
            }
          : {
              reason: "title",
              message:
                `The SOP “${id}” already exists with another title (“${library!.titles[0] ?? id}”): ` +
                `this page became a new SOP instead of a new version of it`,
            };
      }
      id = `${wanted}-${n}`;
      if (n > 10_000) break;
    }
    taken.set(id, entry);
    if (id === wanted) return { id, wanted };
    return { id, wanted, change: { reason: first!.reason, message: `${first!.message}, with the id “${id}”` } };
  });
}

// ---------------------------------------------------------------------------------------------
// Links between the pages of one import

const PAGE_EXT = /\.(?:md|mdx|markdown)$/i;

/** posix-normalised path: no `.`/`..`/empty segments, `/` separators, lower case (handbooks are case-sloppy). */
function normalisePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/").toLowerCase();
}

/** The files a link target can mean, most likely first (Hugo/MkDocs serve `a/b.md` as `a/b/`). */
function candidates(path: string, trailingSlash: boolean): string[] {
  if (PAGE_EXT.test(path)) return [path];
  const dir = path ? `${path}/` : "";
  const pages = [`${dir}_index.md`, `${dir}index.md`, `${dir}readme.md`, `${dir}_index.mdx`, `${dir}index.mdx`];
  const named = path ? [`${path}.md`, `${path}.mdx`, `${path}.markdown`] : [];
  return trailingSlash ? [...pages, ...named] : [...named, ...pages];
}

export type BatchFile = { file: string; id: string };

/**
 * Resolves a page's link targets against the batch: relative to the page's folder, then (for `/`-absolute
 * targets and bare names, as Hugo's `ref` does) by the end of the path, when only one file of the batch ends so.
 * Returns target → `/sops/<id>` for the targets found; the others are left out.
 */
export function resolveBatchLinks(
  fromFile: string,
  targets: readonly string[],
  files: readonly BatchFile[],
): Record<string, string> {
  const byPath = new Map<string, string>();
  for (const f of files) byPath.set(normalisePath(f.file), f.id);
  const dir = normalisePath(fromFile).split("/").slice(0, -1).join("/");
  const out: Record<string, string> = {};
  for (const target of new Set(targets)) {
    let raw = target.replace(/[#?].*$/, "");
    try {
      raw = decodeURIComponent(raw);
    } catch {
      // keep it as written
    }
    if (raw.trim() === "") continue;
    const trailing = raw.endsWith("/");
    const absolute = raw.startsWith("/");
    const resolved = normalisePath(absolute ? raw : `${dir}/${raw}`);
    let id: string | undefined;
    for (const c of candidates(resolved, trailing)) if ((id = byPath.get(c))) break;
    if (!id) {
      // By the end of the path: `/billing/refunds.md`, or a bare `refunds.md`, inside a folder tree imported from
      // higher up.
      const tail = normalisePath(raw);
      for (const c of candidates(tail, trailing)) {
        const hits = [...byPath.entries()].filter(([p]) => p === c || p.endsWith(`/${c}`));
        if (hits.length === 1) {
          id = hits[0][1];
          break;
        }
      }
    }
    if (id) out[target] = `/sops/${id}`;
  }
  return out;
}

/** Sets (or replaces) the top-level `id:` of a source's front matter; adds a front matter when there is none. */
export function setFrontMatterId(source: string, id: string): string {
  const block = extractFrontMatter(source.replace(/^\uFEFF/, ""));
  if (!block) return `---\nid: ${id}\n---\n${source}`;
  // The YAML is lines [startLine - 1, endLine - 1) of the source.
  const lines = source.split("\n");
  const at = lines.slice(block.startLine - 1, block.endLine - 1).findIndex((l) => /^id:/.test(l));
  if (at >= 0) lines[block.startLine - 1 + at] = `id: ${id}`;
  else lines.splice(1, 0, `id: ${id}`);
  return lines.join("\n");
}

/** The `id:` of a source's front matter, when it is a valid SOP id (as the SOP parser reads it). */
export function frontMatterId(source: string): string | undefined {
  const block = extractFrontMatter(source.replace(/^\uFEFF/, ""));
  if (!block) return undefined;
  const doc = parseDocument(block.yaml, { logLevel: "silent" });
  const id = doc.errors.length ? undefined : doc.get("id");
  return typeof id === "string" && ASCII_SLUG_RE.test(id) ? id : undefined;
}
