// Starts the production server on a fresh throwaway database (removed on exit).
// STEPWISE_E2E_DB=<file> instead reuses that database file and keeps it (a test that restarts the server on
// the same data, e.g. tests/e2e/runbook-restart.spec.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

if (process.env.STEPWISE_E2E_DB) {
  process.env.DATABASE_URL = path.resolve(process.env.STEPWISE_E2E_DB);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-e2e-"));
  process.env.DATABASE_URL = path.join(dir, "e2e.db");
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  process.on("exit", cleanup);
}
process.env.NODE_ENV = "production";
await import("../../server.js");
