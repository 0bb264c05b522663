/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula (starting with = + - @,
 * a tab or CR) gets a leading apostrophe: imported street addresses and outcomes are
 * somebody else's text. Numbers are written as numbers, negative ones included.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = typeof value === "string" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
