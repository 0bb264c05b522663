/**
 * Encodes one column of a batch as a PostgreSQL array literal, so a whole column travels as a
 * single text parameter (`$1::text[]`) that PGlite and postgres.js both pass through unchanged:
 * a 10,000-row batch is one statement with one parameter per column, not 10,000 × N parameters.
 */
export function pgTextArray(values: ReadonlyArray<string | null>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      parts[i] = "NULL";
      continue;
    }
    parts[i] = v.indexOf('"') === -1 && v.indexOf("\\") === -1 ? `"${v}"` : `"${v.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `{${parts.join(",")}}`;
}
