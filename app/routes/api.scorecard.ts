import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireUser, viewerScope } from "~/auth/require.server";
import { parsePeriod } from "~/scorecards/period-params.server";
import { getScorecardExport } from "~/scorecards/queries.server";

/** DESIGN §6: the scorecard JSON of `npm run scorecard`, limited to what the viewer may see. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const parsed = parsePeriod({ from: search.get("from") ?? undefined, to: search.get("to") ?? undefined });
  if (!parsed.ok) {
    return Response.json({ error: "Invalid period", fields: parsed.errors }, { status: 400 });
  }
  const scorecard = await getScorecardExport(await getDb(), { scope: viewerScope(viewer), period: parsed.period });
  return Response.json(scorecard, { headers: { "Cache-Control": "private, no-store" } });
}
