// `stepwise flow from-mermaid` and `stepwise flow to-mermaid` (node-only). cli/main.ts wires this in.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseSop } from "../sop-schema/parse";
import { formatDiagnostic, hasErrors } from "../sop-schema/diagnostics";
import { slugify } from "../sop-schema/slug";
import { graphOf } from "./model";
import { flowToMermaid, mermaidToFlow } from "./mermaid";
import { serializeFlow } from "./serialize";
import { validateFlow } from "./validate";

export type FlowCliIO = { stdout(s: string): void; stderr(s: string): void; cwd: string };

export const FLOW_USAGE = `Usage: stepwise flow <subcommand> [options]

Subcommands:
  from-mermaid <file> [--mdx] [--id ID] [--title T]
      Converts a Mermaid flowchart (flowchart/graph) to a decision flow an agent can walk: a start is
      added, boxes nothing follows become end nodes, boxes that branch become questions, unlabelled
      answers take the label of the box they lead to (each change is a warning).
      Prints JSON { "id", "title", "nodes": [{ "id", "type", "label", … }], "edges": [{ "from", "to", "label" }] }
      keeping Mermaid's node ids (and "groups" for subgraphs); --mdx prints the <Flow> block instead.
      --id sets the flow id (default: from the file name), --title its title (default: the chart's title).
      Use - as the file to read standard input.
  to-mermaid <file.mdx> [--flow ID]
      Prints each flow of the SOP as a Mermaid flowchart, or only the flow with that id.

Problems are printed on stderr as file:line:col: error|warning: message (hint).

Exit status:
  from-mermaid  0 the flow is runnable (warnings are fine); 1 the flow is printed but still has errors
                (e.g. a part of the chart nothing connects to: fix it in the editor), or the text is not a
                flowchart with nodes (nothing is printed); 2 usage error.
  to-mermaid    0 done; 1 the SOP has errors or no such flow; 2 usage error.`;

type Parsed = { positional: string[]; flags: Set<string>; values: Map<string, string>; problem?: string };

function parseArgs(args: readonly string[], booleans: readonly string[], valued: readonly string[]): Parsed {
  const out: Parsed = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-" || !a.startsWith("-")) out.positional.push(a);
    else if (booleans.includes(a)) out.flags.add(a);
    else {
      const eq = a.indexOf("=");
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (!valued.includes(name)) {
        out.problem ??= `unknown option ${a}`;
        continue;
      }
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--"))) out.problem ??= `${name} needs a value`;
      else out.values.set(name, value);
    }
  }
  return out;
}

async function readInput(file: string, io: FlowCliIO): Promise<string | null> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  const abs = path.resolve(io.cwd, file);
  try {
    if ((await stat(abs)).isDirectory()) return null;
    return await readFile(abs, "utf8");
  } catch {
    return null;
  }
}

/** `stepwise flow …` — returns the exit status. */
export async function runFlowCommand(args: string[], io: FlowCliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === "--help" || sub === "-h" || sub === "help") {
    (sub ? io.stdout : io.stderr)(FLOW_USAGE);
    return sub ? 0 : 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(FLOW_USAGE);
    return 0;
  }
  if (sub === "from-mermaid") return fromMermaid(rest, io);
  if (sub === "to-mermaid") return toMermaid(rest, io);
  io.stderr(`stepwise flow: unknown subcommand “${sub}”\n\n${FLOW_USAGE}`);
  return 2;
}

async function fromMermaid(args: string[], io: FlowCliIO): Promise<number> {
  const a = parseArgs(args, ["--mdx"], ["--id", "--title"]);
  if (a.problem || a.positional.length !== 1) {
    io.stderr(`stepwise flow from-mermaid: ${a.problem ?? "give exactly one Mermaid file"}\n\n${FLOW_USAGE}`);
    return 2;
  }
  const file = a.positional[0];
  const text = await readInput(file, io);
  if (text === null) {
    io.stderr(`stepwise flow from-mermaid: no such file: ${file}`);
    return 2;
  }
  const idOption = a.values.get("--id");
  if (idOption !== undefined && slugify(idOption) === "") {
    io.stderr(`stepwise flow from-mermaid: --id "${idOption}" has no letters or digits`);
    return 2;
  }
  const fromName = file === "-" ? undefined : slugify(path.basename(file).replace(/\.[^.]+$/, "")) || undefined;
  const result = mermaidToFlow(text, { id: idOption ?? fromName, title: a.values.get("--title") });
  const shown = file === "-" ? "<stdin>" : file;
  for (const d of result.diagnostics) io.stderr(formatDiagnostic(d, shown));
  // Not a flowchart, or no nodes: nothing to print.
  if (result.flow.nodes.length === 0) return 1;
  const graph = graphOf(result.flow);
  if (a.flags.has("--mdx")) io.stdout(serializeFlow(graph));
  else {
    const json: Record<string, unknown> = { ...graph };
    if (result.groups.length) json.groups = result.groups;
    io.stdout(JSON.stringify(json, null, 2));
  }
  return hasErrors(result.diagnostics) ? 1 : 0;
}

async function toMermaid(args: string[], io: FlowCliIO): Promise<number> {
  const a = parseArgs(args, [], ["--flow"]);
  if (a.problem || a.positional.length !== 1) {
    io.stderr(`stepwise flow to-mermaid: ${a.problem ?? "give exactly one SOP file (.mdx)"}\n\n${FLOW_USAGE}`);
    return 2;
  }
  const file = a.positional[0];
  const source = await readInput(file, io);
  if (source === null) {
    io.stderr(`stepwise flow to-mermaid: no such file: ${file}`);
    return 2;
  }
  const doc = parseSop(source, { filename: file, validateFlow });
  const shown = file === "-" ? "<stdin>" : file;
  for (const d of doc.diagnostics) io.stderr(formatDiagnostic(d, shown));
  const wanted = a.values.get("--flow");
  const flows = wanted === undefined ? doc.flows : doc.flows.filter((f) => f.id === wanted);
  if (flows.length === 0) {
    io.stderr(
      wanted === undefined
        ? `stepwise flow to-mermaid: ${shown} has no <Flow>`
        : `stepwise flow to-mermaid: ${shown} has ` +
            `no flow "${wanted}"${doc.flows.length ? ` (its flows: ${doc.flows.map((f) => f.id).join(", ")})` : ""}`,
    );
    return 1;
  }
  io.stdout(flows.map((f) => flowToMermaid(f)).join("\n"));
  return hasErrors(doc.diagnostics) ? 1 : 0;
}
