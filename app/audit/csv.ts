/** CSV for the audit export (RFC 4180), with spreadsheet formula injection neutralised. */
export const AUDIT_CSV_HEADER = ["at", "actor", "actor_user_id", "action", "entity_type", "entity_id", "before", "after"];

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // A cell starting with = + - @ (or tab/CR) would run as a formula when opened in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
