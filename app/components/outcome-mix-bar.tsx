import type { OutcomeCategory } from "~/metrics/outcomes";

export interface OutcomeShareLike {
  category: OutcomeCategory;
  label: string;
  count: number;
  pct: number | null;
}

/** USWDS system colours, one per category; `other` is the light grey of "unknown". */
export const OUTCOME_COLORS: Record<OutcomeCategory, string> = {
  work_done: "#008817",
  no_cause: "#e5a000",
  already_addressed: "#c05600",
  duplicate: "#b50909",
  cancelled: "#565c65",
  transferred: "#005ea2",
  unable_to_locate: "#8168b3",
  other: "#c6cace",
};

function pctText(pct: number | null) {
  return pct == null ? "—" : `${pct.toFixed(1)}%`;
}

/**
 * The outcome mix as one stacked bar. The words carry the numbers (the largest category
 * beside the bar, every category for screen readers and on hover), so the bar never
 * relies on colour alone.
 */
export function OutcomeMixBar({ mix, compact = false }: { mix: readonly OutcomeShareLike[]; compact?: boolean }) {
  const total = mix.reduce((s, m) => s + m.count, 0);
  if (total === 0) {
    return <span className="cs-null" title="no work orders closed in this period">—<span className="usa-sr-only">no work orders closed in this period</span></span>;
  }
  const shown = mix.filter((m) => m.count > 0);
  const top = shown.reduce((a, b) => (b.count > a.count ? b : a));
  const words = shown.map((m) => `${m.label} ${pctText(m.pct)} (${m.count.toLocaleString("en-US")})`).join(", ");
  return (
    <span className={`cs-mix${compact ? " cs-mix--compact" : ""}`}>
      <span className="cs-mix__bar" aria-hidden="true" title={words}>
        {shown.map((m) => (
          <span
            key={m.category}
            className="cs-mix__seg"
            style={{ width: `${(100 * m.count) / total}%`, background: OUTCOME_COLORS[m.category] }}
            title={`${m.label}: ${pctText(m.pct)} (${m.count.toLocaleString("en-US")})`}
          />
        ))}
      </span>
      <span className="cs-mix__top" aria-hidden="true">
        {pctText(top.pct)} {top.label.toLowerCase()}
      </span>
      <span className="usa-sr-only">Outcomes of {total.toLocaleString("en-US")} closed work orders: {words}.</span>
    </span>
  );
}

/** The colour key for the bars, in words. */
export function OutcomeLegend({ mix }: { mix: readonly OutcomeShareLike[] }) {
  return (
    <ul className="cs-legend" aria-label="Outcome colours">
      {mix.map((m) => (
        <li key={m.category}>
          <span className="cs-swatch" style={{ background: OUTCOME_COLORS[m.category] }} />
          {m.label}
        </li>
      ))}
    </ul>
  );
}
