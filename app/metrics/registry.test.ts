import { METRICS, METRIC_IDS, formatMetric, formatValue } from "./registry";

test("every §4 key is defined once, under its own id", () => {
  for (const id of [
    "requestsCreated", "requestsClosed", "requestMedianDaysToClose", "woCompleted", "woMedianDays", "woP90Days",
    "woMeanDays", "woSlaMetPct", "woOnTimePct", "woClosed", "openWoAtEnd", "openWoPastSlaAtEnd", "outcomeMix",
    "flaggedDuplicatePct", "suspectedDuplicates", "compositeScore",
  ]) {
    expect(METRIC_IDS).toContain(id);
  }
  for (const id of METRIC_IDS) expect(METRICS[id].id).toBe(id);
});

test("medians are labelled as medians, never as averages", () => {
  for (const id of METRIC_IDS) expect(`${METRICS[id].label} ${METRICS[id].shortLabel}`).not.toMatch(/average/i);
  expect(METRICS.woMedianDays.label).toBe("Median days to complete");
});

test.each([
  { unit: "count" as const, value: 2_300_000, text: "2,300,000" },
  { unit: "pct" as const, value: 87.345, text: "87.3%" },
  { unit: "days" as const, value: 1 / 24, text: "0.04 d" },
  { unit: "days" as const, value: 14.94, text: "14.9 d" },
  { unit: "score" as const, value: 1, text: "1.00" },
  { unit: "pct" as const, value: null, text: "—" },
  { unit: "count" as const, value: 0, text: "0" },
])("formatValue($unit, $value) = $text", ({ unit, value, text }) => {
  expect(formatValue(unit, value)).toBe(text);
});

test("formatMetric uses the metric's unit", () => {
  expect(formatMetric("woSlaMetPct", null)).toBe("—");
  expect(formatMetric("woMedianDays", 2)).toBe("2.0 d");
});
