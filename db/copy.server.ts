// `stepwise db copy`: moves an installation from its SQLite file to PostgreSQL (issue 13, ADR 025). The target is
// migrated, must be empty, and is filled in ONE transaction that commits only once every table's row count and
// checksum read back from PostgreSQL equal the source's: a copy is complete and verified, or not there at all.
//
// The source is read in one read transaction (a consistent snapshot, so a running Stepwise may keep writing to it).
// Values are moved as stored: JSON text into jsonb (PostgreSQL parses it), 0/1 into booleans, epoch ms into bigint.
// The checksum of a table is the sum (mod 2^64) of a SHA-256 per row over its canonical values, so it does not
// depend on the order rows come back in; JSON is compared parsed with its keys sorted, as jsonb does not keep the
// order. Identity sequences are moved past the copied ids, so new rows get new ids.
import Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { PgTable, getTableConfig, type PgColumn } from "drizzle-orm/pg-core";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyPgMigrations } from "./client.pg.server";
import { projectRoot } from "./client.server";
import * as pgSchema from "./schema.pg";

/** Why a copy was not made, said so that the person running it can act on it. */
export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyError";
  }
}

export type CopiedTable = { table: string; rows: number; checksum: string };
export type CopyReport = { tables: CopiedTable[]; rows: number; ms: number };

type Kind = "boolean" | "json" | "bigint" | "plain";
type TablePlan = { name: string; columns: { name: string; kind: Kind }[]; identity: string[] };

/**
 * Tables whose rows a trigger changes when another table is written come after that table: a run_facts row
 * un-lists its day in tally_days (migration 0009 and its PostgreSQL trigger), so the copied tallies go in last.
 */
const AFTER: Record<string, string[]> = { tally_days: ["run_facts"] };

function kindOf(column: PgColumn): Kind {
  if (column.dataType === "boolean") return "boolean";
  if (column.columnType === "PgJsonb") return "json";
  if (column.columnType === "PgBigInt53") return "bigint";
  return "plain";
}

/** Every table of schema.pg.ts in an order where a row's foreign keys (and AFTER) are copied before it. */
export function copyPlan(): TablePlan[] {
  const configs = Object.values(pgSchema as Record<string, unknown>)
    .filter((v): v is PgTable => is(v, PgTable))
    .map((t) => getTableConfig(t));
  const byName = new Map(configs.map((c) => [c.name, c]));
  const before = new Map(
    configs.map((c) => [
      c.name,
      new Set([
        ...c.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name).filter((n) => n !== c.name),
        ...(AFTER[c.name] ?? []),
      ]),
    ]),
  );
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name)) return;
    if (visiting.has(name)) throw new Error(`copy order: a cycle of foreign keys through ${name}`);
    visiting.add(name);
    for (const dep of [...(before.get(name) ?? [])].sort()) visit(dep);
    visiting.delete(name);
    order.push(name);
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return order.map((name) => {
    const c = byName.get(name)!;
    const stored = c.columns.filter((col) => !col.generated); // a generated column (the search vector) is derived
    return {
      name,
      columns: stored.map((col) => ({ name: col.name, kind: kindOf(col) })),
      identity: stored.filter((col) => col.generatedIdentity).map((col) => col.name),
    };
  });
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** JSON with its object keys sorted, so that two equal values print the same whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** A row's values as both databases can be compared on: null, booleans, numbers, strings, parsed JSON. */
function normalise(value: unknown, kind: Kind, from: "sqlite" | "pg"): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "boolean":
      return from === "sqlite" ? value === 1 || value === 1n : value;
    case "json":
      return from === "sqlite" ? JSON.parse(String(value)) : value;
    case "bigint":
      return Number(value); // node-postgres returns int8 as a string
    default:
      return typeof value === "bigint" ? Number(value) : value;
  }
}

/** A source value normalised, or the column named when what it holds cannot be moved. */
function sourceValue(value: unknown, kind: Kind, where: string): unknown {
  try {
    return normalise(value, kind, "sqlite");
  } catch {
    throw new CopyError(`${where} holds text that is not valid JSON: fix or remove that row, then copy again`);
  }
}

class Checksum {
  private sum = 0n;
  rows = 0;
  add(values: unknown[]): void {
    const digest = createHash("sha256").update(canonical(values)).digest();
    this.sum = (this.sum + digest.readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
    this.rows++;
  }
  get hex(): string {
    return this.sum.toString(16).padStart(16, "0");
  }
}

/** What a value is sent to PostgreSQL as (parameters travel as text; jsonb parses the stored JSON text itself). */
function toParam(value: unknown, kind: Kind, where: string): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "boolean") return value === 1 || value === 1n;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && value.includes("\u0000")) {
    throw new CopyError(`${where} holds a NUL character, which PostgreSQL text cannot store: remove it and copy again`);
  }
  if (Buffer.isBuffer(value)) throw new CopyError(`${where} holds binary data, which no Stepwise column stores`);
  return value;
}

/**
 * How many of the committed migrations the SQLite file has applied. As drizzle's migrator decides it: by the time
 * of the last one recorded in __drizzle_migrations against each migration's `when` in the journal.
 */
function migrationState(sqlite: Database.Database): { applied: number; committed: number } {
  const journal = JSON.parse(
    fs.readFileSync(path.join(projectRoot(), "db", "migrations", "meta", "_journal.json"), "utf8"),
  ) as { entries: { when: number }[] };
  const has = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const row = has
    ? (sqlite.prepare("SELECT max(created_at) AS last FROM __drizzle_migrations").get() as { last: unknown })
    : null;
  const last = row?.last == null ? -Infinity : Number(row.last);
  return { applied: journal.entries.filter((e) => e.when <= last).length, committed: journal.entries.length };
}

export type CopyOptions = {
  /** rows per INSERT (default: as many as fit in 60,000 parameters, at most 1,000) */
  batch?: number;
  /** told after each table is copied and checked */
  onTable?(table: CopiedTable): void;
};

/** Copies the SQLite database `fromFile` into the empty PostgreSQL database at `toUrl`, verified. */
export async function copySqliteToPostgres(
  fromFile: string,
  toUrl: string,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const t0 = performance.now();
  if (!/^postgres(ql)?:\/\//.test(toUrl)) {
    throw new CopyError(`--to must be a PostgreSQL URL (postgres://user:password@host:port/database), not “${toUrl}”`);
  }
  if (!fs.existsSync(fromFile)) throw new CopyError(`--from: there is no SQLite database at ${fromFile}`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(fromFile, { readonly: true, fileMustExist: true });
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (e) {
    throw new CopyError(`--from: ${fromFile} is not a SQLite database Stepwise can read (${(e as Error).message})`);
  }
  sqlite.defaultSafeIntegers(true); // ids and times past 2^53 would be rounded silently otherwise
  const pool = new pg.Pool({ connectionString: toUrl, max: 1 });
  try {
    const { applied, committed } = migrationState(sqlite);
    if (applied !== committed) {
      throw new CopyError(
        `--from: ${fromFile} has ${applied} of this version's ${committed} migrations applied. ` +
          "Start this version of Stepwise on it once (it migrates the file at start), then copy.",
      );
    }
    try {
      await applyPgMigrations(toUrl);
    } catch (e) {
      throw new CopyError(`--to: could not connect and migrate (${(e as Error).message})`);
    }
    const plan = copyPlan();
    const client = await pool.connect();
    const tables: CopiedTable[] = [];
    try {
      const nonEmpty: string[] = [];
      for (const t of plan) {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(t.name)}`);
        if (Number(rows[0]!.n) > 0) nonEmpty.push(`${t.name} (${rows[0]!.n} rows)`);
      }
      if (nonEmpty.length) {
        throw new CopyError(
          `--to already holds data in ${nonEmpty.slice(0, 5).join(", ")}${nonEmpty.length > 5 ? ", …" : ""}: ` +
            "copy into a new, empty database",
        );
      }
      sqlite.exec("BEGIN"); // one snapshot of the source for every table
      await client.query("BEGIN");
      for (const t of plan) {
        const copied = await copyTable(sqlite, client, t, options.batch);
        tables.push(copied);
        options.onTable?.(copied);
      }
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      if (sqlite.inTransaction) sqlite.exec("COMMIT");
      client.release();
    }
    return { tables, rows: tables.reduce((n, t) => n + t.rows, 0), ms: performance.now() - t0 };
  } finally {
    sqlite.close();
    await pool.end();
  }
}

async function copyTable(
  sqlite: Database.Database,
  client: pg.PoolClient,
  t: TablePlan,
  batchOption: number | undefined,
): Promise<CopiedTable> {
  const names = t.columns.map((c) => c.name);
  const source = new Checksum();
  const batch = Math.max(1, Math.min(batchOption ?? 1000, Math.floor(60_000 / names.length)));
  const insert = (n: number) =>
    `INSERT INTO ${quote(t.name)} (${names.map(quote).join(", ")}) VALUES ` +
    Array.from({ length: n }, (_, r) => `(${names.map((_n, c) => `$${r * names.length + c + 1}`).join(", ")})`).join(
      ", ",
    );
  let params: unknown[] = [];
  let pending = 0;
  const flush = async () => {
    if (!pending) return;
    try {
      await client.query(insert(pending), params);
    } catch (e) {
      throw new CopyError(`${t.name}: PostgreSQL refused a row (${(e as Error).message})`);
    }
    params = [];
    pending = 0;
  };
  const selectAll = `SELECT ${names.map(quote).join(", ")} FROM ${quote(t.name)}`;
  const select = sqlite.prepare(selectAll).raw(true);
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    source.add(row.map((v, i) => sourceValue(v, t.columns[i]!.kind, `${t.name}.${names[i]}`)));
    row.forEach((v, i) => params.push(toParam(v, t.columns[i]!.kind, `${t.name}.${names[i]}`)));
    if (++pending === batch) await flush();
  }
  await flush();
  for (const column of t.identity) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), (SELECT COALESCE(MAX(${quote(column)}), 0) ` +
        `FROM ${quote(t.name)}) + 1, false)`,
      [quote(t.name), column],
    );
  }
  // read back what PostgreSQL now holds, through a cursor (a table may not fit in memory)
  const target = new Checksum();
  const cursor = quote(`copy_${t.name}`);
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${selectAll}`);
  for (;;) {
    const { rows } = await client.query({ text: `FETCH 5000 FROM ${cursor}`, rowMode: "array" });
    for (const row of rows as unknown[][]) target.add(row.map((v, i) => normalise(v, t.columns[i]!.kind, "pg")));
    if (rows.length < 5000) break;
  }
  await client.query(`CLOSE ${cursor}`);
  if (target.rows !== source.rows || target.hex !== source.hex) {
    throw new CopyError(
      `${t.name}: the copy does not match the source (${source.rows} rows, checksum ${source.hex}; ` +
        `PostgreSQL has ${target.rows} rows, checksum ${target.hex}). Nothing was committed.`,
    );
  }
  return { table: t.name, rows: source.rows, checksum: source.hex };
}
