import { describe, expect, it } from "vitest";
import { createRef } from "react";
import { renderToString } from "react-dom/server";
import { readFileSync } from "node:fs";
import { parseForEditor, SopEditor } from "./sop-editor";
import type { CodeEditorHandle } from "./code-editor";

const source = readFileSync(new URL("../../../content/sops/fa-peygiri-sefaresh.mdx", import.meta.url), "utf8");

/** The editor on the Persian demo SOP, rendered on the server. */
const render = (view: "visual" | "source", readOnly = false) =>
  renderToString(
    <SopEditor
      sopId="fa-peygiri-sefaresh"
      source={source}
      onChange={() => undefined}
      parsed={parseForEditor(source, "fa-peygiri-sefaresh")}
      readOnly={readOnly}
      departments={["Customer Service", "Billing"]}
      version={2}
      fallbackDepartment="Customer Service"
      editorRef={createRef<CodeEditorHandle>()}
      onSaveShortcut={() => undefined}
      view={view}
      onViewChange={() => undefined}
    />,
  );

describe("SopEditor on the server (first paint, no JavaScript)", () => {
  it("renders a labelled textarea with the source, the form, the problems and the preview", () => {
    const html = render("source");
    expect(html).toMatch(
      /<textarea[^>]*id="sop-source"[^>]*name="source"|<textarea[^>]*name="source"[^>]*id="sop-source"/,
    );
    expect(html).toContain('aria-label="Procedure source (MDX)"');
    expect(html).toContain("language: fa");
    // The preview is SopView: a Persian SOP renders right to left.
    expect(html).toMatch(/<article class="sop" lang="fa" dir="rtl"/);
    expect(html).toContain("No problems");
    expect(html).toContain('role="toolbar"');
    expect(html).toContain("Edit flow:");
  });
});

describe("SopEditor in the visual view", () => {
  it("shows the procedure as blocks, right to left, with the switch to the source", () => {
    const html = render("visual");
    expect(html).not.toContain('id="sop-source"');
    expect(html).toMatch(/<div class="visual-editor" dir="rtl"/);
    expect(html).toMatch(/<button[^>]*aria-pressed="true"[^>]*>Visual<\/button>/);
    expect(html).toMatch(/<button[^>]*aria-pressed="false"[^>]*>Source<\/button>/);
    // the flow is edited from its block, not from the source view's toolbar
    expect(html).not.toContain("Edit flow:");
    expect(html).toMatch(/<button type="button">Edit flow<\/button>/);
    // the preview is drawn once the editor is ready (the visual view needs JavaScript anyway)
    expect(html).not.toContain("<article");
    expect(html).toContain("Drawing the preview…");
  });

  it("disables every block's controls when read-only", () => {
    expect(render("visual", true)).toMatch(/<fieldset class="ve-fieldset" disabled="">/);
    expect(render("visual")).toMatch(/<fieldset class="ve-fieldset">/);
  });
});
