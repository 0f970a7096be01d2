import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clearSessionCookieHeader,
  readCookie,
  readSessionToken,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieHeader,
  sessionCookieName,
} from "./cookie.server";
import { safeRedirect } from "./session.server";

afterEach(() => vi.unstubAllEnvs());

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax, Secure only over https", () => {
    const http = sessionCookieHeader("abc", new Request("http://localhost/login"), false);
    expect(http).toContain("HttpOnly");
    expect(http).toContain("SameSite=Lax");
    expect(http).not.toContain("Secure");
    expect(sessionCookieHeader("abc", new Request("https://sop.example/login"), false)).toContain("Secure");
    expect(clearSessionCookieHeader(new Request("http://x/"), false)).toContain("Max-Age=0");
  });
  it("reads a cookie among others, tolerating junk", () => {
    const r = new Request("http://x/", { headers: { Cookie: "a=1; stepwise_session=tok%2Fen; b" } });
    expect(readCookie(r, "stepwise_session")).toBe("tok/en");
    expect(
      readCookie(new Request("http://x/", { headers: { Cookie: "stepwise_session=%E0%A4%A" } }), "stepwise_session"),
    ).toBeNull();
    expect(readCookie(new Request("http://x/"), "stepwise_session")).toBeNull();
  });
});

describe("session cookie with STEPWISE_HTTPS", () => {
  it(
    "is Secure and __Host- prefixed (Path=/, no Domain), even " +
      "when TLS ends at a proxy and the request looks like http",
    () => {
      const header = sessionCookieHeader("tok", new Request("http://localhost/login"), true);
      expect(header.startsWith("__Host-stepwise_session=tok; ")).toBe(true);
      const attrs = header.split("; ").slice(1);
      expect(attrs).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]));
      expect(header).not.toMatch(/Domain=/i);
      const clear = clearSessionCookieHeader(new Request("http://localhost/logout"), true);
      expect(clear).toMatch(/^__Host-stepwise_session=; /);
      expect(clear).toContain("Secure");
      expect(clear).toContain("Max-Age=0");
    },
  );

  it("follows the environment: the prefixed name with STEPWISE_HTTPS, the plain name without", () => {
    vi.stubEnv("STEPWISE_HTTPS", "1");
    expect(sessionCookieName()).toBe(SECURE_SESSION_COOKIE);
    expect(sessionCookieHeader("t", new Request("http://localhost/"))).toMatch(/^__Host-stepwise_session=t; .*Secure/);
    vi.stubEnv("STEPWISE_HTTPS", "");
    expect(sessionCookieName()).toBe(SESSION_COOKIE);
    expect(sessionCookieHeader("t", new Request("http://localhost/"))).not.toContain("Secure");
  });

  it("reads only the current mode's name", () => {
    const both = new Request("http://x/", {
      headers: { Cookie: "stepwise_session=plain; __Host-stepwise_session=host" },
    });
    expect(readSessionToken(both, true)).toBe("host");
    expect(readSessionToken(both, false)).toBe("plain");
    expect(
      readSessionToken(new Request("http://x/", { headers: { Cookie: "stepwise_session=plain" } }), true),
    ).toBeNull();
    expect(
      readSessionToken(new Request("http://x/", { headers: { Cookie: "__Host-stepwise_session=host" } }), false),
    ).toBeNull();
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/library?q=refund", "/library?q=refund"],
    ["/", "/"],
    ["/sops/abc#step-2", "/sops/abc#step-2"],
    ["/runs/123?tab=notes&x=1", "/runs/123?tab=notes&x=1"],
    ["/library/../admin/users", "/admin/users"],
    ["/a/./b", "/a/b"],
    ["/%2e%2e/x", "/x"],
    ["/search?q=a b", "/search?q=a%20b"],
    ["/caf\u00e9", "/caf%C3%A9"],
    ["/x\u0001y", "/x%01y"],
    ["  /library", "/library"],
    ["/library\n", "/library"],
    ["/lib\trary", "/library"],
  ])("keeps the same-origin path %j as %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    // authorities: protocol-relative and its disguises
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "\u0000//evil.example",
    "\u001f//evil.example",
    "/\\/evil.example",
    "/\t\\evil.example",
    // percent-encoded variants that a decoding hop turns into an authority
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5C/evil.example",
    "/%5c%5cevil.example",
    "/%252F/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    // dot segments that normalise to "//evil.example"
    "/.//evil.example",
    "/./\\evil.example",
    "/.%2e//evil.example",
    "/x/..//evil.example",
    "/%2e//evil.example",
    // full-width solidus / reverse solidus / dots
    "/\uff0fevil.example",
    "/\uff3cevil.example",
    "\uff0f\uff0fevil.example",
    "/\uff0e\uff0e//evil.example",
    // absolute URLs and schemes
    "https://evil.example",
    "http://x.invalid/library",
    "HTTPS://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:a@evil.example",
    // relative and odd
    "evil.example",
    "library",
    "./library",
    "../library",
    "?q=1",
    "#top",
    "@evil.example",
    "",
    " ",
    "/" + "a".repeat(3000),
  ])("refuses %j", (input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it("refuses what isn't a string, and uses the given fallback", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirect("//evil.example", "/library")).toBe("/library");
  });

  it("only ever returns a header-safe path that a browser resolves on this origin", () => {
    const hostile = [
      "/\t/evil.example",
      "/\n/x",
      "/%0a/x",
      "/x\r\nSet-Cookie: a=b",
      "/\u2028x",
      "/x\u0000",
      "/.//a",
      "/\\\\a",
      "/ok",
    ];
    for (const input of hostile) {
      const out = safeRedirect(input);
      expect(out).toMatch(/^\/(?![\\/])[\x21-\x7e]*$/);
      expect(new URL(out, "https://stepwise.example").origin).toBe("https://stepwise.example");
      expect(() => new Headers({ Location: out })).not.toThrow();
    }
  });
});
