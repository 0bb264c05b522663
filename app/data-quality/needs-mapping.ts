/**
 * The "needs mapping" list as a person acts on it. Mappings match raw outcomes trimmed and in
 * any case (§4), so "Valve Exercised" and "valve exercised" of one department are one thing to
 * map: one row, under its most frequent spelling, with their counts summed. Pure.
 */
import { outcomeKey } from "~/metrics/outcomes";

export interface UnmappedOutcome {
  departmentId: number;
  department: string;
  rawOutcome: string;
  count: number;
}

export interface UnmappedOutcomeGroup extends UnmappedOutcome {
  /** every spelling seen, most frequent first */
  spellings: string[];
}

export function groupUnmappedOutcomes(rows: readonly UnmappedOutcome[]): UnmappedOutcomeGroup[] {
  const groups = new Map<string, { first: UnmappedOutcome; spellings: UnmappedOutcome[] }>();
  for (const row of rows) {
    const key = `${row.departmentId}\u0000${outcomeKey(row.rawOutcome)}`;
    const group = groups.get(key);
    if (group) group.spellings.push(row);
    else groups.set(key, { first: row, spellings: [row] });
  }
  return [...groups.values()]
    .map(({ first, spellings }) => {
      // Ties by code point, so the capitalised spelling leads whatever the server's locale.
      const ordered = [...spellings].sort((a, b) => b.count - a.count || (a.rawOutcome < b.rawOutcome ? -1 : a.rawOutcome > b.rawOutcome ? 1 : 0));
      return {
        departmentId: first.departmentId,
        department: first.department,
        rawOutcome: ordered[0].rawOutcome,
        count: ordered.reduce((sum, s) => sum + s.count, 0),
        spellings: ordered.map((s) => s.rawOutcome),
      };
    })
    .sort((a, b) => b.count - a.count || a.department.localeCompare(b.department) || a.rawOutcome.localeCompare(b.rawOutcome));
}
