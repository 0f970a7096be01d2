import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * The project root: the nearest folder above this module holding Stepwise's package.json.
 * Works from the sources (tsx, vitest) and from the bundled server (build/server/).
 */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, "db", "migrations"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** DATABASE_URL accepts a path, `file:path`, or `:memory:`; relative paths are taken from the project root. */
export function databasePath(url = process.env.DATABASE_URL): string {
  const raw = (url ?? "").trim() || "data/stepwise.db";
  if (raw === ":memory:") return raw;
  // (not a file called "postgres:"): the app runs on SQLite until the async data layer lands (issue 13)
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    throw new Error(
      "DATABASE_URL is a PostgreSQL URL, and this version of Stepwise runs on SQLite only: set DATABASE_URL " +
        "to a SQLite file (or leave it unset for data/stepwise.db). `stepwise db copy --to <url>` prepares the move.",
    );
  }
  const p = raw.startsWith("file:") ? raw.slice("file:".length) : raw;
  return path.isAbsolute(p) ? p : path.join(projectRoot(), p);
}

/** Opens a connection with the pragmas every acknowledged write relies on. */
export function openDb(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a write acknowledged to a user survives a power cut, not just a crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: path.join(projectRoot(), "db", "migrations") });
}

let instance: Db | undefined;

/** The process-wide connection, opened and migrated on first use. */
export function getDb(): Db {
  if (!instance) {
    instance = openDb(databasePath());
    migrateDb(instance);
  }
  return instance;
}
