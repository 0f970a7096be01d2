// Full-text search over SOPs (SQLite FTS5, table `sop_search`, created by migration 0002).
//
// One index row per searchable version: the published version of every non-archived SOP, and the open
// draft / in-review version when there is one. The rowid encodes who may see the row (see rowidOf), so
// agents' searches and department filters are rowid ranges FTS5 applies itself; the version id is
// `rowid % 2^30` (and the version_id column). Lifecycle code keeps the index in step by calling
// syncSearchForSop(tx, sopId) inside its own transactions; start-up rebuilds the whole index when
// SEARCH_INDEX_FORMAT changes (ensureSearchIndex).
//
// What a version puts in the index and how user text becomes a MATCH expression (never syntax: every word is
// a quoted string) are pure, in search-text.ts.
import type BetterSqlite3 from "better-sqlite3";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { isStale } from "../sop-schema/review";
import type { Db } from "./client.server";
import { getMeta, setMeta } from "./meta.server";
import { departments, sops, sopVersions } from "./schema";
import {
  MARK_END,
  MARK_START,
  queryTokens,
  quote,
  searchTextOf,
  tagExpression,
  termExpr,
  type SearchText,
} from "./search-text";

export { matchExpression, queryTokens, searchTextOf, type SearchText } from "./search-text";

/**
 * Bump when what searchTextOf (search-text.ts) produces, or how rows are written, changes: start-up then rebuilds the
 * index.
 */
export const SEARCH_INDEX_FORMAT = "1"; // rowid layout (see rowidOf) + searchTextOf v1
const FORMAT_META_KEY = "search_index_format";

/**
 * bm25 column weights, in the table's column order (title, tags, purpose, terms, body): title ≫ tags >
 * purpose > terms > body.
 *
 * FTS5's bm25 multiplies a word's frequency by the column weight *before* saturating it
 * (tf·(k1+1) / (tf + k1·norm)), so weights alone cannot promise "title matches first": a word repeated in a
 * long body saturates close to a single title hit. Ranking is therefore tiered (see rankedPage): SOPs with
 * every query word in the title first, then every word in title/tags/purpose/terms, then (several words)
 * some word there, then body-only matches; inside each tier these weights order the hits.
 */
export const SEARCH_WEIGHTS = { title: 10, tags: 6, purpose: 4, terms: 2, body: 1 } as const;
const WEIGHTS_SQL = [
  SEARCH_WEIGHTS.title,
  SEARCH_WEIGHTS.tags,
  SEARCH_WEIGHTS.purpose,
  SEARCH_WEIGHTS.terms,
  SEARCH_WEIGHTS.body,
]
  .map((w) => w.toFixed(1))
  .join(", ");

export const SEARCH_MAX_QUERY = 200;
const SNIPPET_TOKENS = 24;

export type Segment = { text: string; mark: boolean };
export type SearchStatus = "published" | "draft" | "in_review" | "any";
export type SearchAudience = "agent" | "author";
export const SEARCH_STATUSES: readonly SearchStatus[] = ["published", "draft", "in_review", "any"];

export type SearchOptions = {
  q: string;
  departmentId?: number;
  tag?: string;
  /** authors only; agents always get the published versions of non-archived SOPs */
  status?: SearchStatus;
  audience: SearchAudience;
  limit?: number;
  offset?: number;
  /** YYYY-MM-DD used for `stale` (tests); defaults to today (UTC) */
  today?: string;
};

export type SearchHit = {
  sopId: string;
  versionId: number;
  version: number;
  state: "published" | "draft" | "in_review";
  title: Segment[];
  snippet: Segment[];
  department: { id: number; name: string };
  tags: string[];
  /** the SOP is overdue for review (sops.next_review_at before today) */
  stale: boolean;
  /** lower is better: the weighted bm25 (0 when listing without a query) */
  score: number;
  /** from the version's front matter, for lang/dir and the card */
  language: string;
  owner: string | null;
  steps: number;
};

export type SearchResponse = { total: number; results: SearchHit[]; error?: string };

// ---------------------------------------------------------------------------------------------------
// Keeping the index in step

type SyncDb = Pick<Db, "run" | "all" | "get" | "select" | "insert" | "delete">;

/**
 * Bumped by writes to the index from this process (`agent`: rows agents see, i.e. live published versions;
 * `author`: any row). With PRAGMA data_version (writes by other connections, e.g. the CLI) they tell when a
 * cached tag list is stale: saving a draft does not invalidate the agents' list.
 */
const generation: Record<SearchAudience, number> = { agent: 0, author: 0 };
function touched(rowids: readonly number[]): void {
  generation.author++;
  if (rowids.some((id) => id < CLASS_UNIT)) generation.agent++;
}

/**
 * Row ids encode who may see a row, so that FTS5 itself skips the rest (a rowid range is free for FTS5; a
 * per-row filter is not): rowid = class·2^46 + department·2^30 + version id, where class 0 = the live
 * published version, 1 = the open version (draft or in review: one class, so sending a draft to review or
 * back does not move its row). Agents search class 0 only; one department is a contiguous range inside a
 * class. Limits: version ids below 2^30, department ids below 2^16 (a larger department id is filed under
 * 0: still searchable, not by that department's filter).
 */
const CLASS_UNIT = 2 ** 46;
const DEPT_UNIT = 2 ** 30;
const DEPT_LIMIT = 2 ** 16;
const CLASSES = { published: 0, open: 1 } as const;
type RowClass = (typeof CLASSES)[keyof typeof CLASSES];

function deptBucket(departmentId: number): number {
  return Number.isInteger(departmentId) && departmentId > 0 && departmentId < DEPT_LIMIT ? departmentId : 0;
}

function rowidOf(rowClass: RowClass, departmentId: number, versionId: number): number {
  return rowClass * CLASS_UNIT + deptBucket(departmentId) * DEPT_UNIT + versionId;
}

/** The version id behind an index rowid. */
export function versionIdOf(rowid: number): number {
  return rowid % DEPT_UNIT;
}

/** [first, last] rowids of a class (and department): what FTS5 takes as a range constraint. */
function rowidRange(rowClass: RowClass, departmentId?: number): [number, number] {
  if (departmentId === undefined) return [rowClass * CLASS_UNIT, (rowClass + 1) * CLASS_UNIT - 1];
  const lo = rowidOf(rowClass, departmentId, 0);
  return [lo, lo + DEPT_UNIT - 1];
}

function insertRow(db: Pick<Db, "run">, rowid: number, sopId: string, versionId: number, t: SearchText): void {
  db.run(
    sql`INSERT INTO sop_search (rowid, title, tags, purpose, terms, body, sop_id, version_id)
        VALUES (${rowidLiteral(rowid)}, ${t.title}, ${t.tags}, ${t.purpose}, ${t.terms}, ${t.body},
          ${sopId}, ${versionId})`,
  );
}

function sameText(a: SearchText, b: SearchText): boolean {
  return (
    a.title === b.title && a.tags === b.tags && a.purpose === b.purpose && a.terms === b.terms && a.body === b.body
  );
}

/**
 * A rowid as an SQL integer literal. Never a bound JS number: better-sqlite3 binds numbers as REAL, and FTS5
 * ignores a REAL rowid constraint (`rowid = 12.0` would match every row).
 */
function rowidLiteral(id: number) {
  if (!Number.isSafeInteger(id) || id < 0) throw new Error(`Not a search rowid: ${id}`);
  return sql.raw(String(id));
}

function idList(ids: readonly number[]) {
  return sql.join(ids.map(rowidLiteral), sql`, `);
}

/**
 * Makes the index hold exactly the SOP's published version (unless the SOP is archived) and its open draft
 * or in-review version, and nothing else of that SOP. Idempotent and cheap: a row already filed under the
 * right rowid is kept when its version is published (immutable) or its text is unchanged; only a new,
 * moved (state or department changed) or edited version is tokenized again. Call it inside the
 * transaction that changed the SOP.
 */
export function syncSearchForSop(db: SyncDb, sopId: string): void {
  const sop = db
    .select({
      publishedVersionId: sops.publishedVersionId,
      archivedAt: sops.archivedAt,
      departmentId: sops.departmentId,
    })
    .from(sops)
    .where(eq(sops.id, sopId))
    .get();
  const versions = db
    .select({ id: sopVersions.id, state: sopVersions.state })
    .from(sopVersions)
    .where(eq(sopVersions.sopId, sopId))
    .all();
  const wanted = new Map<number, { versionId: number; mutable: boolean }>();
  if (sop) {
    if (sop.publishedVersionId != null && sop.archivedAt == null) {
      wanted.set(rowidOf(CLASSES.published, sop.departmentId, sop.publishedVersionId), {
        versionId: sop.publishedVersionId,
        mutable: false,
      });
    }
    for (const v of versions) {
      if (v.state === "draft" || v.state === "in_review")
        wanted.set(rowidOf(CLASSES.open, sop.departmentId, v.id), { versionId: v.id, mutable: true });
    }
  }
  // Where rows of this SOP may sit: any of its versions, in any class, under any department (a move to
  // another department or state changes the rowid). A few hundred primary-key probes at most.
  const buckets = [
    0,
    ...db
      .all<{ id: number }>(sql`SELECT id FROM departments`)
      .map((d) => deptBucket(d.id))
      .filter((b) => b > 0),
  ];
  const candidates: number[] = [];
  for (const v of versions)
    for (const c of Object.values(CLASSES))
      for (const b of buckets) candidates.push(c * CLASS_UNIT + b * DEPT_UNIT + v.id);
  const existing = new Set<number>();
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    for (const r of db.all<{ id: number }>(sql`SELECT rowid AS id FROM sop_search WHERE rowid IN (${idList(chunk)})`))
      existing.add(r.id);
  }
  const unwanted = [...existing].filter((id) => !wanted.has(id));
  if (unwanted.length) {
    touched(unwanted);
    db.run(sql`DELETE FROM sop_search WHERE rowid IN (${idList(unwanted)})`);
  }

  const toLoad = [...wanted].filter(([rowid, w]) => w.mutable || !existing.has(rowid));
  if (!toLoad.length) return;
  const docs = new Map(
    db
      .select({ id: sopVersions.id, document: sopVersions.document })
      .from(sopVersions)
      .where(
        and(
          eq(sopVersions.sopId, sopId),
          inArray(
            sopVersions.id,
            toLoad.map(([, w]) => w.versionId),
          ),
        ),
      )
      .all()
      .map((d) => [d.id, d.document]),
  );
  for (const [rowid, w] of toLoad) {
    if (!docs.has(w.versionId)) continue;
    const text = searchTextOf(docs.get(w.versionId) ?? {});
    if (existing.has(rowid)) {
      const current = db.get<SearchText | undefined>(
        sql`SELECT title, tags, purpose, terms, body FROM sop_search WHERE rowid = ${rowidLiteral(rowid)}`,
      );
      if (current && sameText(current, text)) continue;
      db.run(sql`DELETE FROM sop_search WHERE rowid = ${rowidLiteral(rowid)}`);
    }
    touched([rowid]);
    insertRow(db, rowid, sopId, w.versionId, text);
  }
}

/** Empties and refills the whole index from sop_versions, in one transaction, then merges its segments. */
export async function rebuildSearchIndex(db: Db): Promise<{ rows: number; ms: number }> {
  const t0 = performance.now();
  const rows = db.transaction((tx) => {
    tx.run(sql`DELETE FROM sop_search`);
    const wanted = tx.all<{ id: number; sopId: string; state: string; live: number; departmentId: number }>(sql`
      SELECT v.id AS id, v.sop_id AS sopId, v.state AS state,
        (v.id = p.published_version_id AND p.archived_at IS NULL) AS live, p.department_id AS departmentId
      FROM sop_versions v JOIN sops p ON p.id = v.sop_id
      WHERE v.state IN ('draft', 'in_review')
      UNION ALL
      SELECT p.published_version_id, p.id, 'published', 1, p.department_id FROM sops p
      WHERE p.published_version_id IS NOT NULL AND p.archived_at IS NULL
      ORDER BY 1`);
    // Documents in batches: never every document of a large library in memory at once.
    for (let i = 0; i < wanted.length; i += 200) {
      const batch = wanted.slice(i, i + 200);
      const docs = new Map(
        tx
          .select({ id: sopVersions.id, document: sopVersions.document })
          .from(sopVersions)
          .where(
            inArray(
              sopVersions.id,
              batch.map((w) => w.id),
            ),
          )
          .all()
          .map((d) => [d.id, d.document]),
      );
      for (const w of batch) {
        if (!docs.has(w.id)) continue;
        const rowClass = w.live ? CLASSES.published : CLASSES.open;
        insertRow(tx, rowidOf(rowClass, w.departmentId, w.id), w.sopId, w.id, searchTextOf(docs.get(w.id) ?? {}));
      }
    }
    return wanted.length;
  });
  db.run(sql`INSERT INTO sop_search (sop_search) VALUES ('optimize')`);
  touched([0]);
  return { rows, ms: performance.now() - t0 };
}

/** At start-up: rebuilds the index when it was built by another format (or never), e.g. an existing database. */
export async function ensureSearchIndex(db: Db): Promise<{ rebuilt: boolean; rows: number; ms: number }> {
  if (getMeta(db, FORMAT_META_KEY) === SEARCH_INDEX_FORMAT) return { rebuilt: false, rows: 0, ms: 0 };
  const r = await rebuildSearchIndex(db);
  setMeta(db, FORMAT_META_KEY, SEARCH_INDEX_FORMAT);
  return { rebuilt: true, ...r };
}

// ---------------------------------------------------------------------------------------------------
// Long prefixes, against the index's vocabulary

const vocabReady = new WeakSet<BetterSqlite3.Database>();
const MAX_EXPANSION = 24;
const ASCII_WORD = /^[a-z0-9]+$/;

/**
 * A prefix longer than the index's prefix lengths (2, 3) makes FTS5 merge the lists of every matching term
 * on each execution, and a search runs several. For plain ASCII words the index's own vocabulary says which
 * terms the prefix stands for, so the prefix becomes an OR of those whole terms ("refun"* → "refund" OR
 * "refunds"): same matches, lists read lazily. More than MAX_EXPANSION terms, or non-ASCII (where folding is
 * the tokenizer's business): the prefix stays as it is.
 */
function expandedTermExpr(db: Db, token: string): string {
  const lower = token.toLowerCase();
  if (lower.length < 4 || !ASCII_WORD.test(lower)) return termExpr(token);
  if (!vocabReady.has(db.$client)) {
    db.$client.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.sop_search_vocab USING fts5vocab(main, 'sop_search', 'row')`,
    );
    vocabReady.add(db.$client);
  }
  const terms: string[] = [];
  // Both bounds, so fts5vocab seeks to the prefix and stops after it (it counts each term's documents).
  const rows = prepared(
    db,
    `SELECT term FROM temp.sop_search_vocab WHERE term >= @lo AND term < @hi LIMIT ${MAX_EXPANSION + 1}`,
  )
    .pluck()
    .all({ lo: lower, hi: `${lower}\u{10FFFF}` }) as string[];
  for (const term of rows) if (term.startsWith(lower)) terms.push(term);
  if (terms.length === 0 || terms.length > MAX_EXPANSION) return termExpr(token);
  return terms.length === 1 ? quote(terms[0]!) : `(${terms.map(quote).join(" OR ")})`;
}

// ---------------------------------------------------------------------------------------------------
// Searching
//
// Plan (10,000 SOPs, p95 ≤ 20 ms, bench/search.bench.ts): the FTS table drives every query and never joins
// the big sop_versions rows (they hold whole documents) except for the page shown. Who-sees-what and the
// department are rowid ranges FTS5 applies itself; the total is one count(*); ranking is tiered (rankedPage)
// so a common word costs the ranking of its title and summary hits, not of every body; highlights and
// snippets are made for the page's rows only.

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** Prepared once per connection and SQL text. */
function prepared(db: Db, text: string): BetterSqlite3.Statement {
  let cache = statements.get(db.$client);
  if (!cache) statements.set(db.$client, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = db.$client.prepare(text)));
  return stmt;
}

/** SQL conditions on the index row `f` (the page's rows are re-checked in `visible`). */
function filterConditions(
  audience: SearchAudience,
  status: SearchStatus,
  departmentId: number | undefined,
  tag: string,
  params: Record<string, unknown>,
): string[] {
  const where: string[] = [];
  const rowClass =
    audience === "agent" || status === "published"
      ? CLASSES.published
      : status === "draft" || status === "in_review"
        ? CLASSES.open
        : null;
  if (rowClass !== null) {
    // BigInt: bound as INTEGER, so FTS5 takes the range itself (a REAL bound would be ignored by FTS5).
    const [lo, hi] = rowidRange(rowClass, departmentId);
    params.lo = BigInt(lo);
    params.hi = BigInt(hi);
    where.push("f.rowid >= @lo AND f.rowid <= @hi");
    // Draft or in review: the state lives in sop_versions; the open versions are few (covering state index).
    if (status === "draft" || status === "in_review")
      where.push(`+(f.rowid % ${DEPT_UNIT}) IN (SELECT id FROM sop_versions WHERE state = '${status}')`);
  } else if (departmentId !== undefined) {
    params.bucket = deptBucket(departmentId);
    where.push(`+((f.rowid / ${DEPT_UNIT}) % ${DEPT_LIMIT}) = @bucket`);
  }
  if (tag) {
    params.tag = tag;
    where.push(`instr(char(10) || lower(f.tags) || char(10), char(10) || lower(@tag) || char(10)) > 0`);
  }
  return where;
}

/** The same rowid layout in SQL, for listings that start from sops/sop_versions. */
function rowidSql(rowClass: string, dept: string, id: string): string {
  return (
    `(${rowClass}) * ${CLASS_UNIT} + (CASE WHEN ${dept} > 0 AND ${dept} ` +
    `< ${DEPT_LIMIT} THEN ${dept} ELSE 0 END) * ${DEPT_UNIT} + ${id}`
  );
}

type RowMeta = {
  id: number;
  sopId: string;
  version: number;
  state: string;
  publishedVersionId: number | null;
  archivedAt: number | null;
  nextReviewAt: string | null;
  departmentId: number;
  departmentName: string;
  language: string | null;
  owner: string | null;
  steps: number | null;
};

/** Defence in depth: an agent only ever gets the live published version, whatever the index holds. */
function visible(r: RowMeta, audience: SearchAudience, status: SearchStatus): boolean {
  const live = r.publishedVersionId === r.id && r.archivedAt == null;
  const open = r.state === "draft" || r.state === "in_review";
  if (audience === "agent" || status === "published") return live;
  if (status === "draft" || status === "in_review") return r.state === status;
  return live || open;
}

type DetailRow = {
  id: number;
  title: string;
  tags: string;
  purpose: string;
  titleHl?: string;
  tagsSn?: string;
  purposeSn?: string;
  termsSn?: string;
  bodySn?: string;
};

function clampInt(n: number | undefined, min: number, max: number, fallback: number): number {
  if (n === undefined || !Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

/** Splits sentinel-marked text into segments; line breaks between indexed pieces read as " · ". */
export function toSegments(marked: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === MARK_START) mark = true;
    else if (part === MARK_END) mark = false;
    else if (part) {
      const text = part.replace(/\s*\n+\s*/g, " · ");
      const last = out[out.length - 1];
      if (last && last.mark === mark) last.text += text;
      else out.push({ text, mark });
    }
  }
  return out;
}

function plainSnippet(text: string, max = 180): Segment[] {
  const flat = text.replace(/\s*\n+\s*/g, " · ");
  if (flat.length <= max) return flat ? [{ text: flat, mark: false }] : [];
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return [{ text: `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`, mark: false }];
}

function markCount(s: string | undefined): number {
  return s ? s.split(MARK_START).length - 1 : 0;
}

/** The snippet worth showing: the column with the most highlighted words (purpose, body, terms, tags on ties). */
function bestSnippet(d: DetailRow): Segment[] {
  let best: string | undefined;
  let bestCount = 0;
  for (const s of [d.purposeSn, d.bodySn, d.termsSn, d.tagsSn]) {
    const n = markCount(s);
    if (n > bestCount) [best, bestCount] = [s, n];
  }
  return best ? toSegments(best) : plainSnippet(d.purpose);
}

const mark = (column: number) => `snippet(sop_search, ${column}, char(57344), char(57345), '…', ${SNIPPET_TOKENS})`;
const HEAD_HIGHLIGHTS =
  `highlight(sop_search, 0, char(57344), char(57345)) AS titleHl, ${mark(1)} ` +
  `AS tagsSn, ${mark(2)} AS purposeSn, ${mark(3)} AS termsSn`;

/**
 * Title, tags, purpose and highlights of the page's rows. With whole words and short prefixes a lookup per
 * row is fastest, and the body's snippet (the costly one) is only made when the purpose does not already
 * show every query word. A long prefix left as a prefix (no prefix index: each lookup would merge every
 * matching term's list again) is cheaper as one pass over the matches that keeps the page's rows.
 */
function details(
  db: Db,
  ids: number[],
  userExpr: string | null,
  words: number,
  longPrefix: boolean,
): Map<number, DetailRow> {
  const out = new Map<number, DetailRow>();
  if (!ids.length) return out;
  if (!userExpr) {
    const rows = prepared(
      db,
      `SELECT rowid AS id, title, tags, purpose FROM sop_search WHERE rowid IN (SELECT value FROM json_each(@ids))`,
    ).all({ ids: JSON.stringify(ids) }) as DetailRow[];
    for (const r of rows) out.set(r.id, r);
  } else if (longPrefix) {
    const rows = prepared(
      db,
      `SELECT rowid AS id, title, tags, purpose, ${HEAD_HIGHLIGHTS}, ${mark(4)} AS bodySn FROM ` +
        `sop_search WHERE sop_search MATCH @match AND +rowid IN (SELECT value FROM json_each(@ids))`,
    ).all({
      match: userExpr,
      ids: JSON.stringify(ids),
    }) as DetailRow[];
    for (const r of rows) out.set(r.id, r);
  } else {
    const head = prepared(
      db,
      `SELECT rowid AS id, title, tags, purpose, ${HEAD_HIGHLIGHTS} ` +
        `FROM sop_search WHERE sop_search MATCH @match AND rowid = @id`,
    );
    const body = prepared(
      db,
      `SELECT ${mark(4)} FROM sop_search WHERE sop_search MATCH @match AND rowid = @id`,
    ).pluck();
    for (const id of ids) {
      const r = head.get({ match: userExpr, id: BigInt(id) }) as DetailRow | undefined;
      if (!r) continue;
      if (markCount(r.purposeSn) < words)
        r.bodySn = body.get({ match: userExpr, id: BigInt(id) }) as string | undefined;
      out.set(id, r);
    }
  }
  return out;
}

function rowMeta(db: Db, ids: number[]): Map<number, RowMeta> {
  const rows = prepared(
    db,
    `SELECT v.id AS id, p.id AS sopId, v.version AS version, v.state AS state, p.published_version_id AS ` +
      `publishedVersionId,
       p.archived_at AS archivedAt, p.next_review_at AS nextReviewAt, d.id AS departmentId, d.name AS departmentName,
       json_extract(v.document, '$.meta.language') AS language, json_extract(v.document, '$.meta.owner') AS owner,
       json_extract(v.document, '$.stats.steps') AS steps
     FROM sop_versions v JOIN sops p ON p.id = v.sop_id JOIN departments d ON d.id = p.department_id
     WHERE v.id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids: JSON.stringify(ids) }) as RowMeta[];
  return new Map(rows.map((r) => [r.id, r]));
}

type Ranked = { id: number; score: number };

/**
 * Searches the index. `q` is plain user text (any characters); an empty `q` lists (filters still apply),
 * ordered by department and title. Agents only ever see the published versions of non-archived SOPs.
 * Never throws for user input: a query the index refuses comes back as `error` with no results.
 */
export async function searchSops(db: Db, options: SearchOptions): Promise<SearchResponse> {
  const audience: SearchAudience = options.audience === "author" ? "author" : "agent";
  const status: SearchStatus =
    audience === "agent"
      ? "published"
      : SEARCH_STATUSES.includes(options.status as SearchStatus)
        ? (options.status as SearchStatus)
        : "any";
  const limit = clampInt(options.limit, 1, 100, 20);
  const offset = clampInt(options.offset, 0, 100_000, 0);
  const q = typeof options.q === "string" ? options.q.slice(0, SEARCH_MAX_QUERY) : "";
  const tag = typeof options.tag === "string" ? options.tag.trim().slice(0, 100) : "";
  const departmentId = Number.isInteger(options.departmentId) ? options.departmentId : undefined;

  const tokens = queryTokens(q);
  const termExprs = tokens.map((t) => expandedTermExpr(db, t));
  const userExpr = termExprs.length ? termExprs.join(" AND ") : null;
  // Text but no words (only punctuation or symbols): nothing can match it.
  if (!userExpr && q.trim()) return { total: 0, results: [] };
  const tagExpr = tag ? tagExpression(tag) : null;
  if (tag && !tagExpr) return { total: 0, results: [] };
  const match = [userExpr && `(${userExpr})`, tagExpr].filter(Boolean).join(" AND ") || null;

  const params: Record<string, unknown> = {};
  const where = filterConditions(audience, status, departmentId, tag, params);
  const cond = where.length ? ` AND ${where.join(" AND ")}` : "";

  try {
    let total: number;
    let page: Ranked[];
    if (userExpr) {
      total = (
        prepared(db, `SELECT count(*) AS n FROM sop_search f WHERE sop_search MATCH @match${cond}`).get({
          ...params,
          match,
        }) as { n: number }
      ).n;
      page = total > offset ? rankedPage(db, match!, termExprs, cond, params, limit, offset) : [];
    } else {
      ({ total, page } = listPage(db, match, audience, status, departmentId, cond, params, limit, offset));
    }

    const ids = page.map((r) => r.id);
    const meta = rowMeta(db, ids.map(versionIdOf));
    const longPrefix = termExprs.some((e) => /"[^"]{4,}"\*/u.test(e));
    const text = details(db, ids, userExpr, tokens.length, longPrefix);
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const results: SearchHit[] = [];
    for (const r of page) {
      const m = meta.get(versionIdOf(r.id));
      const d = text.get(r.id);
      if (!m || !d || !visible(m, audience, status)) continue;
      results.push({
        sopId: m.sopId,
        versionId: m.id,
        version: m.version,
        state: m.state as SearchHit["state"],
        title: d.titleHl !== undefined ? toSegments(d.titleHl) : [{ text: d.title, mark: false }],
        snippet: userExpr ? bestSnippet(d) : plainSnippet(d.purpose),
        department: { id: m.departmentId, name: m.departmentName },
        tags: d.tags ? d.tags.split("\n") : [],
        stale: isStale(m.nextReviewAt, today),
        score: r.score,
        language: typeof m.language === "string" && m.language ? m.language : "en",
        owner: typeof m.owner === "string" ? m.owner : null,
        steps: typeof m.steps === "number" ? m.steps : 0,
      });
    }
    return { total, results };
  } catch (e) {
    // Only the FTS engine refusing an expression is the user's doing; anything else is a real fault.
    if (e instanceof Error && /fts5|malformed MATCH|unterminated string|unknown special query/i.test(e.message)) {
      return { total: 0, results: [], error: "This search could not be understood. Try plain words." };
    }
    throw e;
  }
}

/**
 * One page of ranked matches, in tiers: (1) every query word in the title; (2) every word somewhere in the
 * title, tags, purpose or terms; (3) with several words: some word there; (4) the rest (body only). Each tier
 * is ordered by the weighted bm25 (SEARCH_WEIGHTS). A tier is only ranked when the ones before it do not
 * fill the page, and only counted when the page starts past it: a common word found in thousands of bodies
 * costs the ranking of a few title and summary hits, not of every body.
 */
function rankedPage(
  db: Db,
  match: string,
  termExprs: string[],
  cond: string,
  params: Record<string, unknown>,
  limit: number,
  offset: number,
): Ranked[] {
  const all = termExprs.join(" AND ");
  const title = `({title} : (${all}))`;
  const head = `({title tags purpose terms} : (${all}))`;
  // Without a tag filter the title and head tiers imply the match itself: leaving it out spares FTS5 a pass
  // over every body (their rows are then ordered by their title / summary hits).
  const tagged = match !== all && match !== `(${all})`;
  const tiers = tagged
    ? [`(${match}) AND ${title}`, `((${match}) AND ${head}) NOT ${title}`]
    : [title, `${head} NOT ${title}`];
  if (termExprs.length > 1) {
    const headAny = `({title tags purpose terms} : (${termExprs.join(" OR ")}))`;
    tiers.push(`((${match}) AND ${headAny}) NOT ${head}`, `(${match}) NOT ${headAny}`);
  } else {
    tiers.push(`(${match}) NOT ${head}`);
  }
  const rank = prepared(
    db,
    `SELECT f.rowid AS id, bm25(sop_search, ${WEIGHTS_SQL}) AS score FROM sop_search f
     WHERE sop_search MATCH @match${cond} ORDER BY score, id LIMIT @limit OFFSET @offset`,
  );
  const count = prepared(db, `SELECT count(*) AS n FROM sop_search f WHERE sop_search MATCH @match${cond}`);
  const out: Ranked[] = [];
  let skip = offset;
  for (const expr of tiers) {
    const need = limit - out.length;
    if (need <= 0) break;
    if (skip > 0) {
      const n = (count.get({ ...params, match: expr }) as { n: number }).n;
      if (skip >= n) {
        skip -= n;
        continue;
      }
    }
    out.push(...(rank.all({ ...params, match: expr, limit: need, offset: skip }) as Ranked[]));
    skip = 0;
  }
  return out;
}

/** Listing without words: by department and title (the tag filter, if any, still goes through the index). */
function listPage(
  db: Db,
  match: string | null,
  audience: SearchAudience,
  status: SearchStatus,
  departmentId: number | undefined,
  cond: string,
  params: Record<string, unknown>,
  limit: number,
  offset: number,
): { total: number; page: Ranked[] } {
  if (match) {
    // Tag only: the index finds the rows, sops/departments order them.
    const rows = prepared(
      db,
      `SELECT f.rowid AS id, 0 AS score, count(*) OVER () AS total FROM sop_search f
         CROSS JOIN sop_versions v ON v.id = f.rowid % ${DEPT_UNIT} CROSS JOIN sops p ON p.id = v.sop_id ` +
        `CROSS JOIN departments d ON d.id = p.department_id
       WHERE sop_search MATCH @match${cond} ORDER BY d.name, p.title, v.version LIMIT @limit OFFSET @offset`,
    ).all({ ...params, match, limit, offset }) as (Ranked & { total: number })[];
    const total =
      rows[0]?.total ??
      (
        prepared(db, `SELECT count(*) AS n FROM sop_search f WHERE sop_search MATCH @match${cond}`).get({
          ...params,
          match,
        }) as { n: number }
      ).n;
    return { total, page: rows };
  }
  // No words, no tag: straight from sops (small rows); open versions come from the state index.
  const dept = departmentId !== undefined ? " AND p.department_id = @departmentId" : "";
  const live =
    `SELECT ${rowidSql("0", "p.department_id", "p.published_version_id")} AS id, d.name AS dn, p.title AS t, 0 AS n
    FROM sops p JOIN departments d ON d.id = p.department_id WHERE p.published_version_id IS NOT NULL AND ` +
    `p.archived_at IS NULL${dept}`;
  const open = (states: string) =>
    `SELECT ${rowidSql(String(CLASSES.open), "p.department_id", "v.id")} AS id,
    d.name AS dn, p.title AS t, v.version AS n
    FROM sop_versions v JOIN sops p ON p.id = v.sop_id JOIN departments d ON ` +
    `d.id = p.department_id WHERE v.state IN (${states})${dept}`;
  const source =
    audience === "agent" || status === "published"
      ? live
      : status === "draft"
        ? open("'draft'")
        : status === "in_review"
          ? open("'in_review'")
          : `${live} UNION ALL ${open("'draft', 'in_review'")}`;
  const p2 = departmentId !== undefined ? { departmentId } : {};
  const count = (text: string) => (prepared(db, text).get(p2) as { n: number }).n;
  const liveCount = () =>
    count(`SELECT count(*) AS n FROM sops p WHERE p.published_version_id IS NOT NULL AND p.archived_at IS NULL${dept}`);
  const openCount = (states: string) =>
    count(
      dept
        ? `SELECT count(*) AS n FROM sop_versions v JOIN sops p ON p.id = v.sop_id WHERE v.state IN (${states})${dept}`
        : `SELECT count(*) AS n FROM sop_versions WHERE state IN (${states})`,
    );
  const total =
    audience === "agent" || status === "published"
      ? liveCount()
      : status === "draft"
        ? openCount("'draft'")
        : status === "in_review"
          ? openCount("'in_review'")
          : liveCount() + openCount("'draft', 'in_review'");
  const page = prepared(db, `SELECT id, 0 AS score FROM (${source}) ORDER BY dn, t, n LIMIT @limit OFFSET @offset`).all(
    { ...p2, limit, offset },
  ) as Ranked[];
  return { total, page };
}

const tagCache = new WeakMap<
  BetterSqlite3.Database,
  Partial<Record<SearchAudience, { key: string; tags: string[] }>>
>();

/**
 * Every tag of the SOPs this audience can find, for the tag filter (sorted, case-insensitively unique).
 * Reading them touches every index row (~30–50 ms at 10,000 SOPs), so the list is cached until the rows
 * that audience sees change.
 */
export async function listSearchTags(db: Db, audience: SearchAudience): Promise<string[]> {
  const key = `${generation[audience]}:${String(db.$client.pragma("data_version", { simple: true }))}`;
  let cache = tagCache.get(db.$client);
  if (!cache) tagCache.set(db.$client, (cache = {}));
  const hit = cache[audience];
  if (hit && hit.key === key) return hit.tags;
  const tags = readTags(db, audience);
  cache[audience] = { key, tags };
  return tags;
}

function readTags(db: Db, audience: SearchAudience): string[] {
  // Straight from the FTS content table: reading the tags column does not drag each row's body along.
  const rows = prepared(
    db,
    `SELECT c1 FROM sop_search_content WHERE c1 != ''${audience === "agent" ? ` AND id < ${CLASS_UNIT}` : ""}`,
  )
    .pluck()
    .all() as string[];
  const seen = new Map<string, string>();
  for (const r of rows)
    for (const t of r.split("\n")) if (t && !seen.has(t.toLocaleLowerCase())) seen.set(t.toLocaleLowerCase(), t);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

// ---------------------------------------------------------------------------------------------------
// Reading a search from a URL (GET /api/search and the library page share it)

const statusSchema = z.enum(["published", "draft", "in_review", "any"]);
export const searchParamsSchema = z.object({
  q: z.string().max(SEARCH_MAX_QUERY, `The search is too long: ${SEARCH_MAX_QUERY} characters at most.`).default(""),
  department: z.string().max(100, "Unknown department.").default(""),
  tag: z.string().max(100, "The tag is too long: 100 characters at most.").default(""),
  status: z
    .union([statusSchema, z.literal("")], { error: "status must be one of published, draft, in_review, any." })
    .default(""),
  limit: z.coerce
    .number({ error: "limit must be a whole number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be 1 to 50.")
    .max(50, "limit must be 1 to 50.")
    .default(20),
  offset: z.coerce
    .number({ error: "offset must be a whole number." })
    .int("offset must be a whole number.")
    .min(0, "offset must be 0 or more.")
    .max(10_000, "offset must be 10,000 at most.")
    .default(0),
});

export type ParsedSearch = { options: SearchOptions; department: { id: number; slug: string } | null };

/**
 * Validates a search's URL parameters (q, department = slug or id, tag, status, limit, offset) and resolves
 * the department. `status` only counts for authors; agents always search published versions.
 */
export async function readSearchParams(
  db: Db,
  params: URLSearchParams,
  audience: SearchAudience,
): Promise<{ ok: true; search: ParsedSearch } | { ok: false; error: string }> {
  const raw: Record<string, string> = {};
  for (const key of ["q", "department", "tag", "status", "limit", "offset"]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  const parsed = searchParamsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid search." };
  const p = parsed.data;
  let department: ParsedSearch["department"] = null;
  if (p.department) {
    const found = db
      .select({ id: departments.id, slug: departments.slug })
      .from(departments)
      .where(/^\d+$/.test(p.department) ? eq(departments.id, Number(p.department)) : eq(departments.slug, p.department))
      .get();
    if (!found) return { ok: false, error: `Unknown department “${p.department}”.` };
    department = found;
  }
  return {
    ok: true,
    search: {
      department,
      options: {
        q: p.q,
        departmentId: department?.id,
        tag: p.tag || undefined,
        status: audience === "author" ? p.status || undefined : "published",
        audience,
        limit: p.limit,
        offset: p.offset,
      },
    },
  };
}
