import type { Route } from "./+types/api.v1.analytics.overview";
import { analyticsOverviewV1, v1 } from "../api-v1.server";

/** GET /api/v1/analytics/overview — the dashboard's figures for a period (scope analytics:read). */
export function loader(args: Route.LoaderArgs) {
  return v1("getAnalyticsOverview", args, analyticsOverviewV1);
}
