// `stepwise db copy` on a real PostgreSQL server (PG_TEST_URL, as db/pg-migrations.server.test.ts): the demo
// installation (organisation, SOP library, training, 90 days of call history, search index, tallies) is copied
// table by table and checked, and every way the copy can be refused leaves the target as it was.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAnalyticsDemo } from "../app/analytics-demo.server";
import { seedSopLibrary } from "../app/sop-library.server";
import { seedTrainingDemo } from "../app/training-demo.server";
import { migrateDb, openDb } from "../db/client.server";
import { copyPlan } from "../db/copy.server";
import { ensureSearchIndex } from "../db/search.server";
import { DEMO_PASSWORD, seedDemoOrganisation } from "../db/seed.server";
import { warmTallies } from "../db/tallies.server";
import { dbCommand } from "./db";
import type { CliIo } from "./io";

const url = process.env.PG_TEST_URL;
if (!url && process.env.CI === "true") {
  throw new Error("PG_TEST_URL is not set: in CI the PostgreSQL tests must run (.ci/run starts the cluster)");
}
if (!url) console.warn("cli/db.test.ts skipped: set PG_TEST_URL (scripts/pg-cluster.sh start DIR prints one)");

/** A stand-in for the password hash: the copy moves the stored text, whatever it is. */
const hash = async (p: string) => `test-hash:${p}`;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), cwd: process.cwd() };
  const code = await dbCommand.run(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe.skipIf(!url)("stepwise db copy", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-copy-"));
  const source = path.join(dir, "stepwise.db");
  const admin = new pg.Client({ connectionString: url });
  const made: string[] = [];
  /** A new empty database on the test server; its URL. */
  async function database(name: string): Promise<string> {
    const db = `stepwise_copy_${name}_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    made.push(db);
    const u = new URL(url!);
    u.pathname = `/${db}`;
    return u.toString();
  }
  async function query<T extends pg.QueryResultRow>(to: string, text: string, values: unknown[] = []) {
    const c = new pg.Client({ connectionString: to });
    await c.connect();
    try {
      return (await c.query<T>(text, values)).rows;
    } finally {
      await c.end();
    }
  }
  const counts = async (to: string) =>
    Object.fromEntries(
      await Promise.all(
        copyPlan().map(async (t) => [t.name, Number((await query(to, `SELECT count(*) AS n FROM "${t.name}"`))[0]!.n)]),
      ),
    ) as Record<string, number>;

  beforeAll(async () => {
    await admin.connect();
    const db = openDb(source);
    migrateDb(db);
    const now = Date.now();
    await seedDemoOrganisation(db, hash);
    await seedSopLibrary(db);
    await seedTrainingDemo(db, hash, DEMO_PASSWORD);
    await seedAnalyticsDemo(db, now, hash);
    await ensureSearchIndex(db);
    await warmTallies(db, 30, now);
    // the messy values a real installation holds: Persian, emoji, quotes and a backslash in a name
    db.$client.prepare("UPDATE users SET name = ? WHERE email = ?").run(`سارا «\\"✓» 🎧`, "agent@stepwise.example");
    db.$client.close();
  }, 120_000);

  afterAll(async () => {
    for (const db of made) await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies every table, verified, and PostgreSQL holds the same rows", async () => {
    const to = await database("full");
    const r = await run(["copy", "--from", source, "--to", to]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/every table's count and checksum match/);

    const lite = new Database(source, { readonly: true });
    try {
      const pgCounts = await counts(to);
      for (const t of copyPlan()) {
        const n = (lite.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n;
        expect(pgCounts[t.name], t.name).toBe(n);
        expect(r.out).toMatch(new RegExp(`\\b${t.name}\\s+${n} rows\\s+checksum [0-9a-f]{16}\\s+ok`));
      }
      // a demo installation is not a trivial one
      for (const t of ["users", "sops", "sop_versions", "runs", "run_events", "sop_search", "tally_days"])
        expect(pgCounts[t], t).toBeGreaterThan(0);
      expect(pgCounts.run_events).toBeGreaterThan(1000);

      const agent = await query<{ name: string; active: boolean }>(
        to,
        "SELECT name, active FROM users WHERE email = $1",
        ["agent@stepwise.example"],
      );
      expect(agent).toEqual([{ name: `سارا «\\"✓» 🎧`, active: true }]);
      // a parsed document arrives as jsonb equal to the stored JSON
      const v = lite.prepare("SELECT id, document FROM sop_versions ORDER BY id LIMIT 1").get() as {
        id: number;
        document: string;
      };
      const [doc] = await query<{ document: unknown }>(to, "SELECT document FROM sop_versions WHERE id = $1", [v.id]);
      expect(doc!.document).toEqual(JSON.parse(v.document));
      // epoch ms past 2^31 as bigint, read back as the same numbers
      const lastRun = lite.prepare("SELECT id, started_at FROM runs ORDER BY started_at DESC LIMIT 1").get() as {
        id: string;
        started_at: number;
      };
      const [run0] = await query<{ started_at: string }>(to, "SELECT started_at FROM runs WHERE id = $1", [lastRun.id]);
      expect(Number(run0!.started_at)).toBe(lastRun.started_at);
      // the search vector is built from the copied columns
      const hits = await query(to, "SELECT sop_id FROM sop_search WHERE search @@ to_tsquery('stepwise_search', $1)", [
        "refund:*",
      ]);
      expect(hits.length).toBeGreaterThan(0);
      // the sequences moved past the copied ids: a new row gets a new id
      const maxDept = (lite.prepare("SELECT max(id) AS m FROM departments").get() as { m: number }).m;
      const [dept] = await query<{ id: number }>(
        to,
        "INSERT INTO departments (name, slug) VALUES ('Copied later', 'copied-later') RETURNING id",
      );
      expect(dept!.id).toBeGreaterThan(maxDept);
    } finally {
      lite.close();
    }

    // a second copy into it is refused: it holds data now
    const again = await run(["copy", "--from", source, "--to", to]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/--to already holds data in .*users \(\d+ rows\).*: copy into a new, empty database/);
  }, 180_000);

  it("refuses what it cannot copy, and leaves the target empty", async () => {
    const to = await database("refused");
    expect((await run(["copy", "--from", source, "--to", "mysql://x"])).err).toMatch(/--to must be a PostgreSQL URL/);
    expect((await run(["copy", "--from", path.join(dir, "none.db"), "--to", to])).err).toMatch(
      /there is no SQLite database at .*none\.db/,
    );
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "not a database at all, just words");
    expect((await run(["copy", "--from", junk, "--to", to])).err).toMatch(/is not a SQLite database Stepwise can read/);
    expect((await run(["copy", "--from", source])).code).toBe(2);
    expect((await run(["move", "--to", to])).err).toMatch(/unknown subcommand “move”/);

    // a file behind this version's migrations
    const behind = path.join(dir, "behind.db");
    fs.copyFileSync(source, behind);
    const b = new Database(behind);
    b.prepare(
      "DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
    ).run();
    b.close();
    expect((await run(["copy", "--from", behind, "--to", to])).err).toMatch(
      /has \d+ of this version's \d+ migrations applied\. Start this version of Stepwise on it once/,
    );

    // a value PostgreSQL cannot hold: refused by name, and nothing of the copy is committed
    const nul = path.join(dir, "nul.db");
    fs.copyFileSync(source, nul);
    const n = new Database(nul);
    n.prepare("UPDATE users SET name = ? WHERE email = ?").run("Lena\u0000Fischer", "lead@stepwise.example");
    n.close();
    const r = await run(["copy", "--from", nul, "--to", to]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/users\.name holds a NUL character/);
    expect(Object.values(await counts(to)).every((c) => c === 0)).toBe(true);
  }, 180_000);
});
