// What every analytics page's loader starts with: the role, the viewer's zone, the filters, and one error path.
import { getDb } from "../db/client.server";
import { parseAnalyticsFilters } from "./analytics.server";
import { requirePermission } from "./auth/session.server";
import { throwRouteError } from "./http-errors.server";
import { viewerLocale } from "./viewer-locale.server";

export async function analyticsRequest(request: Request) {
  const user = await requirePermission(request, "view:analytics");
  const { timeZone } = await viewerLocale(request, user);
  const ctx = { now: Date.now(), timeZone };
  const params = new URL(request.url).searchParams;
  return { db: getDb(), user, ctx, params, ...parseAnalyticsFilters(params, ctx) };
}

/** Runs a page's read; a refusal (policy, a wrong filter) becomes the route's 4xx, anything else propagates. */
export async function readOrRefuse<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    throwRouteError(e);
  }
}
