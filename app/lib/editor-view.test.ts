import { describe, expect, it } from "vitest";
import { editorViewCookie, requestedEditorView } from "./editor-view";

describe("requestedEditorView", () => {
  const url = "http://localhost/sops/x/edit";
  it.each([
    [url, null, "visual"],
    [url, "source", "source"],
    [url, "visual", "visual"],
    [url, "nonsense", "visual"],
    [`${url}?view=source`, null, "source"],
    [`${url}?view=visual`, "source", "visual"],
    [`${url}?view=bogus`, "source", "source"],
    [`${url}?step=greet&view=source`, "visual", "source"],
  ] as const)("%s with cookie %s → %s", (u, cookie, expected) => {
    expect(requestedEditorView(u, cookie)).toBe(expected);
  });
});

describe("editorViewCookie", () => {
  it("is a site-wide, year-long, Lax preference, Secure only over https", () => {
    expect(editorViewCookie("source", false)).toBe(
      "stepwise_editor_view=source; Path=/; Max-Age=31536000; SameSite=Lax",
    );
    expect(editorViewCookie("visual", true)).toMatch(/; Secure$/);
  });
});
