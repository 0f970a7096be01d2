import { describe, expect, it } from "vitest";
import { clearSessionCookieHeader, readCookie, sessionCookieHeader } from "./cookie.server";
import { safeRedirect } from "./session.server";

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax, Secure only over https", () => {
    const http = sessionCookieHeader("abc", new Request("http://localhost/login"));
    expect(http).toContain("HttpOnly");
    expect(http).toContain("SameSite=Lax");
    expect(http).not.toContain("Secure");
    expect(sessionCookieHeader("abc", new Request("https://sop.example/login"))).toContain("Secure");
    expect(clearSessionCookieHeader(new Request("http://x/"))).toContain("Max-Age=0");
  });
  it("reads a cookie among others, tolerating junk", () => {
    const r = new Request("http://x/", { headers: { Cookie: "a=1; stepwise_session=tok%2Fen; b" } });
    expect(readCookie(r, "stepwise_session")).toBe("tok/en");
    expect(readCookie(new Request("http://x/", { headers: { Cookie: "stepwise_session=%E0%A4%A" } }), "stepwise_session")).toBeNull();
    expect(readCookie(new Request("http://x/"), "stepwise_session")).toBeNull();
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeRedirect("/library?q=refund")).toBe("/library?q=refund");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
  });
});
