// The embed's session token in the browser (ADR 022). The launch page hands it over in its loader data (never in a
// URL); it is kept in memory and in sessionStorage (per tab, per frame, partitioned by the host site; cleared with
// the tab) and added as the `X-Stepwise-Embed` header to the embed's own requests, so the embed works where the
// browser blocks third-party cookies. `installEmbedFetch` adds it to the run screen's requests (/api/runs/…,
// /api/search) without the run components knowing they are embedded, and tells the bridge which events the server
// has committed.
export const EMBED_HEADER = "X-Stepwise-Embed";
const KEY = "stepwise.embed";

let memory: string | null = null;

export function setEmbedToken(token: string): void {
  memory = token;
  try {
    window.sessionStorage.setItem(KEY, token);
  } catch {
    // storage blocked (a third-party frame in some browsers): memory holds it for this page
  }
}

export function getEmbedToken(): string | null {
  if (memory) return memory;
  try {
    memory = window.sessionStorage.getItem(KEY);
  } catch {
    memory = null;
  }
  return memory;
}

/** Same-origin paths that accept the embed session (server: app/auth/embed-session.server.ts). */
const EMBED_PATHS = /^\/(?:embed(?:\/|$)|api\/runs\/[^/]+(?:\/events)?$|api\/search$)/;

function embedPath(input: RequestInfo | URL): string | null {
  const raw = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const url = new URL(raw, window.location.href);
  if (url.origin !== window.location.origin) return null;
  return EMBED_PATHS.test(url.pathname) ? url.pathname : null;
}

export type CommittedEvents = (runId: string, events: { type: string; [k: string]: unknown }[]) => void;
const listeners = new Set<CommittedEvents>();

/** Called with each batch of run events the server acknowledged (after its commit). */
export function onCommittedEvents(listener: CommittedEvents): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let installed = false;

export function installEmbedFetch(): void {
  if (installed || typeof window === "undefined") return;
  installed = true;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const path = embedPath(input);
    const token = getEmbedToken();
    if (!path || !token) return original(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(EMBED_HEADER, token);
    const res = await original(input, { ...init, headers, credentials: "same-origin" });
    const events = /^\/api\/runs\/([^/]+)\/events$/.exec(path);
    if (events && res.ok && typeof init?.body === "string" && listeners.size > 0) {
      try {
        const body = JSON.parse(init.body) as { events?: { type: string }[] };
        if (Array.isArray(body.events)) for (const l of listeners) l(decodeURIComponent(events[1]!), body.events);
      } catch {
        // not ours to judge: the server accepted it
      }
    }
    return res;
  };
}

/** JSON from an embed endpoint with the token; throws an Error with the server's message on a refusal. */
export async function embedJson<T>(url: string, init?: RequestInit): Promise<T> {
  installEmbedFetch();
  const res = await window.fetch(url, {
    ...init,
    headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}) },
  });
  const body = (await res.json().catch(() => null)) as { error?: string; detail?: string } | null;
  if (!res.ok) throw new EmbedRequestError(res.status, body?.detail ?? body?.error ?? `HTTP ${res.status}`);
  return body as T;
}

export class EmbedRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
