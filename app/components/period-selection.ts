import {
  addDays,
  addMonths,
  customPeriod,
  last12Months,
  monthPeriod,
  priorPeriod,
  quarterPeriod,
  type LocalDate,
  type Period,
} from "~/metrics/periods";

/** What the period picker chose, in the words of the form (all strings, as in the URL). */
export type PeriodSelection =
  | { kind: "month"; month: string }
  | { kind: "quarter"; quarter: string }
  | { kind: "12m"; month: string }
  | { kind: "custom"; from: LocalDate; through: LocalDate };

export const PERIOD_KINDS = [
  { value: "month", label: "Month" },
  { value: "quarter", label: "Quarter" },
  { value: "12m", label: "12 months" },
  { value: "custom", label: "Custom dates" },
] as const;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function monthParts(month: string): [number, number] {
  const [y, m] = month.split("-").map(Number);
  return [y, m];
}

/** The half-open period `[from, to)` a selection stands for. */
export function selectionPeriod(selection: PeriodSelection): Period {
  switch (selection.kind) {
    case "month":
      return monthPeriod(...monthParts(selection.month));
    case "quarter": {
      const [y, q] = selection.quarter.split("-Q").map(Number);
      return quarterPeriod(y, q as 1 | 2 | 3 | 4);
    }
    case "12m":
      // The twelve months ending with (and including) the chosen month.
      return last12Months(addMonths(`${selection.month}-01`, 1));
    case "custom":
      // The form asks for an inclusive last day, the way people say a date range.
      return customPeriod(selection.from, addDays(selection.through, 1));
  }
}

export function priorSelectionPeriod(selection: PeriodSelection): Period {
  return priorPeriod(selectionPeriod(selection));
}

function monthName(month: string) {
  const [y, m] = monthParts(month);
  return `${MONTHS[m - 1]} ${y}`;
}

/** "Nov 15, 2026" */
export function dayName(day: LocalDate) {
  const [y, m, d] = day.split("-").map(Number);
  return `${MONTHS[m - 1].slice(0, 3)} ${d}, ${y}`;
}

export function describePeriod(period: Period): string {
  return `${dayName(period.from)} – ${dayName(addDays(period.to, -1))}`;
}

/** "November 2026", "Q3 2026 (Jul–Sep)", "12 months to November 2026", "Oct 1, 2026 – Nov 15, 2026". */
export function selectionLabel(selection: PeriodSelection): string {
  switch (selection.kind) {
    case "month":
      return monthName(selection.month);
    case "quarter":
      return selection.quarter.replace(/^(\d{4})-(Q\d)$/, "$2 $1");
    case "12m":
      return `12 months to ${monthName(selection.month)}`;
    case "custom":
      return describePeriod(selectionPeriod(selection));
  }
}

/** The query string that reproduces a selection, so links and sorting keep the period. */
export function selectionSearch(selection: PeriodSelection): URLSearchParams {
  const params = new URLSearchParams({ period: selection.kind });
  if (selection.kind === "month" || selection.kind === "12m") params.set("month", selection.month);
  if (selection.kind === "quarter") params.set("quarter", selection.quarter);
  if (selection.kind === "custom") {
    params.set("from", selection.from);
    params.set("through", selection.through);
  }
  return params;
}

/** The last whole month before the one containing `today`: the default a review starts from. */
export function defaultSelection(today: LocalDate): PeriodSelection {
  return { kind: "month", month: addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7) };
}
