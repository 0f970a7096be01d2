/**
 * Registers the runbook's service worker (public/runbook-sw.js) and asks it to keep this run page, so that a
 * reload without network still opens the call. Best effort: where service workers are unavailable (plain http
 * on a LAN address, private modes) the run still keeps its events in localStorage; only the offline reload is lost.
 */
export function keepRunPageOffline(url: string): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register("/runbook-sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // The worker stores a run page on every full load it serves; this covers the first visit (not yet
      // controlled) and arrivals by client-side navigation (no document request). It skips pages it has.
      registration.active?.postMessage({ type: "keep-run-page", url });
    })
    .catch(() => undefined);
}
