// API token format: `sw_<prefix>_<secret>`. The prefix (8 characters) is public: lists show it so an admin can tell
// tokens apart, and the lookup finds the row by the secret's hash. The secret is 32 random bytes (base64url), so a
// plain SHA-256 is enough to store it (a password hash's cost protects low-entropy secrets; this one has 256 bits).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN = /^sw_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export type MintedToken = { token: string; prefix: string; hash: string };

export function mintToken(): MintedToken {
  const prefix = randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8);
  const token = `sw_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, hash: hashToken(token) };
}

/** SHA-256 (hex) of a 256-bit secret: API tokens, and session cookies too (db/sessions.server.ts stores theirs so). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The prefix of a well-formed token, or null (malformed tokens are refused before any lookup). */
export function tokenPrefix(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A random secret for launch tokens (HS256) or webhooks, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
