import { parsePeriodQuery } from "./period-picker.server";
import { priorSelectionPeriod, selectionLabel, selectionPeriod, selectionSearch, type PeriodSelection } from "./period-selection";

const fallback: PeriodSelection = { kind: "month", month: "2026-11" };
const parse = (q: string) => parsePeriodQuery(new URLSearchParams(q), fallback);

describe("parsePeriodQuery → selectionPeriod", () => {
  test.each([
    ["period=month&month=2026-02", { from: "2026-02-01", to: "2026-03-01" }, "February 2026"],
    ["period=quarter&quarter=2026-Q3", { from: "2026-07-01", to: "2026-10-01" }, "Q3 2026"],
    ["period=12m&month=2026-11", { from: "2025-12-01", to: "2026-12-01" }, "12 months to November 2026"],
    ["period=custom&from=2026-10-01&through=2026-11-15", { from: "2026-10-01", to: "2026-11-16" }, "Oct 1, 2026 – Nov 15, 2026"],
  ])("%s", (query, period, label) => {
    const { selection, error } = parse(query);
    expect(error).toBeNull();
    expect(selectionPeriod(selection)).toEqual(period);
    expect(selectionLabel(selection)).toBe(label);
    expect(parse(selectionSearch(selection).toString()).selection).toEqual(selection);
  });

  test("no period in the URL: the fallback, no error", () => {
    expect(parse("")).toEqual({ selection: fallback, error: null });
  });

  test.each([
    ["period=month&month=2026-13", "month must be a month as YYYY-MM"],
    ["period=custom&from=2026-02-30&through=2026-03-01", "from must be a date as YYYY-MM-DD"],
    ["period=custom&from=2026-03-02&through=2026-03-01", '"through" (2026-03-01) is before "from" (2026-03-02)'],
    ["period=week", "period must be one of month, quarter, 12m, custom"],
  ])("bad input %s says which field and falls back", (query, message) => {
    const { selection, error } = parse(query);
    expect(selection).toEqual(fallback);
    expect(error).toContain(message);
  });

  test("a month's prior period is the month before", () => {
    expect(priorSelectionPeriod({ kind: "month", month: "2026-03" })).toEqual({ from: "2026-02-01", to: "2026-03-01" });
  });
});
