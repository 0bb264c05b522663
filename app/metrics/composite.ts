/**
 * A composite score in the spirit of Boston's CityScore (DESIGN §4): each metric with a
 * target scores actual ÷ target (target ÷ actual when lower is better), capped, and the
 * scores are averaged. 1.0 means on target. The breakdown is returned with the score so
 * the page can show exactly how the number was made.
 */
import { COMPOSITE_CAP, METRICS, type BetterDirection, type MetricId } from "./registry";

export { COMPOSITE_CAP };

export interface CompositeInput {
  metricId: string;
  actual: number | null;
  target: number;
  better: Exclude<BetterDirection, "none">;
}

export interface CompositeComponent extends CompositeInput {
  /**
   * the uncapped ratio; null when the metric has no value (an empty set, left out of the
   * mean) or when it is infinite (a lower-is-better metric at 0, scored at the cap)
   */
  ratio: number | null;
  /** the ratio after the cap; null when excluded */
  score: number | null;
  capped: boolean;
}

export interface CompositeScore {
  /** mean of the component scores; null when no component has a value */
  score: number | null;
  cap: number;
  components: CompositeComponent[];
  /** how many components had a value and entered the mean */
  counted: number;
}

function ratioOf({ actual, target, better }: CompositeInput): number | null {
  if (actual == null) return null;
  if (target <= 0) throw new RangeError(`a composite target must be positive, got ${target}`);
  if (better === "higher") return actual / target;
  return actual === 0 ? Number.POSITIVE_INFINITY : target / actual;
}

export function compositeScore(inputs: readonly CompositeInput[], cap: number = COMPOSITE_CAP): CompositeScore {
  const components = inputs.map((input): CompositeComponent => {
    const ratio = ratioOf(input);
    if (ratio == null) return { ...input, ratio: null, score: null, capped: false };
    const capped = ratio > cap;
    return { ...input, ratio: Number.isFinite(ratio) ? ratio : null, score: capped ? cap : ratio, capped };
  });
  const scored = components.filter((c) => c.score != null);
  const score = scored.length === 0 ? null : scored.reduce((s, c) => s + (c.score as number), 0) / scored.length;
  return { score, cap, components, counted: scored.length };
}

/** The composite's targets, from the registry; a city may pass its own to `compositeFromMetrics`. */
export const DEFAULT_COMPOSITE_TARGETS: Partial<Record<MetricId, number>> = Object.fromEntries(
  Object.values(METRICS).flatMap((m) => (m.compositeTarget == null ? [] : [[m.id, m.compositeTarget]])),
);

/**
 * The composite of one department (or the whole city) from its metric values: every
 * metric that has a target becomes a component, in registry order.
 */
export function compositeFromMetrics(
  values: Partial<Record<MetricId, number | null>>,
  targets: Partial<Record<MetricId, number>> = DEFAULT_COMPOSITE_TARGETS,
  cap: number = COMPOSITE_CAP,
): CompositeScore {
  const inputs = Object.values(METRICS).flatMap((m): CompositeInput[] => {
    const target = targets[m.id];
    if (target == null || m.better === "none") return [];
    return [{ metricId: m.id, actual: values[m.id] ?? null, target, better: m.better }];
  });
  return compositeScore(inputs, cap);
}
