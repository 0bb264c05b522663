import { sql } from "drizzle-orm";
import { getDb, queryRows } from "#db/client.server";

export async function loader() {
  const started = performance.now();
  const db = await getDb();
  const [row] = await queryRows<{ requests: number }>(
    db,
    sql`select count(*)::int as requests from (select 1 from service_requests limit 1) s`,
  );
  return Response.json(
    { status: "ok", database: "up", hasData: (row?.requests ?? 0) > 0, ms: Math.round(performance.now() - started) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
