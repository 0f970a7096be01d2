import { migrateDb, openDb, type Db } from "./client.server";

/** A fresh, migrated in-memory database: one per test file (or per test) keeps tests independent. */
export function createTestDb(): Db {
  const db = openDb(":memory:");
  migrateDb(db);
  return db;
}
