/** The CRM's work-order export: one row per WO, chained to its SR by SR_NUMBER and SEQUENCE. */
import {
  integerCell,
  orNull,
  timestampCell,
  unreadableDate,
  type FieldAliases,
  type FieldGetter,
  type FieldLabel,
  type Mapped,
} from "../fields";
import type { StageColumn } from "../stage-columns";
import { SLA_KINDS } from "#db/schema/core";

export type WorkOrderField =
  | "sr"
  | "wo"
  | "type"
  | "department"
  | "sequence"
  | "created"
  | "completed"
  | "status"
  | "outcome"
  | "slaDays"
  | "slaKind";

export const workOrderAliases: FieldAliases<WorkOrderField> = {
  sr: ["srnumber"],
  wo: ["workordernumber"],
  type: ["workordertype"],
  department: ["department"],
  sequence: ["sequence"],
  created: ["createddate"],
  completed: ["completeddate"],
  status: ["status"],
  outcome: ["outcome"],
  slaDays: ["sladays"],
  slaKind: ["slakind"],
};

export const workOrderRequired: readonly WorkOrderField[] = ["sr", "wo", "type", "department", "created", "status"];

export const workOrderColumns: readonly StageColumn[] = [
  { name: "wo", type: "text" },
  { name: "sr", type: "text" },
  { name: "type", type: "text" },
  { name: "dept", type: "text" },
  { name: "seq", type: "smallint" },
  { name: "status", type: "text" },
  { name: "created", type: "ts" },
  { name: "completed", type: "ts" },
  { name: "outcome", type: "text" },
  { name: "sla_days", type: "numeric" },
  { name: "sla_kind", type: "text" },
];

const STATUSES: Record<string, string> = {
  open: "Open",
  completed: "Completed",
  canceled: "Canceled",
  cancelled: "Canceled",
};

export function mapWorkOrder(get: FieldGetter<WorkOrderField>, label: FieldLabel<WorkOrderField>): Mapped {
  const wo = get("wo").trim();
  if (wo === "") return { reject: `${label("wo")} is empty` };
  const sr = get("sr").trim();
  if (sr === "") return { reject: `${label("sr")} is empty` };
  const createdRaw = get("created");
  const created = timestampCell(createdRaw);
  if (created === undefined) return { reject: unreadableDate(label("created"), createdRaw.trim()) };
  if (created === null) return { reject: `${label("created")} is empty` };
  const completedRaw = get("completed");
  const completed = timestampCell(completedRaw);
  if (completed === undefined) return { reject: unreadableDate(label("completed"), completedRaw.trim()) };
  const type = get("type").trim();
  if (type === "") return { reject: `${label("type")} is empty` };
  const department = get("department").trim();
  if (department === "") return { reject: `${label("department")} is empty` };
  const rawStatus = get("status").trim();
  const status = STATUSES[rawStatus.toLowerCase()];
  if (!status) return { reject: `${label("status")} "${rawStatus}" is not Open, Completed or Canceled` };
  const rawSequence = get("sequence");
  const sequence = integerCell(rawSequence, 1, 32767);
  if (sequence === undefined) return { reject: `${label("sequence")} "${rawSequence.trim()}" is not a whole number ≥ 1` };
  const rawSla = get("slaDays").trim();
  let slaDays: string | null = null;
  if (rawSla !== "") {
    const n = Number(rawSla);
    if (!Number.isFinite(n) || n < 0) return { reject: `${label("slaDays")} "${rawSla}" is not a number of days` };
    slaDays = String(n);
  }
  const rawKind = get("slaKind").trim().toLowerCase();
  if (rawKind !== "" && !(SLA_KINDS as readonly string[]).includes(rawKind)) {
    return { reject: `${label("slaKind")} "${get("slaKind").trim()}" is not one of ${SLA_KINDS.join(", ")}` };
  }
  return [
    wo,
    sr,
    type,
    department,
    sequence ?? "1",
    status,
    created,
    completed,
    orNull(get("outcome").trim()),
    slaDays,
    rawKind === "" ? null : rawKind,
  ];
}
