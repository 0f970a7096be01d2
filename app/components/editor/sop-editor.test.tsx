import { describe, expect, it } from "vitest";
import { createRef } from "react";
import { renderToString } from "react-dom/server";
import { readFileSync } from "node:fs";
import { parseForEditor, SopEditor } from "./sop-editor";
import type { CodeEditorHandle } from "./code-editor";

const source = readFileSync(new URL("../../../content/sops/fa-peygiri-sefaresh.mdx", import.meta.url), "utf8");

describe("SopEditor on the server (first paint, no JavaScript)", () => {
  it("renders a labelled textarea with the source, the form, the problems and the preview", () => {
    const html = renderToString(
      <SopEditor
        sopId="fa-peygiri-sefaresh"
        source={source}
        onChange={() => undefined}
        parsed={parseForEditor(source, "fa-peygiri-sefaresh")}
        readOnly={false}
        departments={["Customer Service", "Billing"]}
        version={2}
        fallbackDepartment="Customer Service"
        editorRef={createRef<CodeEditorHandle>()}
        onSaveShortcut={() => undefined}
      />,
    );
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
