/** How the import pages write a run's fields. Pure: shared by server and browser. */

export const IMPORT_KIND_LABELS: Record<string, string> = {
  requests: "Service requests (311 portal CSV or JSON)",
  "work-orders": "Work orders (CRM export CSV)",
  open311: "Open311 GeoReport v2 JSON",
  "outcome-map": "Outcome map (DEPARTMENT,OUTCOME,CATEGORY)",
};

/** Who ran a file that was not uploaded here: `npm run import` and the demo seed record no person. */
export const NOT_UPLOADED = "command line or seed";

/** The first 12 hex digits: enough to tell files apart on a page, the full hash on hover. */
export function shortSha(sha256: string): string {
  return sha256 ? sha256.slice(0, 12) : "—";
}

export function formatDurationMs(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export const STATUS_TAGS: Record<string, { label: string; className: string }> = {
  succeeded: { label: "Succeeded", className: "usa-tag bg-success-darker" },
  failed: { label: "Failed", className: "usa-tag bg-error-dark" },
  running: { label: "Running", className: "usa-tag bg-base-dark" },
};

/** USWDS tags, colour-coded, with the status in words so colour is never the only signal. */
export function statusTag(status: string) {
  return STATUS_TAGS[status] ?? { label: status, className: "usa-tag bg-base-dark" };
}
