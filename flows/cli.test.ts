import { mkdtempSync, writeFileSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import { FLOW_USAGE, runFlowCommand } from "./cli";
import { graphOf } from "./model";
import { FRONT_MATTER } from "./test-helpers";
import { validateFlow } from "./validate";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "stepwise-flow-cli-"));
  writeFileSync(
    path.join(dir, "billing.mmd"),
    "flowchart TD\n  A([Card charge disputed]) --> B{Recognised?}\n  B " +
      "-->|Yes| C([Refund])\n  B -->|No| D([Fraud team])\n  style A fill:#f00\n",
  );
  writeFileSync(
    path.join(dir, "bad.mmd"),
    "flowchart TD\n  A([Start]) --> B{Verified?}\n  B -->|Yes| C[Proceed]\n  B -- No D\n",
  );
  writeFileSync(
    path.join(dir, "tree.mmd"),
    "flowchart TD\n  A[Customer calls] --> B{Verified?}\n  B -->|Yes| C[Proceed]\n  B -->|No| D[Ask for the PIN]\n",
  );
  writeFileSync(
    path.join(dir, "apart.mmd"),
    "flowchart TD\n  A([Call]) --> B([Done])\n  X[Note] --> Y[Other]\n  Y --> Z[More]\n",
  );
  writeFileSync(path.join(dir, "pie.mmd"), 'pie title Pets\n  "Dogs" : 3\n');
  writeFileSync(path.join(dir, "empty.mmd"), "flowchart TD\n  classDef x fill:#f00\n");
  writeFileSync(
    path.join(dir, "late.mdx"),
    readFileSync(new URL("../content/sops/late-missing-delivery.mdx", import.meta.url), "utf8"),
  );
  writeFileSync(path.join(dir, "plain.mdx"), `${FRONT_MATTER}\n<Step title="Hi">\n  Hello.\n</Step>\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFlowCommand(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: dir });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("stepwise flow", () => {
  it("from-mermaid prints JSON keeping Mermaid ids, warnings on stderr, exit 0", async () => {
    const r = await run("from-mermaid", "billing.mmd");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.id).toBe("billing");
    expect(json.nodes.map((n: { id: string; type: string }) => `${n.id}:${n.type}`)).toEqual([
      "A:start",
      "B:question",
      "C:end",
      "D:end",
    ]);
    expect(json.edges).toEqual([
      { from: "A", to: "B" },
      { from: "B", to: "C", label: "Yes" },
      { from: "B", to: "D", label: "No" },
    ]);
    expect(r.err).toMatch(/^billing\.mmd:5:3: warning: `style` line ignored/);
  });

  it("from-mermaid --mdx prints a <Flow> block that parses cleanly", async () => {
    const r = await run("from-mermaid", "billing.mmd", "--mdx", "--id", "dispute", "--title=Card dispute");
    expect(r.code).toBe(0);
    expect(r.out.startsWith('<Flow id="dispute" title="Card dispute">\n  <Node id="A" type="start"')).toBe(true);
    const doc = parseSop(`${FRONT_MATTER}\n${r.out}\n`, { validateFlow });
    expect(doc.diagnostics).toEqual([]);
    expect(doc.flows[0].nodes).toHaveLength(4);
  });

  it(
    "from-mermaid makes a Yes/No tree of plain rectangles " + "walkable: prints it, warnings on stderr, exit 0",
    async () => {
      const r = await run("from-mermaid", "tree.mmd");
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.nodes.map((n: { id: string; type: string }) => `${n.id}:${n.type}`)).toEqual([
        "start:start",
        "A:action",
        "B:question",
        "C:end",
        "D:end",
      ]);
      expect(r.err.split("\n")).toEqual([
        expect.stringMatching(/^tree\.mmd:2:3: warning: The chart has no start shape/),
        expect.stringMatching(
          /^tree\.mmd:3:14: warning: Nothing comes after the action node "C" \(“Proceed”\), so it became an end node/,
        ),
        expect.stringMatching(/^tree\.mmd:4:13: warning: Nothing comes after the action node "D"/),
      ]);
      const mdx = await run("from-mermaid", "tree.mmd", "--mdx");
      expect(mdx.code).toBe(0);
      expect(parseSop(`${FRONT_MATTER}\n${mdx.out}\n`, { validateFlow }).diagnostics).toEqual([]);
    },
  );

  it("from-mermaid prints the flow of a chart that parses but still has errors, and exits 1", async () => {
    const r = await run("from-mermaid", "bad.mmd");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).nodes.map((n: { id: string }) => n.id)).toEqual(["A", "B", "C"]);
    expect(r.err).toContain("bad.mmd:4:5: error: The arrow text starting with “--” is never closed");
    const apart = await run("from-mermaid", "apart.mmd", "--mdx");
    expect(apart.code).toBe(1);
    expect(apart.out).toContain('<Node id="X" type="action" label="Note" />');
    expect(apart.err).toMatch(
      /^apart\.mmd:3:3: error: The action node "X" \(“Note”\) can't be reached from the start/m,
    );
  });

  it("from-mermaid prints nothing and exits 1 when the text is not a flowchart with nodes", async () => {
    for (const file of ["pie.mmd", "empty.mmd"]) {
      const r = await run("from-mermaid", file);
      expect(r.code, file).toBe(1);
      expect(r.out, file).toBe("");
      expect(r.err, file).toMatch(new RegExp(`^${file.replace(".", "\\.")}:\\d+:\\d+: error: `, "m"));
    }
  });

  it("to-mermaid prints each flow, or the one asked for", async () => {
    const r = await run("to-mermaid", "late.mdx");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("flowchart TD");
    const doc = parseSop(readFileSync(path.join(dir, "late.mdx"), "utf8"));
    const one = await run("to-mermaid", "late.mdx", "--flow", "delivery-decision");
    expect(one.out).toBe(r.out);
    const { mermaidToFlow } = await import("./mermaid");
    expect(graphOf(mermaidToFlow(one.out).flow)).toEqual(graphOf(doc.flows[0]));
    const missing = await run("to-mermaid", "late.mdx", "--flow", "nope");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('has no flow "nope" (its flows: delivery-decision)');
    const none = await run("to-mermaid", "plain.mdx");
    expect(none.code).toBe(1);
    expect(none.err).toContain("has no <Flow>");
  });

  it("exits 2 on usage errors and prints help", async () => {
    expect((await run()).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
    expect((await run("from-mermaid")).code).toBe(2);
    expect((await run("from-mermaid", "a.mmd", "b.mmd")).code).toBe(2);
    expect((await run("from-mermaid", "billing.mmd", "--wat")).code).toBe(2);
    expect((await run("from-mermaid", "billing.mmd", "--id")).code).toBe(2);
    expect((await run("from-mermaid", "missing.mmd")).code).toBe(2);
    expect((await run("to-mermaid")).code).toBe(2);
    const help = await run("--help");
    expect(help.code).toBe(0);
    expect(help.out).toBe(FLOW_USAGE);
    expect((await run("from-mermaid", "--help")).out).toBe(FLOW_USAGE);
  });
});
