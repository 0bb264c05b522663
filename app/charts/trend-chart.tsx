import { useId, useMemo } from "react";
import { PlotFigure } from "./plot-figure";
import { trendPlotOptions, CHART_COLORS } from "./trend-options";
import type { TrendChartSpec } from "./trend-spec";

export interface RenderedTrendChart {
  spec: TrendChartSpec;
  /** Server-rendered SVG of `trendPlotOptions(spec)`. */
  svg: string;
  summary: string;
}

/** A trend chart with its title, definition, legend, summary in words and CSV of exactly its data. */
export function TrendChart({ chart, csvHref }: { chart: RenderedTrendChart; csvHref: string }) {
  const { spec } = chart;
  const options = useMemo(() => trendPlotOptions(spec), [spec]);
  const summaryId = useId();
  return (
    <figure className="cs-chart" id={`chart-${spec.id}`}>
      <figcaption>
        <h3 className="cs-chart__title">{spec.title}</h3>
        <p className="cs-def">{spec.definition}</p>
        <ul className="cs-legend" aria-label="Legend">
          {spec.series.map((s, i) => (
            <li key={s.key}>
              <span className="cs-swatch" style={{ background: CHART_COLORS.series[i % CHART_COLORS.series.length] }} />
              {s.label}
            </li>
          ))}
          {spec.target ? (
            <li>
              <span className="cs-swatch cs-swatch--dashed" style={{ borderColor: CHART_COLORS.target }} />
              {spec.target.label}
            </li>
          ) : null}
          {spec.limits ? (
            <li>
              <span className="cs-swatch cs-swatch--dotted" style={{ borderColor: CHART_COLORS.limits }} />
              natural process limits (XmR)
            </li>
          ) : null}
          {spec.limits ? (
            <li>
              <span className="cs-diamond" style={{ background: CHART_COLORS.signal }} aria-hidden="true" />
              signal of a real shift
            </li>
          ) : null}
        </ul>
      </figcaption>
      <PlotFigure svg={chart.svg} options={options} label={spec.title} describedBy={summaryId} />
      <p id={summaryId} className="cs-chart__summary">
        {chart.summary}
      </p>
      <p className="cs-no-print">
        <a className="usa-link" href={csvHref} download>
          Download this chart's data (CSV)
        </a>
      </p>
    </figure>
  );
}
