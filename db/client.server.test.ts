import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, migrateDb, openDb, transaction, write, type Db } from "./client.server";
import { appMeta } from "./schema";
import { createTestDb } from "./test-db.server";

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

async function valueOf(db: Db, key: string): Promise<string | undefined> {
  return (await db.select().from(appMeta).where(eq(appMeta.key, key)).limit(1))[0]?.value;
}

const dirs: string[] = [];
function fileDb(options?: Parameters<typeof openDb>[1]): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-tx-"));
  dirs.push(dir);
  const db = openDb(path.join(dir, "t.db"), options);
  migrateDb(db);
  return db;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("transaction", () => {
  it("commits what the callback wrote and resolves with its result", async () => {
    const db = createTestDb();
    const result = await transaction(db, async (tx) => {
      await tx.insert(appMeta).values({ key: "k", value: "v" });
      return 42;
    });
    expect(result).toBe(42);
    expect(await valueOf(db, "k")).toBe("v");
  });

  it("rolls everything back when the callback throws, and rejects with its error", async () => {
    const db = createTestDb();
    await expect(
      transaction(db, async (tx) => {
        await tx.insert(appMeta).values({ key: "k", value: "v" });
        await yieldToOthers();
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await valueOf(db, "k")).toBeUndefined();
    // The lock is released: the next transaction runs.
    await write(db, (tx) => tx.insert(appMeta).values({ key: "k", value: "after" }));
    expect(await valueOf(db, "k")).toBe("after");
  });

  it("serialises concurrent transactions in the order they were asked for, even across awaits", async () => {
    const db = createTestDb();
    await write(db, (tx) => tx.insert(appMeta).values({ key: "n", value: "0" }));
    const order: number[] = [];
    const bump = (i: number) =>
      transaction(db, async (tx) => {
        const n = Number((await tx.select().from(appMeta).where(eq(appMeta.key, "n")).limit(1))[0]!.value);
        await yieldToOthers(); // another request's turn on the event loop: it must not see or write half of this one
        await tx
          .update(appMeta)
          .set({ value: String(n + 1) })
          .where(eq(appMeta.key, "n"));
        order.push(i);
      });
    await Promise.all([bump(1), bump(2), bump(3)]);
    expect(await valueOf(db, "n")).toBe("3");
    expect(order).toEqual([1, 2, 3]);
  });

  it("runs a nested call as a savepoint: its failure undoes only its own writes", async () => {
    const db = createTestDb();
    await transaction(db, async (tx) => {
      await tx.insert(appMeta).values({ key: "outer", value: "1" });
      await expect(
        transaction(db, async (inner) => {
          await inner.insert(appMeta).values({ key: "inner", value: "1" });
          throw new Error("inner refused");
        }),
      ).rejects.toThrow("inner refused");
      await transaction(db, (inner) => inner.insert(appMeta).values({ key: "inner2", value: "1" }));
    });
    expect(await valueOf(db, "outer")).toBe("1");
    expect(await valueOf(db, "inner")).toBeUndefined();
    expect(await valueOf(db, "inner2")).toBe("1");
  });

  it("on a file, writes on a second connection: reads see a transaction only once it has committed", async () => {
    const db = fileDb();
    let seenDuring: string | undefined = "not read";
    await transaction(db, async (tx) => {
      await tx.insert(appMeta).values({ key: "k", value: "v" });
      seenDuring = await valueOf(db, "k");
    });
    expect(seenDuring).toBeUndefined();
    expect(await valueOf(db, "k")).toBe("v");
    closeDb(db);
  });

  it("with read-only reads, a write that bypasses the write path fails loudly", async () => {
    const db = fileDb({ readonlyReads: true });
    await write(db, (tx) => tx.insert(appMeta).values({ key: "k", value: "v" }));
    expect(await valueOf(db, "k")).toBe("v");
    await expect(async () => db.insert(appMeta).values({ key: "x", value: "y" }).run()).rejects.toThrow(/readonly/);
    closeDb(db);
  });
});
