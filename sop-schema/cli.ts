// `stepwise lint` and `stepwise parse` (node-only). cli/main.ts wires these to the command line.
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseSop } from "./parse";
import { formatDiagnostic, hasErrors } from "./diagnostics";
import type { Diagnostic, ParseOptions } from "./types";

export type CliIO = { stdout(s: string): void; stderr(s: string): void; cwd: string };
export type CliOptions = { validateFlow?: ParseOptions["validateFlow"] };

export const LINT_USAGE = `Usage: stepwise lint [--json] <file-or-dir>...

Checks SOP files (.mdx) and prints one line per problem:
  path:line:col: error|warning: message (hint)
Directories are searched recursively for *.mdx files.

Options:
  --json   print [{ "file": …, "diagnostics": [ … ] }] instead
  --help   show this help

Exit status: 0 no errors (warnings are fine), 1 some file has errors, 2 usage error.`;

export const PARSE_USAGE = `Usage: stepwise parse <file>

Parses one SOP file and prints the parsed document as JSON.
Problems are printed on stderr as path:line:col: error|warning: message.

Exit status: 0 parsed without errors, 1 the file has errors, 2 usage error.`;

type Args = { flags: Set<string>; paths: string[]; unknown: string[] };

function splitArgs(args: readonly string[], known: readonly string[]): Args {
  const out: Args = { flags: new Set(), paths: [], unknown: [] };
  let onlyPaths = false;
  for (const a of args) {
    if (onlyPaths || a === "-" || !a.startsWith("-")) out.paths.push(a);
    else if (a === "--") onlyPaths = true;
    else if (known.includes(a)) out.flags.add(a === "-h" ? "--help" : a);
    else out.unknown.push(a);
  }
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

async function collectFiles(arg: string, io: CliIO): Promise<{ display: string; abs: string }[] | string> {
  const abs = path.resolve(io.cwd, arg);
  let info;
  try {
    info = await stat(abs);
  } catch {
    return `no such file or directory: ${arg}`;
  }
  if (!info.isDirectory()) return [{ display: arg, abs }];
  const found: { display: string; abs: string }[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && e.name.toLowerCase().endsWith(".mdx"))
        found.push({ display: path.join(arg, path.relative(abs, full)), abs: full });
    }
  };
  await walk(abs);
  return found;
}

/** `stepwise lint [--json] <file-or-dir>...` */
export async function runLint(args: string[], io: CliIO, options: CliOptions = {}): Promise<number> {
  const { flags, paths, unknown } = splitArgs(args, ["--json", "--help", "-h"]);
  if (flags.has("--help")) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  if (unknown.length) {
    io.stderr(`stepwise lint: unknown option ${unknown[0]}\n\n${LINT_USAGE}`);
    return 2;
  }
  if (paths.length === 0) {
    io.stderr(`stepwise lint: give at least one file or directory\n\n${LINT_USAGE}`);
    return 2;
  }
  const files: { display: string; abs: string }[] = [];
  for (const p of paths) {
    const found = await collectFiles(p, io);
    if (typeof found === "string") {
      io.stderr(`stepwise lint: ${found}`);
      return 2;
    }
    if (found.length === 0) {
      io.stderr(`stepwise lint: no .mdx files in ${p}`);
      return 2;
    }
    files.push(...found);
  }

  const results: { file: string; diagnostics: Diagnostic[] }[] = [];
  for (const f of files) {
    let source: string;
    try {
      source = await readFile(f.abs, "utf8");
    } catch (e) {
      io.stderr(`stepwise lint: cannot read ${f.display}: ${String((e as Error)?.message ?? e)}`);
      return 2;
    }
    const doc = parseSop(source, { filename: f.display, validateFlow: options.validateFlow });
    results.push({ file: f.display, diagnostics: doc.diagnostics });
  }

  const failed = results.some((r) => hasErrors(r.diagnostics));
  if (flags.has("--json")) {
    io.stdout(JSON.stringify(results, null, 2));
    return failed ? 1 : 0;
  }
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      io.stdout(formatDiagnostic(d, r.file));
      if (d.severity === "error") errors++;
      else warnings++;
    }
  }
  const checked = plural(results.length, "file");
  io.stdout(
    errors + warnings === 0
      ? `✓ ${checked} checked, no problems`
      : `${checked} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}`,
  );
  return failed ? 1 : 0;
}

/** `stepwise parse <file>` */
export async function runParse(args: string[], io: CliIO, options: CliOptions = {}): Promise<number> {
  const { flags, paths, unknown } = splitArgs(args, ["--help", "-h"]);
  if (flags.has("--help")) {
    io.stdout(PARSE_USAGE);
    return 0;
  }
  if (unknown.length) {
    io.stderr(`stepwise parse: unknown option ${unknown[0]}\n\n${PARSE_USAGE}`);
    return 2;
  }
  if (paths.length !== 1) {
    io.stderr(`stepwise parse: give exactly one file\n\n${PARSE_USAGE}`);
    return 2;
  }
  const file = paths[0];
  const abs = path.resolve(io.cwd, file);
  let source: string;
  try {
    const info = await stat(abs);
    if (info.isDirectory()) {
      io.stderr(`stepwise parse: ${file} is a directory; give one .mdx file`);
      return 2;
    }
    source = await readFile(abs, "utf8");
  } catch {
    io.stderr(`stepwise parse: no such file: ${file}`);
    return 2;
  }
  const doc = parseSop(source, { filename: file, validateFlow: options.validateFlow });
  io.stdout(JSON.stringify(doc, null, 2));
  for (const d of doc.diagnostics) io.stderr(formatDiagnostic(d, file));
  return hasErrors(doc.diagnostics) ? 1 : 0;
}
