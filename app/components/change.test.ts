import { describeChange } from "./change";

describe("describeChange", () => {
  test.each([
    ["woMedianDays", 4.2, 5, "▼", "better", "down 0.80 d from 5.0 d, better"],
    ["woMedianDays", 6, 5, "▲", "worse", "up 1.0 d from 5.0 d, worse"],
    ["woSlaMetPct", 71.5, 80, "▼", "worse", "down 8.5 pts from 80.0%, worse"],
    ["requestsCreated", 1200, 1000, "▲", "neutral", "up 200 from 1,000"],
    ["compositeScore", 1.1, 0.95, "▲", "better", "up 0.15 from 0.95, better"],
  ] as const)("%s %s vs %s", (id, current, prior, arrow, tone, words) => {
    expect(describeChange(id, current, prior)).toMatchObject({ arrow, tone, words });
  });
  test("a missing value on either side is not a change", () => {
    expect(describeChange("woMedianDays", null, 3).tone).toBe("none");
    expect(describeChange("woMedianDays", 3, undefined).tone).toBe("none");
  });
  test("a change below the display precision is no change", () => {
    expect(describeChange("woSlaMetPct", 80.01, 80)).toMatchObject({ tone: "same", arrow: "" });
  });
});
