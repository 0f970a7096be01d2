// The event writer's fsync off the request thread (ADR 010, "Durability off the event loop").
//
// With synchronous=FULL, SQLite fsyncs the WAL inside every COMMIT, and better-sqlite3 runs that COMMIT on the
// event loop: under a steady load of one-event requests the loop spent about half its time waiting for the disk,
// serving nothing. The group-commit writer now commits its groups with synchronous=NORMAL (in WAL mode: the
// frames are written to the WAL, not yet fsynced) and answers them only after an fdatasync of the WAL file
// returned, run on libuv's thread pool. While one fsync is in flight the loop goes on reading requests and
// committing the next group, whose answers wait for the next fsync: what is acknowledged is on disk exactly as
// with FULL, and one fsync covers every group committed before it started.
//
// fsync(2) flushes the file, not the descriptor: the frames SQLite wrote through its own descriptor are flushed
// by an fdatasync on ours. The WAL file keeps its inode while a connection is open (SQLite truncates or rewrites
// it, it deletes it only when the last connection closes); should it ever be another file, it is reopened.
import fs from "node:fs";

type Waiter = { resolve(): void; reject(error: unknown): void };

export class WalSync {
  private fd: number | undefined;
  private ino: number | undefined;
  private inFlight = false;
  /** committed before the fsync in flight started: they wait for the next one */
  private waiting: Waiter[] = [];
  /** fsyncs run and groups they covered (for the benchmark and tests) */
  readonly stats = { syncs: 0, covered: 0 };

  constructor(
    private readonly walFile: string,
    private readonly fdatasync: (fd: number, done: (error: Error | null) => void) => void = fs.fdatasync,
  ) {}

  /** Resolves once everything committed before this call is on disk; rejects when the fsync fails. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.inFlight) this.start();
    });
  }

  private start(): void {
    const batch = this.waiting;
    this.waiting = [];
    let fd: number;
    try {
      fd = this.descriptor();
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    this.inFlight = true;
    this.fdatasync(fd, (error) => {
      this.inFlight = false;
      this.stats.syncs += 1;
      this.stats.covered += batch.length;
      if (error) {
        // Nothing of it may be acknowledged; the descriptor is dropped so the next group syncs a fresh one.
        console.error(`stepwise: fsync of ${this.walFile} failed; the events waiting for it are refused:`, error);
        this.close();
        for (const w of batch) w.reject(error);
      } else for (const w of batch) w.resolve();
      if (this.waiting.length) this.start();
    });
  }

  private descriptor(): number {
    const ino = fs.statSync(this.walFile).ino;
    if (this.fd !== undefined && ino === this.ino) return this.fd;
    this.close();
    this.fd = fs.openSync(this.walFile, "r");
    this.ino = fs.fstatSync(this.fd).ino;
    return this.fd;
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = undefined;
    this.ino = undefined;
  }
}
