/**
 * The period of a scorecard request (`?from=…&to=…` or `--from … --to …`), validated once for
 * the API and the CLI: calendar dates, `from` before `to`, at most ten years.
 */
import { z } from "zod";
import { daysBetween, isLocalDate, type Period } from "~/metrics/periods";

const MAX_DAYS = 3660;

const localDate = (field: string) =>
  z
    .string({ error: `${field} is required (YYYY-MM-DD)` })
    .refine(isLocalDate, { message: `${field} must be a calendar date YYYY-MM-DD` });

export const periodSchema = z
  .object({ from: localDate("from"), to: localDate("to") })
  .refine((p) => !bothDates(p) || p.from < p.to, { message: "to must be after from (the period is [from, to))", path: ["to"] })
  .refine((p) => !bothDates(p) || p.from >= p.to || daysBetween(p.from, p.to) <= MAX_DAYS, {
    message: `the period may span at most ${MAX_DAYS} days`,
    path: ["to"],
  });

// zod runs object refinements even when a field failed; they only judge two real dates.
function bothDates(p: { from: unknown; to: unknown }) {
  return typeof p.from === "string" && typeof p.to === "string" && isLocalDate(p.from) && isLocalDate(p.to);
}

export type PeriodParseResult = { ok: true; period: Period } | { ok: false; errors: Record<string, string[]> };

export function parsePeriod(input: { from?: unknown; to?: unknown }): PeriodParseResult {
  const result = periodSchema.safeParse(input);
  if (result.success) return { ok: true, period: result.data };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "period");
    (errors[field] ??= []).push(issue.message);
  }
  return { ok: false, errors };
}
