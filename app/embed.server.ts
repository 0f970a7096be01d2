// Server glue of the embedded runbook (issue 12, ADR 022, docs/embedding.md): the launch (a signed JWT from the help
// desk → an embed session and the ticket's run), the frame-ancestors policy of the embed pages, and what the
// compact runbook reads and starts. Routes under app/routes/embed*.ts(x) stay thin around these.
import { getDb } from "../db/client.server";
import {
  createEmbedSession,
  recordLaunch,
  setEmbedSessionRun,
  type EmbedContext,
  type EmbedSession,
} from "../db/embed.server";
import { getIntegration } from "../db/integrations.server";
import { Refusal } from "../db/refusal";
import { findUserByEmail } from "../db/users.server";
import { isUiLanguage, type UiLanguage } from "../i18n";
import { issuerOf, launchFieldValues, LaunchTokenError, verifyLaunchToken } from "../integrations/launch-token";
import { can } from "./auth/permissions";
import { embedCookieHeader } from "./auth/embed-session.server";
import { startOrResumeTicketRun } from "./integration-runs.server";
import { maskSensitive } from "./lib/sensitive";
import { runPayload } from "./runs.server";

/** Why a launch was refused: each has its own page (i18n `embed.refused.<reason>.*`). */
export type LaunchRefusal =
  | "missing-token"
  | "unknown-integration"
  | "disabled-integration"
  | "bad-token"
  | "bad-signature"
  | "expired"
  | "wrong-audience"
  | "replayed"
  | "unknown-agent"
  | "inactive-agent"
  | "agent-not-allowed"
  | "sop-unavailable";

export type LaunchResult =
  | { ok: true; token: string; next: string; headers: Record<string, string> }
  | { ok: false; reason: LaunchRefusal; status: 401 | 403; detail: string | null; headers: Record<string, string> };

/** `frame-ancestors` for an integration's allowed origins (none: `'none'`). */
export function frameAncestors(origins: readonly string[] | null | undefined): string {
  const list = (origins ?? []).filter((o) => /^https?:\/\/[A-Za-z0-9.\-[\]:]+$/.test(o));
  return `frame-ancestors ${list.length ? list.join(" ") : "'none'"}`;
}

function pageHeaders(origins: readonly string[] | null | undefined): Record<string, string> {
  return { "Content-Security-Policy": frameAncestors(origins), "Cache-Control": "no-store" };
}

/** The interface language for the embed: the agent's own choice, else the launch's `locale`, else English. */
export function embedLanguage(userLanguage: string | null, locale: string | null): UiLanguage {
  if (isUiLanguage(userLanguage)) return userLanguage;
  const base = locale?.toLowerCase().split("-")[0];
  return isUiLanguage(base) ? base : "en";
}

function originOfReferer(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** GET /embed/launch?token=…: verify, use the jti once, sign the agent in for the embed, start or resume the run. */
export async function launch(request: Request): Promise<LaunchResult> {
  const token = new URL(request.url).searchParams.get("token");
  const refuse = (
    reason: LaunchRefusal,
    status: 401 | 403,
    origins: readonly string[] | null,
    detail: string | null = null,
  ): LaunchResult => ({ ok: false, reason, status, detail, headers: pageHeaders(origins) });
  if (!token) return refuse("missing-token", 401, null);
  const iss = issuerOf(token);
  const db = getDb();
  const integration = iss ? getIntegration(db, iss) : undefined;
  // Unknown: there is no origin to let frame the page, so it is 'none' (a host that tries sees the browser refuse).
  if (!integration) return refuse(iss ? "unknown-integration" : "bad-token", 401, null);
  const origins = integration.allowedOrigins;
  if (integration.disabledAt !== null) return refuse("disabled-integration", 403, origins);
  let claims;
  try {
    claims = await verifyLaunchToken(token, {
      integrationId: integration.id,
      launchSecret: integration.launchSecret,
      launchPublicKey: integration.launchPublicKey,
    });
  } catch (e) {
    if (!(e instanceof LaunchTokenError)) throw e;
    const reason: LaunchRefusal =
      e.reason === "expired" || e.reason === "bad-signature" || e.reason === "wrong-audience" ? e.reason : "bad-token";
    return refuse(reason, 401, origins, e.message);
  }
  // A verified token is spent now, whatever happens next.
  if (!(await recordLaunch(db, integration.id, claims.jti, claims.exp * 1000))) return refuse("replayed", 401, origins);
  const row = await findUserByEmail(db, claims.sub);
  if (!row) return refuse("unknown-agent", 403, origins);
  if (!row.active) return refuse("inactive-agent", 403, origins);
  if (!can(row.role, "run:sop")) return refuse("agent-not-allowed", 403, origins);
  const agent = { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
  const declared = originOfReferer(request.headers.get("Referer"));
  const context: EmbedContext = {
    ticketId: claims.ticket_id ?? null,
    requester: claims.requester ?? null,
    locale: claims.locale ?? null,
    fields: launchFieldValues(claims),
    hostOrigin: declared && origins.includes(declared) ? declared : null,
  };
  let runId: string | null = null;
  let resumed = false;
  if (claims.sop) {
    try {
      const started = await startOrResumeTicketRun(db, agent, {
        integrationId: integration.id,
        sopId: claims.sop,
        externalRef: claims.ticket_id ?? null,
        fields: context.fields,
        channel: "phone",
      });
      runId = started.runId;
      resumed = started.resumed;
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      return refuse("sop-unavailable", 403, origins, e.message);
    }
  }
  const sessionToken = await createEmbedSession(db, {
    userId: agent.id,
    integrationId: integration.id,
    context,
    runId,
  });
  return {
    ok: true,
    token: sessionToken,
    // `integration` (not a secret) lets a reload of the frame itself be framed where the cookie is blocked
    next: `${runId ? `/embed/runs/${runId}?${resumed ? "resumed=1&" : ""}` : "/embed?"}integration=${integration.id}`,
    headers: {
      ...pageHeaders(origins),
      "Set-Cookie": embedCookieHeader(sessionToken),
      "Referrer-Policy": "no-referrer",
    },
  };
}

/** What every embed page knows about its session (no secrets: the token stays where it is). */
export function sessionInfo(session: EmbedSession) {
  return {
    agentName: session.user.name,
    language: embedLanguage(session.user.uiLanguage, session.context.locale),
    allowedOrigins: session.allowedOrigins,
    hostOrigin: session.context.hostOrigin,
    ticketId: session.context.ticketId,
    requesterName: session.context.requester?.name ?? null,
  };
}

/** The run for the compact runbook: what app/routes/run.tsx's loader gives the full screen. */
export async function embedRun(session: EmbedSession, runId: string) {
  const { run, state: runState, document } = await runPayload(getDb(), session.user, runId);
  const { quizzes: _q, scenarios: _s, ...runDocument } = document;
  const { state } = maskSensitive(document, { state: runState }, { viewerId: session.user.id, agentId: run.agentId });
  return {
    session: sessionInfo(session),
    run: {
      id: run.id,
      sopId: run.sopId,
      version: run.version,
      customerRef: run.customerRef,
      channel: run.channel,
      practice: run.practice,
    },
    state,
    document: runDocument,
    readOnly: run.agentId !== session.user.id,
  };
}

/** The quick find's pick: start (or resume) a run of that SOP for the session's ticket. */
export async function startEmbedRun(session: EmbedSession, token: string, sopId: string) {
  const db = getDb();
  const started = await startOrResumeTicketRun(db, session.user, {
    integrationId: session.integrationId,
    sopId,
    externalRef: session.context.ticketId,
    fields: session.context.fields,
    channel: "phone",
  });
  await setEmbedSessionRun(db, token, started.runId);
  return started;
}

/** A value a context.update from the host may fill: only into fields still empty (as a resumed launch does). */
export async function updateEmbedContext(session: EmbedSession, runId: string, fields: Record<string, string>) {
  if (session.context.ticketId === null) return { filled: [] as string[] };
  const db = getDb();
  const { run } = await runPayload(db, session.user, runId);
  if (run.agentId !== session.user.id || run.status !== "active") return { filled: [] as string[] };
  const started = await startOrResumeTicketRun(db, session.user, {
    integrationId: session.integrationId,
    sopId: run.sopId,
    externalRef: session.context.ticketId,
    fields,
  });
  return { filled: started.filled };
}
