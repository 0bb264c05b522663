import { groupUnmappedOutcomes, type UnmappedOutcome } from "./needs-mapping";

const row = (departmentId: number, rawOutcome: string, count: number): UnmappedOutcome => ({
  departmentId,
  department: departmentId === 1 ? "Streets" : "Water",
  rawOutcome,
  count,
});

describe("groupUnmappedOutcomes", () => {
  test.each([
    { name: "nothing unmapped", rows: [], groups: [] },
    {
      name: "spellings of one key in one department merge under the most frequent one",
      rows: [row(2, "valve exercised", 1), row(2, "Valve Exercised", 3), row(2, "VALVE EXERCISED", 1)],
      groups: [{ ...row(2, "Valve Exercised", 5), spellings: ["Valve Exercised", "VALVE EXERCISED", "valve exercised"] }],
    },
    {
      name: "the same outcome in two departments stays two rows (a mapping can be per department)",
      rows: [row(1, "Gone", 2), row(2, "gone", 2)],
      groups: [
        { ...row(1, "Gone", 2), spellings: ["Gone"] },
        { ...row(2, "gone", 2), spellings: ["gone"] },
      ],
    },
    {
      name: "most frequent first after merging",
      rows: [row(1, "A", 3), row(2, "b", 2), row(2, "B", 2)],
      groups: [
        { ...row(2, "B", 4), spellings: ["B", "b"] },
        { ...row(1, "A", 3), spellings: ["A"] },
      ],
    },
  ])("$name", ({ rows, groups }) => {
    expect(groupUnmappedOutcomes(rows)).toEqual(groups);
  });
});
