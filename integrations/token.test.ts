import { describe, expect, it } from "vitest";
import { hashToken, mintToken, sameHash, tokenPrefix } from "./token";

describe("API tokens", () => {
  it("mints distinct well-formed tokens whose prefix reads back", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { token, prefix, hash } = mintToken();
      expect(tokenPrefix(token)).toBe(prefix);
      expect(hash).toBe(hashToken(token));
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      seen.add(token);
    }
    expect(seen.size).toBe(200);
  });

  it("refuses malformed tokens before any lookup", () => {
    const { token } = mintToken();
    for (const bad of ["", "sw_", token.slice(0, -1), token + "x", token.replace("sw_", "sk_"), `Bearer ${token}`])
      expect(tokenPrefix(bad)).toBeNull();
  });

  it("compares hashes in constant time and only equal ones match", () => {
    const a = hashToken("a");
    expect(sameHash(a, hashToken("a"))).toBe(true);
    expect(sameHash(a, hashToken("b"))).toBe(false);
    expect(sameHash(a, "00")).toBe(false);
  });
});
