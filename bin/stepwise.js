#!/usr/bin/env node
// `npx stepwise …`: the CLI runs the TypeScript sources directly through tsx (no build step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s + "\n"),
  stderr: (s) => process.stderr.write(s + "\n"),
  cwd: process.cwd(),
});
