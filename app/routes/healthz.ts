import { sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";

export function loader() {
  getDb().get(sql`select 1`);
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
