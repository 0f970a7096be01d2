import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "react-router";
import { ServerRouter } from "react-router";
import { readSessionToken } from "./auth/cookie.server";
import { NonceProvider } from "./nonce";

export const streamTimeout = 5_000;

/**
 * Pages and single-fetch data (`*.data`) answered to a request that carries a session cookie may hold customer
 * details (run pages, follow-ups): no browser or shared cache may keep them (ADR 005). Anonymous pages and the
 * static assets (served before the router, with their own long cache) are untouched. Resource routes set their
 * own Cache-Control.
 */
function keepPrivate(request: Request, headers: Headers): void {
  if (readSessionToken(request) === null) return;
  headers.set("Cache-Control", "no-store");
  const vary = headers.get("Vary");
  if (!vary || !/(^|,)\s*cookie\s*(,|$)/i.test(vary)) headers.set("Vary", vary ? `${vary}, Cookie` : "Cookie");
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  try {
    keepPrivate(request, response.headers);
    return response;
  } catch {
    // immutable headers (a Response.redirect(), say): copy the response first
    const copy = new Response(response.body, response);
    keepPrivate(request, copy.headers);
    return copy;
  }
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  keepPrivate(request, responseHeaders);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Bots and SPA-mode wait for everything; browsers get the shell as soon as it is ready.
    const readyOption = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
