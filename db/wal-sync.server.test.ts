import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WalSync } from "./wal-sync.server";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** a stand-in WAL file and an fdatasync that returns only when the test says so */
function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-walsync-"));
  dirs.push(dir);
  const file = path.join(dir, "t.db-wal");
  fs.writeFileSync(file, "frames");
  const calls: { fd: number; done: (error: Error | null) => void }[] = [];
  const sync = new WalSync(file, (fd, done) => calls.push({ fd, done }));
  return { file, calls, sync };
}

const settled = async (p: Promise<unknown>) => {
  let state = "pending";
  p.then(
    () => (state = "resolved"),
    () => (state = "rejected"),
  );
  await new Promise((r) => setImmediate(r));
  return state;
};

describe("WalSync", () => {
  it("answers only after the fsync returned, and syncs the WAL file itself", async () => {
    const { file, calls, sync } = setup();
    const p = sync.durable();
    expect(calls).toHaveLength(1);
    expect(fs.fstatSync(calls[0]!.fd).ino).toBe(fs.statSync(file).ino);
    expect(await settled(p)).toBe("pending");
    calls[0]!.done(null);
    expect(await settled(p)).toBe("resolved");
    sync.close();
  });

  it("what is committed while one fsync runs waits for the next, and one fsync covers all of it", async () => {
    const { calls, sync } = setup();
    const first = sync.durable();
    const second = [sync.durable(), sync.durable(), sync.durable()];
    expect(calls).toHaveLength(1); // one in flight at a time
    calls[0]!.done(null);
    await first;
    expect(calls).toHaveLength(2); // the next started at once, for the three that waited
    expect(await settled(Promise.all(second))).toBe("pending");
    calls[1]!.done(null);
    await Promise.all(second);
    expect(sync.stats).toEqual({ syncs: 2, covered: 4 });
    sync.close();
  });

  it("a failed fsync refuses everything that waited for it; what comes after syncs again", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const { calls, sync } = setup();
    const p = sync.durable();
    const failure = new Error("EIO");
    calls[0]!.done(failure);
    await expect(p).rejects.toBe(failure);
    expect(quiet).toHaveBeenCalledWith(expect.stringMatching(/fsync of .* failed/), failure);
    const q = sync.durable();
    calls[1]!.done(null);
    await expect(q).resolves.toBeUndefined();
    sync.close();
    quiet.mockRestore();
  });

  it("reopens the WAL when it is another file, and refuses when it is gone", async () => {
    const { file, calls, sync } = setup();
    const a = sync.durable();
    calls[0]!.done(null);
    await a;
    fs.rmSync(file);
    fs.writeFileSync(file, "new wal");
    const b = sync.durable();
    expect(fs.fstatSync(calls[1]!.fd).ino).toBe(fs.statSync(file).ino);
    calls[1]!.done(null);
    await b;
    fs.rmSync(file);
    await expect(sync.durable()).rejects.toThrow(/ENOENT/);
    sync.close();
  });

  it("syncs a real file with the real fdatasync", async () => {
    const { file } = setup();
    const sync = new WalSync(file);
    await Promise.all([sync.durable(), sync.durable()]);
    expect(sync.stats.syncs).toBeGreaterThanOrEqual(1);
    sync.close();
  });
});
