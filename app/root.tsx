import { useEffect, useRef } from "react";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRevalidator,
  useRouteError,
} from "react-router";
import type { Route } from "./+types/root";
import stylesheet from "./app.css?url";
import { directionOf } from "../i18n";
import { useNonce } from "./nonce";
import { ErrorPage } from "./components/errors";
import { QuickFindEarlyScript } from "./components/quick-find-early";
import { I18nProvider } from "./components/i18n";
import { useViewerLocale, VIEWER_LOCALE_SCRIPT } from "./viewer-locale";
import { viewerLocale } from "./viewer-locale.server";

// A navigation or fetcher superseded by a newer one is aborted by the router; when that abort lands in a
// promise nobody awaits any more, the browser reports "signal is aborted without reason" as an uncaught
// error. A cancelled request is not a failure: keep it out of the console (and out of error monitoring).
if (typeof window !== "undefined") {
  window.addEventListener("unhandledrejection", (event) => {
    const reason: unknown = event.reason;
    if (reason instanceof DOMException && reason.name === "AbortError") event.preventDefault();
  });
}

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The viewer's language and time zone reach every page from here (`useViewerLocale()`, `useT()`). */
export async function loader({ request }: Route.LoaderArgs) {
  return await viewerLocale(request);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const { uiLanguage } = useViewerLocale();
  // The embedded runbook lives in a help desk's iframe, where the browser may block storage: ScrollRestoration's
  // inline script reads sessionStorage and would throw there (a sidebar has nothing to restore anyway).
  const embedded = /^\/embed(?:\/|$)/.test(useLocation().pathname);
  return (
    // data-js is set by the inline script before hydration: not React's to reconcile.
    <html lang={uiLanguage} dir={directionOf(uiLanguage)} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: VIEWER_LOCALE_SCRIPT }} />
        {/* Light and dark follow the operating system (issue 16); the browser's own bar matches the app bar. */}
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" media="(prefers-color-scheme: light)" content="#101828" />
        <meta name="theme-color" media="(prefers-color-scheme: dark)" content="#0c1017" />
        <Meta />
        <Links />
        {/* `/` pressed before hydration still opens quick find (components/quick-find-early.tsx) */}
        <QuickFindEarlyScript nonce={nonce} />
      </head>
      <body>
        {children}
        {embedded ? null : <ScrollRestoration nonce={nonce} />}
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App({ loaderData: locale }: Route.ComponentProps) {
  useDeviceTimeZone(locale.timeZoneSource, locale.deviceTimeZone);
  return (
    <I18nProvider lang={locale.uiLanguage} timeZone={locale.timeZone}>
      <Outlet />
    </I18nProvider>
  );
}

/**
 * Server and hydration render with the zone the loader chose, so they agree. When that was not this device's
 * zone (the first visit, before the `tz` cookie existed, or after travelling), the inline script has set the
 * cookie by now: load the data again, once, and the times follow the device.
 */
function useDeviceTimeZone(source: "profile" | "device" | "default", reported: string | null) {
  const revalidator = useRevalidator();
  const asked = useRef(false);
  useEffect(() => {
    if (source === "profile" || asked.current) return;
    let device: string | undefined;
    try {
      device = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (device && device !== reported) {
      asked.current = true;
      void revalidator.revalidate();
    }
  }, [source, reported, revalidator]);
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error) && import.meta.env.DEV) console.error(error);
  const { uiLanguage, timeZone } = useViewerLocale();
  return (
    <I18nProvider lang={uiLanguage} timeZone={timeZone}>
      <main className="standalone">
        <ErrorPage error={error} />
      </main>
    </I18nProvider>
  );
}
