/**
 * Local city time for the demo city. Sources write local wall-clock times without an offset,
 * and the importer reads a time in the repeated fall-back hour as standard time (PostgreSQL's
 * reading); the generator therefore only emits instants that survive that round trip.
 */
const HOUR = 3_600_000;
export const DAY_MS = 86_400_000;

export class CityClock {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();
  private readonly dates = new Map<number, string>();

  constructor(readonly timeZone: string) {
    this.formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
  }

  /** Offset of local time from UTC in ms at an instant (zone offsets change on hour boundaries here). */
  offsetAt(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const parts = this.formatter.formatToParts(new Date(hour * HOUR));
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
      offset = local - hour * HOUR;
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  /** Local wall-clock time as a UTC-based number (read it back with getUTC… methods). */
  wallClock(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /** The instant of local midnight starting a local date (Date.UTC(y, m, d) of that date). */
  startOfLocalDay(localDateMs: number): number {
    let guess = localDateMs - this.offsetAt(localDateMs);
    guess = localDateMs - this.offsetAt(guess);
    return guess;
  }

  /**
   * An instant whose local time reads back as itself: one in the first pass of a repeated
   * fall-back hour is moved to the second pass, which is how PostgreSQL reads that local time.
   */
  representable(utcMs: number): number {
    const ms = Math.floor(utcMs / 1000) * 1000;
    return this.wallClock(ms + HOUR) === this.wallClock(ms) ? ms + HOUR : ms;
  }

  /** `MM/DD/YYYY hh:mm:ss AM`, the Chicago portal export's date format. */
  portal(utcMs: number): string {
    const d = new Date(this.wallClock(utcMs));
    const h = d.getUTCHours();
    const h12 = h % 12 === 0 ? 12 : h % 12;
    return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()} ${pad2(h12)}:${pad2(d.getUTCMinutes())}:${pad2(
      d.getUTCSeconds(),
    )} ${h < 12 ? "AM" : "PM"}`;
  }

  /** Local YYYY-MM-DD; cached per local day, as SLA lookups ask it for every work order. */
  localDateOf(utcMs: number): string {
    const day = Math.floor(this.wallClock(utcMs) / 86_400_000);
    let text = this.dates.get(day);
    if (text === undefined) {
      text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.dates.set(day, text);
    }
    return text;
  }
}

function pad2(n: number) {
  return n < 10 ? `0${n}` : String(n);
}

/** Parses YYYY-MM-DD into Date.UTC of that date, or throws naming the value. */
export function parseLocalDate(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new Error(`not a date (YYYY-MM-DD): ${value}`);
  }
  return ms;
}
