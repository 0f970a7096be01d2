// Import and export of SOP sources (docs-as-code, no lock-in): one .mdx, a .zip of department/slug.mdx,
// or plain Markdown converted on the way in. Used by the editor's import page and by the CLI.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { departments, sops, sopVersions } from "../db/schema";
import { findDepartmentByName } from "../db/sops.server";
import { createSopDraft, getOpenVersion, getSopRow, importDraftForSop, LifecycleError } from "../db/versions.server";
import { exportBundle } from "../authoring/bundle";
import {
  assignIds,
  candidateId,
  frontMatterId,
  resolveBatchLinks,
  setFrontMatterId,
  type BatchFile,
  type ExistingSop,
  type IdDecision,
} from "../authoring/import-batch";
import type { ImportLink } from "../authoring/markdown-import";
import { inScope, type Actor } from "./auth/policy";
import { compileForSaveAsync, type CompiledForSave } from "./authoring.server";
import { CompileJobError, markdownToSopAsync, readBundleAsync } from "./compile-pool.server";

export type ImportFile = { name: string; data: Uint8Array };

export type ImportMessage = {
  line: number;
  column: number;
  severity: "error" | "warning";
  message: string;
  /** "draft": the line is in the SOP source the Markdown became (the checker's findings), not in the file */
  in?: "draft";
};

export type ImportReportRow = {
  /** the file (or zip entry) this row is about */
  file: string;
  status: "imported" | "unchanged" | "failed";
  sopId?: string;
  title?: string;
  version?: number;
  /** the file asked for another SOP id (its name, title or `id:`) and got `sopId` instead: why */
  idChange?: { wanted: string; reason: "batch" | "title"; message: string };
  /** what stopped it, or what the author should finish (placeholders from a Markdown import) */
  messages: ImportMessage[];
  summary: string;
};

export const MAX_IMPORT_FILE_BYTES = 1024 * 1024;
export const MAX_IMPORT_FILES = 500;

function decode(name: string, data: Uint8Array): string | { error: string } {
  if (data.byteLength > MAX_IMPORT_FILE_BYTES)
    return { error: `is ${(data.byteLength / 1024).toFixed(0)} KB; an SOP file may be at most 1 MB` };
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data).replace(/^\uFEFF/, "");
  } catch {
    return { error: "is not UTF-8 text" };
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

type Source = { file: string; text: string; markdown: boolean };

/** One file after its first pass: converted (Markdown) or compiled (.mdx), with what the batch needs to know. */
type Prepared = Source & {
  /** the SOP source (the Markdown converted; the .mdx as written) */
  source: string;
  title: string;
  explicitId?: string;
  links: ImportLink[];
  messages: ImportMessage[];
  /** the .mdx compiled as written (reused when its id does not change), and the id it was compiled with */
  compiled?: CompiledForSave;
  compiledAs?: string;
};

/**
 * Imports every file as a draft: .mdx as written, .md converted (markdownToSop), .zip expanded. A file
 * with errors is not imported; its report row carries the diagnostics with line and column.
 * Expanding, converting and parsing run in the compile worker pool (app/compile-pool.server.ts), one file per
 * job, so a large or hostile import never blocks other requests; a file that takes too long fails on its own.
 *
 * The batch is handled as a whole (authoring/import-batch.ts): every file's SOP id is decided knowing the other
 * files and the library (a page never silently becomes a new version of an SOP with another title; two files
 * never share an id), then links between the pages of the import become links to their SOPs.
 *
 * `options.actor`: the signed-in person importing (the web import); a lead may only import into their own
 * department's SOPs (app/auth/policy.ts). The CLI, run by an operator on the server, passes none.
 * `options.department`: the department for Markdown pages, over anything the page says.
 */
export async function importFiles(
  db: Db,
  actorId: string | null,
  files: ImportFile[],
  options: ImportOptions = {},
): Promise<ImportReportRow[]> {
  const report: ImportReportRow[] = [];
  const sources: Source[] = [];
  for (const f of files.slice(0, MAX_IMPORT_FILES)) {
    const lower = f.name.toLowerCase();
    if (lower.endsWith(".zip")) {
      let bundle;
      try {
        bundle = await readBundleAsync(f.data, f.name);
      } catch (error) {
        if (!(error instanceof CompileJobError)) throw error;
        report.push({
          file: f.name,
          status: "failed",
          messages: [],
          summary: `${error.message}: nothing in it was imported.`,
        });
        continue;
      }
      for (const e of bundle.errors)
        report.push({ file: `${f.name}/${e.path}`, status: "failed", messages: [], summary: e.message });
      for (const entry of bundle.files)
        sources.push({
          file: `${f.name}/${entry.path}`,
          text: entry.source,
          markdown: !entry.path.toLowerCase().endsWith(".mdx"),
        });
    } else if (lower.endsWith(".mdx") || lower.endsWith(".md") || lower.endsWith(".markdown")) {
      const text = decode(f.name, f.data);
      if (typeof text !== "string")
        report.push({ file: f.name, status: "failed", messages: [], summary: `${f.name} ${text.error}.` });
      else sources.push({ file: f.name, text, markdown: !lower.endsWith(".mdx") });
    } else {
      report.push({
        file: f.name,
        status: "failed",
        messages: [],
        summary: "Not an SOP file: import .mdx, .md or .zip files.",
      });
    }
  }
  if (files.length > MAX_IMPORT_FILES)
    report.push({
      file: `(${files.length - MAX_IMPORT_FILES} more)`,
      status: "failed",
      messages: [],
      summary: `At most ${MAX_IMPORT_FILES} files per import.`,
    });

  // 1. Convert / compile each file as written.
  const prepared: Prepared[] = [];
  for (const s of sources) {
    const p = await prepare(s, options);
    if ("row" in p) report.push(p.row);
    else prepared.push(p);
  }
  // 2. The ids, knowing the whole batch and the library.
  const decisions = assignIds(
    prepared.map((p) => ({ file: p.file, title: p.title, explicitId: p.explicitId, authoritative: !p.markdown })),
    (id) => existingSop(db, id),
  );
  const batch = prepared.map((p, i) => ({ file: p.file, id: decisions[i].id }));
  // 3. Links between the pages of the import, then the write.
  for (const [i, p] of prepared.entries()) report.push(await importOne(db, actorId, p, decisions[i], batch, options));
  return report;
}

type ImportOptions = { department?: string; actor?: Actor };

const outOfScope = (actor: Actor | undefined, departmentId: number, name: string) =>
  actor && !inScope(actor, departmentId)
    ? `You can only import SOPs of your own department; this one belongs to ${name}.`
    : null;

const warningsOf = (warnings: { line: number; column: number; message: string }[]): ImportMessage[] =>
  warnings.map((w) => ({ line: w.line, column: w.column, severity: "warning", message: w.message }));

const tooBig = (s: Source, error: CompileJobError): { row: ImportReportRow } => ({
  row: {
    file: s.file,
    status: "failed",
    messages: [],
    summary: `${error.message}: it was not imported. Split it into smaller SOPs, or simplify its nesting.`,
  },
});

async function prepare(s: Source, options: ImportOptions): Promise<Prepared | { row: ImportReportRow }> {
  const filename = baseName(s.file);
  try {
    if (s.markdown) {
      const converted = await markdownToSopAsync(s.text, { filename, department: options.department });
      return {
        ...s,
        source: converted.source,
        title: converted.title,
        explicitId: converted.id,
        links: converted.links,
        messages: warningsOf(converted.warnings),
      };
    }
    const explicitId = frontMatterId(s.text);
    const compiledAs = explicitId ?? candidateId(s.file, undefined, "");
    const compiled = await compileForSaveAsync(s.text, compiledAs, "bulk");
    return { ...s, source: s.text, title: compiled.title, explicitId, links: [], messages: [], compiled, compiledAs };
  } catch (error) {
    if (!(error instanceof CompileJobError)) throw error;
    return tooBig(s, error);
  }
}

/**
 * The titles an SOP is known by: its row's and its two latest versions' (its open draft and its published one). One
 * query.
 */
function existingSop(db: Db, id: string): ExistingSop | undefined {
  const rows = db
    .select({
      title: sops.title,
      versionTitle: sql<string | null>`json_extract(${sopVersions.document}, '$.meta.title')`,
    })
    .from(sops)
    .leftJoin(sopVersions, eq(sopVersions.sopId, sops.id))
    .where(eq(sops.id, id))
    .orderBy(desc(sopVersions.version))
    .limit(2)
    .all();
  if (rows.length === 0) return undefined;
  const titles = [rows[0].title];
  for (const { versionTitle: t } of rows) if (t && !titles.includes(t)) titles.push(t);
  return { titles };
}

async function importOne(
  db: Db,
  actorId: string | null,
  p: Prepared,
  decision: IdDecision,
  batch: BatchFile[],
  options: ImportOptions,
): Promise<ImportReportRow> {
  const filename = baseName(p.file);
  const sopId = decision.id;
  let source = p.source;
  let messages = p.messages.slice();
  let compiled = p.compiled;
  try {
    if (p.markdown && p.links.length) {
      // Again, now that the batch's ids are known: links to pages of this import become links to their SOPs.
      const resolveLinks = resolveBatchLinks(
        p.file,
        p.links.map((l) => l.target),
        batch,
      );
      if (Object.keys(resolveLinks).length) {
        const converted = await markdownToSopAsync(p.text, { filename, department: options.department, resolveLinks });
        source = converted.source;
        messages = warningsOf(converted.warnings);
      }
    }
    // The id goes into the source when the one it holds (its `id:`; an .mdx without one: its name's) is another.
    if (sopId !== (p.markdown ? p.explicitId : p.compiledAs)) source = setFrontMatterId(source, sopId);
    if (!compiled || source !== p.source) compiled = await compileForSaveAsync(source, sopId, "bulk");
  } catch (error) {
    if (!(error instanceof CompileJobError)) throw error;
    return tooBig(p, error).row;
  }
  // Everything below is synchronous: the checks and the write see one state of the database.
  if (decision.change) messages.unshift({ line: 1, column: 1, severity: "warning", message: decision.change.message });
  for (const d of compiled.diagnostics)
    messages.push({
      line: d.line,
      column: d.column,
      severity: d.severity,
      message: d.message,
      ...(p.markdown ? { in: "draft" as const } : {}),
    });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  const base = {
    file: p.file,
    sopId,
    title: compiled.title,
    ...(decision.change
      ? { idChange: { wanted: decision.wanted, reason: decision.change.reason, message: decision.change.message } }
      : {}),
  };
  const renamed = decision.change
    ? ` as “${sopId}” (not “${decision.wanted}”: ` +
      (decision.change.reason === "batch" ? "another file of this import has that id" : "that SOP has another title") +
      ")"
    : "";
  if (errors.length)
    return { ...base, status: "failed", messages, summary: `${errors.length} error(s): fix them and import again.` };
  try {
    const existing = await getSopRow(db, sopId);
    if (existing) {
      const open = getOpenVersion(db, sopId);
      const published = existing.publishedVersionId
        ? db
            .select({ source: sopVersions.source })
            .from(sopVersions)
            .where(eq(sopVersions.id, existing.publishedVersionId))
            .get()
        : undefined;
      const refused = outOfScope(options.actor, existing.departmentId, existing.departmentName);
      if (refused) return { ...base, status: "failed", messages, summary: refused };
      if ((open ?? published)?.source === source)
        return {
          ...base,
          status: "unchanged",
          messages,
          summary:
            `Identical to ${open ? `the open draft v${open.version}` : "the published version"}: ` +
            `nothing to import.`,
        };
      const { version } = await importDraftForSop(db, { sopId, compiled, actorId });
      return {
        ...base,
        status: "imported",
        version,
        messages,
        summary: `Imported as draft v${version} of the existing SOP “${existing.title}”.`,
      };
    }
    const department = await findDepartmentByName(db, compiled.document.meta.department);
    if (!department) {
      const known = db
        .select({ name: departments.name })
        .from(departments)
        .orderBy(asc(departments.name))
        .all()
        .map((d) => d.name);
      return {
        ...base,
        status: "failed",
        messages,
        summary:
          compiled.document.meta.department === "Unassigned" && !options.department
            ? `This page names no department: choose one under “Department for Markdown files” ` +
              `(known: ${known.join(", ")}), or add \`department:\` to its front matter.`
            : `The department “${compiled.document.meta.department}” does not exist ` +
              `(known: ${known.join(", ")}). Create it or change the front matter.`,
      };
    }
    const refused = outOfScope(options.actor, department.id, department.name);
    if (refused) return { ...base, status: "failed", messages, summary: refused };
    await createSopDraft(db, {
      sopId,
      departmentId: department.id,
      compiled,
      actorId,
      summary: `Imported the draft SOP “${compiled.title}” from ${filename}`,
    });
    return { ...base, status: "imported", version: 1, messages, summary: `Imported as a new draft (v1)${renamed}.` };
  } catch (error) {
    if (error instanceof LifecycleError) return { ...base, status: "failed", messages, summary: error.message };
    throw error;
  }
}

/** The source of one version (the published one by default) for download. */
export async function exportSopSource(
  db: Db,
  sopId: string,
  versionNumber?: number,
): Promise<{ filename: string; source: string } | null> {
  const sop = await getSopRow(db, sopId);
  if (!sop) return null;
  const row = versionNumber
    ? db
        .select({ source: sopVersions.source, version: sopVersions.version })
        .from(sopVersions)
        .where(and(eq(sopVersions.sopId, sopId), eq(sopVersions.version, versionNumber)))
        .get()
    : sop.publishedVersionId
      ? db
          .select({ source: sopVersions.source, version: sopVersions.version })
          .from(sopVersions)
          .where(eq(sopVersions.id, sop.publishedVersionId))
          .get()
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
  return {
    bytes: exportBundle(rows.map((r) => ({ department: r.department, slug: r.id, source: r.source }))),
    count: rows.length,
  };
}
