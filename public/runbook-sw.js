// Stepwise's offline cache for the live-call runbook, registered by the run screen
// (app/components/run/offline-cache.ts). It keeps the run pages an agent opened and the hashed assets they need, so a
// reload while the network is down still opens the call; the page then resumes the agent's place from localStorage
// (run-sync.ts). Only run pages (/runs/<id>) and /assets/* are touched; every other request goes to the network
// untouched.
const VERSION = "v1";
const PAGES = `stepwise-run-pages-${VERSION}`;
const ASSETS = `stepwise-assets-${VERSION}`;
const RUN_PAGE = /^\/runs\/[0-9a-f-]{36}$/;
const MAX_PAGES = 20;
const MAX_ASSETS = 400;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, ASSETS]);
      for (const name of await caches.keys()) if (name.startsWith("stepwise-") && !keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing out forgets the cached pages (they hold customer details); queued events stay in localStorage.
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/assets/")) event.respondWith(cacheFirst(request));
  else if (request.mode === "navigate" && RUN_PAGE.test(url.pathname)) event.respondWith(networkFirst(event, request));
});

// The run screen asks for its own page to be kept (the first visit is not yet controlled by this worker).
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep-run-page" || typeof data.url !== "string") return;
  const url = new URL(data.url, self.location.origin);
  if (url.origin !== self.location.origin || !RUN_PAGE.test(url.pathname)) return;
  event.waitUntil(
    (async () => {
      if (await caches.match(url.href, { cacheName: PAGES })) return; // the state inside may be older: the page resumes from localStorage
      const response = await fetch(url.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (isPage(response)) await storePage(url.href, response);
    })().catch(() => undefined),
  );
});

function isPage(response) {
  return response.ok && response.type === "basic" && (response.headers.get("content-type") || "").includes("text/html");
}

async function networkFirst(event, request) {
  try {
    const response = await fetch(request);
    if (isPage(response)) event.waitUntil(storePage(request.url, response.clone()));
    return response;
  } catch (error) {
    const cached = await caches.match(request.url, { cacheName: PAGES, ignoreSearch: true });
    if (cached) return cached;
    return new Response(
      '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Offline · Stepwise</title>' +
        '<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">' +
        "<h1>You are offline</h1><p>This call was not opened on this device before, so it cannot be shown without the network. " +
        "Anything you did on calls opened here is kept on this device and is sent when the network returns.</p>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } },
    );
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone()).catch(() => undefined);
  return response;
}

/** Keeps the page and every hashed asset it references (scripts, module preloads, styles). */
async function storePage(url, response) {
  const html = await response.clone().text();
  const pages = await caches.open(PAGES);
  await pages.put(url, response);
  const keys = await pages.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await pages.delete(old);

  const assets = await caches.open(ASSETS);
  const wanted = new Set();
  for (const m of html.matchAll(/["'(](\/assets\/[^"'()\s\\]+)/g)) wanted.add(new URL(m[1], self.location.origin).href);
  for (const href of wanted) {
    if (await assets.match(href)) continue;
    try {
      const r = await fetch(href);
      if (r.ok) await assets.put(href, r);
    } catch {
      // offline again: the next visit completes it
    }
  }
  const assetKeys = await assets.keys();
  for (const old of assetKeys.slice(0, Math.max(0, assetKeys.length - MAX_ASSETS))) await assets.delete(old);
}
