import { describe, expect, it } from "vitest";
import { parseSop } from "./parse";
import { compileFieldPattern, MAX_PATTERN_LENGTH, testFieldPattern, toRe2Syntax } from "./pattern";

const sop = (field: string) => `---
title: Patterns
department: Customer Service
purpose: Checks field patterns.
targets:
  handleTime: 6m
---

<Step title="Ask">
  <Field name="code" label="Code" ${field} />
</Step>
`;

describe("field patterns (RE2)", () => {
  it.each([
    ["^[0-9]{6}$", "123456", true],
    ["^[0-9]{6}$", "12345", false],
    ["^[A-Z]{2}[0-9]{6}$", "AB123456", true],
    ["@example\\.com$", "a@example.com", true],
    ["^\\+?[0-9 ()-]{6,20}$", "+49 (30) 123456", true],
    ["^(?<area>[0-9]{3})-[0-9]{4}$", "030-1234", true],
    ["^caf\\u00e9$", "café", true],
    ["^\\u{1F600}$", "😀", true],
    ["^\\pL+$", "Ελένη", true],
    ["^\\p{Arabic}+$", "سلام", true],
  ])("%s on %j → %s (like RegExp#test)", (pattern, value, expected) => {
    expect(testFieldPattern(pattern, value)).toBe(expected);
  });

  it("rewrites only JavaScript's \\u escapes", () => {
    expect(toRe2Syntax("\\u00e9\\u{1F600}\\\\u00e9[\\d]")).toBe("\\x{00e9}\\x{1F600}\\\\u00e9[\\d]");
  });

  it.each([
    ["(a)\\1", "backreference"],
    ["(?<x>a)\\k<x>", "named backreference"],
    ["^(?=.*[0-9])[a-z0-9]+$", "lookahead"],
    ["^(?!test)", "lookahead"],
    ["(?<=EUR )[0-9]+", "lookbehind"],
    ["(?<!-)[0-9]", "lookbehind"],
    ["x{1001}", "RE2"],
  ])("%s is unsupported (%s), with a hint", (pattern, what) => {
    const r = compileFieldPattern(pattern);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("unsupported-pattern");
    expect(r.message).toContain(what);
    expect(r.hint).toBeTruthy();
  });

  it("keeps invalid-pattern for text that is no regular expression at all, and for over-long patterns", () => {
    for (const p of ["^[0-9{6}$", "(", "a**", "a{2,1}"])
      expect(compileFieldPattern(p)).toMatchObject({ ok: false, code: "invalid-pattern" });
    expect(compileFieldPattern("a".repeat(MAX_PATTERN_LENGTH + 1))).toMatchObject({
      ok: false,
      code: "invalid-pattern",
    });
    expect(compileFieldPattern("[(]\\1")).toMatchObject({ ok: false, code: "unsupported-pattern" });
    // \1 in a class is not a backreference, but RE2 has no octal escapes either
    expect(compileFieldPattern("[\\1]").ok).toBe(false);
  });

  it("reports an unsupported pattern at the attribute's line and column", () => {
    const doc = parseSop(sop('pattern="^(a)\\1$"'));
    expect(doc.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["10:35 unsupported-pattern"]);
    expect(doc.diagnostics[0].message).toContain("backreference");
    expect(doc.diagnostics[0].hint).toContain("repeat the part");
    expect(doc.fields).toHaveLength(1);
    expect(doc.fields[0].pattern).toBeUndefined();
  });

  it("reports a lookahead at its attribute, and an invalid pattern as before", () => {
    expect(parseSop(sop('pattern="^(?=[A-Z])"')).diagnostics.map((d) => d.code)).toEqual(["unsupported-pattern"]);
    const bad = parseSop(sop('pattern="^[0-9{6}$"')).diagnostics;
    expect(bad.map((d) => d.code)).toEqual(["invalid-pattern"]);
    expect(bad[0].message).toContain("not a valid regular expression");
  });

  it("accepts a catastrophic-looking pattern: RE2 runs it in linear time", () => {
    expect(parseSop(sop('pattern="^(a+)+$"')).diagnostics).toEqual([]);
  });
});

describe("ignoreCase", () => {
  it("compiles case-insensitively (cached apart from the case-sensitive pattern)", () => {
    expect(testFieldPattern("^RMA[0-9]{3}$", "rma123")).toBe(false);
    expect(testFieldPattern("^RMA[0-9]{3}$", "rma123", { ignoreCase: true })).toBe(true);
    expect(testFieldPattern("^RMA[0-9]{3}$", "rma123")).toBe(false);
    expect(testFieldPattern("^ΑΒ$", "αβ", { ignoreCase: true })).toBe(true);
    expect(compileFieldPattern("(", { ignoreCase: true })).toMatchObject({ ok: false, code: "invalid-pattern" });
  });
});
