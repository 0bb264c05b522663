import { Link } from "@remix-run/react";
import { formatMetric, type MetricId } from "~/metrics/registry";

/**
 * A number as the registry formats it; an empty set shows "—" with the reason on hover
 * and for screen readers, never a silent 0. With `to`, the number links to its drill-down.
 */
export function MetricValue({ id, value, empty, to }: { id: MetricId; value: number | null | undefined; empty: string; to?: string }) {
  if (value == null) {
    return (
      <span className="cs-null" title={empty}>
        <span aria-hidden="true">—</span>
        <span className="usa-sr-only">{empty}</span>
      </span>
    );
  }
  const text = formatMetric(id, value);
  return to ? (
    <Link to={to} className="cs-cell-link">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}
