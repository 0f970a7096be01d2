import type { RunState } from "../runbook/state";
import type { SopDocument } from "../sop-schema/types";
import { migrateDb, openDb, type Db } from "./client.server";

/** A fresh, migrated in-memory database: one per test file (or per test) keeps tests independent. */
export function createTestDb(): Db {
  const db = openDb(":memory:");
  migrateDb(db);
  return db;
}

/**
 * A stored document for a test whose queries read only a few of its fields (a step's title, its flows): the
 * columns are typed as the full SopDocument, and this is the one place a fixture says it holds less on purpose.
 */
export function partialDocument(fields: object = {}): SopDocument {
  return fields as SopDocument;
}

/** A run's stored state for a test that reads only some of it (the list columns live beside it), as partialDocument. */
export function partialRunState(fields: object = {}): RunState {
  return fields as RunState;
}
