import { parseArgs, type ParseArgsConfig } from "node:util";

export type CliIo = {
  stdout(line: string): void;
  stderr(line: string): void;
  cwd: string;
  /** the password source for create-user; defaults to a hidden prompt on a terminal, else stdin */
  readSecret?(prompt: string): Promise<string>;
};

export type Command = {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
};

/**
 * A command's options (node:util parseArgs, strict): a wrong or unknown option is said on stderr with the
 * command's usage, and the caller returns exit code 2 when this gives null.
 */
export function parseOptions<const O extends Options>(
  io: CliIo,
  command: string,
  usage: string,
  args: string[],
  options: O,
): ParsedValues<O> | null {
  try {
    return parseArgs({ args, options, strict: true }).values as ParsedValues<O>;
  } catch (e) {
    io.stderr(`stepwise ${command}: ${(e as Error).message}\n${usage}`);
    return null;
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;
type ParsedValues<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true }>
>["values"];
