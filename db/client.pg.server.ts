// PostgreSQL connection and migrations (ADR 025). Not wired into getDb yet: choosing the dialect from DATABASE_URL
// is the async data layer's (db/client.server.ts).
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { projectRoot } from "./client.server";
import * as schema from "./schema.pg";

/** The committed PostgreSQL migrations (drizzle.pg.config.ts); SQLite's are the folder above. */
export function pgMigrationsFolder(): string {
  return path.join(projectRoot(), "db", "migrations", "pg");
}

/** Applies every committed PostgreSQL migration not yet applied to the database at `url`, then disconnects. */
export async function applyPgMigrations(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle(pool, { schema }), { migrationsFolder: pgMigrationsFolder() });
  } finally {
    await pool.end();
  }
}
