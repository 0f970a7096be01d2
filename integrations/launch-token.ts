// Embed launch tokens (issue 12, docs/embedding.md, ADR 022): the help desk signs a short-lived JWT that says which
// agent is on which ticket; /embed/launch verifies it here. Pure: the caller looks the integration up (by the
// unverified `iss`, `issuerOf`), gives its keys, and then records the `jti` and checks the agent in the database.
//
// Rules: HS256 with the integration's launch secret (the UTF-8 bytes of the secret string), or RS256 with its public
// key when it has one — never both, so a token HS-signed with the public key's text is refused (algorithm
// confusion), and `alg: none` is never accepted. `iss` = the integration id, `aud` = "stepwise", `iat` and `exp`
// required, `exp` at most 5 minutes after `iat`, 30 s of clock skew allowed, `jti` required.
import { decodeJwt, decodeProtectedHeader, errors, importSPKI, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";

export const LAUNCH_AUDIENCE = "stepwise";
/** the longest a launch token may live (`exp - iat`), in seconds */
export const MAX_LAUNCH_LIFETIME_S = 300;
/** clock skew allowed between the host's clock and ours, in seconds */
export const CLOCK_SKEW_S = 30;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Custom fields: names like `<Field name>`s, string values (numbers and booleans are written as text by hosts). */
const fieldsSchema = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: "field names are letters, digits and _" }),
    z.union([z.string().max(5000), z.number(), z.boolean()]).transform((v) => String(v)),
  )
  .refine((r) => Object.keys(r).length <= 100, { error: "at most 100 fields" });

/** The claims Stepwise reads, beside the registered ones jose checks. Unknown claims are ignored. */
export const launchClaimsSchema = z.object({
  iss: text(100),
  sub: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "sub must be the agent's e-mail address" })),
  jti: text(200),
  iat: z.number().int(),
  exp: z.number().int(),
  sop: text(200).optional(),
  ticket_id: text(200).optional(),
  requester: z
    .object({ name: z.string().trim().max(200).optional(), email: z.string().trim().max(320).optional() })
    .optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/)
    .optional(),
  fields: fieldsSchema.optional(),
});

export type LaunchClaims = z.infer<typeof launchClaimsSchema>;

export type LaunchFailure =
  | "malformed"
  | "bad-signature"
  | "wrong-algorithm"
  | "expired"
  | "not-yet-valid"
  | "too-long-lived"
  | "wrong-audience"
  | "wrong-issuer"
  | "missing-claim"
  | "bad-claims";

export class LaunchTokenError extends Error {
  constructor(
    readonly reason: LaunchFailure,
    message: string,
  ) {
    super(message);
    this.name = "LaunchTokenError";
  }
}

/** The integration id a token claims to come from, read without verifying (to find the key), or null. */
export function issuerOf(token: string): string | null {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === "string" && iss.length > 0 && iss.length <= 100 ? iss : null;
  } catch {
    return null;
  }
}

export type LaunchKeys = { integrationId: string; launchSecret: string; launchPublicKey: string | null };

async function keyOf(
  keys: LaunchKeys,
): Promise<{ key: Parameters<typeof jwtVerify>[1] & object; alg: "HS256" | "RS256" }> {
  if (keys.launchPublicKey) return { key: await importSPKI(keys.launchPublicKey, "RS256"), alg: "RS256" };
  return { key: new TextEncoder().encode(keys.launchSecret), alg: "HS256" };
}

/** Verifies a launch token against one integration's keys; throws LaunchTokenError with a reason. */
export async function verifyLaunchToken(token: string, keys: LaunchKeys, now = new Date()): Promise<LaunchClaims> {
  if (typeof token !== "string" || token.length === 0 || token.length > 8192)
    throw new LaunchTokenError("malformed", "The launch token is missing or too long.");
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new LaunchTokenError("malformed", "The launch token is not a JWT.");
  }
  const { key, alg } = await keyOf(keys);
  if (header.alg !== alg) throw new LaunchTokenError("wrong-algorithm", `The launch token must be signed with ${alg}.`);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [alg],
      issuer: keys.integrationId,
      audience: LAUNCH_AUDIENCE,
      requiredClaims: ["iat", "exp", "jti", "sub"],
      clockTolerance: CLOCK_SKEW_S,
      currentDate: now,
    }));
  } catch (e) {
    throw failureOf(e);
  }
  const parsed = launchClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LaunchTokenError("bad-claims", `The claim “${String(issue?.path[0] ?? "?")}” is not valid.`);
  }
  const claims = parsed.data;
  if (claims.exp - claims.iat > MAX_LAUNCH_LIFETIME_S)
    throw new LaunchTokenError(
      "too-long-lived",
      `A launch token may live at most ${MAX_LAUNCH_LIFETIME_S / 60} minutes.`,
    );
  if (claims.iat > now.getTime() / 1000 + CLOCK_SKEW_S)
    throw new LaunchTokenError("not-yet-valid", "The launch token was issued in the future: check the host's clock.");
  return claims;
}

function failureOf(e: unknown): LaunchTokenError {
  if (e instanceof errors.JWTExpired) return new LaunchTokenError("expired", "The launch token has expired.");
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return new LaunchTokenError("bad-signature", "The launch token's signature does not match.");
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported)
    return new LaunchTokenError("wrong-algorithm", "The launch token is signed with an algorithm we do not accept.");
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.reason === "missing")
      return new LaunchTokenError("missing-claim", `The launch token has no “${e.claim}” claim.`);
    if (e.claim === "aud")
      return new LaunchTokenError("wrong-audience", `The launch token's aud must be “${LAUNCH_AUDIENCE}”.`);
    if (e.claim === "iss")
      return new LaunchTokenError("wrong-issuer", "The launch token's iss is not this integration.");
    if (e.claim === "nbf" || e.claim === "iat")
      return new LaunchTokenError("not-yet-valid", "The launch token is not valid yet: check the host's clock.");
    return new LaunchTokenError("bad-claims", `The claim “${e.claim}” is not valid.`);
  }
  return new LaunchTokenError("malformed", "The launch token could not be read.");
}

/**
 * The values a launch fills into the run: the custom fields, plus the requester mapped to common field names
 * (`customer_name`, `customer_email`; also `requester_name`, `requester_email`) unless a custom field sets them.
 * Names the SOP has no `<Field>` for are ignored by startOrResumeTicketRun.
 */
export function launchFieldValues(claims: Pick<LaunchClaims, "fields" | "requester" | "ticket_id">) {
  const out: Record<string, string> = {};
  const { name, email } = claims.requester ?? {};
  if (name) out.customer_name = out.requester_name = name;
  if (email) out.customer_email = out.requester_email = email;
  if (claims.ticket_id) out.ticket_id = claims.ticket_id;
  return { ...out, ...claims.fields };
}
