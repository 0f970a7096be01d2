// Parse + validate one SOP source: the pure part of saving, importing and seeding. No database here, so the
// compile worker (app/compile-worker.ts) can load it without opening anything.
import { parseSop } from "../sop-schema/parse";
import type { SopDocument } from "../sop-schema/types";
import { contentHashNode } from "../sop-schema/hash.server";
import { validateFlow } from "../flows/validate";

export type CompiledSop = { document: SopDocument; hash: string; errorCount: number; warningCount: number };

/** Parse + validate once, at save time: pages read the stored result and never parse. */
export function compileSop(source: string, filename?: string): CompiledSop {
  const document = parseSop(source, { filename, validateFlow });
  const errorCount = document.diagnostics.filter((d) => d.severity === "error").length;
  return {
    document,
    hash: contentHashNode(source),
    errorCount,
    warningCount: document.diagnostics.length - errorCount,
  };
}
