import { Form } from "@remix-run/react";
import { addDays } from "~/metrics/periods";
import { PERIOD_KINDS, selectionLabel, selectionPeriod, describePeriod, type PeriodSelection } from "./period-selection";

/**
 * A GET form, so the period lives in the URL (bookmarkable, shareable, works without
 * JavaScript). All fields are present; the one that matters depends on the kind chosen.
 */
export function PeriodPicker({ selection, defaultMonth, error }: { selection: PeriodSelection; defaultMonth: string; error?: string | null }) {
  const period = selectionPeriod(selection);
  const month = selection.kind === "month" || selection.kind === "12m" ? selection.month : defaultMonth;
  const quarter = selection.kind === "quarter" ? selection.quarter : `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  const from = selection.kind === "custom" ? selection.from : period.from;
  const through = selection.kind === "custom" ? selection.through : addDays(period.to, -1);
  return (
    <Form method="get" className="cs-period-picker cs-no-print" aria-label="Period">
      {error ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{error}</p>
          </div>
        </div>
      ) : null}
      <div className="cs-period-picker__fields">
        <div>
          <label className="usa-label" htmlFor="period-kind">
            Period
          </label>
          <select className="usa-select" id="period-kind" name="period" defaultValue={selection.kind}>
            {PERIOD_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="cs-field--month">
          <label className="usa-label" htmlFor="period-month">
            Month <span className="cs-muted">(or last of the 12)</span>
          </label>
          <input className="usa-input" id="period-month" name="month" type="month" defaultValue={month} />
        </div>
        <div className="cs-field--quarter">
          <label className="usa-label" htmlFor="period-quarter">
            Quarter
          </label>
          <input className="usa-input" id="period-quarter" name="quarter" pattern="\d{4}-Q[1-4]" placeholder="2026-Q3" defaultValue={quarter} />
        </div>
        <div className="cs-field--custom">
          <label className="usa-label" htmlFor="period-from">
            From
          </label>
          <input className="usa-input" id="period-from" name="from" type="date" defaultValue={from} />
        </div>
        <div className="cs-field--custom">
          <label className="usa-label" htmlFor="period-through">
            Through <span className="cs-muted">(inclusive)</span>
          </label>
          <input className="usa-input" id="period-through" name="through" type="date" defaultValue={through} />
        </div>
        <div>
          <button className="usa-button" type="submit">
            Show
          </button>
        </div>
      </div>
      <p className="cs-def">
        Showing <strong>{selectionLabel(selection)}</strong> ({describePeriod(period)}), compared with the period of the same
        length just before it.
      </p>
    </Form>
  );
}

