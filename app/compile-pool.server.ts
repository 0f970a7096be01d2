// Heavy parsing off the request thread: a small pool of worker threads (node:worker_threads) that compile SOP sources,
// convert Markdown and expand zips, so one import or a huge draft never delays another request — a live call's events
// are answered while a document compiles. See docs/decisions/012-parser-limits-and-compile-worker.md.
//
// - 1 worker, or 2 when the machine has more than 2 cores (STEPWISE_COMPILE_WORKERS overrides), started on
//   first use and kept; idle workers do not keep the process alive.
// - One queue; interactive jobs (a draft save, a new SOP) go before bulk ones (the files of an import), so a
//   500-file import delays a save by one file at most.
// - Each job has a deadline (STEPWISE_COMPILE_TIMEOUT_MS, default 15 s) counted from when a worker starts it:
//   a job past it is answered with a CompileJobError and its worker is terminated and replaced.
// - The worker (compile-worker-entry.mjs → compile-worker.ts) runs the TypeScript sources through tsx, the same in
//   dev, tests, the CLI and the production build. If it cannot start at all, jobs run on this thread (logged):
//   slower for large documents, but the parser's own limits still hold.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReadBundleResult } from "../authoring/bundle";
import type { MarkdownImportOptions, MarkdownImportResult } from "../authoring/markdown-import";
import type { CompileJob, WorkerRequest, WorkerResponse } from "./compile-worker";
import type { CompiledSop } from "./sop-compile.server";

export type CompilePriority = "interactive" | "bulk";

/** A job that did not finish: it ran past its deadline, or its worker died (e.g. out of memory). */
export class CompileJobError extends Error {
  constructor(
    message: string,
    readonly reason: "timeout" | "crashed",
  ) {
    super(message);
    this.name = "CompileJobError";
  }
}

export type CompilePoolOptions = {
  /** Worker threads (default: 1, or 2 with more than 2 cores). */
  size?: number;
  /** Deadline of one job once a worker runs it, in ms (default 15,000). */
  timeoutMs?: number;
  /** Memory limit of each worker's heap, in MB (default 1,024). */
  maxHeapMb?: number;
  /** The worker entry (default: app/compile-worker-entry.mjs of this checkout). */
  entry?: string;
  /** How long a worker may take to start, in ms (default 60,000). */
  startTimeoutMs?: number;
};

type Job = {
  id: number;
  job: CompileJob;
  label: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Slot = {
  worker: Worker;
  ready: boolean;
  current: Job | null;
  timer: ReturnType<typeof setTimeout> | null;
  startTimer: ReturnType<typeof setTimeout> | null;
  gone: boolean;
};

const DEFAULT_TIMEOUT_MS = 15_000;

function envInt(name: string): number | undefined {
  const v = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** app/compile-worker-entry.mjs, found from this module upward (works from the sources and from build/server/). */
function defaultEntry(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "app", "compile-worker-entry.mjs");
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(process.cwd(), "app", "compile-worker-entry.mjs");
    dir = parent;
  }
}

export class CompilePool {
  readonly size: number;
  readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly entry: string;
  private readonly startTimeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly interactive: Job[] = [];
  private readonly bulk: Job[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;
  /** After repeated start failures, jobs run on the calling thread. */
  private inline = false;
  readonly stats = { jobs: 0, timeouts: 0, crashes: 0, started: 0, inline: 0 };

  constructor(options: CompilePoolOptions = {}) {
    const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    this.size = Math.max(1, options.size ?? envInt("STEPWISE_COMPILE_WORKERS") ?? (cores > 2 ? 2 : 1));
    this.timeoutMs = options.timeoutMs ?? envInt("STEPWISE_COMPILE_TIMEOUT_MS") ?? DEFAULT_TIMEOUT_MS;
    this.maxHeapMb = options.maxHeapMb ?? 1024;
    this.entry = options.entry ?? defaultEntry();
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
  }

  /** Runs one job in a worker. Rejects with CompileJobError when it times out or its worker dies. */
  run<T>(job: CompileJob, options: { priority?: CompilePriority; label?: string } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error("The compile pool is closed"));
    this.stats.jobs++;
    if (this.inline) return this.runInline<T>(job);
    return new Promise<T>((resolve, reject) => {
      const entry: Job = {
        id: this.nextId++,
        job,
        label: options.label ?? job.kind,
        resolve: resolve as (v: unknown) => void,
        reject,
      };
      (options.priority === "interactive" ? this.interactive : this.bulk).push(entry);
      this.dispatch();
    });
  }

  /** Starts the workers now (e.g. at server start), so the first save does not wait for one to boot. */
  warm(): void {
    while (!this.closed && !this.inline && this.slots.length < this.size) {
      const slot = this.spawn();
      if (!slot) return;
      slot.worker.unref();
    }
  }

  /** Terminates every worker; queued jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const j of [...this.interactive.splice(0), ...this.bulk.splice(0)])
      j.reject(new Error("The compile pool was closed"));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.gone = true;
        this.clearTimers(s);
        s.current?.reject(new Error("The compile pool was closed"));
        return s.worker.terminate();
      }),
    );
  }

  /** Workers currently alive (for tests). */
  get workerCount(): number {
    return this.slots.length;
  }

  private async runInline<T>(job: CompileJob): Promise<T> {
    this.stats.inline++;
    const { runJob } = await import("./compile-worker");
    return runJob(job) as T;
  }

  private next(): Job | undefined {
    return this.interactive.shift() ?? this.bulk.shift();
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.current || slot.gone) continue;
      const job = this.next();
      if (!job) return;
      this.start(slot, job);
    }
    if (this.interactive.length + this.bulk.length > 0 && this.slots.length < this.size) {
      const slot = this.spawn();
      if (!slot) return;
      const job = this.next();
      if (job) this.start(slot, job);
    }
  }

  private spawn(): Slot | null {
    let worker: Worker;
    try {
      worker = new Worker(this.entry, {
        workerData: { stepwiseCompileWorker: true },
        resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
        stdout: false,
        stderr: false,
      });
    } catch (error) {
      this.startFailed(error);
      return null;
    }
    this.stats.started++;
    const slot: Slot = { worker, ready: false, current: null, timer: null, startTimer: null, gone: false };
    slot.startTimer = setTimeout(
      () =>
        this.fail(
          slot,
          new Error(`The compile worker did not start within ${this.startTimeoutMs / 1000} s`),
          "crashed",
        ),
      this.startTimeoutMs,
    );
    slot.startTimer.unref?.();
    worker.on("message", (message: WorkerResponse | { ready: true }) => this.onMessage(slot, message));
    worker.on("error", (error) => this.fail(slot, error, "crashed"));
    worker.on("exit", (code) => {
      if (!slot.gone) this.fail(slot, new Error(`The compile worker stopped (exit code ${code})`), "crashed");
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.current = job;
    slot.worker.ref();
    const request: WorkerRequest = { id: job.id, job: job.job };
    slot.worker.postMessage(request);
    if (slot.ready) this.arm(slot);
  }

  /** The deadline runs from when the worker can work on the job (not while it starts up). */
  private arm(slot: Slot): void {
    const job = slot.current;
    if (!job) return;
    slot.timer = setTimeout(() => {
      this.stats.timeouts++;
      this.fail(
        slot,
        new CompileJobError(
          `Checking ${job.label} took longer than ${formatSeconds(this.timeoutMs)} and was stopped`,
          "timeout",
        ),
        "timeout",
      );
    }, this.timeoutMs);
  }

  private onMessage(slot: Slot, message: WorkerResponse | { ready: true }): void {
    if ("ready" in message) {
      slot.ready = true;
      this.startFailures = 0;
      if (slot.startTimer) clearTimeout(slot.startTimer);
      slot.startTimer = null;
      this.arm(slot);
      return;
    }
    const job = slot.current;
    if (!job || job.id !== message.id) return;
    this.clearTimers(slot);
    slot.current = null;
    slot.worker.unref();
    if (message.ok) job.resolve(message.result);
    else job.reject(new Error(`The compile worker failed on ${job.label}: ${message.error}`));
    this.dispatch();
  }

  private clearTimers(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  /** Ends a worker (timeout, crash, failed start): its job is rejected, a fresh worker takes the queue. */
  private fail(slot: Slot, error: unknown, reason: "timeout" | "crashed"): void {
    if (slot.gone) return;
    slot.gone = true;
    this.clearTimers(slot);
    if (slot.startTimer) clearTimeout(slot.startTimer);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate().catch(() => undefined);
    const job = slot.current;
    slot.current = null;
    if (!slot.ready) {
      this.startFailed(error, job);
      return;
    }
    if (job) {
      if (reason === "crashed") this.stats.crashes++;
      job.reject(
        error instanceof CompileJobError
          ? error
          : new CompileJobError(
              `Checking ${job.label} stopped the checker (${String((error as Error)?.message ?? error)})`,
              "crashed",
            ),
      );
    }
    this.dispatch();
  }

  private startFailed(error: unknown, job?: Job | null): void {
    this.startFailures++;
    console.error(`Stepwise: the compile worker could not start (${String((error as Error)?.message ?? error)})`);
    if (this.startFailures >= 3) {
      console.error("Stepwise: compiling on the request thread from now on (large imports will be slower)");
      this.inline = true;
      const waiting = [...(job ? [job] : []), ...this.interactive.splice(0), ...this.bulk.splice(0)];
      for (const j of waiting) this.runInline(j.job).then(j.resolve, j.reject);
      return;
    }
    if (job) this.interactive.unshift(job);
    this.dispatch();
  }
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------------------------------------
// The app's pool (one per process; kept across dev-server module reloads).

const KEY = Symbol.for("stepwise.compile-pool");
type WithPool = typeof globalThis & { [KEY]?: CompilePool };

export function getCompilePool(): CompilePool {
  const g = globalThis as WithPool;
  g[KEY] ??= new CompilePool();
  return g[KEY];
}

/** Replaces the app's pool (tests); closes the old one. */
export async function setCompilePool(pool: CompilePool | null): Promise<void> {
  const g = globalThis as WithPool;
  const old = g[KEY];
  if (pool) g[KEY] = pool;
  else delete g[KEY];
  if (old && old !== pool) await old.close();
}

/** compileSop (parse + validate + hash) in a worker. Rejects with CompileJobError on timeout or crash. */
export function compileSopAsync(
  source: string,
  filename?: string,
  options: { priority?: CompilePriority } = {},
): Promise<CompiledSop> {
  return getCompilePool().run<CompiledSop>(
    { kind: "compile", source, filename },
    { priority: options.priority ?? "interactive", label: filename ?? "this SOP" },
  );
}

/** markdownToSop in a worker (imports). Rejects with CompileJobError on timeout or crash. */
export function markdownToSopAsync(
  markdown: string,
  options: MarkdownImportOptions = {},
  priority: CompilePriority = "bulk",
): Promise<MarkdownImportResult> {
  return getCompilePool().run<MarkdownImportResult>(
    { kind: "markdown", markdown, options },
    { priority, label: options.filename ?? "the Markdown" },
  );
}

/** readBundle (inflating a zip, up to 50 MB) in a worker. Rejects with CompileJobError on timeout or crash. */
export function readBundleAsync(data: Uint8Array, label = "the archive"): Promise<ReadBundleResult> {
  return getCompilePool().run<ReadBundleResult>({ kind: "bundle", data }, { priority: "bulk", label });
}
