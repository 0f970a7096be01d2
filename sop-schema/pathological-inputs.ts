// Generators of hostile and huge SOP sources, shared by the parser-limit tests and `npm run bench`.
// Each one reproduces a finding of the security review (deep nesting that is slow or overflows the stack)
// or a variant of it. Not part of the public API.

export const PATHOLOGICAL_HEAD = `---
title: Hostile input
department: Customer Service
purpose: Checks that the parser answers quickly.
targets:
  handleTime: 6m
---

`;

const wrapStep = (body: string) => `${PATHOLOGICAL_HEAD}<Step title="Step">\n\n${body}\n\n</Step>\n`;
const top = (body: string) => `${PATHOLOGICAL_HEAD}${body}\n`;

export type PathologicalCase = {
  name: string;
  source: string;
  /** The diagnostic code the parser must answer with (limits, or the ordinary error the text has). */
  expect: string;
};

/** `n` list items, each nested one level deeper than the last (`- x`, `  - x`, `    - x`…). */
export function deepIndentedList(n: number, marker = "-"): string {
  const width = marker.length + 1;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`${" ".repeat(i * width)}${marker} x`);
  return lines.join("\n");
}

/** Every pathological input of the review and its variants. */
export function pathologicalCases(): PathologicalCase[] {
  const cases: PathologicalCase[] = [
    // ~6 KB of list markers on one line: each `- ` opens a list inside the previous item.
    { name: "6 KB of `- - - -` on one line", source: wrapStep(`${"- ".repeat(3000)}x`), expect: "nesting-too-deep" },
    { name: "3,000 `1. 1. 1.` on one line", source: wrapStep(`${"1. ".repeat(3000)}x`), expect: "nesting-too-deep" },
    { name: "5,000 `>` on one line", source: wrapStep(`${">".repeat(5000)} x`), expect: "nesting-too-deep" },
    { name: "`> - > - …` mixed containers", source: wrapStep(`${"> - ".repeat(2000)}x`), expect: "nesting-too-deep" },
    { name: "5,000-deep list (`- ` × 5,000)", source: wrapStep(`${"- ".repeat(5000)}x`), expect: "nesting-too-deep" },
    { name: "800-deep indented list (~640 KB)", source: wrapStep(deepIndentedList(800)), expect: "nesting-too-deep" },
    {
      name: "500-deep indented numbered list",
      source: wrapStep(deepIndentedList(500, "1.")),
      expect: "nesting-too-deep",
    },
    {
      name: "indented list hidden by lazy lines",
      source: wrapStep(Array.from({ length: 400 }, (_, i) => `${" ".repeat(i * 2)}- x\nlazy`).join("\n")),
      expect: "nesting-too-deep",
    },
    {
      name: "list nested inside one quote",
      source: wrapStep(Array.from({ length: 600 }, (_, i) => `> ${" ".repeat(i * 2)}- x`).join("\n")),
      expect: "nesting-too-deep",
    },
    {
      name: "list after a fence its item closes",
      source: wrapStep(`- \`\`\`\nx\n${deepIndentedList(400)}`),
      expect: "nesting-too-deep",
    },
    {
      name: "1,000 lines of ever deeper `>`",
      source: wrapStep(Array.from({ length: 1000 }, (_, i) => `${">".repeat(i + 1)} x`).join("\n")),
      expect: "nesting-too-deep",
    },
    // Inline nesting.
    {
      name: "5,000 `*` + x + 5,000 `*`",
      source: wrapStep(`${"*".repeat(5000)}x${"*".repeat(5000)}`),
      expect: "nesting-too-deep",
    },
    {
      name: "5,000 `_` + x + 5,000 `_`",
      source: wrapStep(`${"_".repeat(5000)}x${"_".repeat(5000)}`),
      expect: "nesting-too-deep",
    },
    {
      name: "`*a ` × 5,000 nested emphasis",
      source: wrapStep(`${"*a ".repeat(5000)}x${" a*".repeat(5000)}`),
      expect: "nesting-too-deep",
    },
    {
      name: "5,000 `[` + x + 5,000 `]`",
      source: wrapStep(`${"[".repeat(5000)}x${"]".repeat(5000)}`),
      expect: "nesting-too-deep",
    },
    {
      name: "2,000 nested links `[[[x](u)](u)…`",
      source: wrapStep(`${"[".repeat(2000)}x${"](u)".repeat(2000)}`),
      expect: "nesting-too-deep",
    },
    { name: "100,000 `*` on a line (a rule)", source: wrapStep("*".repeat(100_000)), expect: "" },
    { name: "100,000 `*` inside a word", source: wrapStep(`a${"*".repeat(100_000)}a`), expect: "nesting-too-deep" },
    { name: "50,000 `* ` list markers", source: wrapStep(`${"* ".repeat(50_000)}x`), expect: "nesting-too-deep" },
    { name: "50,000 `* ` (one long rule)", source: wrapStep("* ".repeat(50_000)), expect: "" },
    { name: "100,000 `[`", source: wrapStep("[".repeat(100_000)), expect: "nesting-too-deep" },
    { name: "100,000 `<`", source: wrapStep("<".repeat(100_000)), expect: "mdx-syntax" },
    { name: "100,000 `{`", source: wrapStep("{".repeat(100_000)), expect: "nesting-too-deep" },
    {
      name: "5,000 `{` + x + 5,000 `}`",
      source: wrapStep(`${"{".repeat(5000)}x${"}".repeat(5000)}`),
      expect: "nesting-too-deep",
    },
    { name: "100,000 backticks", source: wrapStep("`".repeat(100_000)), expect: "mdx-syntax" },
    // JSX nesting.
    {
      name: "5,000 nested <Tip>",
      source: wrapStep(`${"<Tip>".repeat(5000)}x${"</Tip>".repeat(5000)}`),
      expect: "nesting-too-deep",
    },
    {
      name: "5,000 nested <Step> on lines",
      source: top(Array.from({ length: 5000 }, () => '<Step title="s">').join("\n")),
      expect: "nesting-too-deep",
    },
    {
      name: "10,000 unclosed <Step> on one line",
      source: top('<Step title="s">'.repeat(10_000)),
      expect: "nesting-too-deep",
    },
    // Large but flat.
    {
      name: "10,000 <Step>s",
      source: top(
        Array.from({ length: 10_000 }, (_, i) => `<Step title="Step ${i}">\n  Do thing ${i}.\n</Step>`).join("\n\n"),
      ),
      expect: "",
    },
    {
      name: "table of 20,000 rows",
      source: wrapStep(
        ["| a | b |", "|---|---|", ...Array.from({ length: 20_000 }, (_, i) => `| ${i} | x |`)].join("\n"),
      ),
      expect: "table-too-large",
    },
    {
      name: "table of 1,000 rows (the limit)",
      source: wrapStep(
        ["| a | b |", "|---|---|", ...Array.from({ length: 1_000 }, (_, i) => `| ${i} | **x** [y](u) |`)].join("\n"),
      ),
      expect: "",
    },
    { name: "over 1 MB", source: wrapStep("Plain text. ".repeat(100_000)), expect: "sop-too-large" },
  ];
  return cases;
}
