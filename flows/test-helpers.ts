// Shared helpers for the flows/ tests (not part of the public API).
import { readFileSync, readdirSync } from "node:fs";
import { parseSop } from "../sop-schema/parse";
import type { SopDocument } from "../sop-schema/types";
import { validateFlow } from "./validate";

export const FRONT_MATTER = `---
title: Flow test
department: Customer Service
purpose: Exercise the flow checker.
targets:
  handleTime: 6m
---
`;

/** An SOP with one step holding `flowBody` (the lines inside <Flow>), plus optional extra steps. */
export function sopWithFlow(flowBody: string, extra = ""): string {
  return `${FRONT_MATTER}
<Step title="Decide" id="decide">
  Pick the path.

  <Flow id="f" title="Decide">
${flowBody}
  </Flow>
</Step>
${extra}`;
}

export function parseWithFlows(source: string): SopDocument {
  return parseSop(source, { filename: "test.mdx", validateFlow });
}

const contentDir = new URL("../content/sops/", import.meta.url);
export function demoSops(): { file: string; source: string }[] {
  return readdirSync(contentDir)
    .filter((f) => f.endsWith(".mdx"))
    .sort()
    .map((file) => ({ file, source: readFileSync(new URL(file, contentDir), "utf8") }));
}

const mermaidDir = new URL("../tests/fixtures/mermaid/", import.meta.url);
export function mermaidFixtures(kind: "good" | "bad"): { file: string; text: string }[] {
  const dir = new URL(`${kind}/`, mermaidDir);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".mmd"))
    .sort()
    .map((file) => ({ file, text: readFileSync(new URL(file, dir), "utf8") }));
}
