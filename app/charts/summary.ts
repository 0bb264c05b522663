import { formatChartValue, periodLabel, type TrendChartSpec } from "./trend-spec";

/**
 * The chart in words, for screen readers and for anyone skimming: what it shows, the
 * latest value, the range, the target and the signals — the same facts the picture gives.
 */
export function trendSummary(spec: TrendChartSpec): string {
  const primary = spec.series[0];
  const fmt = (v: number | null) => formatChartValue(v, spec.unit);
  const n = spec.periods.length;
  if (!primary || n === 0) return `${spec.title}: no periods to show.`;
  const grainWord = spec.grain === "week" ? "weeks" : "months";
  const span = `${n} ${grainWord}, ${periodLabel(spec.periods[0], spec.grain)} to ${periodLabel(spec.periods[n - 1], spec.grain)}`;
  const present = primary.values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  if (present.length === 0) return `${spec.title}, ${span}: no data in any period.`;
  const latest = present[present.length - 1];
  const min = present.reduce((a, b) => (b.v < a.v ? b : a));
  const max = present.reduce((a, b) => (b.v > a.v ? b : a));
  const parts = [
    `${spec.title}, ${span}.`,
    `${primary.label}: latest ${fmt(latest.v)} (${periodLabel(spec.periods[latest.i], spec.grain)}); lowest ${fmt(min.v)} (${periodLabel(spec.periods[min.i], spec.grain)}), highest ${fmt(max.v)} (${periodLabel(spec.periods[max.i], spec.grain)}).`,
  ];
  const empty = n - present.length;
  if (empty > 0) parts.push(`${empty} ${empty === 1 ? spec.grain : grainWord} without data.`);
  for (const other of spec.series.slice(1)) {
    const last = [...other.values].reverse().find((v) => v !== null) ?? null;
    parts.push(`${other.label}: latest ${fmt(last)}.`);
  }
  if (spec.target) parts.push(`${spec.target.label}.`);
  if (spec.limits) {
    parts.push(
      `Natural process limits ${fmt(spec.limits.lower)} to ${fmt(spec.limits.upper)} around a centre line of ${fmt(spec.limits.center)}.`,
    );
    parts.push(spec.signals.length === 0 ? "No signals: the variation is routine." : signalWords(spec));
  }
  return parts.join(" ");
}

/** Signals in words, consecutive buckets with the same reason told as one stretch, at most a few stretches. */
const MAX_STRETCHES = 4;

function signalWords(spec: TrendChartSpec): string {
  const stretches: { first: number; last: number; reason: string }[] = [];
  for (const i of [...spec.signals].sort((a, b) => a - b)) {
    const reason = spec.signalReasons[i] ?? "signal";
    const open = stretches[stretches.length - 1];
    if (open && open.last === i - 1 && open.reason === reason) open.last = i;
    else stretches.push({ first: i, last: i, reason });
  }
  const label = (i: number) => periodLabel(spec.periods[i], spec.grain);
  const told = stretches
    .slice(-MAX_STRETCHES)
    .map((s) => `${s.first === s.last ? label(s.first) : `${label(s.first)} to ${label(s.last)}`} (${s.reason})`);
  const earlier = stretches.length - told.length;
  const n = spec.signals.length;
  return `${n} ${n === 1 ? "point signals" : "points signal"} a real shift: ${earlier > 0 ? `${earlier} earlier ${earlier === 1 ? "stretch" : "stretches"}, then ` : ""}${told.join("; ")}.`;
}
