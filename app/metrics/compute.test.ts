import {
  durationBucket,
  durationBucketBounds,
  durationDays,
  durationHistogram,
  isOpenPastSla,
  mean,
  median,
  onTimePct,
  outcomeMix,
  percentileCont,
  percentileFromHistogram,
  slaMetPct,
  sortAscending,
} from "./compute";
import { OUTCOME_CATEGORIES, categoriseOutcome, type OutcomeCategory } from "./outcomes";
import { localTimeToInstant } from "./periods";

const chicago = (month: number, day: number, hour: number, minute = 0) =>
  localTimeToInstant({ year: 2026, month, day, hour, minute }, "America/Chicago");

describe("percentileCont (percentile_cont, linear interpolation)", () => {
  test.each([
    { sorted: [], p: 0.5, expected: null },
    { sorted: [7], p: 0, expected: 7 },
    { sorted: [7], p: 0.5, expected: 7 },
    { sorted: [7], p: 1, expected: 7 },
    { sorted: [1, 3], p: 0.5, expected: 2 },
    { sorted: [1, 3], p: 0.9, expected: 2.8 },
    { sorted: [1, 3], p: 0, expected: 1 },
    { sorted: [1, 3], p: 1, expected: 3 },
    { sorted: [2, 2, 2, 5], p: 0.5, expected: 2 },
    { sorted: [2, 2, 2, 5], p: 0.9, expected: 4.1 },
    // h = 9 × 0.9 = 8.1: x8 + 0.1 (x9 − x8)
    { sorted: [1, 2, 3, 4, 5, 6, 7, 8, 9, 19], p: 0.9, expected: 10 },
    { sorted: [1, 2, 3, 4, 5], p: 0.25, expected: 2 },
    { sorted: [0, 10], p: 0.75, expected: 7.5 },
  ])("$sorted at p=$p → $expected", ({ sorted, p, expected }) => {
    const got = percentileCont(sorted, p);
    if (expected == null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
  });

  test.each([-0.1, 1.1, Number.NaN])("p=%s is rejected", (p) => {
    expect(() => percentileCont([1, 2], p)).toThrow(RangeError);
  });

  test("median and mean, null for empty", () => {
    expect(median(sortAscending([5, 1, 3, 2]))).toBe(2.5);
    expect(median([])).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});

describe("durationDays is elapsed time across DST", () => {
  test.each([
    { name: "spring forward: 01:30 CST → 03:30 CDT is one hour", from: chicago(3, 8, 1, 30), to: chicago(3, 8, 3, 30), days: 1 / 24 },
    { name: "spring-forward day lasts 23 h", from: chicago(3, 8, 0), to: chicago(3, 9, 0), days: 23 / 24 },
    { name: "fall back: 00:30 CDT → 01:30 (read as CST) is two hours", from: chicago(11, 1, 0, 30), to: chicago(11, 1, 1, 30), days: 2 / 24 },
    { name: "fall-back day lasts 25 h", from: chicago(11, 1, 0), to: chicago(11, 2, 0), days: 25 / 24 },
    { name: "an ordinary week", from: chicago(6, 1, 0), to: chicago(6, 8, 0), days: 7 },
    { name: "the fall-back week is 7 days and an hour", from: chicago(10, 26, 0), to: chicago(11, 2, 0), days: 7 + 1 / 24 },
  ])("$name", ({ from, to, days }) => {
    expect(durationDays(from, to)).toBeCloseTo(days, 12);
  });
});

describe("SLA attainment", () => {
  test.each([
    { name: "empty → null", wos: [], expected: null },
    { name: "only WOs without SLA → null", wos: [{ durationDays: 1, slaDays: null }], expected: null },
    {
      name: "WOs without SLA are excluded; equal to the SLA is met",
      wos: [
        { durationDays: 3, slaDays: 3 },
        { durationDays: 3.01, slaDays: 3 },
        { durationDays: 50, slaDays: null },
        { durationDays: 0.5, slaDays: 1 },
      ],
      expected: (2 / 3) * 100,
    },
  ])("slaMetPct: $name", ({ wos, expected }) => {
    const got = slaMetPct(wos);
    if (expected == null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
  });

  test.each([
    { counts: { met: 0, completedLate: 0, openPastSla: 0 }, expected: null },
    { counts: { met: 9, completedLate: 1, openPastSla: 0 }, expected: 90 },
    // the censoring: a department that sits on its late work does not look better
    { counts: { met: 9, completedLate: 1, openPastSla: 5 }, expected: 60 },
    { counts: { met: 0, completedLate: 0, openPastSla: 4 }, expected: 0 },
  ])("onTimePct($counts) → $expected", ({ counts, expected }) => {
    expect(onTimePct(counts)).toBe(expected);
  });

  test.each([
    { created: chicago(3, 1, 12), slaDays: 7, pastSla: true },
    { created: chicago(3, 1, 12), slaDays: 14, pastSla: false },
    { created: chicago(3, 1, 12), slaDays: null, pastSla: false },
    // created 7 days before `to` by the clock, but one hour of those days never existed
    { created: chicago(3, 2, 0), slaDays: 7 - 1 / 48, pastSla: false },
  ])("isOpenPastSla at 2026-03-09 00:00 with SLA $slaDays", ({ created, slaDays, pastSla }) => {
    expect(isOpenPastSla(created, chicago(3, 9, 0), slaDays)).toBe(pastSla);
  });
});

describe("outcome mix", () => {
  test("all eight categories always present, null % when nothing closed", () => {
    const mix = outcomeMix({});
    expect(mix.map((m) => m.category)).toEqual([...OUTCOME_CATEGORIES]);
    expect(mix.every((m) => m.count === 0 && m.pct === null)).toBe(true);
  });

  test("shares of closed WOs", () => {
    const mix = outcomeMix({ work_done: 6, no_cause: 3, cancelled: 1 });
    expect(Object.fromEntries(mix.map((m) => [m.category, m.pct]))).toEqual({
      work_done: 60,
      no_cause: 30,
      already_addressed: 0,
      duplicate: 0,
      cancelled: 10,
      transferred: 0,
      unable_to_locate: 0,
      other: 0,
    });
  });

  const mapping = new Map<string, OutcomeCategory>([["no cause found", "no_cause"], ["completed", "work_done"]]);
  test.each([
    { wo: { status: "Completed", outcome: "  No Cause FOUND " }, expected: "no_cause" },
    { wo: { status: "Canceled", outcome: null }, expected: "cancelled" },
    { wo: { status: "Canceled", outcome: "   " }, expected: "cancelled" },
    { wo: { status: "Completed", outcome: "" }, expected: "other" },
    { wo: { status: "Completed", outcome: "Crew sent" }, expected: "other" },
    { wo: { status: "Canceled", outcome: "Completed" }, expected: "work_done" },
  ])("categoriseOutcome($wo) → $expected", ({ wo, expected }) => {
    expect(categoriseOutcome(wo, (k) => mapping.get(k))).toBe(expected);
  });
});

describe("percentile from a quantised histogram", () => {
  const values = sortAscending([0.01, 0.2, 0.21, 0.9, 1.5, 2.2, 3, 3.3, 7, 12, 40, 41, 200]);
  const histogram = durationHistogram(
    [...new Set(values.map(durationBucket))].map((bucket) => ({
      bucket,
      count: values.filter((v) => durationBucket(v) === bucket).length,
    })),
  );

  test.each([0, 0.1, 0.25, 0.5, 0.75, 0.9, 1])("p=%s is within its stated bound of percentile_cont", (p) => {
    const exact = percentileCont(values, p) as number;
    const approx = percentileFromHistogram(histogram, p);
    expect(approx).not.toBeNull();
    expect(Math.abs(approx!.value - exact)).toBeLessThanOrEqual(approx!.errorBound + 1e-12);
    // the bound is tight enough to matter: half an hour, or 2.5 % of the value
    expect(approx!.errorBound).toBeLessThanOrEqual(Math.max(1 / 48, exact * 0.025) + 1e-12);
  });

  test("empty histogram → null", () => {
    expect(percentileFromHistogram(durationHistogram([]), 0.5)).toBeNull();
  });

  test.each([0, 0.5, 1.99, 2, 2.1, 30, 365])("bucket of %s d contains it", (days) => {
    const [lo, hi] = durationBucketBounds(durationBucket(days));
    expect(days).toBeGreaterThanOrEqual(lo - 1e-12);
    expect(days).toBeLessThan(hi);
  });
});
