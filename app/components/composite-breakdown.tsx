import { Link } from "@remix-run/react";
import type { CompositeScore } from "~/metrics/composite";
import { METRICS, formatValue, type MetricId } from "~/metrics/registry";

function metricLabel(id: string) {
  return id in METRICS ? METRICS[id as MetricId].label : id;
}

function metricUnit(id: string) {
  return id in METRICS ? METRICS[id as MetricId].unit : "score";
}

/** How a composite score was made: each metric's actual, target, ratio and capped score, then the mean. */
export function CompositeBreakdown({ composite }: { composite: CompositeScore }) {
  return (
    <table className="usa-table usa-table--borderless usa-table--compact cs-composite">
      <caption>
        Composite score {formatValue("score", composite.score)} = mean of {composite.counted} metric score
        {composite.counted === 1 ? "" : "s"} (each capped at {composite.cap}). <Link to="/definitions#composite">Method</Link>
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="cs-num">Actual</th>
          <th scope="col" className="cs-num">Target</th>
          <th scope="col">Ratio</th>
          <th scope="col" className="cs-num">Score</th>
        </tr>
      </thead>
      <tbody>
        {composite.components.map((c) => {
          const unit = metricUnit(c.metricId);
          return (
            <tr key={c.metricId}>
              <th scope="row">{metricLabel(c.metricId)}</th>
              <td className="cs-num">{formatValue(unit, c.actual)}</td>
              <td className="cs-num">{formatValue(unit, c.target)}</td>
              <td>{c.better === "higher" ? "actual ÷ target" : "target ÷ actual"}</td>
              <td className="cs-num">
                {c.score == null ? (
                  <span title="no data in this period: left out of the mean">— left out</span>
                ) : (
                  <>
                    {formatValue("score", c.score)}
                    {c.capped ? <span className="cs-muted"> (capped)</span> : null}
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
