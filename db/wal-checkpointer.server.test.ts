import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./client.server";
import { checkpointInBackground } from "./wal-checkpointer.server";

const opened: { db: Db; dir: string }[] = [];
afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    if (db.$client.open) db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function fileDb(): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-wal-"));
  const db = openDb(path.join(dir, "t.db"));
  opened.push({ db, dir });
  return db;
}

const until = async (ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("background WAL checkpoints", () => {
  it(
    "take over from the commits' automatic checkpoint, " + "move committed frames, and hand it back when stopped",
    async () => {
      const db = fileDb();
      const c = db.$client;
      expect(c.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
      const cp = checkpointInBackground(db, { intervalMs: 20 })!;
      expect(checkpointInBackground(db)).toBe(cp); // one per connection
      await until(() => cp.stats.running);
      expect(c.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
      c.exec("CREATE TABLE t (x TEXT)");
      const insert = c.prepare("INSERT INTO t VALUES (?)");
      for (let i = 0; i < 50; i++) insert.run("x".repeat(3000));
      await until(() => cp.stats.frames > 0);
      // every committed row is readable (the checkpoint copies, it never drops)
      expect(c.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 50 });
      await cp.stop();
      expect(c.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    },
  );

  it("is not started for an in-memory database", () => {
    const db = openDb(":memory:");
    expect(checkpointInBackground(db)).toBeNull();
    db.$client.close();
  });
});
