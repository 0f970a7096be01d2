// The viewer's language and time zone for a request: the profile's choice first, then what the browser says
// (Accept-Language; the `tz` cookie the page's inline script sets), then English and UTC. The root loader
// exposes it to every page; other loaders call `viewerLocale(request)` to format on the server the same way.
import { isUiLanguage, type UiLanguage } from "../i18n";
import { getDb } from "../db/client.server";
import { getUserPreferences, type UserPreferences } from "../db/users.server";
import { getOptionalUser } from "./auth/session.server";
import { TZ_COOKIE, type ViewerLocale } from "./viewer-locale";

export type { ViewerLocale } from "./viewer-locale";

/** The best interface language in an Accept-Language header (by q, then order), or null when none matches. */
export function negotiateLanguage(header: string | null | undefined): UiLanguage | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 32)
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { base: tag.trim().toLowerCase().split(/[-_]/)[0] ?? "", q: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.base).find(isUiLanguage) ?? null;
}

const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** An IANA time zone this runtime knows, or null. */
export function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone || !ZONE_SHAPE.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone ? zone : null;
  } catch {
    return null;
  }
}

/** The zone in the `tz` cookie, if it looks like a zone name (not yet checked against the runtime's zones). */
export function deviceTimeZoneOf(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== TZ_COOKIE) continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
    return ZONE_SHAPE.test(value) ? value : null;
  }
  return null;
}

/** The decision itself, without a request: profile first, then the browser, then English and UTC. */
export function resolveViewerLocale(
  prefs: UserPreferences | null | undefined,
  acceptLanguage: string | null | undefined,
  cookieHeader: string | null | undefined,
): ViewerLocale {
  const deviceTimeZone = deviceTimeZoneOf(cookieHeader);
  const profileZone = knownTimeZone(prefs?.timeZone);
  const deviceZone = knownTimeZone(deviceTimeZone);
  const profileLanguage = isUiLanguage(prefs?.uiLanguage) ? prefs.uiLanguage : null;
  return {
    uiLanguage: profileLanguage ?? negotiateLanguage(acceptLanguage) ?? "en",
    languageSource: profileLanguage ? "profile" : "browser",
    timeZone: profileZone ?? deviceZone ?? "UTC",
    timeZoneSource: profileZone ? "profile" : deviceZone ? "device" : "default",
    deviceTimeZone,
  };
}

/**
 * The viewer's `{ uiLanguage, timeZone }` (and where each came from) for a request. Pass the signed-in user
 * when the loader already has it (saves a session lookup); `null` means anonymous; omitted, it is looked up.
 */
export async function viewerLocale(request: Request, user?: { id: string } | null): Promise<ViewerLocale> {
  const viewer = user === undefined ? await getOptionalUser(request) : user;
  const prefs = viewer ? await getUserPreferences(getDb(), viewer.id) : null;
  return resolveViewerLocale(prefs, request.headers.get("Accept-Language"), request.headers.get("Cookie"));
}
