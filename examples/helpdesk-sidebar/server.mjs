// A fake help desk with Stepwise in its ticket sidebar (docs/embedding.md). Run it beside Stepwise:
//
//   STEPWISE_URL=http://localhost:3000 INTEGRATION_ID=… LAUNCH_SECRET=… AGENT_EMAIL=agent@stepwise.example \
//     node examples/helpdesk-sidebar/server.mjs
//
// and open http://127.0.0.1:4000. No dependencies: the launch JWT is signed with node:crypto (HS256), as any help
// desk back end can. The secret stays on this server; the browser only ever sees a token that works once, for
// five minutes at most.
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";

const b64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** An HS256 launch token: iss = the integration id, aud = "stepwise", exp ≤ iat + 300 s, a fresh jti. */
export function signLaunchToken({
  integrationId,
  secret,
  agentEmail,
  sop,
  ticket,
  ttlSeconds = 120,
  now = Date.now(),
}) {
  const iat = Math.floor(now / 1000) + Math.min(0, ttlSeconds) * 2; // a negative ttl makes an already expired token
  const claims = {
    iss: integrationId,
    aud: "stepwise",
    sub: agentEmail,
    jti: randomUUID(),
    iat,
    exp: iat + Math.abs(ttlSeconds),
    ...(sop ? { sop } : {}),
    ticket_id: ticket.id,
    requester: { name: ticket.requester.name, email: ticket.requester.email },
    locale: ticket.locale,
    fields: ticket.fields,
  };
  const head = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(claims)}`;
  const signature = createHmac("sha256", Buffer.from(secret, "utf8")).update(head).digest("base64url");
  return `${head}.${signature}`;
}

/** The demo ticket (what a real help desk reads from its own database). */
export function demoTicket(id = "T-1042") {
  return {
    id,
    subject: "Where is my parcel?",
    requester: { name: "Ines Duarte", email: "ines.duarte@example.com" },
    locale: "en",
    fields: { order_number: "CD654321", call_reason: "Delivery" },
  };
}

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const PAGE = readFileSync(fileURLToPath(new URL("./host.html", import.meta.url)), "utf8");

/**
 * The host's server. GET / renders the ticket view with a fresh launch URL in the sidebar's iframe. Query switches
 * for trying things out: `ticket` (id), `locale` (the interface language when the agent has none), `agent`
 * (e-mail), `sop` (an SOP id, or none for the quick find), `ttl` (seconds; negative: an expired token), `replay=1`
 * (the previous launch URL again: Stepwise refuses it).
 */
export function createHostServer({ stepwiseUrl, integrationId, secret, agentEmail, sop }) {
  let lastLaunch = null;
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://host.invalid");
    if (url.pathname !== "/") {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
      return;
    }
    const ticket = demoTicket(url.searchParams.get("ticket") ?? undefined);
    if (url.searchParams.get("locale")) ticket.locale = url.searchParams.get("locale");
    const chosenSop = url.searchParams.has("sop") ? url.searchParams.get("sop") || null : sop;
    const token = signLaunchToken({
      integrationId,
      secret,
      agentEmail: url.searchParams.get("agent") ?? agentEmail,
      sop: chosenSop,
      ticket,
      ttlSeconds: Number(url.searchParams.get("ttl") ?? 120),
    });
    const launch =
      url.searchParams.get("replay") === "1" && lastLaunch
        ? lastLaunch
        : `${stepwiseUrl}/embed/launch?token=${encodeURIComponent(token)}`;
    lastLaunch = launch;
    const html = PAGE.replaceAll("{{STEPWISE_ORIGIN}}", escape(new URL(stepwiseUrl).origin))
      .replaceAll("{{LAUNCH_URL}}", escape(launch))
      .replaceAll("{{TICKET_ID}}", escape(ticket.id))
      .replaceAll("{{SUBJECT}}", escape(ticket.subject))
      .replaceAll("{{REQUESTER}}", escape(`${ticket.requester.name} <${ticket.requester.email}>`))
      .replaceAll("{{ORDER}}", escape(ticket.fields.order_number));
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      // the launch URL carries a token: it is not sent on as a Referer
      "Referrer-Policy": "no-referrer",
    });
    res.end(html);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const need = (name) => {
    const v = process.env[name];
    if (!v) {
      console.error(`Set ${name} (see examples/helpdesk-sidebar/README.md).`);
      process.exit(2);
    }
    return v;
  };
  const port = Number(process.env.PORT ?? 4000);
  const server = createHostServer({
    stepwiseUrl: process.env.STEPWISE_URL ?? "http://localhost:3000",
    integrationId: need("INTEGRATION_ID"),
    secret: need("LAUNCH_SECRET"),
    agentEmail: process.env.AGENT_EMAIL ?? "agent@stepwise.example",
    sop: process.env.SOP ?? "call-opening-aidet",
  });
  server.listen(port, "127.0.0.1", () => console.log(`Help desk demo on http://127.0.0.1:${port}`));
}
