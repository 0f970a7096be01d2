// GET /analytics/export.csv?table=…&from=…&to=…[&department&sop&version&agent&flow&unit] — any dashboard table as CSV.
import type { Route } from "./+types/analytics.export";
import { getDb } from "../../db/client.server";
import { analyticsCsv, isCsvTable, CSV_TABLES } from "../analytics-export.server";
import { parseAnalyticsFilters } from "../analytics.server";
import { requirePermission } from "../auth/session.server";
import { refusalOf } from "../http-errors.server";
import { viewerLocale } from "../viewer-locale.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:analytics");
  const { timeZone } = await viewerLocale(request, user);
  const ctx = { now: Date.now(), timeZone };
  const params = new URL(request.url).searchParams;
  const table = params.get("table");
  const text = (status: number, message: string) =>
    new Response(`${message}\n`, {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  if (!isCsvTable(table)) return text(400, `table: choose one of ${CSV_TABLES.join(", ")}.`);
  const { filters, errors } = parseAnalyticsFilters(params, ctx);
  const bad = Object.entries(errors)[0];
  if (bad) return text(400, `${bad[0]}: ${bad[1]}`);
  const unit = params.get("unit");
  try {
    const file = await analyticsCsv(getDb(), user, table, filters, ctx, {
      sopId: params.get("sop"),
      flowId: params.get("flow"),
      unit: unit === "day" || unit === "week" ? unit : undefined,
    });
    return new Response(file.body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    const refusal = refusalOf(e);
    if (!refusal) throw e;
    return text(refusal.status, refusal.message);
  }
}
