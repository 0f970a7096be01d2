// The committed PostgreSQL migrations (db/migrations/pg) build exactly what schema.pg.ts declares, on a real server:
// PG_TEST_URL names an empty database (.ci/run starts a throwaway cluster with scripts/pg-cluster.sh). Without it
// the test is skipped with a message, except in CI, where a missing database is a failure.
import { is } from "drizzle-orm";
import { PgTable, getTableConfig } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPgMigrations } from "./client.pg.server";
import * as schema from "./schema.pg";

const url = process.env.PG_TEST_URL;
if (!url && process.env.CI === "true") {
  throw new Error("PG_TEST_URL is not set: in CI the PostgreSQL tests must run (.ci/run starts the cluster)");
}
if (!url) {
  console.warn("db/pg-migrations.server.test.ts skipped: set PG_TEST_URL (scripts/pg-cluster.sh start DIR prints one)");
}

const tables = Object.values(schema as Record<string, unknown>)
  .filter((v): v is PgTable => is(v, PgTable))
  .map((t) => getTableConfig(t));

describe.skipIf(!url)("PostgreSQL migrations", () => {
  // a database of its own, so the test leaves PG_TEST_URL's as it found it (drizzle-kit names the public schema)
  const admin = new pg.Client({ connectionString: url });
  const testDb = `stepwise_migrations_${process.pid}`;
  const testUrl = new URL(url ?? "postgres://localhost/");
  testUrl.pathname = `/${testDb}`;
  const client = new pg.Client({ connectionString: testUrl.toString() });
  const testSchema = "public";

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${testDb}`);
    await admin.query(`CREATE DATABASE ${testDb}`);
    await applyPgMigrations(testUrl.toString());
    await applyPgMigrations(testUrl.toString()); // a second start applies nothing
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS ${testDb}`);
    await admin.end();
  });

  it("creates every table with the declared columns, types and nullability", async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; type: string; nullable: string }>(
      `SELECT table_name, column_name, udt_name AS type, is_nullable AS nullable FROM information_schema.columns
       WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [testSchema],
    );
    const udt: Record<string, string> = { integer: "int4", bigint: "int8", boolean: "bool" };
    const expected = tables.flatMap((t) =>
      t.columns.map((c) => ({
        table_name: t.name,
        column_name: c.name,
        type: udt[c.getSQLType()] ?? c.getSQLType(),
        nullable: c.notNull ? "NO" : "YES",
      })),
    );
    const byName = (a: { table_name: string }, b: { table_name: string }) => (a.table_name < b.table_name ? -1 : 1);
    expect(tables.length).toBeGreaterThanOrEqual(31);
    expect(rows).toEqual([...expected].sort(byName));
  });

  it("creates every declared index, unique where declared", async () => {
    const { rows } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1`,
      [testSchema],
    );
    const found = new Map(rows.map((r) => [r.indexname, r.indexdef]));
    for (const t of tables) {
      for (const ix of t.indexes) {
        const def = found.get(ix.config.name!);
        expect(def, ix.config.name).toBeDefined();
        expect(def!.startsWith("CREATE UNIQUE"), ix.config.name).toBe(ix.config.unique);
      }
    }
    expect(found.get("sop_search_search_idx")).toMatch(/USING gin \(search\)/);
    expect(found.get("run_facts_open_idx")).toMatch(/WHERE \(status = 'active'::text\)/);
  });

  it("indexes search text without accents and creates the tally trigger", async () => {
    await client.query(
      `INSERT INTO sop_search (rowid, title, body, sop_id, version_id) ` +
        `VALUES (70368744177665, 'Καλημέρα Café', '', 's', 1)`,
    );
    const { rows } = await client.query<{ hit: boolean }>(
      `SELECT search @@ to_tsquery('stepwise_search', 'cafe & καλημερα') AS hit FROM sop_search`,
    );
    expect(rows).toEqual([{ hit: true }]);
    const triggers = await client.query(
      `SELECT trigger_name FROM information_schema.triggers WHERE event_object_schema = $1 GROUP BY trigger_name`,
      [testSchema],
    );
    expect(triggers.rows).toEqual([{ trigger_name: "run_facts_tally" }]);
  });
});
