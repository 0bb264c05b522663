/**
 * Pure metric math of DESIGN §4. Every function returns `null` for an empty set (never 0),
 * so "no data" is never shown as a perfect or terrible score.
 */
import { OUTCOME_CATEGORIES, OUTCOME_LABELS, type OutcomeCategory } from "./outcomes";

const SECONDS_PER_DAY = 86_400;

/** Real elapsed time in days: seconds between the two instants / 86,400 (DST-proof). */
export function durationDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 1000 / SECONDS_PER_DAY;
}

export function sortAscending(values: Iterable<number>): number[] {
  return Array.from(values).sort((a, b) => a - b);
}

/**
 * PostgreSQL's `percentile_cont`: for sorted x₀…xₙ₋₁, h = (n−1)p and the result is
 * x⌊h⌋ + (h−⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). `sorted` must be ascending (see `sortAscending`).
 */
export function percentileCont(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const below = sorted[lo];
  if (frac === 0 || lo + 1 >= n) return below;
  return below + frac * (sorted[lo + 1] - below);
}

export function median(sorted: ArrayLike<number>): number | null {
  return percentileCont(sorted, 0.5);
}

export function mean(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  return sum / n;
}

/** 100 × part / whole, or null when the whole is empty. */
export function pct(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

/** A WO meets its SLA when its duration is at most the SLA days (inclusive, §4). */
export function metSla(durationDaysValue: number, slaDays: number): boolean {
  return durationDaysValue <= slaDays;
}

/**
 * `woSlaMetPct`: share of completed WOs meeting their SLA; WOs without an SLA are left
 * out of numerator and denominator.
 */
export function slaMetPct(wos: Iterable<{ durationDays: number; slaDays: number | null }>): number | null {
  let withSla = 0;
  let met = 0;
  for (const wo of wos) {
    if (wo.slaDays == null) continue;
    withSla++;
    if (metSla(wo.durationDays, wo.slaDays)) met++;
  }
  return pct(met, withSla);
}

export interface OnTimeCounts {
  /** completed in the period within SLA */
  met: number;
  /** completed in the period after SLA */
  completedLate: number;
  /** still open at the period's end and already older than SLA */
  openPastSla: number;
}

/**
 * `woOnTimePct`, censoring-aware: a WO still open past its SLA at `to` is already late,
 * so it counts against the department instead of vanishing until it is closed.
 */
export function onTimePct(counts: OnTimeCounts): number | null {
  return pct(counts.met, counts.met + counts.completedLate + counts.openPastSla);
}

/** Whether a WO still open at `at` is older than its SLA (`openWoPastSlaAtEnd`). */
export function isOpenPastSla(createdAt: Date, at: Date, slaDays: number | null): boolean {
  return slaDays != null && durationDays(createdAt, at) > slaDays;
}

export interface OutcomeShare {
  category: OutcomeCategory;
  label: string;
  count: number;
  /** % of closed WOs, null when none closed */
  pct: number | null;
}

/** `outcomeMix`: all eight categories always present, in canonical order. */
export function outcomeMix(counts: Partial<Record<OutcomeCategory, number>>): OutcomeShare[] {
  const total = OUTCOME_CATEGORIES.reduce((sum, c) => sum + (counts[c] ?? 0), 0);
  return OUTCOME_CATEGORIES.map((category) => {
    const count = counts[category] ?? 0;
    return { category, label: OUTCOME_LABELS[category], count, pct: pct(count, total) };
  });
}

/**
 * Durations pre-aggregated into buckets. Bucket `i` holds values in
 * [bounds[i], bounds[i+1]); `counts[i]` how many.
 */
export interface Histogram {
  bounds: readonly number[];
  counts: readonly number[];
}

export interface ApproximatePercentile {
  value: number;
  /** |value − exact percentile_cont| ≤ errorBound */
  errorBound: number;
}

/**
 * `percentileCont` over a histogram, for pages that read pre-aggregated buckets instead
 * of raw rows. Every value is stood in for by its bucket's midpoint; the sorted order of
 * the stand-ins matches the true order, so the k-th stand-in is within half its bucket's
 * width of the true k-th value, and the interpolation between two of them is within the
 * larger of the two half-widths of the exact result.
 */
export function percentileFromHistogram(histogram: Histogram, p: number): ApproximatePercentile | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
  const { bounds, counts } = histogram;
  if (bounds.length !== counts.length + 1) {
    throw new RangeError(`a histogram needs one more bound than counts (${bounds.length} vs ${counts.length})`);
  }
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const at = (rank: number) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (rank < seen) return { mid: (bounds[i] + bounds[i + 1]) / 2, half: (bounds[i + 1] - bounds[i]) / 2 };
    }
    throw new RangeError(`rank ${rank} outside histogram of ${n}`);
  };
  const a = at(lo);
  if (frac === 0 || lo + 1 >= n) return { value: a.mid, errorBound: a.half };
  const b = at(lo + 1);
  return { value: a.mid + frac * (b.mid - a.mid), errorBound: Math.max(a.half, b.half) };
}

/**
 * A quantisation of durations for stored histograms: one-hour buckets up to two days,
 * then buckets growing by 5 % (relative error ≤ 2.5 %), so a year of durations needs a
 * few hundred buckets per group while short durations stay exact to the half hour.
 */
export const DURATION_LINEAR_LIMIT_DAYS = 2;
export const DURATION_LINEAR_STEP_DAYS = 1 / 24;
export const DURATION_GROWTH = 1.05;
const LINEAR_BUCKETS = Math.round(DURATION_LINEAR_LIMIT_DAYS / DURATION_LINEAR_STEP_DAYS);

export function durationBucket(days: number): number {
  if (days < 0) throw new RangeError(`a duration cannot be negative (${days} days)`);
  if (days < DURATION_LINEAR_LIMIT_DAYS) return Math.floor(days / DURATION_LINEAR_STEP_DAYS);
  return LINEAR_BUCKETS + Math.floor(Math.log(days / DURATION_LINEAR_LIMIT_DAYS) / Math.log(DURATION_GROWTH));
}

export function durationBucketBounds(bucket: number): [number, number] {
  if (bucket < LINEAR_BUCKETS) return [bucket * DURATION_LINEAR_STEP_DAYS, (bucket + 1) * DURATION_LINEAR_STEP_DAYS];
  const k = bucket - LINEAR_BUCKETS;
  return [DURATION_LINEAR_LIMIT_DAYS * DURATION_GROWTH ** k, DURATION_LINEAR_LIMIT_DAYS * DURATION_GROWTH ** (k + 1)];
}

/** Builds the dense `Histogram` for `percentileFromHistogram` from sparse bucket counts. */
export function durationHistogram(bucketCounts: Iterable<{ bucket: number; count: number }>): Histogram {
  const byBucket = new Map<number, number>();
  for (const { bucket, count } of bucketCounts) byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + count);
  if (byBucket.size === 0) return { bounds: [0], counts: [] };
  const first = Math.min(...byBucket.keys());
  const last = Math.max(...byBucket.keys());
  const bounds: number[] = [durationBucketBounds(first)[0]];
  const counts: number[] = [];
  for (let b = first; b <= last; b++) {
    bounds.push(durationBucketBounds(b)[1]);
    counts.push(byBucket.get(b) ?? 0);
  }
  return { bounds, counts };
}
