import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * What a transaction's callback writes through: on SQLite the write connection (ADR 025, issue 13). Typed as `Db`
 * for now so a query reads the same inside and outside a transaction; the PostgreSQL phase narrows it.
 */
export type Tx = Db;

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
  const p = raw.startsWith("file:") ? raw.slice("file:".length) : raw;
  return path.isAbsolute(p) ? p : path.join(projectRoot(), p);
}

function connect(file: string, options: Database.Options = {}): Database.Database {
  const sqlite = new Database(file, options);
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  // FULL: a write acknowledged to a user survives a power cut, not just a crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/** An async FIFO lock: each `run` starts when every earlier one has settled. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

type WritePath = { writer: Db; mutex: Mutex };

/** Each database's write connection and the lock that serialises its write transactions. */
const writePaths = new WeakMap<Db, WritePath>();

/** The write connection of the transaction the current async context is in (nested calls become savepoints). */
const openTransaction = new AsyncLocalStorage<{ writer: Db; depth: number }>();

export type OpenDbOptions = {
  /**
   * Open the read connection read-only (file databases), so a write that bypasses `transaction`/`write` fails
   * loudly. Off until every write in db/ goes through the write path (issue 13).
   */
  readonlyReads?: boolean;
};

/**
 * Opens a database with the pragmas every acknowledged write relies on: the returned handle reads; writes go
 * through `transaction`/`write`, on a second connection to the same file (in WAL the read connection sees only
 * committed data). A `:memory:` database has one connection for both, and the same lock.
 */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  const memory = file === ":memory:";
  if (!memory) fs.mkdirSync(path.dirname(file), { recursive: true });
  // The write connection first: it creates the file and switches it to WAL before a read-only one may open it.
  const writeConnection = connect(file);
  const writer = drizzle(writeConnection, { schema }) as Db;
  const db = memory ? writer : (drizzle(connect(file, { readonly: !!options.readonlyReads }), { schema }) as Db);
  writePaths.set(db, { writer, mutex: new Mutex() });
  if (!memory) writePaths.set(writer, writePaths.get(db)!);
  return db;
}

function writePathOf(db: Db): WritePath {
  const w = writePaths.get(db);
  if (!w) throw new Error("This database handle was not opened by openDb: it has no write path.");
  return w;
}

/** The write connection of `db` (migrations, SQLite-only maintenance); everything else uses `transaction`. */
export function writeConnection(db: Db): Db {
  return writePathOf(db).writer;
}

/** Closes both connections of a database opened by openDb. */
export function closeDb(db: Db): void {
  const { writer } = writePathOf(db);
  if (writer.$client !== db.$client) writer.$client.close();
  db.$client.close();
}

/**
 * Runs `fn` in one write transaction and resolves with its result after COMMIT (rejects after ROLLBACK when `fn`
 * throws). better-sqlite3's own `transaction()` takes only a synchronous callback, so on SQLite the write
 * transactions of a database are serialised by an async FIFO lock and run on the write connection with
 * `BEGIN IMMEDIATE` … `COMMIT`. Called inside a transaction (the same async context), it runs as a savepoint of it.
 */
export async function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const open = openTransaction.getStore();
  const path = writePathOf(db);
  if (open && open.writer === path.writer) {
    const name = `sp${open.depth}`;
    const c = open.writer.$client;
    c.exec(`SAVEPOINT ${name}`);
    try {
      const result = await openTransaction.run({ writer: open.writer, depth: open.depth + 1 }, () => fn(open.writer));
      c.exec(`RELEASE ${name}`);
      return result;
    } catch (e) {
      c.exec(`ROLLBACK TO ${name}`);
      c.exec(`RELEASE ${name}`);
      throw e;
    }
  }
  return path.mutex.run(async () => {
    const c = path.writer.$client;
    c.exec("BEGIN IMMEDIATE");
    try {
      const result = await openTransaction.run({ writer: path.writer, depth: 1 }, () => fn(path.writer));
      c.exec("COMMIT");
      return result;
    } catch (e) {
      if (c.inTransaction) c.exec("ROLLBACK");
      throw e;
    }
  });
}

/** A write outside a larger transaction (one statement or a few): the same write path, one transaction. */
export function write<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(db, fn);
}

/** Applies the committed migrations, on the write connection. */
export function migrateDb(db: Db): void {
  migrate(writeConnection(db), { migrationsFolder: path.join(projectRoot(), "db", "migrations") });
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
