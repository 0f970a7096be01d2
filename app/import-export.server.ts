// Import and export of SOP sources (docs-as-code, no lock-in): one .mdx, a .zip of department/slug.mdx,
// or plain Markdown converted on the way in. Used by the editor's import page and by the CLI.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { departments, sops, sopVersions } from "../db/schema";
import { findDepartmentByName } from "../db/sops.server";
import { createSopDraft, getOpenVersion, getSopRow, importDraftForSop, LifecycleError } from "../db/versions.server";
import { exportBundle } from "../authoring/bundle";
import { inScope, type Actor } from "./auth/policy";
import { compileForSaveAsync } from "./authoring.server";
import { CompileJobError, markdownToSopAsync, readBundleAsync } from "./compile-pool.server";

export type ImportFile = { name: string; data: Uint8Array };

export type ImportMessage = { line: number; column: number; severity: "error" | "warning"; message: string };

export type ImportReportRow = {
  /** the file (or zip entry) this row is about */
  file: string;
  status: "imported" | "unchanged" | "failed";
  sopId?: string;
  title?: string;
  version?: number;
  /** what stopped it, or what the author should finish (placeholders from a Markdown import) */
  messages: ImportMessage[];
  summary: string;
};

export const MAX_IMPORT_FILE_BYTES = 1024 * 1024;
export const MAX_IMPORT_FILES = 500;

function decode(name: string, data: Uint8Array): string | { error: string } {
  if (data.byteLength > MAX_IMPORT_FILE_BYTES) return { error: `is ${(data.byteLength / 1024).toFixed(0)} KB; an SOP file may be at most 1 MB` };
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data).replace(/^\uFEFF/, "");
  } catch {
    return { error: "is not UTF-8 text" };
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Imports every file as a draft: .mdx as written, .md converted (markdownToSop), .zip expanded. A file
 * with errors is not imported; its report row carries the diagnostics with line and column.
 * Expanding, converting and parsing run in the compile worker pool (app/compile-pool.server.ts), one file per
 * job, so a large or hostile import never blocks other requests; a file that takes too long fails on its own.
 */
/**
 * `options.actor`: the signed-in person importing (the web import); a lead may only import into their own
 * department's SOPs (app/auth/policy.ts). The CLI, run by an operator on the server, passes none.
 */
export async function importFiles(db: Db, actorId: string | null, files: ImportFile[], options: ImportOptions = {}): Promise<ImportReportRow[]> {
  const report: ImportReportRow[] = [];
  const sources: { file: string; text: string; markdown: boolean }[] = [];
  for (const f of files.slice(0, MAX_IMPORT_FILES)) {
    const lower = f.name.toLowerCase();
    if (lower.endsWith(".zip")) {
      let bundle;
      try {
        bundle = await readBundleAsync(f.data, f.name);
      } catch (error) {
        if (!(error instanceof CompileJobError)) throw error;
        report.push({ file: f.name, status: "failed", messages: [], summary: `${error.message}: nothing in it was imported.` });
        continue;
      }
      for (const e of bundle.errors) report.push({ file: `${f.name}/${e.path}`, status: "failed", messages: [], summary: e.message });
      for (const entry of bundle.files) sources.push({ file: `${f.name}/${entry.path}`, text: entry.source, markdown: entry.path.toLowerCase().endsWith(".md") });
    } else if (lower.endsWith(".mdx") || lower.endsWith(".md") || lower.endsWith(".markdown")) {
      const text = decode(f.name, f.data);
      if (typeof text !== "string") report.push({ file: f.name, status: "failed", messages: [], summary: `${f.name} ${text.error}.` });
      else sources.push({ file: f.name, text, markdown: !lower.endsWith(".mdx") });
    } else {
      report.push({ file: f.name, status: "failed", messages: [], summary: "Not an SOP file: import .mdx, .md or .zip files." });
    }
  }
  if (files.length > MAX_IMPORT_FILES) report.push({ file: `(${files.length - MAX_IMPORT_FILES} more)`, status: "failed", messages: [], summary: `At most ${MAX_IMPORT_FILES} files per import.` });
  for (const s of sources) report.push(await importOne(db, actorId, s, options));
  return report;
}

type ImportOptions = { department?: string; actor?: Actor };

const outOfScope = (actor: Actor | undefined, departmentId: number, name: string) =>
  actor && !inScope(actor, departmentId) ? `You can only import SOPs of your own department; this one belongs to ${name}.` : null;

async function importOne(db: Db, actorId: string | null, s: { file: string; text: string; markdown: boolean }, options: ImportOptions): Promise<ImportReportRow> {
  const filename = baseName(s.file);
  let source = s.text;
  const messages: ImportMessage[] = [];
  const stem = filename.replace(/\.(mdx|md|markdown)$/i, "");
  let compiled: Awaited<ReturnType<typeof compileForSaveAsync>>;
  try {
    if (s.markdown) {
      const converted = await markdownToSopAsync(s.text, { filename, department: options.department });
      source = converted.source;
      for (const w of converted.warnings) messages.push({ line: w.line, column: w.column, severity: "warning", message: w.message });
    }
    // The id comes from the front matter's `id` when it has one, else from the file name.
    compiled = await compileForSaveAsync(source, stem, "bulk");
  } catch (error) {
    if (!(error instanceof CompileJobError)) throw error;
    return { file: s.file, status: "failed", messages, summary: `${error.message}: it was not imported. Split it into smaller SOPs, or simplify its nesting.` };
  }
  // Everything below is synchronous: the checks and the write see one state of the database.
  const sopId = compiled.document.meta.id || stem;
  for (const d of compiled.diagnostics) messages.push({ line: d.line, column: d.column, severity: d.severity, message: d.message });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  const base = { file: s.file, sopId, title: compiled.title };
  if (errors.length) return { ...base, status: "failed", messages, summary: `${errors.length} error(s): fix them and import again.` };
  try {
    const existing = getSopRow(db, sopId);
    if (existing) {
      const open = getOpenVersion(db, sopId);
      const published = existing.publishedVersionId ? db.select({ source: sopVersions.source }).from(sopVersions).where(eq(sopVersions.id, existing.publishedVersionId)).get() : undefined;
      const refused = outOfScope(options.actor, existing.departmentId, existing.departmentName);
      if (refused) return { ...base, status: "failed", messages, summary: refused };
      if ((open ?? published)?.source === source) return { ...base, status: "unchanged", messages, summary: `Identical to ${open ? `the open draft v${open.version}` : "the published version"}: nothing to import.` };
      const { version } = importDraftForSop(db, { sopId, compiled, actorId });
      return { ...base, status: "imported", version, messages, summary: `Imported as draft v${version} of an existing SOP.` };
    }
    const department = findDepartmentByName(db, compiled.document.meta.department);
    if (!department) {
      const known = db.select({ name: departments.name }).from(departments).orderBy(asc(departments.name)).all().map((d) => d.name);
      return { ...base, status: "failed", messages, summary: `The department “${compiled.document.meta.department}” does not exist (known: ${known.join(", ")}). Create it or change the front matter.` };
    }
    const refused = outOfScope(options.actor, department.id, department.name);
    if (refused) return { ...base, status: "failed", messages, summary: refused };
    const { versionId } = createSopDraft(db, { sopId, departmentId: department.id, compiled, actorId, summary: `Imported the draft SOP “${compiled.title}” from ${filename}` });
    void versionId;
    return { ...base, status: "imported", version: 1, messages, summary: "Imported as a new draft (v1)." };
  } catch (error) {
    if (error instanceof LifecycleError) return { ...base, status: "failed", messages, summary: error.message };
    throw error;
  }
}

/** The source of one version (the published one by default) for download. */
export function exportSopSource(db: Db, sopId: string, versionNumber?: number): { filename: string; source: string } | null {
  const sop = getSopRow(db, sopId);
  if (!sop) return null;
  const row = versionNumber
    ? db.select({ source: sopVersions.source, version: sopVersions.version }).from(sopVersions).where(and(eq(sopVersions.sopId, sopId), eq(sopVersions.version, versionNumber))).get()
    : sop.publishedVersionId
      ? db.select({ source: sopVersions.source, version: sopVersions.version }).from(sopVersions).where(eq(sopVersions.id, sop.publishedVersionId)).get()
      : getOpenVersion(db, sopId);
  if (!row) return null;
  return { filename: `${sopId}.mdx`, source: row.source };
}

/** Every published, non-archived SOP's source with its department, in a stable order. */
export function publishedLibrarySources(db: Db): { id: string; department: string; source: string }[] {
  return db
    .select({ id: sops.id, department: departments.name, source: sopVersions.source })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(isNull(sops.archivedAt))
    .orderBy(asc(departments.name), asc(sops.id))
    .all();
}

/** Every published, non-archived SOP as a .zip of department/slug.mdx. */
export function exportLibraryZip(db: Db): { bytes: Uint8Array; count: number } {
  const rows = publishedLibrarySources(db);
  return { bytes: exportBundle(rows.map((r) => ({ department: r.department, slug: r.id, source: r.source }))), count: rows.length };
}
