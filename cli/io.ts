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
