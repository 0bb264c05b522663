/**
 * The audit log: who changed what, when, with the entity before and after. Append-only — this
 * module offers no update or delete, and a database trigger (migration audit_append_only)
 * refuses them from anywhere else.
 */
import type { Db } from "#db/client.server";
import { auditLog } from "#db/schema";

export const AUDIT_ENTITY_TYPES = [
  "user",
  "outcome_mapping",
  "sla_target",
  "import",
  "worksheet",
  "meeting",
  "action_item",
  "report",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export type AuditActor = { userId?: string | null; label: string };

/** Who a change is attributed to when no person made it (the seed, a migration). */
export const SYSTEM_ACTOR: AuditActor = { label: "system" };

export function actorFromViewer(viewer: { id: string; email: string }): AuditActor {
  return { userId: viewer.id, label: viewer.email };
}

export interface AuditEntry {
  actor: AuditActor;
  /** A verb in the past tense for what happened: `created`, `role_changed`, `imported`, `approved`… */
  action: string;
  entityType: AuditEntityType | (string & {});
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one entry. Pass the transaction that makes the change, so that the change and its
 * record commit or roll back together.
 */
export async function recordAudit(dbOrTx: Pick<Db, "insert">, entry: AuditEntry): Promise<void> {
  await dbOrTx.insert(auditLog).values({
    actorUserId: entry.actor.userId ?? null,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
  });
}

/** Dates and BigInts as JSON would write them, so jsonb stores what a reader of the CSV expects. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
}
