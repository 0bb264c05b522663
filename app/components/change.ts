import { METRICS, formatValue, type MetricId } from "~/metrics/registry";

export type ChangeTone = "better" | "worse" | "neutral" | "same" | "none";

export interface Change {
  tone: ChangeTone;
  /** ▲ or ▼ (or "" when unchanged or unknown): the direction of the number itself */
  arrow: "▲" | "▼" | "";
  /** "0.8 d", "3.1 pts", "120": the size of the change, with its unit */
  amount: string;
  /** the whole change in words, for a screen reader or a title: "down 0.8 d from 5.0 d, better" */
  words: string;
}

/** Changes smaller than this (in the metric's own unit) read as "no change". */
const SAME_BELOW: Record<string, number> = { days: 0.05, pct: 0.05, count: 0.5, score: 0.005 };

/**
 * A metric's change against the prior period, told by direction and by whether that is
 * better or worse for the metric (the registry knows which way is better), so the page
 * never relies on colour alone.
 */
export function describeChange(id: MetricId, current: number | null | undefined, prior: number | null | undefined): Change {
  const def = METRICS[id];
  if (current == null || prior == null) {
    return { tone: "none", arrow: "", amount: "", words: "no value to compare with the prior period" };
  }
  const delta = current - prior;
  const amount = def.unit === "pct" ? `${Math.abs(delta).toFixed(1)} pts` : formatValue(def.unit, Math.abs(delta));
  if (Math.abs(delta) < SAME_BELOW[def.unit]) {
    return { tone: "same", arrow: "", amount: "", words: `no change from ${formatValue(def.unit, prior)}` };
  }
  const up = delta > 0;
  const tone: ChangeTone = def.better === "none" ? "neutral" : up === (def.better === "higher") ? "better" : "worse";
  const judgement = tone === "neutral" ? "" : `, ${tone}`;
  return {
    tone,
    arrow: up ? "▲" : "▼",
    amount,
    words: `${up ? "up" : "down"} ${amount} from ${formatValue(def.unit, prior)}${judgement}`,
  };
}
