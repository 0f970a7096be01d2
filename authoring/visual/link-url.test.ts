import { describe, expect, it } from "vitest";
import { checkLinkUrl } from "./link-url";

describe("checkLinkUrl", () => {
  it("takes web, e-mail, phone and relative addresses as typed", () => {
    for (const href of [
      "https://example.com/refunds?x=1#a",
      "http://intranet.local",
      "mailto:help@example.com",
      "tel:+441234567890",
      "/sops/refunds",
      "../refunds.mdx",
      "#verify-the-caller",
      "refunds",
    ])
      expect(checkLinkUrl(href)).toEqual({ ok: true, href });
  });

  it("trims the address and reads www. as a web address", () => {
    expect(checkLinkUrl("  https://example.com ")).toEqual({ ok: true, href: "https://example.com" });
    expect(checkLinkUrl("www.example.com/a")).toEqual({ ok: true, href: "https://www.example.com/a" });
  });

  it("refuses schemes that run or embed something, however they are written", () => {
    for (const href of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " java\tscript:alert(1)",
      "data:text/html,<b>x</b>",
      "vbscript:x",
      "file:///etc/passwd",
    ]) {
      const r = checkLinkUrl(href);
      expect(r.ok, href).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/not “(javascript|data|vbscript|file):”/i);
    }
  });

  it("says what is missing", () => {
    expect(checkLinkUrl("")).toMatchObject({ ok: false, message: expect.stringMatching(/^Type the address/) });
    expect(checkLinkUrl("https://")).toMatchObject({ ok: false, message: expect.stringMatching(/needs a site/) });
  });
});
