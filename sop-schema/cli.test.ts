import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLint, runParse } from "./cli";
import type { CliIO } from "./cli";

const GOOD = `---
title: Good
department: Customer Service
purpose: A valid SOP.
targets:
  handleTime: 6m
---

<Step title="Greet">
  <Say>Hello!</Say>
</Step>
`;
const WARN = GOOD.replace("purpose:", "departement: x\npurpose:");
const BAD = GOOD.replace("<Say>Hello!</Say>", "<Sya>Hello {1+1}</Sya>");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "stepwise-cli-"));
  mkdirSync(path.join(dir, "sops/billing"), { recursive: true });
  mkdirSync(path.join(dir, "clean"));
  mkdirSync(path.join(dir, "empty"));
  writeFileSync(path.join(dir, "sops/good.mdx"), GOOD);
  writeFileSync(path.join(dir, "sops/billing/bad.mdx"), BAD);
  writeFileSync(path.join(dir, "sops/billing/notes.txt"), "not an SOP {");
  writeFileSync(path.join(dir, "clean/a.mdx"), GOOD);
  writeFileSync(path.join(dir, "clean/warn.mdx"), WARN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: dir };
  return { io, out, err };
}

describe("stepwise lint", () => {
  it("walks directories for .mdx, prints one line per diagnostic and a summary, exits 1 on errors", async () => {
    const { io, out, err } = fakeIo();
    const code = await runLint(["sops"], io);
    expect(code).toBe(1);
    expect(err).toEqual([]);
    expect(out).toEqual([
      "sops/billing/bad.mdx:10:3: error: <Sya> is not an SOP component (did you mean <Say>?)",
      "2 files checked: 1 error, 0 warnings",
    ]);
  });

  it("exits 0 with warnings only, and says so when everything is clean", async () => {
    const a = fakeIo();
    expect(await runLint(["clean"], a.io)).toBe(0);
    expect(a.out).toEqual([
      "clean/warn.mdx:4:1: warning: Unknown front matter key `departement` is ignored (did you mean `department`?)",
      "2 files checked: 0 errors, 1 warning",
    ]);
    const b = fakeIo();
    expect(await runLint(["clean/a.mdx", "sops/good.mdx"], b.io)).toBe(0);
    expect(b.out).toEqual(["✓ 2 files checked, no problems"]);
  });

  it("--json prints the diagnostics per file with the same exit code", async () => {
    const { io, out } = fakeIo();
    expect(await runLint(["--json", "sops"], io)).toBe(1);
    const parsed = JSON.parse(out.join("\n")) as { file: string; diagnostics: { code: string; line: number }[] }[];
    expect(parsed.map((r) => [r.file, r.diagnostics.map((d) => d.code)])).toEqual([
      ["sops/billing/bad.mdx", ["unknown-component"]],
      ["sops/good.mdx", []],
    ]);
  });

  it("accepts absolute paths and prints them as given", async () => {
    const { io, out } = fakeIo();
    const abs = path.join(dir, "sops/billing/bad.mdx");
    expect(await runLint([abs], io)).toBe(1);
    expect(out[0].startsWith(`${abs}:10:3: error:`)).toBe(true);
  });

  it.each([
    [[], "give at least one file or directory"],
    [["--fix", "sops"], "unknown option --fix"],
    [["missing.mdx"], "no such file or directory: missing.mdx"],
    [["empty"], "no .mdx files in empty"],
  ])("usage error %j → exit 2", async (args, message) => {
    const { io, out, err } = fakeIo();
    expect(await runLint(args as string[], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join("\n")).toContain(message);
  });

  it("--help prints usage and exits 0", async () => {
    const { io, out } = fakeIo();
    expect(await runLint(["--help"], io)).toBe(0);
    expect(out.join("\n")).toContain("Usage: stepwise lint");
  });

  it("passes the flow validator through", async () => {
    const { io, out } = fakeIo();
    const withFlow = GOOD.replace("<Say>Hello!</Say>", '<Flow id="f"><Node id="s" type="start" label="S" /></Flow>');
    writeFileSync(path.join(dir, "flow.mdx"), withFlow);
    const code = await runLint(["flow.mdx"], io, {
      validateFlow: (flow) => [
        {
          severity: "warning",
          code: "flow-dead-end",
          message: `flow ${flow.id} has no end`,
          line: flow.position.line,
          column: 1,
        },
      ],
    });
    expect(code).toBe(0);
    expect(out[0]).toBe("flow.mdx:10:1: warning: flow f has no end");
  });
});

describe("stepwise parse", () => {
  it("prints the document as JSON and exits 0", async () => {
    const { io, out, err } = fakeIo();
    expect(await runParse(["sops/good.mdx"], io)).toBe(0);
    expect(err).toEqual([]);
    const doc = JSON.parse(out.join("\n"));
    expect(doc.meta).toMatchObject({ id: "good", title: "Good" });
    expect(out.join("\n")).toContain('\n  "formatVersion": 1');
  });

  it("prints the partial document, the diagnostics on stderr, and exits 1 on errors", async () => {
    const { io, out, err } = fakeIo();
    expect(await runParse(["sops/billing/bad.mdx"], io)).toBe(1);
    expect(JSON.parse(out.join("\n")).steps).toHaveLength(1);
    expect(err).toEqual(["sops/billing/bad.mdx:10:3: error: <Sya> is not an SOP component (did you mean <Say>?)"]);
  });

  it.each([[[]], [["a.mdx", "b.mdx"]], [["--verbose", "sops/good.mdx"]], [["nope.mdx"]], [["sops"]]])(
    "usage error %j → exit 2",
    async (args) => {
      const { io, out, err } = fakeIo();
      expect(await runParse(args as string[], io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.length).toBeGreaterThan(0);
    },
  );
});
