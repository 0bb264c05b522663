import { cityTimeZone, parsePeriod } from "./periods.server";

test.each([
  { input: { from: "2026-01-01", to: "2026-02-01" }, ok: true },
  { input: { from: "2026-02-01", to: "2026-01-01" }, ok: false, message: /to: `to` must be after `from`/ },
  { input: { from: "2026-02-30", to: "2026-03-01" }, ok: false, message: /from: must be a calendar date/ },
  { input: { from: "2020-01-01", to: "2026-03-01" }, ok: false, message: /at most/ },
  { input: { to: "2026-03-01" }, ok: false, message: /from:/ },
])("parsePeriod($input)", ({ input, ok, message }) => {
  if (ok) expect(parsePeriod(input)).toEqual(input);
  else expect(() => parsePeriod(input)).toThrow(message);
});

test("cityTimeZone defaults to Chicago and rejects a bad zone", () => {
  expect(cityTimeZone({})).toBe("America/Chicago");
  expect(cityTimeZone({ CITY_TIME_ZONE: "Europe/Berlin" })).toBe("Europe/Berlin");
  expect(() => cityTimeZone({ CITY_TIME_ZONE: "Mars/Olympus" })).toThrow(/CITY_TIME_ZONE=Mars\/Olympus/);
});
