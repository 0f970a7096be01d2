import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLOW_DIAGNOSTIC_CODES, MERMAID_DIAGNOSTIC_CODES } from "./diagnostics";

describe("docs/flows.md", () => {
  const doc = readFileSync(new URL("../docs/flows.md", import.meta.url), "utf8");
  const rows = new Map(
    [...doc.matchAll(/^\| `([\w-]+)` \| (error|warning) \| (.+) \|$/gm)].map((m) => [
      m[1],
      { severity: m[2], summary: m[3] },
    ]),
  );

  it("lists every flow and Mermaid diagnostic code with its severity and summary", () => {
    for (const [code, info] of Object.entries({ ...FLOW_DIAGNOSTIC_CODES, ...MERMAID_DIAGNOSTIC_CODES })) {
      expect(rows.get(code), code).toEqual({ severity: info.severity, summary: info.summary.replace(/\|/g, "\\|") });
    }
    expect(rows.size).toBe(Object.keys(FLOW_DIAGNOSTIC_CODES).length + Object.keys(MERMAID_DIAGNOSTIC_CODES).length);
  });
});
