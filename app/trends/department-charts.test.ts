import { trendEnd } from "./department-charts.server";

test.each([
  [{ from: "2026-11-01", to: "2026-12-01" }, "week", "2026-11-29"],
  [{ from: "2026-11-01", to: "2026-12-01" }, "month", "2026-11-30"],
  [{ from: "2026-11-02", to: "2026-11-30" }, "week", "2026-11-29"],
  [{ from: "2026-10-01", to: "2026-11-16" }, "month", "2026-10-31"],
] as const)("charts for %j by %s end with the last whole bucket: %s", (period, grain, end) => {
  expect(trendEnd(period, grain)).toBe(end);
});
