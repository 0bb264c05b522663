import { formatDurationMs, shortSha, statusTag } from "./format";

test.each([
  [null, "—"],
  [0, "0 ms"],
  [999, "999 ms"],
  [1000, "1.0 s"],
  [59_940, "59.9 s"],
  [61_000, "1 min 1 s"],
  [3_600_000, "60 min 0 s"],
])("formatDurationMs(%s) = %s", (ms, text) => {
  expect(formatDurationMs(ms)).toBe(text);
});

test("shortSha keeps 12 hex digits and marks a missing hash", () => {
  expect(shortSha("a".repeat(64))).toBe("aaaaaaaaaaaa");
  expect(shortSha("")).toBe("—");
});

test("an unknown status is shown as it is", () => {
  expect(statusTag("succeeded").label).toBe("Succeeded");
  expect(statusTag("paused").label).toBe("paused");
});
