// DATABASE_URL as the README documents it: a path, `file:path` or `:memory:`; a PostgreSQL URL is refused with
// the reason until the app runs on PostgreSQL, instead of becoming a SQLite file named "postgres:".
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databasePath, projectRoot } from "./client.server";

describe("databasePath", () => {
  it("takes a path, file:path or :memory:, relative ones from the project root", () => {
    expect(databasePath(undefined)).toBe(path.join(projectRoot(), "data/stepwise.db"));
    expect(databasePath("  ")).toBe(path.join(projectRoot(), "data/stepwise.db"));
    expect(databasePath("file:data/x.db")).toBe(path.join(projectRoot(), "data/x.db"));
    expect(databasePath("/var/lib/stepwise/s.db")).toBe("/var/lib/stepwise/s.db");
    expect(databasePath(":memory:")).toBe(":memory:");
  });

  it.each(["postgres://u:p@db:5432/stepwise", "postgresql://db/stepwise", "POSTGRES://db/x"])(
    "refuses %s with what to do",
    (url) => {
      expect(() => databasePath(url)).toThrow(/PostgreSQL URL, and this version of Stepwise runs on SQLite only/);
    },
  );
});
