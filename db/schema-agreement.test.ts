// The two schemas (ADR 025) must describe the same database: schema.ts for SQLite, schema.pg.ts for PostgreSQL. A
// query is written once against the table objects, so a column missing, renamed, typed or defaulted differently on
// one side is a bug that only the other database would show. This reads both with drizzle's getTableConfig and
// compares them table by table, column by column; the row types are compared by the compiler (the expectTypeOf
// lines, checked by `tsc`).
import { is, SQL, type InferSelectModel } from "drizzle-orm";
import { PgDialect, PgTable, getTableConfig as pgConfig } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as sqliteConfig } from "drizzle-orm/sqlite-core";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as lite from "./schema";
import * as pg from "./schema.pg";

/** Tables that exist on PostgreSQL only, as the counterpart of something drizzle does not model on SQLite. */
const PG_ONLY = { sopSearch: "the FTS5 virtual table sop_search (migration 0002)" } as const;

/** SQLite column type → the PostgreSQL column types it may become. */
const TYPE_MAP: Record<string, string[]> = {
  SQLiteInteger: ["PgInteger", "PgBigInt53"],
  SQLiteBoolean: ["PgBoolean"],
  SQLiteText: ["PgText"],
  SQLiteTextJson: ["PgJsonb"],
};

/** Integer columns holding epoch milliseconds or durations in ms: bigint on PostgreSQL (they pass 2^31). */
const BIGINT_NAME = /^(at|.+_at|.+_until|.+_ms)$/;

const liteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** SQL defaults that are written differently but mean the same value. */
const SQL_DEFAULTS: Record<string, string> = {
  "(cast(unixepoch('subsec') * 1000 as integer))": "now (epoch ms)",
  "(floor(extract(epoch from statement_timestamp()) * 1000)::bigint)": "now (epoch ms)",
  "'[]'": "[]",
  "'[]'::jsonb": "[]",
};

function sqlText(value: SQL, dialect: "sqlite" | "pg"): string {
  return (dialect === "sqlite" ? liteDialect : pgDialect).sqlToQuery(value).sql;
}

function defaultOf(value: unknown, dialect: "sqlite" | "pg"): string | undefined {
  if (value === undefined) return undefined;
  if (is(value, SQL)) {
    const text = sqlText(value, dialect);
    return SQL_DEFAULTS[text] ?? `unmapped SQL default: ${text}`;
  }
  return JSON.stringify(value);
}

function tablesOf<T>(module: Record<string, unknown>, isTable: (v: unknown) => v is T): Map<string, T> {
  return new Map(Object.entries(module).filter((e): e is [string, T] => isTable(e[1])));
}

const liteTables = tablesOf(lite, (v): v is SQLiteTable => is(v, SQLiteTable));
const pgTables = tablesOf(pg, (v): v is PgTable => is(v, PgTable));

/** What both dialects say about a column, in common terms (type compared separately). */
type ColumnFacts = {
  dataType: string;
  notNull: boolean;
  default: string | undefined;
  defaultFn: boolean;
  primary: boolean;
  autoIncrement: boolean;
  unique: string | undefined;
  enumValues: string[] | undefined;
};

type TableFacts = {
  name: string;
  columns: Record<string, ColumnFacts>;
  primaryKeys: { name: string; columns: string[] }[];
  foreignKeys: { name: string; columns: string[]; table: string; references: string[]; onDelete: string }[];
  indexes: { name: string; columns: string[]; unique: boolean; where: string | undefined }[];
  uniqueConstraints: { name: string | undefined; columns: string[] }[];
};

/** The parts of drizzle's getTableConfig that both dialects share (their own types differ only in the table type). */
type ConfigView<Table> = {
  name: string;
  columns: {
    name: string;
    dataType: string;
    notNull: boolean;
    default: unknown;
    defaultFn: unknown;
    primary: boolean;
    isUnique: boolean;
    uniqueName: string | undefined;
    enumValues: string[] | undefined;
  }[];
  primaryKeys: { getName(): string; columns: { name: string }[] }[];
  foreignKeys: {
    getName(): string;
    onDelete?: string | undefined;
    reference(): { columns: { name: string }[]; foreignTable: Table; foreignColumns: { name: string }[] };
  }[];
  indexes: { config: { name?: string; columns: unknown[]; unique: boolean; where?: SQL | undefined } }[];
  uniqueConstraints: { name?: string | undefined; columns: { name: string }[] }[];
};

/** How a dialect says what the shared view cannot: the name of a foreign key's table, and an autoincrement key. */
type DialectView<Table> = {
  dialect: "sqlite" | "pg";
  tableName: (table: Table) => string;
  autoIncrement: (column: object) => boolean;
};

function tableFacts<Table>(c: ConfigView<Table>, d: DialectView<Table>): TableFacts {
  const dialect = d.dialect;
  return {
    name: c.name,
    columns: Object.fromEntries(
      c.columns.map((col) => [
        col.name,
        {
          dataType: col.dataType,
          notNull: col.notNull,
          default: defaultOf(col.default, dialect),
          defaultFn: col.defaultFn !== undefined,
          primary: col.primary,
          autoIncrement: d.autoIncrement(col),
          unique: col.isUnique ? col.uniqueName : undefined,
          enumValues: col.enumValues,
        },
      ]),
    ),
    primaryKeys: c.primaryKeys.map((pk) => ({ name: pk.getName(), columns: pk.columns.map((x) => x.name) })),
    foreignKeys: c.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return {
        name: fk.getName(),
        columns: ref.columns.map((x) => x.name),
        table: d.tableName(ref.foreignTable),
        references: ref.foreignColumns.map((x) => x.name),
        onDelete: fk.onDelete ?? "no action",
      };
    }),
    indexes: c.indexes.map((ix) => ({
      name: ix.config.name ?? "(unnamed)",
      columns: ix.config.columns.map((x) => (is(x, SQL) ? sqlText(x, dialect) : String((x as { name?: string }).name))),
      unique: ix.config.unique,
      where: ix.config.where && sqlText(ix.config.where, dialect),
    })),
    uniqueConstraints: c.uniqueConstraints.map((u) => ({ name: u.name, columns: u.columns.map((x) => x.name) })),
  };
}

const liteFacts = (table: SQLiteTable) =>
  tableFacts(sqliteConfig(table), {
    dialect: "sqlite",
    tableName: (t: SQLiteTable) => sqliteConfig(t).name,
    autoIncrement: (col) => "autoIncrement" in col && col.autoIncrement === true,
  });
const pgFacts = (table: PgTable) =>
  tableFacts(pgConfig(table), {
    dialect: "pg",
    tableName: (t: PgTable) => pgConfig(t).name,
    // an autoincrement key is an identity column taking explicit values too (db copy inserts the ids)
    autoIncrement: (col) =>
      "generatedIdentity" in col && (col.generatedIdentity as { type?: string } | undefined)?.type === "byDefault",
  });

describe("schema.ts and schema.pg.ts", () => {
  it("export the same tables (PostgreSQL adds only the listed counterparts)", () => {
    expect(liteTables.size).toBeGreaterThanOrEqual(30);
    expect([...pgTables.keys()].filter((k) => !(k in PG_ONLY)).sort()).toEqual([...liteTables.keys()].sort());
  });

  for (const [key, liteTable] of liteTables) {
    describe(key, () => {
      const a = liteFacts(liteTable);
      const pgTable = pgTables.get(key);
      const b = pgTable ? pgFacts(pgTable) : undefined;

      it("has the same table name and columns, in the same order", () => {
        expect(b?.name).toBe(a.name);
        expect(Object.keys(b?.columns ?? {})).toEqual(Object.keys(a.columns));
      });

      it("maps every column type (integers holding epoch ms are bigint)", () => {
        for (const col of sqliteConfig(liteTable).columns) {
          const other = pgTable && pgConfig(pgTable).columns.find((x) => x.name === col.name);
          const allowed = TYPE_MAP[col.columnType];
          expect(allowed, `no mapping for ${col.columnType}`).toBeDefined();
          const expected =
            col.columnType === "SQLiteInteger" ? (BIGINT_NAME.test(col.name) ? "PgBigInt53" : "PgInteger") : allowed[0];
          expect(other?.columnType, `${a.name}.${col.name}`).toBe(expected);
        }
      });

      it("agrees on nullability, defaults, keys, uniqueness and enums of every column", () => {
        for (const [name, facts] of Object.entries(a.columns)) {
          expect(b?.columns[name], `${a.name}.${name}`).toEqual(facts);
        }
      });

      it("agrees on primary keys, foreign keys, indexes and unique constraints", () => {
        expect(b?.primaryKeys).toEqual(a.primaryKeys);
        expect(b?.foreignKeys).toEqual(a.foreignKeys);
        expect(b?.indexes).toEqual(a.indexes);
        expect(b?.uniqueConstraints).toEqual(a.uniqueConstraints);
      });
    });
  }

  it("gives sop_search the FTS5 table's columns, a rowid key and a GIN-indexed tsvector", () => {
    const migration = fs.readFileSync(path.join(import.meta.dirname, "migrations", "0002_authoring.sql"), "utf8");
    const fts = /CREATE VIRTUAL TABLE `sop_search` USING fts5\(([\s\S]*?)tokenize/.exec(migration);
    expect(fts).not.toBeNull();
    const ftsColumns = [...fts![1].matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(ftsColumns).toEqual(["title", "tags", "purpose", "terms", "body", "sop_id", "version_id"]);

    const c = pgConfig(pg.sopSearch);
    expect(c.name).toBe("sop_search");
    expect(c.columns.map((x) => x.name)).toEqual(["rowid", ...ftsColumns, "search"]);
    const rowid = c.columns.find((x) => x.name === "rowid")!;
    expect([rowid.columnType, rowid.primary]).toEqual(["PgBigInt53", true]);
    const search = c.columns.find((x) => x.name === "search")!;
    expect(search.getSQLType()).toBe("tsvector");
    expect(search.generated?.type).toBe("always");
    const gin = c.indexes.find((ix) => ix.config.method === "gin");
    expect(gin?.config.columns.map((x) => ("name" in x ? x.name : "?"))).toEqual(["search"]);
  });

  it("have the same row types (checked by tsc)", () => {
    type Rows<M, Base> = { [K in keyof M as M[K] extends Base ? K : never]: M[K] extends Base ? M[K] : never };
    type LiteTables = Rows<typeof lite, SQLiteTable>;
    type PgTables = Omit<Rows<typeof pg, PgTable>, keyof typeof PG_ONLY>;
    type Select<T> = { [K in keyof T]: T[K] extends SQLiteTable | PgTable ? InferSelectModel<T[K]> : never };
    expectTypeOf<Select<PgTables>>().toEqualTypeOf<Select<LiteTables>>();
    // Insert types are not compared: an INTEGER PRIMARY KEY is optional on SQLite (the rowid) and required on
    // PostgreSQL (tally_days.day), which is the databases differing, not the schemas.
  });
});
