/**
 * Data-quality queries (DESIGN §5.7): one function per query, named for what it returns, each
 * filtered by the viewer's scope in SQL. The "needs mapping" list is the scorecards' own
 * (`listNeedsMapping` in ~/scorecards/queries.server), not repeated here.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import type { Scope } from "~/auth/scope";
import type { Period } from "~/metrics/periods";
import { departmentCondition } from "~/scorecards/aggregate-reads.server";
import { HIDING_OUTCOME_CATEGORIES, cancelShares, type CancelShares } from "./cancel-usage";

export interface DepartmentCancelUsage extends CancelShares {
  departmentId: number;
  department: string;
}

/**
 * Per visible department with WOs closed in the period: closed, Canceled, and Canceled with a
 * hiding outcome, most cancel-prone first. Reads the per-WO facts of the aggregates (a closed,
 * not completed fact is a Canceled WO) through their closing-day index: the daily aggregates
 * do not split outcomes by status (ADR 009).
 */
export async function getCancelUsageByDepartment(
  db: Db,
  { scope, period }: { scope: Scope; period: Period },
): Promise<DepartmentCancelUsage[]> {
  const hiding = sql.join(HIDING_OUTCOME_CATEGORIES.map((c) => sql`${c}`), sql`, `);
  const rows = await queryRows<{ departmentId: number; department: string; closed: number; canceled: number; canceledHiding: number }>(
    db,
    sql`select f.department_id as "departmentId", d.name as department,
               count(*)::int as closed,
               count(*) filter (where not f.completed)::int as canceled,
               count(*) filter (where not f.completed and f.category in (${hiding}))::int as "canceledHiding"
          from agg_wo_facts f join departments d on d.id = f.department_id
         where f.close_day >= ${period.from} and f.close_day < ${period.to} and ${departmentCondition({ scope })}
         group by 1, 2`,
  );
  return rows
    .map((r) =>
      ({
        departmentId: Number(r.departmentId),
        department: r.department,
        ...cancelShares({ closed: Number(r.closed), canceled: Number(r.canceled), canceledHiding: Number(r.canceledHiding) }),
      }),
    )
    .sort((a, b) => (b.canceledPct ?? -1) - (a.canceledPct ?? -1) || a.department.localeCompare(b.department));
}

export interface OutcomeMappingRow {
  id: number;
  departmentId: number | null;
  /** null: the mapping applies to every department */
  department: string | null;
  rawOutcome: string;
  category: string;
  updatedAt: string;
}

/** The mappings in force, city-wide ones first, then by department and outcome. */
export async function listOutcomeMappings(db: Db, { scope }: { scope: Scope }): Promise<OutcomeMappingRow[]> {
  const visible = scope.kind === "all" ? sql`true` : sql`(m.department_id is null or ${departmentCondition({ scope })})`;
  const rows = await queryRows<{ id: number; departmentId: number | null; department: string | null; rawOutcome: string; category: string; updatedAt: string }>(
    db,
    sql`select m.id, m.department_id as "departmentId", d.name as department, m.raw_outcome as "rawOutcome", m.category,
               to_char(m.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
          from outcome_mappings m left join departments d on d.id = m.department_id
         where ${visible}
         order by d.name nulls first, m.outcome_key`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), departmentId: r.departmentId === null ? null : Number(r.departmentId) }));
}
