/**
 * An administrator maps a raw outcome to a canonical category from the data-quality page.
 * The mapping, its audit entry and the keys of the work orders it re-classifies (of any date)
 * commit together; the aggregates then redo exactly those work orders.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.server";
import { departments, outcomeMappings } from "#db/schema/core";
import { actorFromViewer, recordAudit } from "~/audit/log.server";
import { parseFields, type FieldErrors } from "~/auth/forms.server";
import type { Viewer } from "~/auth/permissions";
import { OUTCOME_CATEGORIES, OUTCOME_LABELS, outcomeKey, type OutcomeCategory } from "~/metrics/outcomes";
import { markWorkOrdersWithOutcomes } from "~/scorecards/pending.server";
import { refreshAggregates } from "~/scorecards/refresh.server";

export const mapOutcomeSchema = z.object({
  /** blank: the mapping applies to every department (DESIGN §6 outcome-map) */
  departmentId: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return null;
      const id = Number(v);
      if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) {
        ctx.addIssue({ code: "custom", message: "Pick a department from the list, or every department." });
        return z.NEVER;
      }
      return id;
    }),
  rawOutcome: z
    .string({ error: "Name the raw outcome to map." })
    .trim()
    .min(1, "Name the raw outcome to map.")
    .max(500, "A raw outcome has at most 500 characters."),
  category: z.enum(OUTCOME_CATEGORIES, {
    error: `Pick one of the categories: ${OUTCOME_CATEGORIES.map((c) => OUTCOME_LABELS[c]).join(", ")}.`,
  }),
});
export type MapOutcomeInput = z.output<typeof mapOutcomeSchema>;

export type MapOutcomeResult =
  | { ok: true; change: "inserted" | "updated" | "unchanged"; message: string }
  | { ok: false; status: 400 | 404; fieldErrors: FieldErrors };

type MappingRow = typeof outcomeMappings.$inferSelect;
const auditShape = (m: MappingRow) => ({ departmentId: m.departmentId, rawOutcome: m.rawOutcome, category: m.category });

/** Inserts or re-categorises one mapping, with its audit entry, in one transaction. */
export async function saveOutcomeMapping(db: Db, viewer: Viewer, input: MapOutcomeInput): Promise<MapOutcomeResult> {
  const key = outcomeKey(input.rawOutcome);
  const result = await db.transaction(async (tx) => {
    let departmentName = "every department";
    if (input.departmentId !== null) {
      const [department] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, input.departmentId));
      if (!department) return { ok: false as const, status: 404 as const, fieldErrors: { departmentId: "No such department." } };
      departmentName = department.name;
    }
    const scope = input.departmentId === null ? isNull(outcomeMappings.departmentId) : eq(outcomeMappings.departmentId, input.departmentId);
    const [existing] = await tx.select().from(outcomeMappings).where(and(scope, eq(outcomeMappings.outcomeKey, key))).for("update");
    const label = `“${input.rawOutcome}” (${departmentName}) → ${OUTCOME_LABELS[input.category as OutcomeCategory]}`;
    if (existing?.category === input.category) {
      return { ok: true as const, change: "unchanged" as const, message: `${label} was already mapped so; nothing changed.` };
    }
    const actor = actorFromViewer(viewer);
    await markWorkOrdersWithOutcomes(tx, [{ departmentId: input.departmentId, outcomeKey: key }]);
    if (!existing) {
      const [created] = await tx
        .insert(outcomeMappings)
        .values({ departmentId: input.departmentId, rawOutcome: input.rawOutcome, outcomeKey: key, category: input.category })
        .returning();
      await recordAudit(tx, { actor, action: "created", entityType: "outcome_mapping", entityId: created.id, after: auditShape(created) });
      return { ok: true as const, change: "inserted" as const, message: `Mapped ${label}.` };
    }
    const [changed] = await tx
      .update(outcomeMappings)
      .set({ category: input.category, updatedAt: sql`now()` })
      .where(eq(outcomeMappings.id, existing.id))
      .returning();
    await recordAudit(tx, {
      actor,
      action: "updated",
      entityType: "outcome_mapping",
      entityId: existing.id,
      before: auditShape(existing),
      after: auditShape(changed),
    });
    return { ok: true as const, change: "updated" as const, message: `Re-mapped ${label}.` };
  });
  if (result.ok && result.change !== "unchanged") await refreshAggregates(db, "pending");
  return result;
}

export async function mapOutcomeFromForm(db: Db, viewer: Viewer, form: FormData): Promise<MapOutcomeResult> {
  const parsed = parseFields(mapOutcomeSchema, form);
  if (!parsed.ok) return { ok: false, status: 400, fieldErrors: parsed.fieldErrors };
  return saveOutcomeMapping(db, viewer, parsed.data);
}
