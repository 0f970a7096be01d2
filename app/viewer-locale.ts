// The viewer's interface language and time zone, as every page sees them. Shared by the server (the root
// loader, app/viewer-locale.server.ts) and the browser (the hook and the inline script below).
import { useRouteLoaderData } from "react-router";
import type { UiLanguage } from "../i18n";

export type ViewerLocale = {
  /** the profile's interface language, else the best match of the browser's Accept-Language, else English */
  uiLanguage: UiLanguage;
  languageSource: "profile" | "browser";
  /** an IANA zone the server knows: the profile's, else this device's (the `tz` cookie), else "UTC" */
  timeZone: string;
  timeZoneSource: "profile" | "device" | "default";
  /** the zone the device reported in the `tz` cookie (null before it has) */
  deviceTimeZone: string | null;
};

export const DEFAULT_VIEWER_LOCALE: ViewerLocale = {
  uiLanguage: "en",
  languageSource: "browser",
  timeZone: "UTC",
  timeZoneSource: "default",
  deviceTimeZone: null,
};

/** The cookie in which the browser tells the server its time zone (not a secret: a preference). */
export const TZ_COOKIE = "tz";

/**
 * Runs in <head> before the page paints (with the response's CSP nonce): records this device's time zone in
 * the `tz` cookie when it is missing or stale, and marks the document as scripted (`data-js`), which the
 * header's CSS uses to collapse its menu only when a script can open it again.
 */
export const VIEWER_LOCALE_SCRIPT =
  `(function(){var d=document.documentElement;d.setAttribute("data-js","");` +
  `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone,` +
  `m=document.cookie.match(/(?:^|;\\s*)${TZ_COOKIE}=([^;]*)/);` +
  `if(z&&(!m||decodeURIComponent(m[1])!==z))` +
  `document.cookie="${TZ_COOKIE}="+encodeURIComponent(z)+";path=/;max-age=31536000;samesite=lax"}catch(e){}})()`;

/** The viewer's language and time zone (the root loader's data); English and UTC outside the app's routes. */
export function useViewerLocale(): ViewerLocale {
  return useRouteLoaderData<ViewerLocale>("root") ?? DEFAULT_VIEWER_LOCALE;
}
