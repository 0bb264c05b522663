import { z } from "zod";
import { isLocalDate, localDateOf, type LocalDate } from "~/metrics/periods";
import { defaultSelection, selectionPeriod, type PeriodSelection } from "./period-selection";
import { cityTimeZone } from "~/metrics/periods.server";

const localDate = z.string().refine(isLocalDate, "must be a date as YYYY-MM-DD");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");

const periodQuery = z.discriminatedUnion("period", [
  z.object({ period: z.literal("month"), month }),
  z.object({ period: z.literal("quarter"), quarter: z.string().regex(/^\d{4}-Q[1-4]$/, "must be a quarter as YYYY-Q1…Q4") }),
  z.object({ period: z.literal("12m"), month }),
  z.object({ period: z.literal("custom"), from: localDate, through: localDate }),
]);

export interface ParsedPeriod {
  selection: PeriodSelection;
  /** set when the query asked for a period that could not be read; the default is used instead */
  error: string | null;
}

export function cityToday(now: Date = new Date()): LocalDate {
  return localDateOf(now, cityTimeZone());
}

/**
 * Reads the period picker's fields from a URL. No `period` means the default (the last
 * whole month, or `fallback`); a bad one is reported in words and the default shown,
 * so a typo in a bookmarked link still gives a page.
 */
export function parsePeriodQuery(params: URLSearchParams, fallback: PeriodSelection = defaultSelection(cityToday())): ParsedPeriod {
  if (!params.has("period")) return { selection: fallback, error: null };
  const parsed = periodQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || "period";
    const problem = field === "period" ? "must be one of month, quarter, 12m, custom" : issue.message;
    return { selection: fallback, error: `The period could not be read: ${field} ${problem}. Showing the default period instead.` };
  }
  const q = parsed.data;
  const selection: PeriodSelection =
    q.period === "custom"
      ? { kind: "custom", from: q.from, through: q.through }
      : q.period === "quarter"
        ? { kind: "quarter", quarter: q.quarter }
        : { kind: q.period, month: q.month };
  if (selection.kind === "custom" && selection.through < selection.from) {
    return { selection: fallback, error: `The period could not be read: "through" (${selection.through}) is before "from" (${selection.from}).` };
  }
  selectionPeriod(selection);
  return { selection, error: null };
}
