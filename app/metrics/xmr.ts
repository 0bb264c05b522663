/**
 * XmR (individuals and moving range) chart, Wheeler's "process behaviour chart": it tells
 * a real shift in a weekly or monthly series from routine noise.
 */

/** Wheeler's scaling constant 3 / d₂ (d₂ = 1.128 for moving ranges of two). */
export const XMR_SCALING = 2.66;
/** Western Electric rule 4 / Wheeler's rule 2: this many points in a row on one side of the centre. */
export const XMR_RUN_LENGTH = 8;

export type XmrSignal = "above_limit" | "below_limit" | "run_above" | "run_below";

export interface XmrPoint {
  index: number;
  value: number | null;
  /** |value − previous non-null value|, null for the first value and for gaps */
  movingRange: number | null;
  signals: XmrSignal[];
}

export interface XmrChart {
  /** the mean of the non-null values */
  centre: number | null;
  averageMovingRange: number | null;
  upperLimit: number | null;
  lowerLimit: number | null;
  points: XmrPoint[];
}

/**
 * Natural process limits mean ± 2.66·mR̄. Null values (empty buckets) are skipped: they
 * neither count towards the limits nor break a run, and the moving range bridges them.
 * `floor` clamps the lower limit for quantities that cannot go below it (0 for counts and
 * percentages). Limits need two values; with fewer every limit is null and nothing is flagged.
 */
export function xmrChart(values: readonly (number | null)[], options: { floor?: number } = {}): XmrChart {
  const present = values.flatMap((value, index) => (value == null ? [] : [{ value, index }]));
  const ranges: (number | null)[] = values.map(() => null);
  for (let k = 1; k < present.length; k++) {
    ranges[present[k].index] = Math.abs(present[k].value - present[k - 1].value);
  }
  const points: XmrPoint[] = values.map((value, index) => ({ index, value, movingRange: ranges[index], signals: [] }));
  if (present.length < 2) {
    const centre = present.length === 1 ? present[0].value : null;
    return { centre, averageMovingRange: null, upperLimit: null, lowerLimit: null, points };
  }
  const centre = present.reduce((s, p) => s + p.value, 0) / present.length;
  const averageMovingRange = ranges.reduce<number>((s, r) => s + (r ?? 0), 0) / (present.length - 1);
  const upperLimit = centre + XMR_SCALING * averageMovingRange;
  const rawLower = centre - XMR_SCALING * averageMovingRange;
  const lowerLimit = options.floor == null ? rawLower : Math.max(options.floor, rawLower);

  for (const { value, index } of present) {
    if (value > upperLimit) points[index].signals.push("above_limit");
    if (value < lowerLimit) points[index].signals.push("below_limit");
  }
  // A point on the centre line ends a run on either side.
  let runStart = 0;
  for (let k = 0; k <= present.length; k++) {
    const side = (i: number) => Math.sign(present[i].value - centre);
    if (k < present.length && k > runStart && side(k) === side(runStart) && side(k) !== 0) continue;
    if (k - runStart >= XMR_RUN_LENGTH && side(runStart) !== 0) {
      const signal: XmrSignal = side(runStart) > 0 ? "run_above" : "run_below";
      for (let i = runStart; i < k; i++) points[present[i].index].signals.push(signal);
    }
    runStart = k;
  }
  return { centre, averageMovingRange, upperLimit, lowerLimit, points };
}
