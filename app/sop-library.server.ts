import fs from "node:fs";
import path from "node:path";
import { hasErrors } from "../sop-schema/diagnostics";
import { nextReviewDate } from "../sop-schema/review";
import type { Db } from "../db/client.server";
import { projectRoot } from "../db/client.server";
import { findDepartmentByName, publishVersion, sopExists } from "../db/sops.server";

import { compileSop } from "./sop-compile.server";

// The synchronous compile (seed, tests, CLI). Requests use compileSopAsync (app/compile-pool.server.ts), which
// runs the same function in a worker thread.
export { compileSop, type CompiledSop } from "./sop-compile.server";

export type SeedReport = { published: string[]; skipped: { file: string; reason: string }[] };

/**
 * Publishes each SOP of `content/sops` that the database does not have yet, as version 1.
 * A file with errors is skipped with its reason (never half-published); existing SOPs are never touched.
 */
export async function seedSopLibrary(db: Db, dir = path.join(projectRoot(), "content", "sops")): Promise<SeedReport> {
  const report: SeedReport = { published: [], skipped: [] };
  if (!fs.existsSync(dir)) return report;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".mdx"))
    .sort()) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    const compiled = compileSop(source, file);
    const { meta } = compiled.document;
    if (hasErrors(compiled.document.diagnostics)) {
      report.skipped.push({ file, reason: `${compiled.errorCount} error(s); run npx stepwise lint content/sops` });
      continue;
    }
    if (await sopExists(db, meta.id)) continue;
    const department = await findDepartmentByName(db, meta.department);
    if (!department) {
      report.skipped.push({ file, reason: `no department called “${meta.department}”` });
      continue;
    }
    await publishVersion(db, {
      sopId: meta.id,
      title: meta.title,
      departmentId: department.id,
      source,
      hash: compiled.hash,
      document: compiled.document,
      errorCount: 0,
      warningCount: compiled.warningCount,
      changeNote: "Imported from the demo library",
      actorId: null,
      nextReviewAt: nextReviewDate(meta, Date.now()),
    });
    report.published.push(meta.id);
  }
  return report;
}
