/** Writes outcome mappings one at a time, each change with its audit-log entry. */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { auditLog, departments, outcomeMappings, type OutcomeCategory } from "#db/schema/core";
import { outcomeKey } from "~/metrics/outcomes";
import { DEFAULT_OUTCOME_MAPPINGS } from "./outcome-defaults";

type Writer = Pick<Db, "select" | "insert" | "update">;

export type MappingChange = "inserted" | "updated" | "unchanged";

export async function departmentIdByName(db: Writer, name: string): Promise<number> {
  await db.insert(departments).values({ name }).onConflictDoNothing({ target: departments.name });
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.name, name));
  return row.id;
}

/** Inserts or updates one mapping (matched by department and trimmed, lower-cased outcome). */
export async function upsertOutcomeMapping(
  db: Writer,
  input: { departmentId: number | null; rawOutcome: string; category: OutcomeCategory; actorLabel: string },
): Promise<MappingChange> {
  const key = outcomeKey(input.rawOutcome);
  const scope =
    input.departmentId === null ? isNull(outcomeMappings.departmentId) : eq(outcomeMappings.departmentId, input.departmentId);
  const [existing] = await db
    .select()
    .from(outcomeMappings)
    .where(and(scope, eq(outcomeMappings.outcomeKey, key)));
  if (!existing) {
    const [created] = await db
      .insert(outcomeMappings)
      .values({ departmentId: input.departmentId, rawOutcome: input.rawOutcome.trim(), outcomeKey: key, category: input.category })
      .returning();
    await db.insert(auditLog).values({
      actorLabel: input.actorLabel,
      action: "create",
      entityType: "outcome_mapping",
      entityId: String(created.id),
      before: null,
      after: auditShape(created),
    });
    return "inserted";
  }
  if (existing.category === input.category) return "unchanged";
  const [changed] = await db
    .update(outcomeMappings)
    .set({ category: input.category, updatedAt: sql`now()` })
    .where(eq(outcomeMappings.id, existing.id))
    .returning();
  await db.insert(auditLog).values({
    actorLabel: input.actorLabel,
    action: "update",
    entityType: "outcome_mapping",
    entityId: String(existing.id),
    before: auditShape(existing),
    after: auditShape(changed),
  });
  return "updated";
}

function auditShape(m: typeof outcomeMappings.$inferSelect) {
  return { departmentId: m.departmentId, rawOutcome: m.rawOutcome, category: m.category };
}

/** The city-wide defaults (outcome-defaults.ts); existing mappings, even changed ones, are kept. */
export async function ensureDefaultOutcomeMappings(db: Db, actorLabel = "system: default outcome mappings") {
  let inserted = 0;
  await db.transaction(async (tx) => {
    for (const m of DEFAULT_OUTCOME_MAPPINGS) {
      const key = outcomeKey(m.rawOutcome);
      const [existing] = await tx
        .select({ id: outcomeMappings.id })
        .from(outcomeMappings)
        .where(and(isNull(outcomeMappings.departmentId), eq(outcomeMappings.outcomeKey, key)));
      if (existing) continue;
      await upsertOutcomeMapping(tx, { departmentId: null, rawOutcome: m.rawOutcome, category: m.category, actorLabel });
      inserted++;
    }
  });
  return { inserted };
}
