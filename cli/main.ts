import type { CliIo, Command } from "./io";
import { createUserCommand } from "./create-user";
import { integrationCommand } from "./integration";
import { LINT_USAGE, PARSE_USAGE, runLint, runParse } from "../sop-schema/cli";
import { FLOW_USAGE, runFlowCommand } from "../flows/cli";
import { validateFlow } from "../flows/validate";

const COMMANDS: Command[] = [
  {
    name: "lint",
    summary: "check SOP files (.mdx, or folders of them) and print path:line:col diagnostics",
    usage: LINT_USAGE,
    run: (args, io) => runLint(args, io, { validateFlow }),
  },
  {
    name: "parse",
    summary: "print an SOP file's parsed document as JSON",
    usage: PARSE_USAGE,
    run: (args, io) => runParse(args, io, { validateFlow }),
  },
  {
    name: "flow",
    summary: "convert decision flows: from-mermaid, to-mermaid",
    usage: FLOW_USAGE,
    run: (args, io) => runFlowCommand(args, io),
  },
  createUserCommand,
  integrationCommand,
  // Loaded on use: they open the database and pull in the app's import/export code.
  {
    name: "import",
    summary: "import .mdx, Markdown or .zip files (or folders of them) as drafts",
    usage: "stepwise import <files-or-dirs…> [--department NAME]",
    run: async (args, io) => await (await import("./import-export")).importCommand.run(args, io),
  },
  {
    name: "export",
    summary: "write the published library to a folder as <department>/<sop>.mdx",
    usage: "stepwise export <dir>",
    run: async (args, io) => await (await import("./import-export")).exportCommand.run(args, io),
  },
  {
    name: "db",
    summary: "database tools: copy an SQLite installation to PostgreSQL",
    usage: "stepwise db copy --to postgres://… [--from data/stepwise.db]",
    run: async (args, io) => (await import("./db")).dbCommand.run(args, io),
  },
];

function help(io: CliIo): void {
  io.stdout("Stepwise: standard operating procedures for customer-service teams.\n");
  io.stdout("usage: stepwise <command> [options]\n");
  io.stdout("commands:");
  for (const c of COMMANDS) io.stdout(`  ${c.name.padEnd(14)} ${c.summary}`);
  io.stdout(
    "\nRun `stepwise <command> --help` for a command's options. " +
      "DATABASE_URL selects the database (default data/stepwise.db).",
  );
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`stepwise: unknown command “${name}”. Run \`stepwise --help\` for the list.`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.usage.startsWith("Usage:") ? command.usage : `usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  return await command.run(rest, io);
}
