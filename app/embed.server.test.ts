import { describe, expect, it } from "vitest";
import { embedLanguage, frameAncestors } from "./embed.server";

describe("frameAncestors", () => {
  it("lists the allowed origins, or 'none'", () => {
    expect(frameAncestors(["https://acme.zendesk.com", "http://127.0.0.1:4000"])).toBe(
      "frame-ancestors https://acme.zendesk.com http://127.0.0.1:4000",
    );
    expect(frameAncestors([])).toBe("frame-ancestors 'none'");
    expect(frameAncestors(null)).toBe("frame-ancestors 'none'");
  });
  it("never lets a stored value add a directive or a wildcard", () => {
    expect(frameAncestors(["https://a.example; script-src *", "*", "https://b.example"])).toBe(
      "frame-ancestors https://b.example",
    );
    expect(frameAncestors(["https://a.example\r\nX-Evil: 1"])).toBe("frame-ancestors 'none'");
  });
});

describe("embedLanguage", () => {
  it("prefers the agent's choice, then the launch's locale, then English", () => {
    expect(embedLanguage("it", "fa")).toBe("it");
    expect(embedLanguage(null, "fa-IR")).toBe("fa");
    expect(embedLanguage(null, "de")).toBe("en");
    expect(embedLanguage(null, null)).toBe("en");
  });
});
