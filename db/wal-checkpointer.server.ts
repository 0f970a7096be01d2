// WAL checkpoints off the request thread. SQLite's automatic checkpoint runs inside whichever COMMIT pushes the
// WAL past 1,000 pages: that commit also copies those pages into the database file and fsyncs it
// (synchronous=FULL), tens of milliseconds on a busy disk, while every request behind it waits (better-sqlite3 is
// synchronous). Appending a run event writes the run's whole cached state (a long call's state is 100 KB or more),
// so under a steady 200 events/s that happened more than once a second: the ingest p99.
//
// Here a worker thread with its own connection runs PASSIVE checkpoints (they never block writers or readers)
// every CHECKPOINT_INTERVAL_MS, and the request connection's automatic checkpoint is turned off while the worker
// runs. Durability is unchanged: a commit is acknowledged after its WAL frames are fsynced, as before; a
// checkpoint only moves committed frames from the WAL into the database file. If the worker cannot start or
// stops, the automatic checkpoint is turned back on.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./client.server";

export const CHECKPOINT_INTERVAL_MS = 200;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// CommonJS, evaluated in the worker; better-sqlite3 is resolved by the main thread (works from the sources and
// from the bundled server alike).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
db.pragma("synchronous = FULL");
let stopped = false;
let failures = 0;
let last = { log: 0, checkpointed: 0 };
const tick = () => {
  if (stopped) return;
  try {
    const [r] = db.pragma("wal_checkpoint(PASSIVE)");
    failures = 0;
    // The counts are the WAL's since it was last restarted: report what this checkpoint moved.
    const moved = r.log < last.log ? r.checkpointed : r.checkpointed - last.checkpointed;
    last = r;
    if (moved > 0) parentPort.postMessage({ type: "checkpoint", frames: moved });
  } catch (e) {
    // SQLITE_BUSY and the like: try again at the next tick; anything else five times in a row: give up
    if (!/busy|locked/i.test(String(e && e.message)) && ++failures >= 5) {
      parentPort.postMessage({ type: "failed", message: String(e && e.message) });
      stopped = true;
      try { db.close(); } catch {}
      parentPort.close();
      return;
    }
  }
  setTimeout(tick, workerData.intervalMs);
};
parentPort.on("message", (m) => {
  if (m === "stop") {
    stopped = true;
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: "ready" });
tick();
`;

export type Checkpointer = {
  /** checkpoints that moved frames, and frames moved (for tests and the benchmark) */
  readonly stats: { checkpoints: number; frames: number; running: boolean };
  stop(): Promise<void>;
};

const running = new WeakMap<Db, Checkpointer>();

/**
 * Starts the background checkpointer for a file database (once per connection; an in-memory database has no
 * WAL and gets none). The worker does not keep the process alive.
 */
export function checkpointInBackground(db: Db, { intervalMs = CHECKPOINT_INTERVAL_MS } = {}): Checkpointer | null {
  const client = db.$client;
  if (client.memory || !client.open) return null;
  const existing = running.get(db);
  if (existing) return existing;
  const mode = String(client.pragma("journal_mode", { simple: true })).toLowerCase();
  if (mode !== "wal") return null;

  const stats = { checkpoints: 0, frames: 0, running: false };
  const restoreAuto = () => {
    stats.running = false;
    if (client.open) client.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: client.name, driver: createRequire(import.meta.url).resolve("better-sqlite3"), intervalMs },
    });
  } catch (error) {
    console.error("stepwise: background WAL checkpoints unavailable, SQLite checkpoints in the commits:", error);
    return null;
  }
  worker.unref();
  worker.on("message", (m: { type: string; frames?: number; message?: string }) => {
    if (m.type === "ready") {
      // Only now: until the worker has its connection, commits keep checkpointing as SQLite does by default.
      client.pragma("wal_autocheckpoint = 0");
      stats.running = true;
    } else if (m.type === "checkpoint") {
      stats.checkpoints += 1;
      stats.frames += m.frames ?? 0;
    } else if (m.type === "failed" && client.open) {
      console.error(
        `stepwise: the WAL checkpoint worker stopped (${m.message}); SQLite checkpoints in the commits again.`,
      );
    }
  });
  worker.on("error", (error) => {
    console.error("stepwise: the WAL checkpoint worker failed, SQLite checkpoints in the commits again:", error);
    restoreAuto();
  });
  worker.on("exit", () => {
    restoreAuto();
    if (running.get(db) === checkpointer) running.delete(db);
  });
  const checkpointer: Checkpointer = {
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!running.has(db) && !stats.running) return resolve();
        worker.ref(); // until it has closed its connection
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }),
  };
  running.set(db, checkpointer);
  return checkpointer;
}
