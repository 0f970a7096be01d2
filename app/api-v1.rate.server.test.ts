// The per-token rate limit through a v1 route: past STEPWISE_API_RATE_PER_MINUTE a token gets 429 problem+json with
// Retry-After; another token is not affected. Its own file: the limit is read once, when the module loads.
import { beforeAll, describe, expect, it } from "vitest";

process.env.DATABASE_URL = ":memory:";
process.env.STEPWISE_API_RATE_PER_MINUTE = "3";

const { getDb } = await import("../db/client.server");
const { createApiToken, createIntegration } = await import("../db/integrations.server");
const sops = await import("./routes/api.v1.sops");

let a: string;
let b: string;

beforeAll(async () => {
  const db = getDb();
  const id = (await createIntegration(db, { name: "Busy desk" }, null)).id;
  a = (await createApiToken(db, id, { name: "a", scopes: ["sops:read"], expiresAt: null }, null)).token;
  b = (await createApiToken(db, id, { name: "b", scopes: ["sops:read"], expiresAt: null }, null)).token;
});

const get = (token: string) =>
  sops.loader({
    request: new Request("http://localhost/api/v1/sops", { headers: { Authorization: `Bearer ${token}` } }),
    params: {},
    context: { clientIp: "127.0.0.1", cspNonce: "" },
  } as never);

describe("the per-token rate limit", () => {
  it("answers 429 with Retry-After past the limit, per token", async () => {
    for (let i = 0; i < 3; i++) expect((await get(a)).status).toBe(200);
    const limited = await get(a);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Content-Type")).toBe("application/problem+json");
    const seconds = Number(limited.headers.get("Retry-After"));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(((await limited.json()) as { detail: string }).detail).toMatch(/more than 3 requests/);
    expect((await get(b)).status).toBe(200);
  });
});
