// Integrations and their API tokens (issue 12). Webhook endpoints and the outbox live in db/webhooks.server.ts,
// used launch tokens in db/embed.server.ts.
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { isScope, type Scope } from "../integrations/scopes";
import { hashToken, mintToken, randomSecret, tokenPrefix } from "../integrations/token";
import { recordAudit } from "./audit.server";
import type { Db } from "./client.server";
import { Refusal } from "./refusal";
import { forgetWebhookSubscriptions } from "./webhooks.server";
import { apiTokens, integrations, users } from "./schema";

export class IntegrationError extends Refusal {}

export type Integration = typeof integrations.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

const MAX_NAME = 80;
const MAX_ORIGINS = 20;

/** `https://host[:port]` exactly (no path, no trailing slash); `http://` only for localhost-style hosts. */
export function normaliseOrigin(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new IntegrationError(400, `“${text}” is not an origin: write it as https://help.example.com.`, {
      field: "allowedOrigins",
    });
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local))
    throw new IntegrationError(400, `“${text}” must use https:// (plain http only for localhost).`, {
      field: "allowedOrigins",
    });
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password)
    throw new IntegrationError(400, `“${text}” is an address, not an origin: keep only the scheme, host and port.`, {
      field: "allowedOrigins",
    });
  return url.origin;
}

export function parseOrigins(lines: string): string[] {
  const origins = [
    ...new Set(
      lines
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(normaliseOrigin),
    ),
  ];
  if (origins.length > MAX_ORIGINS)
    throw new IntegrationError(400, `At most ${MAX_ORIGINS} origins per integration.`, { field: "allowedOrigins" });
  return origins;
}

function cleanName(name: string, field = "name"): string {
  const clean = name.trim();
  if (!clean) throw new IntegrationError(400, "Give it a name.", { field });
  if (clean.length > MAX_NAME)
    throw new IntegrationError(400, `Keep the name under ${MAX_NAME} characters.`, { field });
  return clean;
}

/** RS256 public keys are PEM SPKI blocks; anything else is refused when saved, not when a launch fails. */
export function checkPublicKey(pem: string | null): string | null {
  const text = pem?.trim() ?? "";
  if (!text) return null;
  if (!/^-----BEGIN PUBLIC KEY-----\s+[A-Za-z0-9+/=\s]+-----END PUBLIC KEY-----$/.test(text))
    throw new IntegrationError(400, "Paste the public key as PEM, from -----BEGIN PUBLIC KEY----- to its END line.", {
      field: "launchPublicKey",
    });
  return text;
}

export type IntegrationInput = {
  name: string;
  description?: string;
  allowedOrigins?: string[];
  launchPublicKey?: string | null;
  allowPrivateTargets?: boolean;
};

export async function createIntegration(db: Db, input: IntegrationInput, actorId: string | null): Promise<Integration> {
  const row = {
    id: randomUUID(),
    name: cleanName(input.name),
    description: (input.description ?? "").trim().slice(0, 500),
    allowedOrigins: input.allowedOrigins ?? [],
    launchSecret: randomSecret(),
    launchPublicKey: checkPublicKey(input.launchPublicKey ?? null),
    allowPrivateTargets: input.allowPrivateTargets ?? false,
    createdBy: actorId,
  };
  return db.transaction((tx) => {
    const created = tx.insert(integrations).values(row).returning().get();
    recordAudit(tx, {
      actorId,
      action: "integration.create",
      targetType: "integration",
      targetId: created.id,
      summary: `Created the integration “${created.name}”`,
      details: { allowedOrigins: created.allowedOrigins, allowPrivateTargets: created.allowPrivateTargets },
    });
    return created;
  });
}

export async function listIntegrations(db: Db) {
  return db
    .select({
      id: integrations.id,
      name: integrations.name,
      description: integrations.description,
      allowedOrigins: integrations.allowedOrigins,
      createdAt: integrations.createdAt,
      disabledAt: integrations.disabledAt,
      tokens: sql<number>`(select count(*) from ${apiTokens} where ${apiTokens.integrationId} = ${integrations.id}
        and ${apiTokens.revokedAt} is null)`,
      lastUsedAt: sql<
        number | null
      >`(select max(${apiTokens.lastUsedAt}) from ${apiTokens} where ${apiTokens.integrationId} = ${integrations.id})`,
    })
    .from(integrations)
    .orderBy(integrations.name)
    .all();
}

export function getIntegration(db: Pick<Db, "select">, id: string): Integration | undefined {
  return db.select().from(integrations).where(eq(integrations.id, id)).get();
}

export function requireIntegration(db: Pick<Db, "select">, id: string): Integration {
  const found = getIntegration(db, id);
  if (!found) throw new IntegrationError(404, "There is no integration with this id.");
  return found;
}

export async function updateIntegration(
  db: Db,
  id: string,
  input: IntegrationInput,
  actorId: string | null,
): Promise<Integration> {
  return db.transaction((tx) => {
    const before = requireIntegration(tx, id);
    const changes = {
      name: cleanName(input.name),
      description: (input.description ?? before.description).trim().slice(0, 500),
      allowedOrigins: input.allowedOrigins ?? before.allowedOrigins,
      launchPublicKey:
        input.launchPublicKey === undefined ? before.launchPublicKey : checkPublicKey(input.launchPublicKey),
      allowPrivateTargets: input.allowPrivateTargets ?? before.allowPrivateTargets,
    };
    const after = tx.update(integrations).set(changes).where(eq(integrations.id, id)).returning().get();
    recordAudit(tx, {
      actorId,
      action: "integration.update",
      targetType: "integration",
      targetId: id,
      summary: `Changed the integration “${after.name}”`,
      details: {
        allowedOrigins: { from: before.allowedOrigins, to: after.allowedOrigins },
        allowPrivateTargets: { from: before.allowPrivateTargets, to: after.allowPrivateTargets },
        launchPublicKey: before.launchPublicKey === after.launchPublicKey ? "unchanged" : "changed",
      },
    });
    return after;
  });
}

/** Switch an integration off (or on again): its tokens, webhooks and embed launches stop while it is off. */
export async function setIntegrationDisabled(
  db: Db,
  id: string,
  disabled: boolean,
  actorId: string | null,
): Promise<void> {
  db.transaction((tx) => {
    const it = requireIntegration(tx, id);
    tx.update(integrations)
      .set({ disabledAt: disabled ? Date.now() : null })
      .where(eq(integrations.id, id))
      .run();
    recordAudit(tx, {
      actorId,
      action: disabled ? "integration.disable" : "integration.enable",
      targetType: "integration",
      targetId: id,
      summary: `${disabled ? "Switched off" : "Switched on"} the integration “${it.name}”`,
    });
  });
  forgetTokenCache();
  forgetWebhookSubscriptions();
}

/** A new launch secret (HS256): launch tokens signed with the old one stop working at once. Shown to the admin. */
export async function rotateLaunchSecret(db: Db, id: string, actorId: string | null): Promise<string> {
  const secret = randomSecret();
  db.transaction((tx) => {
    const it = requireIntegration(tx, id);
    tx.update(integrations).set({ launchSecret: secret }).where(eq(integrations.id, id)).run();
    recordAudit(tx, {
      actorId,
      action: "integration.rotate-launch-secret",
      targetType: "integration",
      targetId: id,
      summary: `Rotated the embed launch secret of “${it.name}”`,
    });
  });
  return secret;
}

export type TokenInput = { name: string; scopes: string[]; expiresAt: number | null };

/** Creates a token; the plaintext is returned once and never stored. */
export async function createApiToken(
  db: Db,
  integrationId: string,
  input: TokenInput,
  actorId: string | null,
): Promise<{ token: string; row: ApiTokenRow }> {
  const scopes = [...new Set(input.scopes)];
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length) throw new IntegrationError(400, `Unknown scope: ${unknown.join(", ")}.`, { field: "scopes" });
  if (!scopes.length) throw new IntegrationError(400, "Choose at least one scope.", { field: "scopes" });
  if (input.expiresAt != null && input.expiresAt <= Date.now())
    throw new IntegrationError(400, "The expiry date must be in the future.", { field: "expiresAt" });
  const minted = mintToken();
  const row = db.transaction((tx) => {
    const it = requireIntegration(tx, integrationId);
    const created = tx
      .insert(apiTokens)
      .values({
        id: randomUUID(),
        integrationId,
        name: cleanName(input.name),
        prefix: minted.prefix,
        tokenHash: minted.hash,
        scopes,
        expiresAt: input.expiresAt,
        createdBy: actorId,
      })
      .returning()
      .get();
    recordAudit(tx, {
      actorId,
      action: "token.create",
      targetType: "integration",
      targetId: integrationId,
      summary: `Created the API token “${created.name}” (sw_${created.prefix}…) for “${it.name}”`,
      details: { tokenId: created.id, scopes, expiresAt: input.expiresAt },
    });
    return created;
  });
  return { token: minted.token, row };
}

export async function listApiTokens(db: Db, integrationId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      createdByName: users.name,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      lastUsedIp: apiTokens.lastUsedIp,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.integrationId, integrationId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

export async function revokeApiToken(
  db: Db,
  integrationId: string,
  tokenId: string,
  actorId: string | null,
): Promise<void> {
  db.transaction((tx) => {
    const token = tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.integrationId, integrationId)))
      .get();
    if (!token) throw new IntegrationError(404, "There is no such token on this integration.");
    if (token.revokedAt) throw new IntegrationError(409, "This token is already revoked.");
    tx.update(apiTokens).set({ revokedAt: Date.now() }).where(eq(apiTokens.id, tokenId)).run();
    recordAudit(tx, {
      actorId,
      action: "token.revoke",
      targetType: "integration",
      targetId: integrationId,
      summary: `Revoked the API token “${token.name}” (sw_${token.prefix}…)`,
      details: { tokenId },
    });
  });
  forgetTokenCache();
}

/** Who a valid bearer token speaks for. */
export type TokenCaller = {
  tokenId: string;
  tokenName: string;
  integrationId: string;
  integrationName: string;
  scopes: readonly Scope[];
};

type CachedToken = { caller: TokenCaller; expiresAt: number | null; checkedAt: number };

/**
 * Valid tokens by hash, re-read from the database at most every few seconds: a revocation made on this instance
 * clears the cache at once (`forgetTokenCache`), one made elsewhere takes effect within TOKEN_RECHECK_MS.
 */
const tokenCache = new Map<string, CachedToken>();
const TOKEN_RECHECK_MS = 5_000;
const TOKEN_CACHE_SIZE = 1_000;
/** `last_used_at` is written at most this often per token, so the hot API path does not write on every request */
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

export function forgetTokenCache(): void {
  tokenCache.clear();
}

/** The caller behind `Authorization: Bearer <token>`, or null when the token is unknown, expired or revoked. */
export async function authenticateToken(db: Db, token: string, ip = "", now = Date.now()): Promise<TokenCaller | null> {
  if (!tokenPrefix(token)) return null;
  const hash = hashToken(token);
  let cached = tokenCache.get(hash);
  if (!cached || now - cached.checkedAt > TOKEN_RECHECK_MS) {
    const row = db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        scopes: apiTokens.scopes,
        expiresAt: apiTokens.expiresAt,
        integrationId: integrations.id,
        integrationName: integrations.name,
      })
      .from(apiTokens)
      .innerJoin(integrations, eq(integrations.id, apiTokens.integrationId))
      .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), isNull(integrations.disabledAt)))
      .get();
    if (!row) {
      tokenCache.delete(hash);
      return null;
    }
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.delete(tokenCache.keys().next().value!);
    cached = {
      caller: {
        tokenId: row.id,
        tokenName: row.name,
        integrationId: row.integrationId,
        integrationName: row.integrationName,
        scopes: row.scopes.filter(isScope),
      },
      expiresAt: row.expiresAt,
      checkedAt: now,
    };
    tokenCache.set(hash, cached);
  }
  if (cached.expiresAt != null && cached.expiresAt <= now) return null;
  const id = cached.caller.tokenId;
  if (now - (lastUsedWritten.get(id) ?? 0) >= LAST_USED_EVERY_MS) {
    lastUsedWritten.set(id, now);
    db.update(apiTokens)
      .set({ lastUsedAt: now, lastUsedIp: ip.slice(0, 64) })
      .where(eq(apiTokens.id, id))
      .run();
  }
  return cached.caller;
}
