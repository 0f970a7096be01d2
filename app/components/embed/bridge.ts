// The postMessage bridge with the help desk page that frames the embed (docs/embedding.md, ADR 022). We post only to
// the host's origin (never "*"): `location.ancestorOrigins[0]` where the browser gives it, else the origin the
// launch declared, and only if it is one of the integration's allowed origins. We accept only `context.update`
// from that same origin, with a valid schema; anything else is ignored.
import {
  hostOrigin,
  readInbound,
  type InboundMessage,
  type OutboundMessage,
} from "../../../integrations/embed-messages";

export type BridgeConfig = { allowedOrigins: readonly string[]; declaredOrigin: string | null };

export function bridgeTarget({ allowedOrigins, declaredOrigin }: BridgeConfig): string | null {
  if (typeof window === "undefined" || window.parent === window) return null;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const ancestor = ancestors && ancestors.length > 0 ? ancestors[0] : null;
  return hostOrigin(allowedOrigins, ancestor, declaredOrigin);
}

export function postToHost(config: BridgeConfig, message: OutboundMessage): boolean {
  const target = bridgeTarget(config);
  if (!target) return false;
  window.parent.postMessage(message, target);
  return true;
}

/** Listens for the host's messages; returns the function that stops listening. */
export function listenToHost(config: BridgeConfig, onMessage: (message: InboundMessage) => void): () => void {
  const target = bridgeTarget(config);
  if (!target) return () => {};
  const handler = (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    const message = readInbound({ origin: event.origin, data: event.data as unknown }, target);
    if (message) onMessage(message);
  };
  window.addEventListener("message", handler);
  return () => window.removeEventListener("message", handler);
}
