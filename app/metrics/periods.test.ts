import {
  addMonths,
  bucketsForPeriod,
  customPeriod,
  isLocalDate,
  isoWeekLabel,
  last12Months,
  localDateOf,
  localTimeToInstant,
  monthPeriod,
  periodInstants,
  priorPeriod,
  quarterPeriod,
  startOfIsoWeek,
  zeroFill,
} from "./periods";

describe("local time → instant, as PostgreSQL reads it", () => {
  test.each([
    { wall: { year: 2026, month: 1, day: 15, hour: 9 }, iso: "2026-01-15T15:00:00.000Z" },
    { wall: { year: 2026, month: 7, day: 15, hour: 9 }, iso: "2026-07-15T14:00:00.000Z" },
    // spring-forward gap: 02:30 does not exist, read as 03:30 CDT
    { wall: { year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, iso: "2026-03-08T08:30:00.000Z" },
    { wall: { year: 2026, month: 3, day: 8, hour: 1, minute: 30 }, iso: "2026-03-08T07:30:00.000Z" },
    { wall: { year: 2026, month: 3, day: 8, hour: 3, minute: 30 }, iso: "2026-03-08T08:30:00.000Z" },
    // fall-back overlap: 01:30 happens twice, read as standard time (CST)
    { wall: { year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, iso: "2026-11-01T07:30:00.000Z" },
    { wall: { year: 2026, month: 11, day: 1, hour: 0, minute: 59, second: 59, millisecond: 500 }, iso: "2026-11-01T05:59:59.500Z" },
  ])("$wall → $iso", ({ wall, iso }) => {
    expect(localTimeToInstant(wall, "America/Chicago").toISOString()).toBe(iso);
  });

  test("another zone", () => {
    expect(localTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });

  test.each([
    { instant: "2026-03-08T05:59:59Z", date: "2026-03-07" },
    { instant: "2026-03-08T06:00:00Z", date: "2026-03-08" },
    { instant: "2026-11-02T05:59:59Z", date: "2026-11-01" },
    { instant: "2026-11-02T06:00:00Z", date: "2026-11-02" },
  ])("localDateOf($instant) = $date", ({ instant, date }) => {
    expect(localDateOf(new Date(instant))).toBe(date);
  });
});

describe("periods", () => {
  test.each([
    { name: "a month", period: monthPeriod(2026, 2), expected: { from: "2026-02-01", to: "2026-03-01" } },
    { name: "December", period: monthPeriod(2026, 12), expected: { from: "2026-12-01", to: "2027-01-01" } },
    { name: "a quarter", period: quarterPeriod(2026, 4), expected: { from: "2026-10-01", to: "2027-01-01" } },
    { name: "last 12 months", period: last12Months("2026-12-03"), expected: { from: "2025-12-01", to: "2026-12-01" } },
    { name: "prior of a month (unequal days)", period: priorPeriod(monthPeriod(2026, 3)), expected: { from: "2026-02-01", to: "2026-03-01" } },
    { name: "prior of a quarter", period: priorPeriod(quarterPeriod(2026, 1)), expected: { from: "2025-10-01", to: "2026-01-01" } },
    { name: "prior of a custom range", period: priorPeriod(customPeriod("2026-03-10", "2026-03-17")), expected: { from: "2026-03-03", to: "2026-03-10" } },
  ])("$name", ({ period, expected }) => {
    expect(period).toEqual(expected);
  });

  test.each([
    { from: "2026-03-01", to: "2026-03-01" },
    { from: "2026-03-02", to: "2026-03-01" },
    { from: "2026-02-30", to: "2026-03-01" },
    { from: "2026-3-1", to: "2026-04-01" },
  ])("customPeriod($from, $to) is rejected", ({ from, to }) => {
    expect(() => customPeriod(from, to)).toThrow(RangeError);
  });

  test.each([
    { date: "2024-02-29", ok: true },
    { date: "2026-02-29", ok: false },
    { date: "2026-13-01", ok: false },
    { date: "20260101", ok: false },
  ])("isLocalDate($date) = $ok", ({ date, ok }) => {
    expect(isLocalDate(date)).toBe(ok);
  });

  test("addMonths clamps to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
  });

  test.each([
    { period: { from: "2026-03-01", to: "2026-04-01" }, hours: 31 * 24 - 1 },
    { period: { from: "2026-11-01", to: "2026-12-01" }, hours: 30 * 24 + 1 },
    { period: { from: "2026-03-02", to: "2026-03-09" }, hours: 7 * 24 - 1 },
  ])("periodInstants of $period spans $hours h", ({ period, hours }) => {
    const { from, to } = periodInstants(period);
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(hours);
  });

  test("periodInstants start at local midnight", () => {
    expect(periodInstants({ from: "2026-03-08", to: "2026-11-02" })).toEqual({
      from: new Date("2026-03-08T06:00:00Z"),
      to: new Date("2026-11-02T06:00:00Z"),
    });
  });
});

describe("trend buckets", () => {
  test.each([
    { date: "2026-03-08", monday: "2026-03-02", label: "2026-W10" },
    { date: "2026-03-09", monday: "2026-03-09", label: "2026-W11" },
    { date: "2027-01-01", monday: "2026-12-28", label: "2026-W53" },
    { date: "2025-12-29", monday: "2025-12-29", label: "2026-W01" },
  ])("$date is in the ISO week of $monday ($label)", ({ date, monday, label }) => {
    expect(startOfIsoWeek(date)).toBe(monday);
    expect(isoWeekLabel(date)).toBe(label);
  });

  test("weeks cover the period, partial ones marked", () => {
    const weeks = bucketsForPeriod({ from: "2026-03-01", to: "2026-03-16" }, "week");
    expect(weeks.map((w) => [w.start, w.end, w.partial])).toEqual([
      ["2026-02-23", "2026-03-02", true],
      ["2026-03-02", "2026-03-09", false],
      ["2026-03-09", "2026-03-16", false],
    ]);
  });

  test("months and zero fill", () => {
    const months = bucketsForPeriod({ from: "2026-01-01", to: "2026-04-01" }, "month");
    expect(months.map((m) => m.label)).toEqual(["2026-01", "2026-02", "2026-03"]);
    const series = zeroFill(months, [{ bucket: "2026-02-01", value: 5 }], 0);
    expect(series.map((s) => s.value)).toEqual([0, 5, 0]);
    expect(zeroFill(months, [], null).map((s) => s.value)).toEqual([null, null, null]);
  });
});
