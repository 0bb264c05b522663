import { Link } from "@remix-run/react";
import { METRICS, type MetricId } from "~/metrics/registry";

/** A metric's short label with its registry definition on hover and focus (`<abbr title>`), for table headers. */
export function MetricAbbr({ id, label }: { id: MetricId; label?: string }) {
  const def = METRICS[id];
  return (
    <abbr title={`${def.label}: ${def.formula}`} className="cs-abbr">
      {label ?? def.shortLabel}
    </abbr>
  );
}

/** A disclosure that shows a metric's definition in place; works without JavaScript. */
export function MetricDefinition({ id, children }: { id: MetricId; children?: React.ReactNode }) {
  const def = METRICS[id];
  return (
    <details className="cs-popover">
      <summary>
        {children ?? def.label}
        <span className="usa-sr-only">: how it is defined</span>
      </summary>
      <div className="cs-popover__body">
        <p>{def.formula}</p>
        <p>
          {def.better === "none" ? "Neither higher nor lower is better by itself." : `${def.better === "lower" ? "Lower" : "Higher"} is better.`}{" "}
          <Link to={`/definitions#${def.id}`}>All definitions</Link>
        </p>
      </div>
    </details>
  );
}

/** The definitions of the metrics a table shows, gathered under it. */
export function DefinitionsPanel({ ids, title = "What these numbers mean" }: { ids: readonly MetricId[]; title?: string }) {
  return (
    <details className="cs-definitions">
      <summary>{title}</summary>
      <dl>
        {ids.map((id) => (
          <div key={id} className="cs-definitions__item">
            <dt>{METRICS[id].label}</dt>
            <dd>{METRICS[id].formula}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to="/definitions">Every metric and how it is computed</Link>
      </p>
    </details>
  );
}
