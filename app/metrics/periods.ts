/**
 * Periods of local dates in the city's time zone and their UTC instants (DESIGN §4).
 * A period is `[from, to)`: `to` is the first local date NOT in it. Local-date arithmetic
 * is done on UTC calendar dates (no zone involved); only the conversion to instants
 * consults the zone, through Intl, so no time-zone library ships to the browser.
 */

/** `YYYY-MM-DD`, a calendar date in the city. */
export type LocalDate = string;

export interface Period {
  from: LocalDate;
  /** exclusive */
  to: LocalDate;
}

export const DEFAULT_TIME_ZONE = "America/Chicago";

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function parts(date: LocalDate): [number, number, number] {
  const m = LOCAL_DATE.exec(date);
  if (!m || !isLocalDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return [+m[1], +m[2], +m[3]];
}

function fromUtcDay(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcDay(date: LocalDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcDay(utcDay(date) + days * DAY_MS);
}

/** Adds calendar months to a first-of-month (or any day, clamped to the month's end). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtcDay(target.getTime());
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

function isFirstOfMonth(date: LocalDate) {
  return parts(date)[2] === 1;
}

function monthsBetween(from: LocalDate, to: LocalDate) {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return (ty - fy) * 12 + (tm - fm);
}

export function customPeriod(from: LocalDate, to: LocalDate): Period {
  parts(from);
  parts(to);
  if (from >= to) throw new RangeError(`a period must end after it starts: [${from}, ${to})`);
  return { from, to };
}

export function monthPeriod(year: number, month: number): Period {
  const from = fromUtcDay(Date.UTC(year, month - 1, 1));
  return { from, to: addMonths(from, 1) };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const from = fromUtcDay(Date.UTC(year, (quarter - 1) * 3, 1));
  return { from, to: addMonths(from, 3) };
}

/** The twelve whole months ending just before the month that contains `asOf`. */
export function last12Months(asOf: LocalDate): Period {
  const [y, m] = parts(asOf);
  const to = fromUtcDay(Date.UTC(y, m - 1, 1));
  return { from: addMonths(to, -12), to };
}

/**
 * The period of equal length just before `period`: the same number of calendar months
 * when both ends are first-of-month (so a month's prior is the previous month, whatever
 * its length), otherwise the same number of days.
 */
export function priorPeriod(period: Period): Period {
  if (isFirstOfMonth(period.from) && isFirstOfMonth(period.to)) {
    const months = monthsBetween(period.from, period.to);
    return { from: addMonths(period.from, -months), to: period.from };
  }
  return { from: addDays(period.from, -daysBetween(period.from, period.to)), to: period.from };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset at an instant, in milliseconds (local = UTC + offset). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) {
    if (type !== "literal") p[type] = Number(value);
  }
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time, read as PostgreSQL reads it: a time inside the
 * repeated fall-back hour takes the offset in force after the transition (standard time),
 * one inside the spring-forward gap the offset in force before it (so it lands an hour
 * later on the clock).
 */
export function localTimeToInstant(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; millisecond?: number },
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  const w = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0, wall.millisecond ?? 0);
  // Transitions are far more than a day apart, so the offsets a day either side are the
  // only two candidates.
  const before = zoneOffsetMs(new Date(w - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(w + DAY_MS), timeZone);
  // Outside a transition both readings agree; in a fall-back overlap the later offset is
  // valid; in a spring-forward gap it is not, and the earlier offset applies.
  const asAfter = w - after;
  if (zoneOffsetMs(new Date(asAfter), timeZone) === after) return new Date(asAfter);
  return new Date(w - before);
}

/** The instant a local date begins (its midnight, or the first moment after a gap). */
export function startOfLocalDate(date: LocalDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const [year, month, day] = parts(date);
  return localTimeToInstant({ year, month, day }, timeZone);
}

/** The local calendar date an instant falls on. */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): LocalDate {
  return fromUtcDay(instant.getTime() + zoneOffsetMs(instant, timeZone)).slice(0, 10);
}

export interface PeriodInstants {
  /** inclusive */
  from: Date;
  /** exclusive */
  to: Date;
}

export function periodInstants(period: Period, timeZone: string = DEFAULT_TIME_ZONE): PeriodInstants {
  return { from: startOfLocalDate(period.from, timeZone), to: startOfLocalDate(period.to, timeZone) };
}

export type BucketUnit = "week" | "month";

export interface Bucket {
  /** the bucket's first local date: a Monday for weeks, a first-of-month for months */
  start: LocalDate;
  /** exclusive */
  end: LocalDate;
  /** `2026-W10` or `2026-03` */
  label: string;
  /** true when the bucket reaches outside the period, so its total covers fewer days */
  partial: boolean;
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
function isoWeekday(date: LocalDate) {
  const d = new Date(utcDay(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function startOfIsoWeek(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO 8601 week label: the week belongs to the year of its Thursday. */
export function isoWeekLabel(date: LocalDate): string {
  const thursday = addDays(startOfIsoWeek(date), 3);
  const year = parts(thursday)[0];
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export function bucketStart(date: LocalDate, unit: BucketUnit): LocalDate {
  return unit === "week" ? startOfIsoWeek(date) : `${date.slice(0, 7)}-01`;
}

/** Every bucket that overlaps the period, in order (the x axis of a trend chart). */
export function bucketsForPeriod(period: Period, unit: BucketUnit): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = bucketStart(period.from, unit); start < period.to; ) {
    const end = unit === "week" ? addDays(start, 7) : addMonths(start, 1);
    buckets.push({
      start,
      end,
      label: unit === "week" ? isoWeekLabel(start) : start.slice(0, 7),
      partial: start < period.from || end > period.to,
    });
    start = end;
  }
  return buckets;
}

/**
 * A series with one point per bucket: buckets without a row get `fill` (0 for counts,
 * null for medians and percentages: an empty week has no median).
 */
export function zeroFill<T, F>(
  buckets: readonly Bucket[],
  rows: Iterable<{ bucket: LocalDate; value: T }>,
  fill: F,
): { bucket: Bucket; value: T | F }[] {
  const byStart = new Map<LocalDate, T>();
  for (const row of rows) byStart.set(row.bucket, row.value);
  return buckets.map((bucket) => ({ bucket, value: byStart.has(bucket.start) ? (byStart.get(bucket.start) as T) : fill }));
}
