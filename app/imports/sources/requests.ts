/**
 * Chicago "311 Service Requests": the portal's CSV export (UPPERCASE headers, US dates), the
 * API's shape (lowercase, ISO dates without zone) as CSV or JSON records, and the pre-2019
 * per-type datasets ("Service Request Number", "Creation Date", STATUS "Completed - Dup").
 * One mapping, many header spellings.
 */
import {
  booleanCell,
  integerCell,
  numberCell,
  orNull,
  timestampCell,
  unreadableDate,
  type FieldAliases,
  type FieldGetter,
  type FieldLabel,
  type Mapped,
} from "../fields";
import type { StageColumn } from "../stage-columns";

export type RequestField =
  | "sr"
  | "type"
  | "code"
  | "department"
  | "status"
  | "origin"
  | "created"
  | "modified"
  | "closed"
  | "street"
  | "zip"
  | "communityArea"
  | "ward"
  | "latitude"
  | "longitude"
  | "duplicate"
  | "parent";

export const requestAliases: FieldAliases<RequestField> = {
  sr: ["srnumber", "servicerequestnumber"],
  type: ["srtype", "typeofservicerequest"],
  code: ["srshortcode"],
  department: ["ownerdepartment"],
  status: ["status"],
  origin: ["origin"],
  created: ["createddate", "creationdate"],
  modified: ["lastmodifieddate"],
  closed: ["closeddate", "completiondate"],
  street: ["streetaddress"],
  zip: ["zipcode", "zip"],
  communityArea: ["communityarea"],
  ward: ["ward"],
  latitude: ["latitude"],
  longitude: ["longitude"],
  duplicate: ["duplicate"],
  parent: ["parentsrnumber"],
};

export const requestRequired: readonly RequestField[] = ["sr", "type", "created", "status"];

/** Staging columns, in the order `mapRequest` fills them. */
export const requestColumns: readonly StageColumn[] = [
  { name: "sr", type: "text" },
  { name: "type", type: "text" },
  { name: "code", type: "text" },
  { name: "dept", type: "text" },
  { name: "status", type: "text" },
  { name: "origin", type: "text" },
  { name: "created", type: "ts" },
  { name: "modified", type: "ts" },
  { name: "closed", type: "ts" },
  { name: "street", type: "text" },
  { name: "zip", type: "text" },
  { name: "community", type: "smallint" },
  { name: "ward", type: "smallint" },
  { name: "lat", type: "float8" },
  { name: "lon", type: "float8" },
  { name: "dup", type: "bool" },
  { name: "parent", type: "text" },
];

const DUP_SUFFIX = " - Dup";

export function mapRequest(get: FieldGetter<RequestField>, label: FieldLabel<RequestField>): Mapped {
  const sr = get("sr").trim();
  if (sr === "") return { reject: `${label("sr")} is empty` };
  const createdRaw = get("created");
  const created = timestampCell(createdRaw);
  if (created === undefined) return { reject: unreadableDate(label("created"), createdRaw.trim()) };
  if (created === null) return { reject: `${label("created")} is empty` };
  const modifiedRaw = get("modified");
  const modified = timestampCell(modifiedRaw);
  if (modified === undefined) return { reject: unreadableDate(label("modified"), modifiedRaw.trim()) };
  const closedRaw = get("closed");
  const closed = timestampCell(closedRaw);
  if (closed === undefined) return { reject: unreadableDate(label("closed"), closedRaw.trim()) };
  const type = get("type").trim();
  if (type === "") return { reject: `${label("type")} is empty` };
  let status = get("status").trim();
  if (status === "") return { reject: `${label("status")} is empty` };
  let duplicate = booleanCell(get("duplicate"));
  if (duplicate === undefined) return { reject: `${label("duplicate")} "${get("duplicate")}" is not true or false` };
  // Pre-2019 datasets encode duplicates in STATUS ("Completed - Dup", "Open - Dup").
  if (status.endsWith(DUP_SUFFIX)) {
    status = status.slice(0, -DUP_SUFFIX.length);
    duplicate = "true";
  }
  return [
    sr,
    type,
    orNull(get("code").trim()),
    orNull(get("department").trim()),
    status,
    orNull(get("origin").trim()),
    created,
    modified,
    closed,
    orNull(get("street").trim()),
    orNull(get("zip").trim()),
    integerCell(get("communityArea"), 0, 32767) ?? null,
    integerCell(get("ward"), 0, 32767) ?? null,
    numberCell(get("latitude")) ?? null,
    numberCell(get("longitude")) ?? null,
    duplicate ?? "false",
    orNull(get("parent").trim()),
  ];
}
