import readline from "node:readline";

/** Reads a password: a hidden prompt on a terminal, else the first line of stdin (never argv). */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
  }
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput(s: string): void };
    let prompted = false;
    out._writeToOutput = (s: string) => {
      if (!prompted) {
        process.stderr.write(s);
        prompted = true;
      }
    };
    rl.question(prompt, (answer) => {
      process.stderr.write("\n");
      rl.close();
      resolve(answer);
    });
  });
}
