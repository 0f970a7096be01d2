// `stepwise db copy`: moves an installation from its SQLite file to PostgreSQL (db/copy.server.ts), with the row
// count and checksum of every table printed as the proof. Loaded on use: it pulls in the PostgreSQL driver.
import path from "node:path";
import { databasePath } from "../db/client.server";
import { CopyError, copySqliteToPostgres } from "../db/copy.server";
import { parseOptions, type Command } from "./io";

export const DB_USAGE = `Usage:
  stepwise db copy --to postgres://user:password@host:5432/database [--from data/stepwise.db]
      copies every table of the SQLite database (default: DATABASE_URL's file, else data/stepwise.db) into an
      empty PostgreSQL database, migrating it first; commits only when every table's row count and checksum
      read back from PostgreSQL match the source. The source is only read: Stepwise may keep running on it, and
      what it writes after the copy began is not copied.`;

export const dbCommand: Command = {
  name: "db",
  summary: "database tools: copy an SQLite installation to PostgreSQL",
  usage: DB_USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const values = parseOptions(io, "db", DB_USAGE, rest, { from: { type: "string" }, to: { type: "string" } });
    if (!values) return 2;
    if (sub !== "copy") {
      io.stderr(sub ? `stepwise db: unknown subcommand “${sub}”\n${DB_USAGE}` : DB_USAGE);
      return 2;
    }
    if (!values.to) {
      io.stderr(`stepwise db copy: --to is required\n${DB_USAGE}`);
      return 2;
    }
    const envUrl = process.env.DATABASE_URL;
    const from = values.from
      ? path.resolve(io.cwd, values.from)
      : databasePath(envUrl && !/^postgres(ql)?:/.test(envUrl) ? envUrl : undefined);
    io.stdout(`Copying ${from} to ${redact(values.to)} …`);
    try {
      const report = await copySqliteToPostgres(from, values.to, {
        onTable: (t) =>
          io.stdout(`  ${t.table.padEnd(28)} ${String(t.rows).padStart(9)} rows  checksum ${t.checksum}  ok`),
      });
      io.stdout(
        `Copied ${report.rows} rows in ${report.tables.length} tables in ${(report.ms / 1000).toFixed(1)} s; ` +
          "every table's count and checksum match. (This version still serves on SQLite: see docs/operations.md.)",
      );
      return 0;
    } catch (e) {
      if (e instanceof CopyError) {
        io.stderr(`stepwise db copy: ${e.message}`);
        return 1;
      }
      throw e;
    }
  },
};

/** The URL without its password, for the log. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}
