import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { parseSop } from "../sop-schema/parse";
import { validateFlow } from "../flows/validate";
import { structuralDiff, textDiff } from "./diff";
import type { DiffRow } from "./diff";

const contentDir = new URL("../content/sops/", import.meta.url);
const demo = readdirSync(contentDir)
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((file) => ({ file, source: readFileSync(new URL(file, contentDir), "utf8") }));
const refund = demo.find((d) => d.file === "refund-and-return.mdx")!.source;
const parse = (source: string) => parseSop(source, { filename: "x.mdx", validateFlow });

const lines = (n: number, prefix = "line") =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join("\n") + "\n";

describe("textDiff", () => {
  it("pairs a replaced line as changed with word parts and line numbers, collapsing context", () => {
    const a = lines(20);
    const b = a.replace("line 10\n", "line ten\n");
    const d = textDiff(a, b);
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    expect(d.rows.map((r) => r.kind)).toEqual([
      "skip",
      "same",
      "same",
      "same",
      "changed",
      "same",
      "same",
      "same",
      "skip",
    ]);
    expect(d.rows[0]).toEqual({ kind: "skip", count: 6, leftLine: 1, rightLine: 1 });
    expect(d.rows[8]).toEqual({ kind: "skip", count: 7, leftLine: 14, rightLine: 14 });
    const changed = d.rows[4] as Exclude<DiffRow, { kind: "skip" }>;
    expect(changed.left).toMatchObject({ line: 10, text: "line 10" });
    expect(changed.right).toMatchObject({ line: 10, text: "line ten" });
    expect(changed.left!.parts).toEqual([
      { text: "line ", changed: false },
      { text: "10", changed: true },
    ]);
    expect(changed.right!.parts).toEqual([
      { text: "line ", changed: false },
      { text: "ten", changed: true },
    ]);
  });

  it("shows unpaired additions and removals on one side, and keeps short unchanged runs", () => {
    const d = textDiff("a\nb\nc\nd\n", "a\nc\nd\ne\nf\n");
    expect(d.rows).toEqual([
      { kind: "same", left: { line: 1, text: "a" }, right: { line: 1, text: "a" } },
      { kind: "removed", left: { line: 2, text: "b" } },
      { kind: "same", left: { line: 3, text: "c" }, right: { line: 2, text: "c" } },
      { kind: "same", left: { line: 4, text: "d" }, right: { line: 3, text: "d" } },
      { kind: "added", right: { line: 4, text: "e" } },
      { kind: "added", right: { line: 5, text: "f" } },
    ]);
    expect(d.added).toBe(2);
    expect(d.removed).toBe(1);
  });

  it("pairs runs of different lengths: changed rows first, then the rest", () => {
    const d = textDiff("x\n1\n2\n3\ny\n", "x\nA\nB\ny\n");
    expect(d.rows.map((r) => r.kind)).toEqual(["same", "changed", "changed", "removed", "same"]);
  });

  it("handles empty texts, CRLF and a missing final newline", () => {
    expect(textDiff("", "")).toEqual({ rows: [], added: 0, removed: 0 });
    expect(textDiff("", "a\nb").added).toBe(2);
    expect(textDiff("a\r\nb\r\n", "a\nb", { context: Infinity }).rows.map((r) => r.kind)).toEqual(["same", "same"]);
  });

  it("identical long texts collapse into one skip row", () => {
    expect(textDiff(lines(50), lines(50)).rows).toEqual([{ kind: "skip", count: 50, leftLine: 1, rightLine: 1 }]);
  });

  it("diffs a demo SOP edit quickly", () => {
    const b = refund.replace("Issue the RMA and the return label", "Issue the RMA and e-mail the label");
    const t = performance.now();
    const d = textDiff(refund, b);
    expect(performance.now() - t).toBeLessThan(500);
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
  });

  it("gives up gracefully on huge rewrites", () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`).join("\n");
    const t = performance.now();
    const d = textDiff(a, b);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(d.added).toBe(6000);
    expect(d.removed).toBe(6000);
  });

  it("rows rebuild both texts (property)", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "", "<Step>", "d d"), { maxLength: 30 })
      .map((xs) => xs.join("\n"));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, context) => {
        const full = textDiff(a, b, { context: Infinity });
        const left = full.rows.flatMap((r) => ("left" in r && r.left ? [r.left.text] : []));
        const right = full.rows.flatMap((r) => ("right" in r && r.right ? [r.right.text] : []));
        const split = (s: string) => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
        expect(left).toEqual(split(a));
        expect(right).toEqual(split(b));
        expect(full.rows.some((r) => r.kind === "skip")).toBe(false);
        expect(full.added).toBe(full.rows.filter((r) => r.kind === "added" || r.kind === "changed").length);
        // Collapsing only hides unchanged lines, and the line numbers stay continuous.
        const collapsed = textDiff(a, b, { context });
        const hidden = collapsed.rows.reduce((n, r) => n + (r.kind === "skip" ? r.count : 0), 0);
        const shown = collapsed.rows.filter((r) => r.kind !== "skip").length;
        expect(hidden + shown).toBe(full.rows.length);
        expect(collapsed.rows.filter((r) => r.kind !== "same" && r.kind !== "skip")).toEqual(
          full.rows.filter((r) => r.kind !== "same"),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("structuralDiff", () => {
  it("finds nothing between a version and itself", () => {
    for (const { file, source } of demo) {
      const d = structuralDiff(parse(source), parse(source));
      expect(d.identical, file).toBe(true);
      expect(d.summary).toEqual(["No structural changes."]);
    }
  });

  it("reports a field that starts ignoring case", () => {
    const b = refund.replace('pattern="^[A-Z]{2}[0-9]{6}$"', 'pattern="^[A-Z]{2}[0-9]{6}$" ignoreCase');
    expect(b).not.toBe(refund);
    const d = structuralDiff(parse(refund), parse(b));
    expect(d.fields.changed).toEqual([
      { name: "order_number", label: "Order number", changes: [{ key: "ignoreCase", before: "", after: "true" }] },
    ]);
  });

  it("ignores layout-only changes of the source", () => {
    const b = refund.replace(
      "tags: [returns, refund, rma, exchange, faulty]",
      "tags:\n  - returns\n  - refund\n  - rma\n  - exchange\n  - faulty",
    );
    expect(structuralDiff(parse(refund), parse(b)).identical).toBe(true);
  });

  it("reports meta, terms, steps, fields and flow changes", () => {
    let b = refund
      .replace("title: Refund and return with RMA", "title: Refund and return")
      .replace("tags: [returns, refund, rma, exchange, faulty]", "tags: [returns, refund, rma, exchange, damaged]")
      .replace("handleTime: 6m", "handleTime: 7m")
      .replace("  - term: DOA\n    meaning: Dead on arrival — the item was faulty when first used.\n", "")
      .replace("meaning: Average handle time.", "meaning: Average handle time, talk plus hold plus wrap-up.")
      .replace('title="Ask why the item is coming back"', 'title="Ask why the item is being returned"')
      .replace(
        '<Check>Customer told the refund timeline in days, not "soon"</Check>',
        "<Check>Customer told the refund timeline in working days</Check>",
      )
      .replace('label="E-mail for the label" type="email"', 'label="E-mail address for the label" type="email"')
      .replace('label="Ask the team lead about a goodwill return"', 'label="Ask the team lead for a goodwill return"')
      .replace(
        '<Edge from="accepts" to="end-declined" label="Accepts" />',
        '<Edge from="accepts" to="end-declined" label="Accepts the decision" />',
      );
    // Remove the follow-up step, add a new one at the end of "Authorise the return".
    const followUp = b.indexOf('<Step id="follow-up"');
    b = b.slice(0, followUp) + b.slice(b.indexOf("</Step>", followUp) + "</Step>\n".length);
    b = b.replace(
      "## Follow up",
      '<Step id="confirm" title="Confirm the e-mail arrived">\n\n<Check>Customer ' +
        "sees the e-mail</Check>\n\n</Step>\n\n## Follow up",
    );
    const db = parse(b);
    expect(db.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    const d = structuralDiff(parse(refund), db);
    expect(d.identical).toBe(false);
    expect(d.meta.map((m) => m.key)).toEqual(["title", "tags", "handleTime"]);
    expect(d.tags).toEqual({ added: ["damaged"], removed: ["faulty"] });
    expect(d.terms.removed.map((t) => t.term)).toEqual(["DOA"]);
    expect(d.terms.changed.map((t) => t.term)).toEqual(["AHT"]);
    expect(d.steps.added.map((s) => s.id)).toEqual(["confirm"]);
    expect(d.steps.removed.map((s) => s.id)).toEqual(["follow-up"]);
    const reason = d.steps.changed.find((s) => s.id === "reason")!;
    expect(reason.aspects).toEqual(["title"]);
    const refundStep = d.steps.changed.find((s) => s.id === "refund-or-exchange")!;
    expect(refundStep.aspects).toEqual(["checks"]);
    expect(refundStep.checks).toEqual({
      added: ["Customer told the refund timeline in working days"],
      removed: ['Customer told the refund timeline in days, not "soon"'],
    });
    expect(d.steps.changed.find((s) => s.id === "issue-rma")!.aspects).toEqual(["fields"]);
    expect(d.fields.changed).toEqual([
      {
        name: "customer_email",
        label: "E-mail address for the label",
        changes: [{ key: "label", before: "E-mail for the label", after: "E-mail address for the label" }],
      },
    ]);
    expect(d.fields.removed).toEqual([]);
    expect(d.flows.changed).toHaveLength(1);
    expect(d.flows.changed[0].nodes.relabelled).toEqual([
      {
        id: "goodwill",
        before: "Ask the team lead about a goodwill return",
        after: "Ask the team lead for a goodwill return",
      },
    ]);
    expect(d.flows.changed[0].edges.relabelled).toEqual([
      { from: "accepts", to: "end-declined", before: "Accepts", after: "Accepts the decision" },
    ]);
    expect(d.summary).toEqual(
      expect.arrayContaining([
        "Title changed from “Refund and return with RMA” to “Refund and return”.",
        "Tag added: “damaged”.",
        "Tag removed: “faulty”.",
        "Term “DOA” removed.",
        "Meaning of the term “AHT” changed.",
        "Step 6 “Confirm the e-mail arrived” added in “Authorise the return”.",
        "Step 6 “Follow up until the refund arrives” removed.",
        "Step 4 “Issue the RMA and the return label”: fields changed.",
        "Handle time target changed from “6m” to “7m”.",
        "Step 2 renamed from “Ask why the item is coming back” to “Ask why the item is being returned”.",
        "Step 5 “Agree a refund or an exchange”: checks changed.",
        "Field “customer_email”: label changed.",
      ]),
    );
    expect(d.summary.some((s) => s.startsWith("Flow “Is the return eligible?”: node goodwill relabelled"))).toBe(true);
  });

  it("tells moved steps from renumbered ones", () => {
    const base = `---
title: T
department: D
purpose: P
targets:
  handleTime: 5m
---

## One

<Step id="a" title="A">A</Step>

<Step id="b" title="B">B</Step>

<Step id="c" title="C">C</Step>

## Two

<Step id="d" title="D">D</Step>
`;
    const swapped = base.replace(
      '<Step id="a" title="A">A</Step>\n\n<Step id="b" title="B">B</Step>',
      '<Step id="b" title="B">B</Step>\n\n<Step id="a" title="A">A</Step>',
    );
    const d1 = structuralDiff(parse(base), parse(swapped));
    const moved = d1.steps.changed.filter((c) => c.aspects.includes("moved"));
    expect(moved).toHaveLength(1);
    expect(d1.summary).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Step “[AB]” moved from position [12] to [12]\.$/)]),
    );

    const inserted = base.replace("## One\n", '## One\n\n<Step id="z" title="Z">Z</Step>\n');
    const d2 = structuralDiff(parse(base), parse(inserted));
    expect(d2.steps.added.map((s) => s.id)).toEqual(["z"]);
    expect(d2.steps.changed.every((c) => c.aspects.join() === "renumbered")).toBe(true);
    expect(d2.summary).toContain("4 other steps renumbered.");

    const toSection = base.replace(
      '<Step id="c" title="C">C</Step>\n\n## Two\n',
      "## Two\n\n" + '<Step id="c" title="C">C</Step>\n',
    );
    const d3 = structuralDiff(parse(base), parse(toSection));
    expect(d3.steps.changed.find((c) => c.id === "c")!.aspects).toEqual(["section"]);
    expect(d3.summary).toContain("Step “C” moved from position 3 to 3 to “Two”.");
  });

  it("matches a step whose derived id changed with its title", () => {
    const src = (title: string, text: string) =>
      `---\ntitle: T\ndepartment: D\npurpose: P\ntargets:\n  handleTime: 5m\n---\n\n<Step ` +
      `title="${title}">${text}</Step>\n\n<Step title="Other">O</Step>\n`;
    const renamed = structuralDiff(parse(src("Greet", "Hello")), parse(src("Say hello", "Hello")));
    expect(renamed.steps.added).toEqual([]);
    expect(renamed.steps.changed[0].aspects).toEqual(["title", "id"]);
    const edited = structuralDiff(parse(src("Greet", "Hello")), parse(src("Say hello", "Hi there")));
    expect(edited.steps.changed[0].aspects).toEqual(["title", "id", "text"]);
  });

  it("reports flow nodes and edges added, removed and retyped, and flows added and removed", () => {
    const flow = (nodes: string, edges: string, id = "f") =>
      `---\ntitle: T\ndepartment: D\npurpose: P\ntargets:\n  handleTime: 5m\n---\n\n<Step id="s" ` +
      `title="S">\n\n<Flow id="${id}" title="Decide">\n${nodes}\n${edges}\n</Flow>\n\n</Step>\n`;
    const a = flow(
      '<Node id="start" type="start" label="Go" />\n<Node id="q" type="question" label="OK?" ' +
        '/>\n<Node id="y" type="end" label="Yes end" />\n<Node id="n" type="end" label="No end" />',
      '<Edge from="start" to="q" />\n<Edge from="q" to="y" label="Yes" />\n<Edge from="q" to="n" label="No" />',
    );
    const b = flow(
      '<Node id="start" type="start" label="Go" />\n<Node id="q" type="question" label="OK?" ' +
        '/>\n<Node id="y" type="action" label="Yes end" />\n<Node id="done" type="end" label="Done" ' +
        '/>\n<Node id="n" type="escalate" label="No end" to="Supervisor" reason="Not OK" />',
      '<Edge from="start" to="q" />\n<Edge from="q" to="y" label="Yes" ' +
        '/>\n<Edge from="q" to="n" label="No" />\n<Edge from="y" to="done" />',
    );
    expect(parse(b).diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    const d = structuralDiff(parse(a), parse(b));
    const f = d.flows.changed[0];
    expect(f.nodes.added).toEqual([{ id: "done", type: "end", label: "Done" }]);
    expect(f.nodes.retyped.map((r) => [r.id, r.before, r.after])).toEqual([
      ["y", "end", "action"],
      ["n", "end", "escalate"],
    ]);
    expect(f.nodes.attributes.map((x) => `${x.id}.${x.key}`)).toEqual(["n.to", "n.reason"]);
    expect(f.edges.added).toEqual([{ from: "y", to: "done", label: "" }]);
    expect(d.steps.changed).toEqual([]);
    const c = structuralDiff(
      parse(a),
      parse(
        flow(
          '<Node id="start" type="start" label="Go" />\n<Node id="e" type="end" label="E" />',
          '<Edge from="start" to="e" />',
          "g",
        ),
      ),
    );
    expect(c.flows.added.map((x) => x.id)).toEqual(["g"]);
    expect(c.flows.removed.map((x) => x.id)).toEqual(["f"]);
    expect(c.steps.changed[0].aspects).toEqual(["flow"]);
  });

  it("reports escalations, fields moved between steps, and field details", () => {
    let b = refund
      .replace(
        '<Escalate to="Returns team lead" reason="Return received but refund not issued within 3 working days">',
        '<Escalate to="Returns supervisor" reason="Return received but refund not issued within 3 working days">',
      )
      .replace('<Field name="customer_email" label="E-mail for the label" type="email" required />\n\n', "")
      .replace(
        '<Field name="outcome"',
        '<Field name="customer_email" label="E-mail for the label" type="email" required />\n\n<Field name="outcome"',
      )
      .replace(
        'options="Unopened|Opened, unused|Used|Damaged"',
        'options="Unopened|Opened, unused|Used|Damaged|Missing parts"',
      );
    b = b.replace(
      '<Field name="item_sku" label="Item being returned (SKU or description)" type="text" required />',
      "",
    );
    const db = parse(b);
    expect(db.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    const d = structuralDiff(parse(refund), db);
    const followUp = d.steps.changed.find((s) => s.id === "follow-up")!;
    expect(followUp.aspects).toEqual(["escalations"]);
    expect(followUp.escalations).toEqual({
      added: ["Returns supervisor — Return received but refund not issued within 3 working days"],
      removed: ["Returns team lead — Return received but refund not issued within 3 working days"],
    });
    expect(d.fields.removed.map((f) => f.name)).toEqual(["item_sku"]);
    expect(d.fields.changed).toEqual([
      {
        name: "item_condition",
        label: "Item condition as described by the customer",
        changes: [
          {
            key: "options",
            before: "Unopened|Opened, unused|Used|Damaged",
            after: "Unopened|Opened, unused|Used|Damaged|Missing parts",
          },
        ],
      },
      {
        name: "customer_email",
        label: "E-mail for the label",
        changes: [{ key: "step", before: "issue-rma", after: "refund-or-exchange" }],
      },
    ]);
    expect(d.steps.changed.find((s) => s.id === "refund-or-exchange")!.fields).toEqual({
      added: ["customer_email"],
      removed: [],
      changed: [],
    });
    expect(d.summary).toContain("Step 6 “Follow up until the refund arrives”: escalations changed.");
    expect(d.summary).toContain("Field “item_sku” (Item being returned (SKU or description)) removed.");
  });

  it("reports text outside steps and never throws on broken documents", () => {
    const a = parse(refund);
    const b = parse(refund.replace("Standards: RMA", "Standards: the RMA"));
    const intro = structuralDiff(a, b);
    expect(intro.identical).toBe(false);
    expect(intro.sections.textChanged).toEqual([""]);
    expect(intro.summary).toEqual(["Introduction text changed."]);
    const broken = parse("---\ntitle: [\n---\n<Step>");
    expect(() => structuralDiff(a, broken)).not.toThrow();
    expect(structuralDiff(a, broken).steps.removed.length).toBe(a.steps.length);
  });
});
