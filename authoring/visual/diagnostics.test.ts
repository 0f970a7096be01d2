import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../../sop-schema/parse";
import { fromBlocks, toBlocks, walkBlocks } from "./blocks";
import { placeDiagnostics, plainDiagnostic } from "./diagnostics";
import { updateProps } from "./edit";
import type { Block, VisualDoc } from "./model";
import { FRONT_MATTER_ID } from "./model";

const root = new URL("../../tests/fixtures/sops/", import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, root), "utf8");
const broken = readdirSync(new URL("broken/", root)).filter((f) => f.endsWith(".mdx"));

function byId(doc: VisualDoc): Map<string, Block> {
  return new Map([...walkBlocks(doc.body)].map((x) => [x.block.id, x.block]));
}

/** Where a fixture's first diagnostic lands: FM, DOC, or the block's component name / kind (.attribute). */
function where(file: string): string {
  const source = fixture(`broken/${file}`);
  const doc = toBlocks(source);
  const placed = placeDiagnostics(doc, parseSop(source).diagnostics).all[0];
  if (placed.blockId === FRONT_MATTER_ID) return "FM";
  const b = placed.blockId ? byId(doc).get(placed.blockId) : undefined;
  if (!b) return "DOC";
  return (b.kind === "component" ? b.name : b.kind) + (placed.attribute ? `.${placed.attribute}` : "");
}

describe("placeDiagnostics", () => {
  it("puts each diagnostic on the block (and attribute) it is about", () => {
    expect(where("02-missing-title.mdx")).toBe("FM");
    expect(where("07-bad-duration.mdx")).toBe("FM");
    expect(where("15-missing-step-title.mdx")).toBe("Step");
    expect(where("14-unknown-attribute.mdx")).toBe("Step.titel");
    expect(where("62-unknown-field-attribute.mdx")).toBe("Field.lable");
    expect(where("33-invalid-pattern.mdx")).toBe("Field.pattern");
    expect(where("28-unknown-variable.mdx")).toBe("paragraph");
    // a flow's boxes and arrows are drawn by the Flow block, which shows their problems
    expect(where("39-edge-to-missing-node.mdx")).toBe("Flow");
    expect(where("58-node-missing-label.mdx")).toBe("Flow");
    expect(where("59-escalate-missing-reason.mdx")).toBe("Escalate");
    expect(where("44-no-steps.mdx")).toBe("DOC");
    expect(where("12-no-frontmatter.mdx")).toBe("DOC");
    expect(where("45-unclosed-tag.mdx")).toBe("source");
    expect(where("16-import.mdx")).toBe("source");
  });

  it("says which box or arrow of a flow a problem is about, in the flow editor's words", () => {
    const messages = (file: string) => {
      const source = fixture(`broken/${file}`);
      return placeDiagnostics(toBlocks(source), parseSop(source).diagnostics).all.map((p) => p.message);
    };
    expect(messages("39-edge-to-missing-node.mdx")[0]).toMatch(/^The arrow from “start” to “dnoe”: .*points to a box /);
    expect(messages("58-node-missing-label.mdx")[0]).toBe("The box “start”: the flow box needs a label");
    expect(messages("40-duplicate-node-id.mdx")[0]).toMatch(/^The box “Done”: two boxes of this flow/);
  });

  it("places diagnostics of an edited document on the edited blocks", () => {
    const source = fixture("good/minimal.mdx");
    const doc = toBlocks(source);
    const step = [...walkBlocks(doc.body)].find((x) => x.block.kind === "component" && x.block.name === "Step")!.block;
    const edited = updateProps(doc, step.id, { id: "Not A Slug" });
    const placed = placeDiagnostics(edited, parseSop(fromBlocks(edited)).diagnostics);
    expect(placed.byBlock.get(step.id)?.map((d) => [d.code, d.attribute])).toEqual([["invalid-attribute", "id"]]);
    expect(placed.all).toHaveLength(1);
  });

  it("keeps every diagnostic in the list, placed or not", () => {
    for (const file of broken) {
      const source = fixture(`broken/${file}`);
      const diagnostics = parseSop(source).diagnostics;
      const placed = placeDiagnostics(toBlocks(source), diagnostics);
      expect(placed.all.map((d) => d.original)).toEqual(diagnostics);
      const count = [...placed.byBlock.values()].reduce((n, l) => n + l.length, 0) + placed.document.length;
      expect(count).toBe(diagnostics.length);
    }
  });
});

describe("plainDiagnostic", () => {
  it("says every fixture's problems without backticks, tags or YAML keys", () => {
    const tags =
      /<\/?(Step|Say|Field|Check|Tip|Warning|Escalate|Template|Flow|Node|Edge|Quiz|Question|Scenario|Answer)\b/;
    const keys = /\b(handleTime|firstResponse|reviewEvery|reviewBy|recertifyEvery|targets\.|training\.)/;
    const sourceSyntax = new RegExp(`\`|front matter|${tags.source}|${keys.source}`);
    for (const file of broken) {
      for (const d of parseSop(fixture(`broken/${file}`)).diagnostics) {
        const plain = plainDiagnostic(d);
        // a syntax error is shown on a source block, where naming the tag as written helps
        const text = d.code === "mdx-syntax" ? plain.message.replace(/<\/?[A-Z]\w*>/g, "") : plain.message;
        expect(text, `${file}: ${d.message}`).not.toMatch(sourceSyntax);
        if (plain.hint) expect(plain.hint, `${file}: ${d.hint}`).not.toMatch(sourceSyntax);
      }
    }
  });

  it("keeps messages that are already plain, and says the others in the forms' words", () => {
    const d = (code: string, message: string, hint?: string) =>
      plainDiagnostic({ severity: "error", code, message, hint, line: 1, column: 1 });
    expect(d("unknown-step", 'The goto node jumps to step "verfy", which this SOP does not have').message).toBe(
      'The goto node jumps to step "verfy", which this SOP does not have',
    );
    expect(d("missing-attribute", '<Escalate> needs a `reason` attribute, e.g. reason="…"').message).toBe(
      "The escalation needs a reason",
    );
    expect(d("unknown-variable", "{customer_nam} refers to a field that no <Field> captures").message).toBe(
      "“customer_nam” refers to a field that no field captures",
    );
    expect(d("invalid-duration", "`handleTime` needs a unit").message).toBe("Target handle time needs a unit");
    expect(d("empty-step", "Step “A” is empty — add text, a <Say>, a <Field> or a <Check>").message).toBe(
      "Step “A” is empty — add text, a script, a field or a check",
    );
    // a hint that tells what to type in the source is left out
    expect(d("missing-options", "x", 'add the choices separated by |, e.g. options="A|B"').hint).toBeUndefined();
  });
});
