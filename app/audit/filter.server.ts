import { auditFilterSchema, parseFields } from "~/auth/forms.server";

/** The audit page's and export's query string, validated; bad values come back as field messages. */
export function parseAuditFilter(url: URL) {
  return parseFields(auditFilterSchema, url.searchParams);
}
