import { describe, expect, it } from "vitest";
import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { issuerOf, launchFieldValues, LaunchTokenError, verifyLaunchToken, type LaunchKeys } from "./launch-token";

const SECRET = "test-secret-0123456789abcdefghijklmnopqrstuvw";
const KEYS: LaunchKeys = { integrationId: "int-1", launchSecret: SECRET, launchPublicKey: null };
const NOW = new Date("2026-03-01T10:00:00Z");
const nowS = NOW.getTime() / 1000;

function claims(over: JWTPayload = {}): JWTPayload {
  return {
    iss: "int-1",
    aud: "stepwise",
    sub: "agent@stepwise.example",
    jti: "jti-1",
    iat: nowS,
    exp: nowS + 120,
    ...over,
  };
}

function hs(payload: JWTPayload, secret = SECRET, header: Record<string, unknown> = {}) {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", ...header }).sign(new TextEncoder().encode(secret));
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LaunchTokenError) return e.reason;
    throw e;
  }
  return "accepted";
}

describe("verifyLaunchToken", () => {
  it("accepts a well-formed HS256 token and reads its claims", async () => {
    const token = await hs(
      claims({
        sop: "refund-request",
        ticket_id: "T-42",
        requester: { name: "Ana Díaz", email: "ana@example.com" },
        locale: "fa",
        fields: { order_number: "A-1234", priority: 2 },
      }),
    );
    const got = await verifyLaunchToken(token, KEYS, NOW);
    expect(got.sub).toBe("agent@stepwise.example");
    expect(got.fields).toEqual({ order_number: "A-1234", priority: "2" });
    expect(got.locale).toBe("fa");
    expect(issuerOf(token)).toBe("int-1");
  });

  it("lowercases the agent's e-mail", async () => {
    const got = await verifyLaunchToken(await hs(claims({ sub: " Agent@Stepwise.Example " })), KEYS, NOW);
    expect(got.sub).toBe("agent@stepwise.example");
  });

  it("refuses an expired token, allowing 30 s of skew", async () => {
    const exp = nowS - 10;
    expect(await reason(verifyLaunchToken(await hs(claims({ iat: exp - 60, exp })), KEYS, NOW))).toBe("accepted");
    const old = nowS - 31;
    expect(await reason(verifyLaunchToken(await hs(claims({ iat: old - 60, exp: old })), KEYS, NOW))).toBe("expired");
  });

  it("refuses exp more than 5 minutes after iat", async () => {
    expect(await reason(verifyLaunchToken(await hs(claims({ exp: nowS + 301 })), KEYS, NOW))).toBe("too-long-lived");
    expect(await reason(verifyLaunchToken(await hs(claims({ exp: nowS + 300 })), KEYS, NOW))).toBe("accepted");
  });

  it("refuses a token issued in the future", async () => {
    const t = await hs(claims({ iat: nowS + 120, exp: nowS + 200 }));
    expect(await reason(verifyLaunchToken(t, KEYS, NOW))).toBe("not-yet-valid");
  });

  it("refuses the wrong audience and the wrong issuer", async () => {
    expect(await reason(verifyLaunchToken(await hs(claims({ aud: "zendesk" })), KEYS, NOW))).toBe("wrong-audience");
    expect(await reason(verifyLaunchToken(await hs(claims({ aud: undefined })), KEYS, NOW))).toBe("missing-claim");
    expect(await reason(verifyLaunchToken(await hs(claims({ iss: "int-2" })), KEYS, NOW))).toBe("wrong-issuer");
  });

  it("refuses a bad signature", async () => {
    const t = await hs(claims(), "another-secret-of-the-same-length-xxxxxxxxxxx");
    expect(await reason(verifyLaunchToken(t, KEYS, NOW))).toBe("bad-signature");
    const good = await hs(claims());
    const [h, , s] = good.split(".");
    const payload = Buffer.from(JSON.stringify(claims({ sub: "admin@stepwise.example" }))).toString("base64url");
    const forged = `${h}.${payload}.${s}`;
    expect(await reason(verifyLaunchToken(forged, KEYS, NOW))).toBe("bad-signature");
  });

  it("refuses alg none", async () => {
    const h = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const p = Buffer.from(JSON.stringify(claims())).toString("base64url");
    expect(await reason(verifyLaunchToken(`${h}.${p}.`, KEYS, NOW))).toBe("wrong-algorithm");
  });

  it("refuses HS/RS confusion both ways", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const pem = await exportSPKI(publicKey);
    const rsKeys: LaunchKeys = { ...KEYS, launchPublicKey: pem };
    const rs = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
    expect(await reason(verifyLaunchToken(rs, rsKeys, NOW))).toBe("accepted");
    // An integration with a public key no longer accepts the shared secret, nor HS256 signed with the key's text.
    expect(await reason(verifyLaunchToken(await hs(claims()), rsKeys, NOW))).toBe("wrong-algorithm");
    expect(await reason(verifyLaunchToken(await hs(claims(), pem), rsKeys, NOW))).toBe("wrong-algorithm");
    // An integration with the secret only does not accept RS256.
    expect(await reason(verifyLaunchToken(rs, KEYS, NOW))).toBe("wrong-algorithm");
  });

  it("refuses missing claims", async () => {
    for (const claim of ["jti", "sub", "exp", "iat"]) {
      const t = await hs(claims({ [claim]: undefined }));
      expect(await reason(verifyLaunchToken(t, KEYS, NOW)), claim).toMatch(/missing-claim|bad-claims/);
    }
  });

  it("refuses bad claim values", async () => {
    expect(await reason(verifyLaunchToken(await hs(claims({ sub: "not an e-mail" })), KEYS, NOW))).toBe("bad-claims");
    const badField = await hs(claims({ fields: { "<script>": "x" } }));
    expect(await reason(verifyLaunchToken(badField, KEYS, NOW))).toBe("bad-claims");
    expect(await reason(verifyLaunchToken(await hs(claims({ locale: "../../x" })), KEYS, NOW))).toBe("bad-claims");
  });

  it("refuses what is not a JWT", async () => {
    for (const t of ["", "abc", "a.b.c", "x".repeat(9000)])
      expect(await reason(verifyLaunchToken(t, KEYS, NOW))).toBe("malformed");
    expect(issuerOf("garbage")).toBeNull();
  });
});

describe("launchFieldValues", () => {
  it("maps the requester to common field names; custom fields win", () => {
    expect(
      launchFieldValues({
        requester: { name: "Ana", email: "ana@example.com" },
        ticket_id: "T-1",
        fields: { customer_name: "Ana Díaz" },
      }),
    ).toEqual({
      customer_name: "Ana Díaz",
      requester_name: "Ana",
      customer_email: "ana@example.com",
      requester_email: "ana@example.com",
      ticket_id: "T-1",
    });
  });
});
