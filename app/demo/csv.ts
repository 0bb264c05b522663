import { CITYWIDE_OUTCOMES, DEPARTMENT_SPECS, REQUEST_TYPES, WORK_ORDER_TYPES } from "./catalog";
import type { CityClock } from "./clock";
import type { DemoRequest, DemoWorkOrder, PlantedTruth } from "./city";

/**
 * The demo city in the shapes the importers read: requests as the Chicago portal's CSV
 * export (UPPERCASE headers, `MM/DD/YYYY hh:mm:ss AM` local times) and work orders as the
 * CRM export of DESIGN §3.1.
 */

export const REQUEST_HEADER = [
  "SR_NUMBER",
  "SR_TYPE",
  "SR_SHORT_CODE",
  "CREATED_DEPARTMENT",
  "OWNER_DEPARTMENT",
  "STATUS",
  "ORIGIN",
  "CREATED_DATE",
  "LAST_MODIFIED_DATE",
  "CLOSED_DATE",
  "STREET_ADDRESS",
  "CITY",
  "STATE",
  "ZIP_CODE",
  "STREET_NUMBER",
  "STREET_DIRECTION",
  "STREET_NAME",
  "STREET_TYPE",
  "DUPLICATE",
  "LEGACY_RECORD",
  "PARENT_SR_NUMBER",
  "COMMUNITY_AREA",
  "WARD",
  "CREATED_HOUR",
  "CREATED_DAY_OF_WEEK",
  "CREATED_MONTH",
  "LATITUDE",
  "LONGITUDE",
];

export const WORK_ORDER_HEADER = [
  "SR_NUMBER",
  "WORK_ORDER_NUMBER",
  "WORK_ORDER_TYPE",
  "DEPARTMENT",
  "SEQUENCE",
  "CREATED_DATE",
  "COMPLETED_DATE",
  "STATUS",
  "OUTCOME",
  "SLA_DAYS",
  "SLA_KIND",
];

export const TRUTH_HEADER = [
  "SR_NUMBER",
  "RELATED_SR_NUMBER",
  "RELATION",
  "SR_TYPE",
  "DISTANCE_M",
  "GAP_DAYS",
  "RELATED_OPEN_AT_CREATION",
];

export const OUTCOME_MAP_HEADER = ["DEPARTMENT", "OUTCOME", "CATEGORY"];

export const SLA_TARGET_HEADER = ["LEVEL", "WORK_ORDER_TYPE", "SR_TYPE", "KIND", "DAYS", "EFFECTIVE_FROM", "EFFECTIVE_TO", "NOTE"];

export function csvLine(fields: readonly (string | number | null)[]): string {
  let line = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ",";
    const v = fields[i];
    if (v === null) continue;
    const s = typeof v === "number" ? String(v) : v;
    line += /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  return `${line}\n`;
}

export function requestLine(r: DemoRequest, clock: CityClock): string {
  const local = new Date(clock.wallClock(r.createdMs));
  const l = r.location;
  return csvLine([
    r.srNumber,
    r.type.name,
    r.type.shortCode,
    r.origin === "Generated In House" ? r.department : null,
    r.department,
    r.status,
    r.origin,
    clock.portal(r.createdMs),
    clock.portal(r.lastModifiedMs),
    r.closedMs === null ? null : clock.portal(r.closedMs),
    l.streetAddress,
    "Chicago",
    "IL",
    l.zipCode,
    l.streetNumber,
    l.streetDirection,
    l.streetName,
    l.streetType,
    r.duplicate ? "true" : "false",
    "false",
    r.parentSrNumber,
    l.communityArea,
    l.ward,
    local.getUTCHours(),
    local.getUTCDay() + 1,
    local.getUTCMonth() + 1,
    l.latitude,
    l.longitude,
  ]);
}

export function workOrderLine(w: DemoWorkOrder, clock: CityClock): string {
  return csvLine([
    w.srNumber,
    w.woNumber,
    w.type.name,
    w.department,
    w.sequence,
    clock.portal(w.createdMs),
    w.completedMs === null ? null : clock.portal(w.completedMs),
    w.status,
    w.outcome,
    w.slaDays,
    w.slaKind,
  ]);
}

export function truthLine(t: PlantedTruth): string {
  return csvLine([
    t.srNumber,
    t.relatedSrNumber,
    t.relation,
    t.requestType,
    t.distanceMeters,
    Math.round(t.gapDays * 1000) / 1000,
    t.relatedOpenAtCreation ? "true" : "false",
  ]);
}

/**
 * The outcome map the 311 team would have written so far: every declared outcome except the
 * ones marked unmapped, citywide words once with a blank DEPARTMENT.
 */
export function outcomeMapRows(): [string, string, string][] {
  const rows: [string, string, string][] = Object.entries(CITYWIDE_OUTCOMES).map(([outcome, category]) => ["", outcome, category]);
  for (const d of Object.values(DEPARTMENT_SPECS)) {
    for (const [outcome, spec] of Object.entries(d.outcomes)) {
      if (!spec.mapped) continue;
      const citywide = CITYWIDE_OUTCOMES[outcome];
      // "COMPLETED" and "Completed" are one key: the map matches trimmed and case-insensitively.
      const citywideKey = Object.keys(CITYWIDE_OUTCOMES).find((k) => k.toLowerCase() === outcome.toLowerCase());
      if (citywide === spec.category || (citywideKey && CITYWIDE_OUTCOMES[citywideKey] === spec.category)) continue;
      rows.push([d.name, outcome, spec.category]);
    }
  }
  return rows;
}

export function outcomeMapCsv(): string {
  return csvLine(OUTCOME_MAP_HEADER) + outcomeMapRows().map(csvLine).join("");
}

export interface SlaTargetRow {
  level: "work_order" | "request";
  workOrderType: string | null;
  requestType: string | null;
  kind: "estimated" | "median";
  days: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
}

export function slaTargetRows(): SlaTargetRow[] {
  const rows: SlaTargetRow[] = [];
  for (const w of WORK_ORDER_TYPES) {
    for (const v of w.sla) {
      rows.push({ level: "work_order", workOrderType: w.name, requestType: null, kind: v.kind, days: v.days, effectiveFrom: v.from, effectiveTo: v.to, note: v.note ?? null });
    }
  }
  for (const t of REQUEST_TYPES) {
    for (const v of t.requestSla ?? []) {
      rows.push({ level: "request", workOrderType: null, requestType: t.name, kind: v.kind, days: v.days, effectiveFrom: v.from, effectiveTo: v.to, note: v.note ?? null });
    }
  }
  return rows;
}

export function slaTargetsCsv(): string {
  return (
    csvLine(SLA_TARGET_HEADER) +
    slaTargetRows()
      .map((r) => csvLine([r.level, r.workOrderType, r.requestType, r.kind, r.days, r.effectiveFrom, r.effectiveTo, r.note]))
      .join("")
  );
}
