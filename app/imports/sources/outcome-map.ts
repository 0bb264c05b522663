/** `DEPARTMENT,OUTCOME,CATEGORY`: a department's raw outcome → canonical category. */
import { OUTCOME_CATEGORIES, type OutcomeCategory } from "~/metrics/outcomes";
import type { FieldAliases, FieldGetter, FieldLabel } from "../fields";

export type OutcomeMapField = "department" | "outcome" | "category";

export const outcomeMapAliases: FieldAliases<OutcomeMapField> = {
  department: ["department"],
  outcome: ["outcome"],
  category: ["category"],
};

export const outcomeMapRequired: readonly OutcomeMapField[] = ["department", "outcome", "category"];

export type OutcomeMapRow = { department: string | null; outcome: string; category: OutcomeCategory };

export function mapOutcomeRow(
  get: FieldGetter<OutcomeMapField>,
  label: FieldLabel<OutcomeMapField>,
): OutcomeMapRow | { reject: string } {
  const outcome = get("outcome").trim();
  if (outcome === "") return { reject: `${label("outcome")} is empty` };
  const category = get("category").trim().toLowerCase();
  if (!(OUTCOME_CATEGORIES as readonly string[]).includes(category)) {
    return {
      reject: `${label("category")} "${get("category").trim()}" is not one of ${OUTCOME_CATEGORIES.join(", ")}`,
    };
  }
  const department = get("department").trim();
  return { department: department === "" ? null : department, outcome, category: category as OutcomeCategory };
}
