/**
 * zod shapes for periods arriving from URLs, forms and CLIs. Kept out of periods.ts so
 * zod does not reach the browser bundle.
 */
import { z } from "zod";
import { DEFAULT_TIME_ZONE, daysBetween, isLocalDate, type Period } from "./periods";

/** The longest period a query may ask for: a few years, enough for every trend chart. */
export const MAX_PERIOD_DAYS = 5 * 366;

export const localDateSchema = z
  .string()
  .trim()
  .refine(isLocalDate, { message: "must be a calendar date written YYYY-MM-DD" });

const bothDates = (p: { from: string; to: string }) => isLocalDate(p.from) && isLocalDate(p.to);

export const periodSchema = z
  .object({ from: localDateSchema, to: localDateSchema })
  // zod runs these even when a field failed; a bad date is already reported by its field
  .refine((p) => !bothDates(p) || p.from < p.to, { message: "`to` must be after `from` (the period is [from, to))", path: ["to"] })
  .refine((p) => !bothDates(p) || daysBetween(p.from, p.to) <= MAX_PERIOD_DAYS, {
    message: `a period may span at most ${MAX_PERIOD_DAYS} days`,
    path: ["to"],
  }) satisfies z.ZodType<Period>;

export function parsePeriod(input: { from?: unknown; to?: unknown }): Period {
  const result = periodSchema.safeParse(input);
  if (result.success) return result.data;
  throw new RangeError(
    result.error.issues.map((i) => `${i.path.join(".") || "period"}: ${i.message}`).join("; "),
  );
}

const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be an IANA time zone such as America/Chicago" },
);

/** The city's time zone: CITY_TIME_ZONE, default America/Chicago. */
export function cityTimeZone(env: Record<string, string | undefined> = process.env): string {
  const raw = env.CITY_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
  const result = timeZoneSchema.safeParse(raw);
  if (!result.success) throw new Error(`CITY_TIME_ZONE=${raw}: ${result.error.issues[0].message}`);
  return result.data;
}
