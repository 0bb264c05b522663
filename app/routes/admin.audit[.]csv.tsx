import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { AUDIT_CSV_HEADER } from "~/audit/csv";
import { csvLine } from "~/utils/csv";
import { parseAuditFilter } from "~/audit/filter.server";
import { getAuditEntries } from "~/audit/queries.server";
import { requirePermission } from "~/auth/require.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:audit:any");
  const parsed = parseAuditFilter(new URL(request.url));
  if (!parsed.ok) {
    const lines = Object.entries(parsed.fieldErrors).map(([field, message]) => `${field}: ${message}`);
    return new Response(lines.join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const db = await getDb();
  const encoder = new TextEncoder();
  const entries = getAuditEntries(db, parsed.data);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_HEADER)));
    },
    async pull(controller) {
      const next = await entries.next();
      if (next.done) return controller.close();
      const e = next.value;
      controller.enqueue(
        encoder.encode(csvLine([e.at.toISOString(), e.actorLabel, e.actorUserId, e.action, e.entityType, e.entityId, e.before, e.after])),
      );
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit-log.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
