// drizzle-kit for the PostgreSQL schema (ADR 025): `npx drizzle-kit generate --config drizzle.pg.config.ts`. The
// SQLite migrator reads only db/migrations/meta/_journal.json and the files it names, so this subfolder is its own.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations/pg",
});
