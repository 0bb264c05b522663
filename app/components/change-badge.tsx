import type { MetricId } from "~/metrics/registry";
import { describeChange } from "./change";

/** Change against the prior period: arrow and amount, with "better"/"worse" in words, not only in colour. */
export function ChangeBadge({ id, current, prior }: { id: MetricId; current: number | null | undefined; prior: number | null | undefined }) {
  const change = describeChange(id, current, prior);
  if (change.tone === "none") return null;
  if (change.tone === "same") {
    return (
      <span className="cs-change cs-change--same" title={change.words}>
        = <span className="usa-sr-only">{change.words}</span>
      </span>
    );
  }
  return (
    <span className={`cs-change cs-change--${change.tone}`} title={change.words}>
      <span aria-hidden="true">
        {change.arrow} {change.amount}
        {change.tone === "neutral" ? "" : ` ${change.tone}`}
      </span>
      <span className="usa-sr-only">{change.words}</span>
    </span>
  );
}
