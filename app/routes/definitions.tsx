import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/require.server";
import { COMPOSITE_CAP, METRICS, METRIC_IDS } from "~/metrics/registry";

export const meta: MetaFunction = () => [{ title: "Metric definitions · CompStat 311" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const UNIT_WORDS = { days: "days", count: "count", pct: "percent", score: "ratio" } as const;
const LEVEL_WORDS = { request: "request (owner dept.)", work_order: "work order (its dept.)", composite: "department, city" } as const;

/** The metric registry as a page: every number in the app is defined here, once. */
export default function Definitions() {
  return (
    <>
      <h1>Metric definitions</h1>
      <p className="cs-lede">
        Every number in CompStat 311 is computed the same way everywhere — on the scorecard, in charts, in CSV downloads, in the API
        and in reports. Periods run from the first day up to, not including, the end day, in the city's time zone; a duration in days is elapsed seconds ÷ 86,400. An empty set
        (no work orders completed, say) shows as “—”, never as 0. Medians are labelled as medians: the SLA shown to residents as an
        “average” was a median.
      </p>
      <table className="usa-table usa-table--borderless cs-definitions-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">How it is computed</th>
            <th scope="col">Unit</th>
            <th scope="col">Better</th>
            <th scope="col">Counts each</th>
            <th scope="col">Composite target</th>
          </tr>
        </thead>
        <tbody>
          {METRIC_IDS.map((id) => {
            const m = METRICS[id];
            const target = "compositeTarget" in m ? m.compositeTarget : undefined;
            return (
              <tr key={id} id={id}>
                <th scope="row">
                  {m.label}
                  <br />
                  <code className="cs-muted">{id}</code>
                </th>
                <td>{m.formula}</td>
                <td>{UNIT_WORDS[m.unit]}</td>
                <td>{m.better === "none" ? "neither" : m.better}</td>
                <td>{LEVEL_WORDS[m.level]}</td>
                <td className="cs-num">{target === undefined ? "—" : m.unit === "pct" ? `${target}%` : target}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section className="cs-section" id="composite">
        <h2>How the composite score is computed</h2>
        <p>
          In the spirit of Boston's CityScore: each metric with a composite target above gives a ratio — actual ÷ target when higher
          is better, target ÷ actual when lower is better — capped at {COMPOSITE_CAP}, so one metric far ahead cannot hide a miss
          on another. The department's score is the mean of its ratios; metrics without data are left out. 1.00 means on target,
          below 1.00 behind it.
        </p>
      </section>
    </>
  );
}
