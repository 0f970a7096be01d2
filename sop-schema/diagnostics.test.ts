import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DIAGNOSTIC_CODES, didYouMean, formatDiagnostic, levenshtein, sortDiagnostics } from "./diagnostics";
import type { Diagnostic } from "./types";

describe("levenshtein", () => {
  it.each([
    ["", "", 0],
    ["Step", "Step", 0],
    ["Stpe", "Step", 2],
    ["Sya", "Say", 2],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
  ])("%j → %j = %i", (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
  });

  it("is a metric (symmetric, triangle inequality)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (a, b, c) => {
          expect(levenshtein(a, b)).toBe(levenshtein(b, a));
          expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("didYouMean", () => {
  const vocab = ["Step", "Say", "Field", "Check", "Tip", "Warning", "Escalate", "Flow", "Node", "Edge"];
  it("suggests within two edits, case-insensitively", () => {
    expect(didYouMean("Stpe", vocab)).toBe("Step");
    expect(didYouMean("step", vocab)).toBe("Step");
    expect(didYouMean("Feild", vocab)).toBe("Field");
    expect(didYouMean("Escalation", vocab)).toBeUndefined();
    expect(didYouMean("Banana", vocab)).toBeUndefined();
  });
  it("falls back to a contained word", () => {
    expect(didYouMean("phone-number", ["text", "number", "phone"])).toBe("phone");
    expect(didYouMean("yesno", ["yes-no", "text"])).toBe("yes-no");
  });
});

describe("formatting and order", () => {
  const d = (line: number, column: number, hint?: string): Diagnostic => ({
    severity: "error",
    code: "x",
    message: `m${line}.${column}`,
    line,
    column,
    ...(hint ? { hint } : {}),
  });
  it("formats path:line:col: severity: message (hint)", () => {
    expect(formatDiagnostic(d(3, 7, "did you mean <Step>?"), "a.mdx")).toBe(
      "a.mdx:3:7: error: m3.7 (did you mean <Step>?)",
    );
    expect(formatDiagnostic({ ...d(1, 1), severity: "warning" }, "b.mdx")).toBe("b.mdx:1:1: warning: m1.1");
  });
  it("sorts by line then column, stable", () => {
    const a = d(2, 1);
    const b = { ...d(2, 1), message: "second" };
    expect(sortDiagnostics([d(3, 1), a, d(1, 9), b, d(2, 0)]).map((x) => x.message)).toEqual([
      "m1.9",
      "m2.0",
      "m2.1",
      "second",
      "m3.1",
    ]);
  });
});

describe("docs/sop-format.md", () => {
  it("documents every diagnostic code", () => {
    const doc = readFileSync(new URL("../docs/sop-format.md", import.meta.url), "utf8");
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
