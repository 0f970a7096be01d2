// The compile worker: parses SOP sources, converts Markdown and expands zips off the request thread.
// Started by app/compile-pool.server.ts through compile-worker-entry.mjs (which registers tsx, so this TypeScript
// runs the same way in dev, in tests, in the CLI and behind the production build). Pure CPU: no database.
import { parentPort, workerData } from "node:worker_threads";
import { readBundle, type ReadBundleResult } from "../authoring/bundle";
import { markdownToSop, type MarkdownImportOptions, type MarkdownImportResult } from "../authoring/markdown-import";
import { compileSop, type CompiledSop } from "./sop-compile.server";

export type CompileJob =
  | { kind: "compile"; source: string; filename?: string }
  | { kind: "markdown"; markdown: string; options: MarkdownImportOptions }
  | { kind: "bundle"; data: Uint8Array };

export type CompileJobResult<J extends CompileJob> = J extends { kind: "compile" }
  ? CompiledSop
  : J extends { kind: "markdown" }
    ? MarkdownImportResult
    : ReadBundleResult;

export type WorkerRequest = { id: number; job: CompileJob };
export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export function runJob(job: CompileJob): unknown {
  switch (job.kind) {
    case "compile":
      return compileSop(job.source, job.filename);
    case "markdown":
      return markdownToSop(job.markdown, job.options);
    case "bundle":
      return readBundle(job.data);
  }
}

// Only in a thread the pool started (a test runner's own worker thread must not answer our messages).
if (parentPort && (workerData as { stepwiseCompileWorker?: boolean } | null)?.stepwiseCompileWorker) {
  const port = parentPort;
  port.on("message", (message: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      response = { id: message.id, ok: true, result: runJob(message.job) };
    } catch (error) {
      response = { id: message.id, ok: false, error: String((error as Error)?.stack ?? error) };
    }
    port.postMessage(response);
  });
  port.postMessage({ ready: true });
}
