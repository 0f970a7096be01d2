import { describe, expect, it } from "vitest";
import { parseSop } from "./parse";
import { blocksPlainText } from "./plain-text";
import { SOP_LIMITS } from "./limits";
import type { Block, Inline } from "./types";

const head = (extra = "") =>
  `---\ntitle: Refunds\ndepartment: Billing\npurpose: Refund the ` +
  `same fair way.\n${extra}targets:\n  handleTime: 6m\n---\n\n`;
const HEAD_LINES = 8; // the body starts on line 9
const step = (body: string, extra = "") =>
  `${head(extra)}<Step title="Refund">\n\n<Field name="customer_name" label="Customer name" />\n\n${body}\n\n</Step>\n`;
const codes = (source: string) => parseSop(source).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
const blocksOf = (source: string) => parseSop(source).steps[0]!.blocks.filter((b) => b.type !== "field");
const text = (value: string): Inline => ({ type: "text", value });

describe("tables", () => {
  it("reads a GFM table in a step: header cells, alignment per column, rows", () => {
    const doc = parseSop(
      step(
        "| Plan | Refund | Window |\n|:-----|-------:|:------:|\n| " +
          "Basic | 20 EUR | 14 days |\n| Plus | 50 EUR | 30 days |",
      ),
    );
    expect(doc.diagnostics).toEqual([]);
    const [table] = blocksOf(
      step(
        "| Plan | Refund | Window |\n|:-----|-------:|:------:|\n| " +
          "Basic | 20 EUR | 14 days |\n| Plus | 50 EUR | 30 days |",
      ),
    );
    expect(table).toEqual({
      type: "table",
      align: ["left", "right", "center"],
      head: [[text("Plan")], [text("Refund")], [text("Window")]],
      rows: [
        [[text("Basic")], [text("20 EUR")], [text("14 days")]],
        [[text("Plus")], [text("50 EUR")], [text("30 days")]],
      ],
    });
    expect(doc.stats.words).toBeGreaterThan(12); // the cells count as words
  });

  it("cells hold inline Markdown and {field} references; an escaped pipe is text", () => {
    const src = step(
      "| Who | Say |\n|---|---|\n| **Customer** {customer_name} | `code \\| x` " +
        "and [policy](https://intranet.example/refunds) |\n| a \\| b | *c* |",
    );
    const doc = parseSop(src);
    expect(doc.diagnostics).toEqual([]);
    const table = blocksOf(src)[0] as Extract<Block, { type: "table" }>;
    expect(table.align).toEqual([null, null]);
    expect(table.rows[0]![0]).toEqual([
      { type: "strong", children: [text("Customer")] },
      text(" "),
      { type: "var", name: "customer_name" },
    ]);
    expect(table.rows[0]![1]).toEqual([
      { type: "code", value: "code | x" },
      text(" and "),
      { type: "link", url: "https://intranet.example/refunds", children: [text("policy")] },
    ]);
    expect(table.rows[1]![0]).toEqual([text("a | b")]);
    expect(doc.variables.map((v) => v.name)).toContain("customer_name");
  });

  it("an unknown {reference}, an unsafe link or a component in a cell is reported at its line and column", () => {
    const src = step("| a | b |\n|---|---|\n| {order_no} | [x](javascript:alert(1)) |\n| <Check>no</Check> | ok |");
    const row = HEAD_LINES + 7;
    expect(codes(src)).toEqual([
      `${row}:3 unknown-variable`,
      `${row}:16 unsafe-link`,
      `${row + 1}:3 misplaced-component`,
    ]);
    expect(parseSop(src).diagnostics.find((d) => d.code === "misplaced-component")!.message).toContain(
      "inside a table cell",
    );
  });

  it("rows are padded to the header's width; extra cells are dropped with one warning for the table", () => {
    const src = step("| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n| 1 | 2 | 3 | 4 |");
    const table = blocksOf(src)[0] as Extract<Block, { type: "table" }>;
    expect(table.rows).toEqual([
      [[text("1")], []],
      [[text("1")], [text("2")]],
      [[text("1")], [text("2")]],
    ]);
    const d = parseSop(src).diagnostics;
    expect(d.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual([`${HEAD_LINES + 8}:9 table-extra-cells`]);
    expect(d[0]!.message).toBe(
      "This row has 3 cells but the table has 2 columns (its header " +
        "row) (and 1 more row) — the extra cells are not shown",
    );
    expect(d[0]!.severity).toBe("warning");
  });

  it("is allowed wherever a paragraph is: a section, a Tip, a Warning, a list item, a quote, a Template", () => {
    const table = "| a | b |\n|---|---|\n| 1 | 2 |";
    const src = [
      `${head()}## Plans\n\n${table}\n\n<Tip>\n\n${table}\n\n</Tip>\n\n<Step ` +
        `title="S">\n\n<Warning>\n\n${table}\n\n</Warning>\n\n`,
      `- item\n\n  ${table.replace(/\n/g, "\n  ")}\n\n> ${table.replace(/\n/g, "\n> ")}\n\n`,
      `<Template title="T">\n\n${table}\n\n</Template>\n\n</Step>\n`,
    ].join("");
    const doc = parseSop(src);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.sections[0]!.intro.map((b) => b.type)).toEqual(["table", "tip"]);
    const [warning, list, quote, template] = doc.steps[0]!.blocks as [Block, Block, Block, Block];
    expect(warning.type === "warning" && warning.children[0]!.type).toBe("table");
    expect(list.type === "list" && list.items[0]!.map((b) => b.type)).toEqual(["paragraph", "table"]);
    expect(quote.type === "blockquote" && quote.children[0]!.type).toBe("table");
    expect(template.type === "template" && template.children[0]!.type).toBe("table");
  });

  it(
    "reads the same in a right-to-left SOP: alignment stays " +
      "as written (the renderer maps left/right to start/end)",
    () => {
      const src = step("| طرح | مبلغ |\n|:--|--:|\n| پایه | ۲۰ یورو |", "language: fa\n");
      const doc = parseSop(src);
      expect(doc.meta.direction).toBe("rtl");
      expect(doc.diagnostics).toEqual([]);
      expect(blocksOf(src)[0]).toMatchObject({
        type: "table",
        align: ["left", "right"],
        head: [[text("طرح")], [text("مبلغ")]],
        rows: [[[text("پایه")], [text("۲۰ یورو")]]],
      });
    },
  );

  it("a table wider than the column limit is left out, with an error at its header row", () => {
    const cols = SOP_LIMITS.maxTableColumns + 1;
    const src = step(`${"| c ".repeat(cols)}|\n${"|---".repeat(cols)}|\n${"| x ".repeat(cols)}|`);
    expect(blocksOf(src)).toEqual([]);
    const d = parseSop(src).diagnostics;
    expect(d.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual([`${HEAD_LINES + 5}:1 table-too-large`]);
    expect(d[0]!.message).toContain(`at most ${SOP_LIMITS.maxTableColumns}`);
  });

  it("500 rows parse quickly; past the row limit the SOP stops with an error at the first row too many", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `| ${i} | **x** [y](https://e.example) {customer_name} |`).join("\n");
    const started = performance.now();
    const doc = parseSop(step(`| n | what |\n|--:|---|\n${rows(500)}`));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(doc.diagnostics).toEqual([]);
    expect((doc.steps[0]!.blocks[1] as Extract<Block, { type: "table" }>).rows).toHaveLength(500);

    const over = parseSop(step(`| n | what |\n|--:|---|\n${rows(SOP_LIMITS.maxTableRows + 5)}`));
    expect(over.diagnostics.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual([
      `${HEAD_LINES + 7 + SOP_LIMITS.maxTableRows}:1 table-too-large`,
    ]);
    expect(over.meta.title).toBe("Refunds");
  });

  it("a table's rows are counted apart by the markup limit (each cell is read on its own)", () => {
    const many = Array.from({ length: 900 }, (_, i) => `| **${i}** [a](https://e.example) | *b* |`).join("\n");
    expect(codes(step(`| n | m |\n|---|---|\n${many}`))).toEqual([]);
  });

  it("<table> HTML points to the Markdown table syntax; <details> to <Template>", () => {
    const d = parseSop(step("<table><tr><td>x</td></tr></table>\n\n<details>x</details>")).diagnostics;
    expect(d.map((x) => x.code)).toEqual(["html-not-allowed", "html-not-allowed"]);
    expect(d[0]!.hint).toMatch(/\| Plan \| Price \|/);
    expect(d[1]!.hint).toContain("<Template");
  });
});

describe("<Template>", () => {
  const reply = `<Template title="Refund confirmation e-mail">

Dear {customer_name},

we refunded **20 EUR**. You will see it in 3–5 days:

- on your card
- on your statement

| Item | Amount |
|---|--:|
| Order | 20 EUR |

Kind regards

</Template>`;

  it("holds Markdown blocks with {field} references, under its title", () => {
    const doc = parseSop(step(reply));
    expect(doc.diagnostics).toEqual([]);
    const template = doc.steps[0]!.blocks[1] as Extract<Block, { type: "template" }>;
    expect(template.type).toBe("template");
    expect(template.title).toBe("Refund confirmation e-mail");
    expect(template.children.map((b) => b.type)).toEqual(["paragraph", "paragraph", "list", "table", "paragraph"]);
    expect(template.children[0]).toEqual({
      type: "paragraph",
      children: [text("Dear "), { type: "var", name: "customer_name" }, text(",")],
    });
  });

  it("is allowed at the top level of a section too", () => {
    const doc = parseSop(
      `${head()}## Replies\n\n<Template title="Chat: still looking">\nI am still looking ` +
        `into it, thank you for waiting.\n</Template>\n\n<Step title="S">\nDo it.\n</Step>\n`,
    );
    expect(doc.diagnostics).toEqual([]);
    expect(doc.sections[0]!.intro).toEqual([
      {
        type: "template",
        title: "Chat: still looking",
        children: [{ type: "paragraph", children: [text("I am still looking into it, thank you for waiting.")] }],
      },
    ]);
  });

  it("needs a title; an empty one is reported like other components' required attributes", () => {
    const missing = parseSop(step("<Template>\nHello\n</Template>")).diagnostics;
    expect(missing.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([`${HEAD_LINES + 5}:1 missing-attribute`]);
    expect(missing[0]!.message).toBe('<Template> needs a `title` attribute, e.g. title="Refund confirmation e-mail"');
    const empty = parseSop(step('<Template title="  ">\nHello\n</Template>')).diagnostics;
    expect(empty.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([`${HEAD_LINES + 5}:11 missing-attribute`]);
    expect(codes(step('<Template title="T" to="x">\nHello\n</Template>'))).toEqual([
      `${HEAD_LINES + 5}:21 unknown-attribute`,
    ]);
    expect(codes(step('<Template title="T"></Template>'))).toEqual([`${HEAD_LINES + 5}:1 empty-component`]);
  });

  it("holds Markdown only: no components inside it; not inside a <Say> or a <Tip>", () => {
    const inside = parseSop(
      step('<Template title="T">\n\n<Say>Hi</Say>\n\n<Check>Sent</Check>\n\n</Template>'),
    ).diagnostics;
    expect(inside.map((d) => d.code)).toEqual(["misplaced-component", "misplaced-component"]);
    expect(inside[0]!.message).toBe(
      "<Say> can't be used inside a <Template> — it belongs inside a <Step>, an <Escalate> or a <Scenario>",
    );
    const inSay = parseSop(step('<Say>\n\n<Template title="T">Hi</Template>\n\n</Say>')).diagnostics;
    expect(inSay.map((d) => d.code)).toEqual(["misplaced-component"]);
    expect(inSay[0]!.message).toBe(
      "<Template> can't be used inside a <Say> — it belongs inside a <Step> or at the top level of a section",
    );
    expect(codes(step('<Tip>\n\n<Template title="T">Hi</Template>\n\n</Tip>'))).toEqual([
      `${HEAD_LINES + 7}:1 misplaced-component`,
    ]);
  });

  it("copies as plain text: values filled in, lists and tables kept readable", () => {
    const template = parseSop(step(reply)).steps[0]!.blocks[1] as Extract<Block, { type: "template" }>;
    expect(blocksPlainText(template.children, (name) => (name === "customer_name" ? "Maria Rossi" : "?"))).toBe(
      "Dear Maria Rossi,\n\nwe refunded 20 EUR. You will see it in 3–5 days:\n\n- on " +
        "your card\n- on your statement\n\nItem | Amount\nOrder | 20 EUR\n\nKind regards",
    );
    expect(blocksPlainText(template.children).startsWith("Dear {customer_name},")).toBe(true);
    const linked = parseSop(
      step(
        '<Template title="T">\nSee [our policy](https://e.example/p) or write to ' +
          "[help@e.example](mailto:help@e.example).\n\n1. one\n2. two\n</Template>",
      ),
    );
    const t = linked.steps[0]!.blocks[1] as Extract<Block, { type: "template" }>;
    expect(blocksPlainText(t.children)).toBe(
      "See our policy (https://e.example/p) or write to help@e.example.\n\n1. one\n2. two",
    );
  });
});

describe("front matter placeholders (left by the Markdown import)", () => {
  const fm = (purpose: string, targets: string) =>
    `---\ntitle: Refunds\ndepartment: ` +
    `Billing\npurpose: ${purpose}\ntargets:\n${targets}---\n\n<Step title="S">\nDo it.\n</Step>\n`;

  it("`handleTime: TODO` is a warning at the value, not an error; the target reads as none (0)", () => {
    const doc = parseSop(fm("Refund fairly.", "  handleTime: TODO\n"));
    expect(doc.diagnostics).toEqual([
      {
        severity: "warning",
        code: "placeholder",
        message: "Set the handle time target: the import left a placeholder",
        hint: "write how long a call should take, e.g. handleTime: 6m",
        line: 6,
        column: 15,
      },
    ]);
    expect(doc.meta.targets).toEqual({ handleTime: "TODO", handleTimeSeconds: 0 });
  });

  it("the same for `firstResponse: TODO` and a purpose starting with TODO", () => {
    const doc = parseSop(
      fm('"TODO: say in one sentence why this procedure exists"', "  handleTime: 6m\n  firstResponse: TODO\n"),
    );
    expect(doc.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)).toEqual([
      "4:10 warning placeholder Write the purpose: the import left a placeholder",
      "7:18 warning placeholder Set the first response target: the import left a placeholder",
    ]);
    expect(doc.meta.purpose).toBe("TODO: say in one sentence why this procedure exists");
    expect(doc.meta.targets).toEqual({
      handleTime: "6m",
      handleTimeSeconds: 360,
      firstResponse: "TODO",
      firstResponseSeconds: 0,
    });
  });

  it("only a value that starts with the word TODO is a placeholder; other bad durations stay errors", () => {
    expect(codes(fm("Refund fairly.", "  handleTime: todo\n"))).toEqual(["6:15 placeholder"]);
    expect(codes(fm("Refund fairly.", "  handleTime: TODOS\n"))).toEqual(["6:3 invalid-duration"]);
    expect(codes(fm("Refund fairly.", "  handleTime: soon\n"))).toEqual(["6:3 invalid-duration"]);
    expect(codes(fm("Explain what TODO means here.", "  handleTime: 6m\n"))).toEqual([]);
  });
});
