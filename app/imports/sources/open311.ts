/**
 * Open311 GeoReport v2 `GET requests.json` records, mapped onto the same staging columns as
 * Chicago requests. GeoReport has no closed time: a closed request's `updated_datetime` is
 * taken as its closing time. `agency_responsible` is the owning department.
 */
import {
  numberCell,
  orNull,
  timestampCell,
  unreadableDate,
  type FieldAliases,
  type FieldGetter,
  type FieldLabel,
  type Mapped,
} from "../fields";

export type Open311Field =
  | "id"
  | "status"
  | "serviceName"
  | "serviceCode"
  | "agency"
  | "requested"
  | "updated"
  | "address"
  | "zip"
  | "lat"
  | "long";

export const open311Aliases: FieldAliases<Open311Field> = {
  id: ["servicerequestid"],
  status: ["status"],
  serviceName: ["servicename"],
  serviceCode: ["servicecode"],
  agency: ["agencyresponsible"],
  requested: ["requesteddatetime"],
  updated: ["updateddatetime"],
  address: ["address"],
  zip: ["zipcode"],
  lat: ["lat"],
  long: ["long"],
};

export const open311Required: readonly Open311Field[] = ["id", "requested"];

const STATUSES: Record<string, string> = { open: "Open", closed: "Completed" };

/** Fills `requestColumns` (sources/requests.ts) in the same order. */
export function mapOpen311(get: FieldGetter<Open311Field>, label: FieldLabel<Open311Field>): Mapped {
  const id = get("id").trim();
  if (id === "") return { reject: `${label("id")} is empty` };
  const requestedRaw = get("requested");
  const created = timestampCell(requestedRaw);
  if (created === undefined) return { reject: unreadableDate(label("requested"), requestedRaw.trim()) };
  if (created === null) return { reject: `${label("requested")} is empty` };
  const updatedRaw = get("updated");
  const updated = timestampCell(updatedRaw);
  if (updated === undefined) return { reject: unreadableDate(label("updated"), updatedRaw.trim()) };
  const serviceName = get("serviceName").trim();
  if (serviceName === "") return { reject: `${label("serviceName")} is empty` };
  const rawStatus = get("status").trim();
  const status = STATUSES[rawStatus.toLowerCase()];
  if (!status) return { reject: `${label("status")} "${rawStatus}" is not open or closed` };
  return [
    id,
    serviceName,
    orNull(get("serviceCode").trim()),
    orNull(get("agency").trim()),
    status,
    null,
    created,
    updated,
    status === "Completed" ? (updated ?? created) : null,
    orNull(get("address").trim()),
    orNull(get("zip").trim()),
    null,
    null,
    numberCell(get("lat")) ?? null,
    numberCell(get("long")) ?? null,
    "false",
    null,
  ];
}
