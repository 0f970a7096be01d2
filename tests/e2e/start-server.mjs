// Starts the production server on a fresh throwaway database (removed on exit).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-e2e-"));
process.env.DATABASE_URL = path.join(dir, "e2e.db");
process.env.NODE_ENV = "production";
const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
process.on("exit", cleanup);
await import("../../server.js");
