// Entry of the compile worker thread (see app/compile-pool.server.ts and docs/decisions/012-…).
// Plain JavaScript so a worker can start it with no build step: it registers tsx (a runtime dependency, as
// for bin/stepwise.js) and loads the TypeScript worker — the same file in dev, tests, CLI and production.
import { register } from "tsx/esm/api";

register();
await import("./compile-worker.ts");
