// `stepwise import` and `stepwise export`: the library as files, against the configured database.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getDb, type Db } from "../db/client.server";
import { slugify } from "../sop-schema/slug";
import { importFiles, publishedLibrarySources, type ImportFile } from "../app/import-export.server";
import type { CliIo, Command } from "./io";

const IMPORTABLE = /\.(mdx|md|markdown|zip)$/i;

function collect(target: string, out: string[]): void {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(target).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      collect(path.join(target, name), out);
    }
  } else if (IMPORTABLE.test(target)) out.push(target);
}

export const importCommand: Command = {
  name: "import",
  summary: "import .mdx, Markdown or .zip files (or folders of them) as drafts",
  usage:
    "stepwise import <files-or-dirs…> [--department NAME]\n\n" +
    "Every file becomes a draft (nothing is published). Markdown (also " +
    "Hugo, MkDocs, Docusaurus pages) is converted: first heading → title, " +
    "numbered lists of actions (else sections) → steps, ```mermaid → flows, " +
    "admonitions → tips/warnings, <details> → templates, a glossary → terms; " +
    "links between the files imported together become links between their " +
    "SOPs. --department puts every Markdown page in that department, " +
    "whatever its front matter says. A page never becomes a new version of an " +
    "SOP with another title: it gets a new id (shown as `→ id (not …)`).\n" +
    "Exit 0 when every file was imported or unchanged, 1 when any was not, 2 on bad usage.",
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { department: { type: "string" } }, allowPositionals: true, strict: true });
    } catch (e) {
      io.stderr(`stepwise import: ${(e as Error).message}\nusage: ${this.usage.split("\n")[0]}`);
      return 2;
    }
    if (parsed.positionals.length === 0) {
      io.stderr(`stepwise import: name at least one file or folder.\nusage: ${this.usage.split("\n")[0]}`);
      return 2;
    }
    const paths: string[] = [];
    for (const p of parsed.positionals) {
      const abs = path.resolve(io.cwd, p);
      if (!fs.existsSync(abs)) {
        io.stderr(`stepwise import: ${p}: no such file or folder`);
        return 2;
      }
      collect(abs, paths);
    }
    if (paths.length === 0) {
      io.stderr("stepwise import: no .mdx, .md or .zip files found.");
      return 1;
    }
    const files: ImportFile[] = paths.map((p) => ({
      name: path.relative(io.cwd, p) || path.basename(p),
      data: new Uint8Array(fs.readFileSync(p)),
    }));
    const report = await importFiles(getDb(), null, files, { department: parsed.values.department });
    for (const r of report) {
      const tag = r.status === "imported" ? "imported " : r.status === "unchanged" ? "unchanged" : "FAILED   ";
      const id = r.sopId
        ? ` → ${r.sopId}${r.idChange ? ` (not ${r.idChange.wanted})` : ""}${r.version ? ` (draft v${r.version})` : ""}`
        : "";
      io.stdout(`${tag} ${r.file}${id}: ${r.summary}`);
      for (const m of r.messages) {
        const where = m.in === "draft" ? `${r.file} (draft)` : r.file;
        (m.severity === "error" ? io.stderr : io.stdout)(
          `  ${where}:${m.line}:${m.column}: ${m.severity}: ${m.message}`,
        );
      }
    }
    const failed = report.filter((r) => r.status === "failed").length;
    io.stdout(
      `\n${report.length - failed} of ${report.length} file(s) imported ` +
        `or unchanged${failed ? `, ${failed} not imported` : ""}.`,
    );
    return failed ? 1 : 0;
  },
};

/** Writes every published, non-archived SOP to dir/<department>/<id>.mdx; returns the files written. */
export function exportLibraryToDir(db: Db, dir: string): string[] {
  const rows = publishedLibrarySources(db);
  const written: string[] = [];
  for (const r of rows) {
    const folder = path.join(dir, slugify(r.department) || "department");
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${r.id}.mdx`);
    fs.writeFileSync(file, r.source);
    written.push(file);
  }
  return written;
}

export const exportCommand: Command = {
  name: "export",
  summary: "write the published library to a folder as <department>/<sop>.mdx",
  usage:
    "stepwise export <dir>\n\nWrites each published SOP's source " +
    "exactly as stored; `stepwise import <dir>` reads it back.",
  async run(args: string[], io: CliIo) {
    const positional = args.filter((a) => !a.startsWith("-"));
    if (positional.length !== 1 || args.length !== 1) {
      io.stderr(`stepwise export: name one folder to write to.\nusage: ${this.usage.split("\n")[0]}`);
      return 2;
    }
    const dir = path.resolve(io.cwd, positional[0]!);
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      io.stderr(`stepwise export: ${positional[0]} exists and is not a folder.`);
      return 2;
    }
    const written = exportLibraryToDir(getDb(), dir);
    for (const f of written) io.stdout(path.relative(io.cwd, f));
    io.stdout(`\n${written.length} SOP(s) exported to ${path.relative(io.cwd, dir) || "."}.`);
    return 0;
  },
};
