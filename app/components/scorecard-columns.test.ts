import { sortRows, firstDirection } from "./scorecard-columns";

const rows = [
  { name: "Water", woMedianDays: 3, compositeScore: null },
  { name: "Streets", woMedianDays: null, compositeScore: 0.8 },
  { name: "Aviation", woMedianDays: 3, compositeScore: 1.2 },
  { name: "Buildings", woMedianDays: 9, compositeScore: 0.8 },
];

describe("sortRows", () => {
  test.each([
    ["woMedianDays", "asc", ["Aviation", "Water", "Buildings", "Streets"]],
    ["woMedianDays", "desc", ["Buildings", "Aviation", "Water", "Streets"]],
    ["compositeScore", "asc", ["Buildings", "Streets", "Aviation", "Water"]],
    ["name", "desc", ["Water", "Streets", "Buildings", "Aviation"]],
  ] as const)("%s %s: empty values last, ties by name", (key, dir, expected) => {
    expect(sortRows(rows, key, dir).map((r) => r.name)).toEqual(expected);
  });
});

test.each([
  ["higher", "asc"],
  ["lower", "desc"],
  ["none", "desc"],
] as const)("first click on a %s-is-better column sorts %s (worst first)", (better, dir) => {
  expect(firstDirection(better)).toBe(dir);
});

describe("parseSortQuery", () => {
  test.each([
    ["", { key: "compositeScore", dir: "asc" }],
    ["sort=woMedianDays&dir=desc", { key: "woMedianDays", dir: "desc" }],
    ["sort=outcomeMix&dir=sideways", { key: "compositeScore", dir: "asc" }],
  ])("%s", async (query, expected) => {
    const { parseSortQuery } = await import("./scorecard-sort.server");
    expect(parseSortQuery(new URLSearchParams(query))).toEqual(expected);
  });
});
