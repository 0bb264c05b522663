import { and, desc, eq, gte, ilike, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { auditLog } from "#db/schema";
import { cityTimeZone } from "~/metrics/periods.server";

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  /** Part of the actor's label (their email), case-insensitive. */
  actor?: string;
  /** Local dates in the city's time zone, `[from, to]` inclusive of both days. */
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

function cityZone() {
  return cityTimeZone();
}

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(filter: AuditFilter): SQL | undefined {
  const zone = cityZone();
  const parts: SQL[] = [];
  if (filter.entityType) parts.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) parts.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actor) parts.push(ilike(auditLog.actorLabel, `%${escapeLike(filter.actor)}%`));
  if (filter.from) parts.push(gte(auditLog.at, sql`(${filter.from}::date)::timestamp at time zone ${zone}`));
  if (filter.to) parts.push(lt(auditLog.at, sql`(${filter.to}::date + 1)::timestamp at time zone ${zone}`));
  return parts.length ? and(...parts) : undefined;
}

/** One page of the log, newest first, and whether an older page exists. */
export async function getAuditPage(db: Db, filter: AuditFilter, page: number, pageSize = 50) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(conditions(filter))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize) as AuditRow[], hasMore: rows.length > pageSize };
}

/** Every matching entry, newest first, in batches, so an export never holds the whole log in memory. */
export async function* getAuditEntries(db: Db, filter: AuditFilter, batch = 1000): AsyncGenerator<AuditRow> {
  let before: { at: Date; id: number } | null = null;
  for (;;) {
    const where = and(
      conditions(filter),
      before ? sql`(${auditLog.at}, ${auditLog.id}) < (${before.at.toISOString()}::timestamptz, ${before.id})` : undefined,
    );
    const rows = (await db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(batch)) as AuditRow[];
    for (const row of rows) yield row;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    before = { at: last.at, id: last.id };
  }
}

/** The entity types present, for the filter's choices. */
export async function getAuditEntityTypes(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ t: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType);
  return rows.map((r) => r.t);
}
