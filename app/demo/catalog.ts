import type { OutcomeCategory, SlaKind } from "#db/schema/core";

/**
 * What the demo city is made of: Chicago's departments, request types (SR_TYPE and
 * SR_SHORT_CODE exactly as the portal spells them, from the samples in /work/shared/data),
 * their chains of work orders with SLAs, and each department's own outcome vocabulary,
 * including the ways the 2026 OIG audit found duplicates hidden ("Already Completed",
 * "Problem Already Addressed", "No Cause", a cancel).
 */

export const DEPARTMENTS = {
  info: "311 City Services",
  aviation: "Aviation",
  dss: "Streets and Sanitation",
  cdot: "CDOT - Department of Transportation",
  dwm: "DWM - Department of Water Management",
  dob: "DOB - Buildings",
  cacc: "Animal Care and Control",
  health: "Health",
  bacp: "BACP - Business Affairs and Consumer Protection",
  housing: "Department of Housing",
  clerk: "City Clerk's Office",
} as const;
export type DepartmentKey = keyof typeof DEPARTMENTS;

/** Month-by-month volume shape (January first); each type's total over the year is fixed by its weight. */
export const SEASONS = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  snow: [3.2, 2.6, 1.2, 0.15, 0, 0, 0, 0, 0, 0.05, 0.6, 2.4],
  winter: [1.5, 1.4, 1.1, 0.9, 0.8, 0.7, 0.7, 0.7, 0.8, 0.9, 1.1, 1.4],
  spring: [0.9, 1.6, 2.2, 1.9, 1.3, 0.9, 0.7, 0.6, 0.6, 0.6, 0.7, 0.8],
  summer: [0.35, 0.35, 0.55, 0.9, 1.35, 1.7, 1.8, 1.7, 1.3, 0.9, 0.6, 0.4],
  warm: [0.6, 0.6, 0.8, 1, 1.2, 1.3, 1.3, 1.3, 1.2, 1, 0.8, 0.6],
  fall: [0.9, 0.8, 0.7, 0.7, 0.7, 0.7, 0.8, 0.9, 1.1, 1.5, 1.6, 1.3],
} as const;
export type Season = keyof typeof SEASONS;

/** A marker in a department's hiding list: the duplicate's work order is canceled, with no outcome. */
export const CANCEL = "<cancel>";

export interface OutcomeSpec {
  category: OutcomeCategory;
  /** false: left out of the outcome-map CSV, so the "needs mapping" list has real entries. */
  mapped: boolean;
}

export interface DepartmentSpec {
  name: string;
  outcomes: Record<string, OutcomeSpec>;
  /** How this department closes a duplicate it did not couple (OIG audit, Finding 1C). */
  hiding: [string, number][];
  /** Share of duplicates that are coupled (DUPLICATE = true) rather than hidden. */
  flaggedShare: number;
  /** Outcome written on a canceled work order when there is one (some cancels carry none). */
  cancelOutcome: string | null;
}

const done = (mapped = true): OutcomeSpec => ({ category: "work_done", mapped });
const as = (category: OutcomeCategory, mapped = true): OutcomeSpec => ({ category, mapped });

export const DEPARTMENT_SPECS: Record<DepartmentKey, DepartmentSpec> = {
  info: { name: DEPARTMENTS.info, outcomes: {}, hiding: [[CANCEL, 1]], flaggedShare: 1, cancelOutcome: null },
  aviation: { name: DEPARTMENTS.aviation, outcomes: {}, hiding: [[CANCEL, 1]], flaggedShare: 1, cancelOutcome: null },
  dss: {
    name: DEPARTMENTS.dss,
    outcomes: {
      Completed: done(),
      "Graffiti Removed": done(),
      "Rodent Baiting Completed": done(),
      "Cart Delivered": done(),
      "Cart Repaired": done(),
      "Vehicle Towed": done(),
      "Tree Trimmed": done(),
      "Tree Removed": done(),
      "Area Cleaned": done(),
      "Violation Issued": done(),
      "Board-Up Completed": done(),
      "Already Completed": as("already_addressed"),
      "No Rats Found": as("no_cause"),
      "Vehicle Not Found": as("unable_to_locate"),
      "Unable to Locate": as("unable_to_locate"),
      "Transferred to CDOT": as("transferred"),
      "Crew Dispatched - See Notes": as("other", false),
      "Owner Notified": as("other", false),
      Cancelled: as("cancelled"),
    },
    hiding: [["Already Completed", 6], [CANCEL, 4]],
    flaggedShare: 0.55,
    cancelOutcome: "Cancelled",
  },
  cdot: {
    name: DEPARTMENTS.cdot,
    outcomes: {
      "Pothole Patched": done(),
      "Repair Completed": done(),
      "Light Repaired": done(),
      "Signal Repaired": done(),
      "Sign Replaced": done(),
      "Inspection Completed": done(),
      "Restoration Completed": done(),
      "Problem Already Addressed": as("already_addressed"),
      "No Problem Found": as("no_cause"),
      "Cannot Locate": as("unable_to_locate"),
      "Referred to ComEd": as("transferred"),
      "See Remarks in Description": as("other", false),
      "Request Cancelled": as("cancelled"),
    },
    hiding: [["Problem Already Addressed", 5], [CANCEL, 5]],
    flaggedShare: 0.6,
    cancelOutcome: "Request Cancelled",
  },
  dwm: {
    name: DEPARTMENTS.dwm,
    outcomes: {
      "Inspection Completed": done(),
      "Work Performed": done(),
      "Sewer Cleaned": done(),
      "Leak Repaired": done(),
      "Kit Mailed": done(),
      "Results Mailed": done(),
      "Hydrant Shut Off": done(),
      "No Cause": as("no_cause"),
      "Private Property - Owner Responsibility": as("transferred"),
      "Referred to Private Plumber": as("transferred", false),
      "Unable to Gain Access": as("unable_to_locate", false),
    },
    hiding: [["No Cause", 5], [CANCEL, 3]],
    flaggedShare: 0.5,
    cancelOutcome: null,
  },
  dob: {
    name: DEPARTMENTS.dob,
    outcomes: {
      "Violation Issued": done(),
      "Complied - Violation Corrected": done(),
      "Inspection Completed": done(),
      "No Cause": as("no_cause"),
      "No Entry - Notice Left": as("unable_to_locate", false),
    },
    hiding: [["No Cause", 1]],
    flaggedShare: 0.3,
    cancelOutcome: null,
  },
  cacc: {
    name: DEPARTMENTS.cacc,
    outcomes: {
      "Animal Picked Up": done(),
      COMPLETED: done(),
      "Investigation Completed": done(),
      "No Cause": as("no_cause"),
      "Gone on Arrival": as("unable_to_locate"),
    },
    hiding: [["No Cause", 1]],
    flaggedShare: 0.3,
    cancelOutcome: null,
  },
  health: {
    name: DEPARTMENTS.health,
    outcomes: {
      "Inspection Completed - Pass": done(),
      "Violations Cited": done(),
      "No Cause": as("no_cause"),
    },
    hiding: [["No Cause", 1]],
    flaggedShare: 0.4,
    cancelOutcome: null,
  },
  bacp: {
    name: DEPARTMENTS.bacp,
    outcomes: {
      "Investigation Completed": done(),
      "License Reviewed": done(),
      "No Violation Found": as("no_cause"),
      "Referred to Outside Agency": as("transferred", false),
    },
    hiding: [[CANCEL, 1]],
    flaggedShare: 0.4,
    cancelOutcome: null,
  },
  housing: {
    name: DEPARTMENTS.housing,
    outcomes: { "Information Mailed": done() },
    hiding: [[CANCEL, 1]],
    flaggedShare: 0.5,
    cancelOutcome: null,
  },
  clerk: {
    name: DEPARTMENTS.clerk,
    outcomes: { "Citation Issued": done(), "No Violation Found": as("no_cause") },
    hiding: [[CANCEL, 1]],
    flaggedShare: 0.5,
    cancelOutcome: null,
  },
};

/** Outcomes every department writes the same way: mapped once with a blank DEPARTMENT. */
export const CITYWIDE_OUTCOMES: Record<string, OutcomeCategory> = {
  Completed: "work_done",
  "No Cause": "no_cause",
  "Already Completed": "already_addressed",
  "Unable to Locate": "unable_to_locate",
  Cancelled: "cancelled",
};

export interface SlaVersion {
  kind: SlaKind;
  days: number;
  /** Local date the target took effect (inclusive). */
  from: string;
  /** Local date it stopped (exclusive); null while in force. */
  to: string | null;
  note?: string;
}

export interface WorkOrderTypeSpec {
  name: string;
  department: DepartmentKey;
  /** Versioned SLA targets; the seed inserts them into sla_targets. */
  sla: SlaVersion[];
  /** Whether the CRM export carries SLA_DAYS for this type (blank otherwise: the target in force applies). */
  slaInExport: boolean;
  /** Typical duration: log-normal median (days) and log-scale spread. */
  medianDays: number;
  sigma: number;
  /** Emergency crews close work at any hour; everyone else closes it during a day shift. */
  allHours: boolean;
  /** Share that gets stuck: a duration several times the typical one (the old open backlog). */
  stuckShare: number;
  cancelShare: number;
  /** Outcomes when the work was done, weighted. */
  done: [string, number][];
  /** Outcomes when it was not (no cause, cannot locate, transferred, …), weighted, and how often. */
  notDone: [string, number][];
  notDoneShare: number;
}

/** SLA history start: every target in force since before the demo year. */
const SINCE = "2024-01-01";
const est = (days: number): SlaVersion[] => [{ kind: "estimated", days, from: SINCE, to: null }];
const med = (days: number): SlaVersion[] => [{ kind: "median", days, from: SINCE, to: null }];

function wo(
  name: string,
  department: DepartmentKey,
  sla: SlaVersion[],
  medianDays: number,
  done: [string, number][],
  extra: Partial<Omit<WorkOrderTypeSpec, "name" | "department" | "sla" | "medianDays" | "done">> = {},
): WorkOrderTypeSpec {
  return {
    name,
    department,
    sla,
    slaInExport: department === "dss" || department === "cdot",
    medianDays,
    sigma: 0.9,
    allHours: false,
    stuckShare: 0.01,
    cancelShare: 0.02,
    notDone: [],
    notDoneShare: 0,
    done,
    ...extra,
  };
}

export const WORK_ORDER_TYPES: WorkOrderTypeSpec[] = [
  // Streets and Sanitation
  wo("Graffiti Removal", "dss", med(2), 1.2, [["Graffiti Removed", 9], ["Completed", 1]], {
    notDone: [["Unable to Locate", 2], ["Crew Dispatched - See Notes", 1]],
    notDoneShare: 0.06,
  }),
  // Blasting takes graffiti off bare brick and stone; on painted brick, wood, metal and siding (half of
  // the 2011 sample's surfaces) the crew leaves a ghost that a paint crew covers in a matching colour.
  wo("Graffiti Paint-Over", "dss", est(7), 3, [["Graffiti Removed", 3], ["Completed", 1]]),
  wo("Rodent Baiting", "dss", med(5), 3.5, [["Rodent Baiting Completed", 8], ["Completed", 2]], {
    notDone: [["No Rats Found", 5], ["Owner Notified", 1]],
    notDoneShare: 0.18,
  }),
  wo("Rodent Re-Baiting", "dss", est(14), 10, [["Rodent Baiting Completed", 1]], {
    notDone: [["No Rats Found", 1]],
    notDoneShare: 0.3,
  }),
  wo("Abandoned Vehicle Investigation", "dss", est(7), 9, [["Completed", 1]], {
    notDone: [["Vehicle Not Found", 1]],
    notDoneShare: 0.3,
  }),
  wo("Tag Abandoned Vehicle", "dss", est(7), 4, [["Completed", 1]], {
    notDone: [["Vehicle Not Found", 1]],
    notDoneShare: 0.2,
  }),
  // Past the sticker's seven days: a vehicle that was moved is not towed.
  wo("Abandoned Vehicle Re-Inspection", "dss", est(7), 3, [["Completed", 1]], {
    notDone: [["Vehicle Not Found", 1]],
    notDoneShare: 0.4,
  }),
  wo("Tow Abandoned Vehicle", "dss", est(14), 10, [["Vehicle Towed", 1]]),
  wo("Garbage Cart Inspection", "dss", est(7), 6, [["Completed", 1]], {
    notDone: [["Already Completed", 1]],
    notDoneShare: 0.1,
  }),
  wo("Garbage Cart Repair/Replace", "dss", est(14), 30, [["Cart Repaired", 4], ["Completed", 6]], {
    sigma: 1.1,
    stuckShare: 0.04,
  }),
  wo("Recycling Cart Site Inspection", "dss", est(14), 9, [["Completed", 1]], {
    notDone: [["Already Completed", 1], ["Unable to Locate", 1]],
    notDoneShare: 0.12,
  }),
  // A replacement cart is ordered and brought by a delivery crew: the Chicago sample's median cart request takes 103 days.
  wo("Deliver Garbage Cart", "dss", est(30), 60, [["Cart Delivered", 1]], { sigma: 0.8, stuckShare: 0.04 }),
  wo("Deliver Recycling Cart", "dss", est(30), 120, [["Cart Delivered", 1]], { sigma: 0.7, stuckShare: 0.05 }),
  wo("Missed Pick-Up Collection", "dss", est(2), 1.1, [["Completed", 1]], {
    notDone: [["Already Completed", 1]],
    notDoneShare: 0.08,
  }),
  wo("Recycling Collection", "dss", est(3), 2, [["Completed", 1]]),
  wo("Sanitation Code Inspection", "dss", est(14), 8, [["Violation Issued", 4], ["Completed", 3]], {
    notDone: [["Unable to Locate", 1], ["Owner Notified", 2]],
    notDoneShare: 0.25,
  }),
  wo("Sanitation Re-Inspection", "dss", est(30), 21, [["Violation Issued", 1], ["Completed", 2]]),
  wo("Salt and Plow Street", "dss", est(1), 0.6, [["Completed", 1]], { sigma: 1.2, allHours: true }),
  wo("Remove Dibs Object", "dss", est(3), 2, [["Area Cleaned", 1]]),
  wo(
    "Forestry Tree Trim Inspection",
    "dss",
    [
      { kind: "estimated", days: 30, from: SINCE, to: "2026-04-01" },
      { kind: "estimated", days: 45, from: "2026-04-01", to: null, note: "Raised after the spring storm backlog" },
    ],
    24,
    [["Completed", 1]],
    { notDone: [["Already Completed", 1]], notDoneShare: 0.1 },
  ),
  wo("Tree Trim", "dss", est(90), 115, [["Tree Trimmed", 1]], { sigma: 0.7, stuckShare: 0.03 }),
  wo("Forestry Tree Removal Inspection", "dss", est(30), 20, [["Completed", 1]]),
  wo("Tree Removal", "dss", est(60), 55, [["Tree Removed", 1]], { sigma: 0.6 }),
  wo("Stump Grinding", "dss", est(120), 140, [["Completed", 1]], { sigma: 0.5, stuckShare: 0.04 }),
  wo("Tree Debris Pick-Up", "dss", est(7), 5, [["Area Cleaned", 1]]),
  wo("Emergency Tree Response", "dss", est(1), 0.4, [["Completed", 1]], { allHours: true }),
  wo("Dead Animal Pick-Up", "dss", est(2), 1, [["Completed", 1]], { notDone: [["Unable to Locate", 1]], notDoneShare: 0.1 }),
  // A ward inspector looks first: a dump on private property is the owner's to clear, after a notice.
  wo("Fly Dump Inspection", "dss", est(7), 3, [["Completed", 2], ["Violation Issued", 1]], {
    notDone: [["Owner Notified", 1]],
    notDoneShare: 0.2,
  }),
  wo("Fly Dump Removal", "dss", est(7), 6, [["Area Cleaned", 1]]),
  wo("Clean Vacant Lot", "dss", est(30), 24, [["Area Cleaned", 1]], { stuckShare: 0.03 }),
  wo("Tree Planting Site Inspection", "dss", est(60), 30, [["Completed", 1]], {
    notDone: [["Unable to Locate", 1]],
    notDoneShare: 0.25,
  }),
  // Planted in the spring and fall seasons only, so a request waits months for its tree.
  wo("Tree Planting", "dss", est(180), 150, [["Completed", 1]], { sigma: 0.5, stuckShare: 0.05 }),
  wo("Street Sweeping", "dss", est(7), 5, [["Completed", 1]]),
  wo("Yard Waste Collection", "dss", est(5), 3, [["Completed", 1]]),
  wo("Board Up Vacant Building", "dss", est(14), 16, [["Board-Up Completed", 1]], { sigma: 0.8 }),
  // CDOT
  wo(
    "Pothole Repair",
    "cdot",
    [
      { kind: "estimated", days: 7, from: SINCE, to: "2026-03-01" },
      { kind: "median", days: 12, from: "2026-03-01", to: null, note: "Switched to the 12-month median shown online" },
    ],
    11,
    [["Pothole Patched", 9], ["Repair Completed", 1]],
    { notDone: [["Problem Already Addressed", 2], ["See Remarks in Description", 2], ["No Problem Found", 1]], notDoneShare: 0.12, sigma: 1 },
  ),
  wo("Alley Pothole Repair", "cdot", est(30), 28, [["Pothole Patched", 1]], { stuckShare: 0.03 }),
  wo("Street Light Outage Survey", "cdot", est(3), 1.2, [["Inspection Completed", 1]], {
    notDone: [["Referred to ComEd", 1], ["No Problem Found", 2]],
    notDoneShare: 0.1,
  }),
  wo("Street Light Repair", "cdot", med(6), 4.5, [["Light Repaired", 1]], {
    notDone: [["No Problem Found", 1]],
    notDoneShare: 0.04,
  }),
  wo("Street Light Wiring Repair", "cdot", est(30), 24, [["Repair Completed", 1]], {
    notDone: [["Referred to ComEd", 1]],
    notDoneShare: 0.2,
    stuckShare: 0.03,
  }),
  wo("Alley Light Repair", "cdot", est(7), 7, [["Light Repaired", 1]]),
  wo("Traffic Signal Repair", "cdot", est(1), 0.5, [["Signal Repaired", 1]], { sigma: 1.1, allHours: true }),
  // The emergency crew puts a knocked-down or failed signal on flash; the controller, head or pole is replaced later.
  wo("Replace Traffic Signal Equipment", "cdot", est(30), 12, [["Signal Repaired", 1]], { stuckShare: 0.02 }),
  wo("Viaduct Light Repair", "cdot", est(14), 10, [["Light Repaired", 1]], { notDone: [["Referred to ComEd", 1]], notDoneShare: 0.1 }),
  wo("Light Pole Damage Inspection", "cdot", est(14), 10, [["Inspection Completed", 1]]),
  wo("Replace Light Pole", "cdot", est(60), 70, [["Repair Completed", 1]], { stuckShare: 0.04 }),
  wo("Stop Sign Repair", "cdot", est(7), 3, [["Sign Replaced", 1]]),
  wo("Sign Repair", "cdot", est(30), 20, [["Sign Replaced", 1]]),
  wo("Sidewalk Inspection", "cdot", est(30), 25, [["Inspection Completed", 1]], {
    notDone: [["No Problem Found", 1]],
    notDoneShare: 0.3,
  }),
  wo("Sidewalk Repair", "cdot", est(180), 260, [["Repair Completed", 1]], { sigma: 0.6, stuckShare: 0.05 }),
  wo("Sidewalk Snow Inspection", "cdot", est(7), 5, [["Inspection Completed", 1]], {
    notDone: [["No Problem Found", 2]],
    notDoneShare: 0.35,
  }),
  wo("Snow Ordinance Re-Inspection", "cdot", est(3), 2, [["Inspection Completed", 1]]),
  wo("Public Way Inspection", "cdot", est(30), 18, [["Inspection Completed", 1]]),
  wo("Pavement Restoration (DWM Cut)", "cdot", est(60), 45, [["Restoration Completed", 1]], { stuckShare: 0.04 }),
  // Sod and sidewalk squares put back after a cable trench, a new pole foundation or a sidewalk replacement.
  wo("Parkway Restoration", "cdot", est(60), 35, [["Restoration Completed", 1]], { stuckShare: 0.04 }),
  // Water Management: the sewer cave-in chain is the audit's Figure 3 (20 + 30 + 60 days of SLAs, ~28 days actual).
  wo(
    "Sewer Cave-In Inspection Request",
    "dwm",
    [
      { kind: "estimated", days: 20, from: SINCE, to: "2026-05-01" },
      { kind: "median", days: 7, from: "2026-05-01", to: null, note: "Dynamic 12-month median introduced" },
    ],
    0.8,
    [["Inspection Completed", 1]],
    { notDone: [["No Cause", 1]], notDoneShare: 0.12 },
  ),
  wo("Refer to Underground/FESS - Sewer", "dwm", est(30), 9.5, [["Work Performed", 1]], { sigma: 0.6 }),
  wo("Clean Main Sewer (DWM Use Only)", "dwm", est(60), 18, [["Sewer Cleaned", 1]], { sigma: 0.6, stuckShare: 0.03 }),
  wo("Water On Street Investigation", "dwm", est(7), 2, [["Inspection Completed", 1]], {
    notDone: [["No Cause", 2], ["Private Property - Owner Responsibility", 1]],
    notDoneShare: 0.3,
  }),
  wo("Repair Water Main", "dwm", est(30), 12, [["Leak Repaired", 1]]),
  wo("Basement Flooding Inspection", "dwm", est(14), 6, [["Inspection Completed", 1]], {
    notDone: [["Referred to Private Plumber", 2], ["No Cause", 1]],
    notDoneShare: 0.35,
  }),
  wo("No Water Investigation", "dwm", est(1), 0.3, [["Work Performed", 1]], { allHours: true }),
  wo("Leak Inspection", "dwm", est(14), 8, [["Inspection Completed", 1]], {
    notDone: [["Unable to Gain Access", 1]],
    notDoneShare: 0.15,
  }),
  wo("Sewer Cleaning Inspection", "dwm", est(14), 9, [["Inspection Completed", 1]]),
  wo("Clean Catch Basin", "dwm", est(30), 35, [["Sewer Cleaned", 1]]),
  wo("Mail Lead Test Kit", "dwm", est(14), 7, [["Kit Mailed", 1]], { sigma: 0.5 }),
  // The resident fills the bottles and sends them back; the lab's results go out by mail.
  wo("Analyze Lead Test Sample", "dwm", est(30), 24, [["Results Mailed", 1]], { sigma: 0.6 }),
  wo("Hydrant Shut-Off", "dwm", est(1), 0.3, [["Hydrant Shut Off", 1]], { allHours: true }),
  wo("Hydrant Repair", "dwm", est(14), 8, [["Work Performed", 1]]),
  wo("Low Pressure Investigation", "dwm", est(7), 3, [["Inspection Completed", 1]], {
    notDone: [["No Cause", 2], ["Private Property - Owner Responsibility", 1]],
    notDoneShare: 0.4,
  }),
  // Buildings
  wo(
    "Building Inspection",
    "dob",
    [
      { kind: "estimated", days: 30, from: SINCE, to: "2026-07-01" },
      { kind: "estimated", days: 45, from: "2026-07-01", to: null, note: "Department request, inspector vacancies" },
    ],
    38,
    [["Violation Issued", 5], ["Complied - Violation Corrected", 2]],
    { notDone: [["No Cause", 3], ["No Entry - Notice Left", 2]], notDoneShare: 0.35, stuckShare: 0.03 },
  ),
  wo("Building Re-Inspection", "dob", est(60), 50, [["Complied - Violation Corrected", 3], ["Violation Issued", 2]], {
    sigma: 0.7,
    stuckShare: 0.04,
  }),
  wo("Vacant Building Inspection", "dob", est(30), 30, [["Inspection Completed", 1]], { stuckShare: 0.03 }),
  wo("Permit Inspection", "dob", est(14), 15, [["Violation Issued", 1]], { notDone: [["No Cause", 1]], notDoneShare: 0.4 }),
  wo("Plumbing Inspection", "dob", est(30), 25, [["Inspection Completed", 1]], { notDone: [["No Cause", 1]], notDoneShare: 0.3 }),
  // Animal Care and Control
  wo("Stray Animal Pick-Up", "cacc", est(2), 1.2, [["Animal Picked Up", 3], ["COMPLETED", 1]], {
    notDone: [["Gone on Arrival", 3], ["No Cause", 1]],
    notDoneShare: 0.35,
  }),
  wo("Injured Animal Response", "cacc", est(1), 0.3, [["Animal Picked Up", 1]], { notDone: [["Gone on Arrival", 1]], notDoneShare: 0.25 }),
  wo("Vicious Animal Investigation", "cacc", est(7), 6, [["Investigation Completed", 1]], { notDone: [["No Cause", 1]], notDoneShare: 0.3 }),
  // A biting animal is observed for ten days of quarantine before it is cleared.
  wo("Bite Quarantine Check", "cacc", est(14), 11, [["COMPLETED", 1]], { sigma: 0.3 }),
  wo("Pet Wellness Check", "cacc", est(2), 1.5, [["Investigation Completed", 1]], {
    notDone: [["No Cause", 2], ["Gone on Arrival", 1]],
    notDoneShare: 0.35,
  }),
  wo("Pet Wellness Re-Check", "cacc", est(7), 5, [["Investigation Completed", 1]]),
  wo("Nuisance Animal Investigation", "cacc", est(7), 4, [["Investigation Completed", 1]], { notDone: [["No Cause", 1]], notDoneShare: 0.3 }),
  wo("Set Animal Trap", "cacc", est(7), 3, [["COMPLETED", 1]]),
  wo("Trap Pick-Up", "cacc", est(7), 6, [["Animal Picked Up", 2], ["COMPLETED", 1]], { notDone: [["Gone on Arrival", 1]], notDoneShare: 0.25 }),
  wo("Coyote Interaction Follow-Up", "cacc", est(7), 4, [["COMPLETED", 1]]),
  // Health, BACP, Housing, Clerk
  wo("Food Establishment Inspection", "health", est(30), 21, [["Inspection Completed - Pass", 2], ["Violations Cited", 3]], {
    notDone: [["No Cause", 1]],
    notDoneShare: 0.2,
  }),
  // Cited violations are re-inspected for compliance.
  wo("Food Establishment Re-Inspection", "health", est(30), 14, [["Inspection Completed - Pass", 3], ["Violations Cited", 1]]),
  wo("License Review", "bacp", est(30), 25, [["License Reviewed", 1]]),
  wo("Business Investigation", "bacp", est(30), 28, [["Investigation Completed", 1]], {
    notDone: [["No Violation Found", 2], ["Referred to Outside Agency", 1]],
    notDoneShare: 0.4,
  }),
  wo("Shared Housing Investigation", "bacp", est(30), 35, [["Investigation Completed", 1]]),
  wo("Mail Information Packet", "housing", est(14), 6, [["Information Mailed", 1]]),
  wo("Sticker Enforcement Review", "clerk", est(30), 20, [["Citation Issued", 1]], { notDone: [["No Violation Found", 1]], notDoneShare: 0.3 }),
];

export interface PlaceholderLocation {
  streetAddress: string;
  latitude: number;
  longitude: number;
  zipCode: string;
  ward: number;
  communityArea: number;
}

export interface ChainStep {
  workOrderType: string;
  /** Chance this step follows once the previous one was done (the next WO is only known then). */
  p: number;
}

export interface RequestTypeSpec {
  name: string;
  shortCode: string;
  department: DepartmentKey;
  /** Relative yearly volume. */
  weight: number;
  season: Season;
  chain: ChainStep[];
  /**
   * Closed the moment it is created, with no work order (information calls, noise complaints),
   * at the one placeholder location the real data uses for every such call.
   */
  instant?: PlaceholderLocation;
  /** Chance a new request is a duplicate of an open one of its type nearby. */
  duplicateRate: number;
  /** Chance a new request repeats an old, long-closed one at the same address (not a duplicate). */
  recurrenceRate: number;
  /** Some types are reported in house by crews (graffiti blitzes, snow patrols). */
  inHouseShare?: number;
  /** Snow types come in storms: a few days with many times the usual volume. */
  storms?: boolean;
  /** Whole-request SLA targets (level `request`). */
  requestSla?: SlaVersion[];
}

const step = (workOrderType: string, p = 1): ChainStep => ({ workOrderType, p });

function rt(
  name: string,
  shortCode: string,
  department: DepartmentKey,
  weight: number,
  season: Season,
  chain: ChainStep[],
  extra: Partial<RequestTypeSpec> = {},
): RequestTypeSpec {
  return { name, shortCode, department, weight, season, chain, duplicateRate: 0.04, recurrenceRate: 0.01, ...extra };
}

export const REQUEST_TYPES: RequestTypeSpec[] = [
  rt("311 INFORMATION ONLY CALL", "311IOC", "info", 55, "flat", [], {
    instant: {
      streetAddress: "2111 W Lexington ST",
      latitude: 41.871831277993564,
      longitude: -87.67984621876099,
      zipCode: "60612",
      ward: 28,
      communityArea: 28,
    },
    duplicateRate: 0,
    recurrenceRate: 0,
  }),
  rt("Aircraft Noise Complaint", "AVN", "aviation", 22, "warm", [], {
    instant: {
      streetAddress: "10510 W ZEMKE RD",
      latitude: 41.9948965489749,
      longitude: -87.8877516541201,
      zipCode: "60666",
      ward: 41,
      communityArea: 76,
    },
    duplicateRate: 0,
    recurrenceRate: 0,
  }),
  rt("Graffiti Removal Request", "GRAF", "dss", 40, "warm", [step("Graffiti Removal"), step("Graffiti Paint-Over", 0.55)], {
    inHouseShare: 0.25,
    duplicateRate: 0.08,
    recurrenceRate: 0.03,
  }),
  // Baited burrows are checked two weeks later and baited again while rats are active.
  rt(
    "Rodent Baiting/Rat Complaint",
    "SGA",
    "dss",
    34,
    "summer",
    [step("Rodent Baiting"), step("Rodent Re-Baiting", 0.7), step("Rodent Re-Baiting", 0.55), step("Rodent Re-Baiting", 0.45)],
    { duplicateRate: 0.12, recurrenceRate: 0.04 },
  ),
  // As in the 2011 per-type data: a field inspection, a 7-day sticker, a follow-on check that the
  // vehicle has not moved, then the tow.
  rt(
    "Abandoned Vehicle Complaint",
    "SKA",
    "dss",
    24,
    "flat",
    [
      step("Abandoned Vehicle Investigation"),
      step("Tag Abandoned Vehicle", 0.75),
      step("Abandoned Vehicle Re-Inspection", 0.9),
      step("Tow Abandoned Vehicle", 0.85),
    ],
    { duplicateRate: 0.1 },
  ),
  rt(
    "Garbage Cart Maintenance",
    "SIE",
    "dss",
    22,
    "flat",
    [step("Garbage Cart Inspection"), step("Garbage Cart Repair/Replace", 0.8), step("Deliver Garbage Cart", 0.6)],
  ),
  // Someone checks the building can take a cart (four units or fewer, room in the alley) before one is ordered.
  rt("Blue Recycling Cart", "SRRC", "dss", 6, "flat", [step("Recycling Cart Site Inspection"), step("Deliver Recycling Cart", 0.85)]),
  // An alley missed once is often missed again before the route is fixed.
  rt("Missed Garbage Pick-Up Complaint", "SCC", "dss", 14, "flat", [step("Missed Pick-Up Collection"), step("Missed Pick-Up Collection", 0.35)], {
    duplicateRate: 0.06,
  }),
  rt("Recycling Pick Up", "SRRP", "dss", 4, "flat", [step("Recycling Collection"), step("Recycling Collection", 0.25)]),
  // A violation is re-inspected for compliance, and again when the owner has not complied.
  rt(
    "Sanitation Code Violation",
    "SCB",
    "dss",
    14,
    "summer",
    [step("Sanitation Code Inspection"), step("Sanitation Re-Inspection", 0.65), step("Sanitation Re-Inspection", 0.4)],
    { duplicateRate: 0.06 },
  ),
  // While the snow keeps falling a plowed street gets a second pass.
  rt("Ice and Snow Removal Request", "SDO", "dss", 12, "snow", [step("Salt and Plow Street"), step("Salt and Plow Street", 0.5)], {
    storms: true,
    duplicateRate: 0.1,
    inHouseShare: 0.05,
  }),
  rt("Snow - Object/Dibs Removal Request", "SDW", "dss", 4, "snow", [step("Remove Dibs Object")], { storms: true }),
  rt("Tree Trim Request", "SEF", "dss", 16, "summer", [step("Forestry Tree Trim Inspection"), step("Tree Trim", 0.8), step("Tree Debris Pick-Up", 0.5)], {
    recurrenceRate: 0.02,
  }),
  rt(
    "Tree Removal Inspection",
    "SEE",
    "dss",
    7,
    "summer",
    // After a parkway tree and its stump are gone, CDOT repairs the sidewalk its roots lifted.
    [step("Forestry Tree Removal Inspection"), step("Tree Removal", 0.5), step("Stump Grinding", 0.7), step("Sidewalk Repair", 0.25)],
  ),
  // A big pile takes the clam truck more than one trip.
  rt("Tree Debris Clean-Up Request", "SEL", "dss", 7, "warm", [step("Tree Debris Pick-Up"), step("Tree Debris Pick-Up", 0.25)], { duplicateRate: 0.1 }),
  rt("Tree Emergency", "SEC", "dss", 3, "summer", [step("Emergency Tree Response"), step("Tree Removal", 0.3), step("Stump Grinding", 0.7)], {
    duplicateRate: 0.15,
  }),
  rt("Dead Animal Pick-Up Request", "SGQ", "dss", 5, "summer", [step("Dead Animal Pick-Up")]),
  rt("Fly Dumping Complaint", "SDR", "dss", 7, "warm", [step("Fly Dump Inspection"), step("Fly Dump Removal", 0.8)], { duplicateRate: 0.08 }),
  // Parked cars keep the sweeper from the curb; it comes back.
  rt("Street Cleaning Request", "SDP", "dss", 4, "warm", [step("Street Sweeping"), step("Street Sweeping", 0.2)]),
  rt("Yard Waste Pick-Up Request", "SCQ", "dss", 4, "fall", [step("Yard Waste Collection")]),
  rt("Clean Vacant Lot Request", "SCT", "dss", 2, "warm", [step("Sanitation Code Inspection"), step("Clean Vacant Lot", 0.6), step("Sanitation Re-Inspection", 0.3)]),
  rt("Tree Planting Request", "SED", "dss", 2, "spring", [step("Tree Planting Site Inspection"), step("Tree Planting", 0.7)], {
    duplicateRate: 0.02,
  }),
  // "One 311 call can generate multiple pothole repairs" (the City's dataset notes): the block's other
  // holes, and cold patches that wash out, get repairs of their own.
  rt(
    "Pothole in Street Complaint",
    "PHF",
    "cdot",
    30,
    "spring",
    [step("Pothole Repair"), step("Pothole Repair", 0.7), step("Pothole Repair", 0.55), step("Pothole Repair", 0.45)],
    {
      duplicateRate: 0.15,
      recurrenceRate: 0.03,
      requestSla: [{ kind: "estimated", days: 7, from: SINCE, to: null, note: "Repairs within seven days of the first report" }],
    },
  ),
  rt("Alley Pothole Complaint", "PHB", "cdot", 4, "spring", [step("Alley Pothole Repair"), step("Alley Pothole Repair", 0.35)], { duplicateRate: 0.08 }),
  // A night survey confirms the outage (a light is only seen out after dark) and sends a relamp crew;
  // a cable fault is dug up and rewired, and the parkway over the trench restored.
  rt(
    "Street Light Out Complaint",
    "SFD",
    "cdot",
    28,
    "fall",
    [
      step("Street Light Outage Survey"),
      step("Street Light Repair", 0.9),
      step("Street Light Wiring Repair", 0.45),
      step("Parkway Restoration", 0.8),
    ],
    { duplicateRate: 0.2, recurrenceRate: 0.03 },
  ),
  rt(
    "Alley Light Out Complaint",
    "SFA",
    "cdot",
    8,
    "fall",
    [step("Street Light Outage Survey"), step("Alley Light Repair", 0.9), step("Street Light Wiring Repair", 0.3)],
    { duplicateRate: 0.15 },
  ),
  rt(
    "Viaduct Light Out Complaint",
    "SFC",
    "cdot",
    2,
    "fall",
    [step("Street Light Outage Survey"), step("Viaduct Light Repair", 0.9), step("Street Light Wiring Repair", 0.3)],
    { duplicateRate: 0.15 },
  ),
  rt("Traffic Signal Out Complaint", "SFB", "cdot", 10, "flat", [step("Traffic Signal Repair"), step("Replace Traffic Signal Equipment", 0.4)], {
    duplicateRate: 0.3,
  }),
  rt(
    "Street Light Pole Damage Complaint",
    "SFK",
    "cdot",
    3,
    "flat",
    [step("Light Pole Damage Inspection"), step("Replace Light Pole", 0.6), step("Parkway Restoration", 0.6)],
  ),
  // A downed stop sign gets a temporary one at once and its permanent post later.
  rt("Sign Repair Request - Stop Sign", "PCB", "cdot", 4, "flat", [step("Stop Sign Repair"), step("Sign Repair", 0.35)], { duplicateRate: 0.1 }),
  rt("Sign Repair Request - All Other Signs", "PCE", "cdot", 4, "flat", [step("Sign Repair")]),
  rt("Sidewalk Inspection Request", "PBS", "cdot", 5, "warm", [step("Sidewalk Inspection"), step("Sidewalk Repair", 0.6), step("Parkway Restoration", 0.5)]),
  rt(
    "Shared Cost Sidewalk Program Request",
    "SCSP",
    "cdot",
    1,
    "spring",
    [step("Sidewalk Inspection"), step("Sidewalk Repair", 0.85), step("Parkway Restoration", 0.5)],
    { duplicateRate: 0.01 },
  ),
  rt(
    "Snow – Uncleared Sidewalk Complaint",
    "SWSNOREM",
    "cdot",
    8,
    "snow",
    [step("Sidewalk Snow Inspection"), step("Snow Ordinance Re-Inspection", 0.45), step("Snow Ordinance Re-Inspection", 0.3)],
    { storms: true, duplicateRate: 0.1 },
  ),
  // The permit holder's fix is inspected again.
  rt("Inspect Public Way Request", "PBD", "cdot", 3, "warm", [step("Public Way Inspection"), step("Public Way Inspection", 0.35)]),
  rt(
    "Sewer Cave-In Inspection Request",
    "AAD",
    "dwm",
    5,
    "spring",
    [step("Sewer Cave-In Inspection Request"), step("Refer to Underground/FESS - Sewer"), step("Clean Main Sewer (DWM Use Only)")],
    {
      duplicateRate: 0.1,
      requestSla: [{ kind: "estimated", days: 110, from: SINCE, to: null, note: "Sum of the chain's work-order SLAs" }],
    },
  ),
  rt(
    "Water On Street Complaint",
    "AAE",
    "dwm",
    6,
    "winter",
    [step("Water On Street Investigation"), step("Repair Water Main", 0.6), step("Pavement Restoration (DWM Cut)", 0.85)],
    { duplicateRate: 0.2 },
  ),
  rt("Water in Basement Complaint", "AAF", "dwm", 4, "spring", [step("Basement Flooding Inspection"), step("Clean Main Sewer (DWM Use Only)", 0.35)]),
  rt(
    "No Water Complaint",
    "WBJ",
    "dwm",
    2,
    "winter",
    [step("No Water Investigation"), step("Repair Water Main", 0.4), step("Pavement Restoration (DWM Cut)", 0.85)],
    { duplicateRate: 0.15 },
  ),
  rt(
    "Low Water Pressure Complaint",
    "WBK",
    "dwm",
    1,
    "summer",
    [step("Low Pressure Investigation"), step("Repair Water Main", 0.3), step("Pavement Restoration (DWM Cut)", 0.85)],
  ),
  rt("Check for Leak", "WM3", "dwm", 3, "flat", [step("Leak Inspection"), step("Repair Water Main", 0.35), step("Pavement Restoration (DWM Cut)", 0.85)]),
  rt("Sewer Cleaning Inspection Request", "CHECKFOR", "dwm", 4, "spring", [step("Sewer Cleaning Inspection"), step("Clean Catch Basin", 0.6)]),
  // Not every resident sends the filled bottles back.
  rt("Water Lead Test Kit Request", "WCA2", "dwm", 4, "flat", [step("Mail Lead Test Kit"), step("Analyze Lead Test Sample", 0.6)], {
    duplicateRate: 0,
    recurrenceRate: 0,
  }),
  rt("Open Fire Hydrant Complaint", "WBT", "dwm", 3, "summer", [step("Hydrant Shut-Off"), step("Hydrant Repair", 0.35)], { duplicateRate: 0.25 }),
  rt(
    "Building Violation",
    "BBA",
    "dob",
    12,
    "flat",
    [step("Building Inspection"), step("Building Re-Inspection", 0.6), step("Building Re-Inspection", 0.45)],
    { duplicateRate: 0.08, recurrenceRate: 0.03 },
  ),
  rt(
    "Vacant/Abandoned Building Complaint",
    "BBK",
    "dob",
    4,
    "flat",
    // DOB inspects, Streets and Sanitation boards it up, DOB checks it is secured.
    [step("Vacant Building Inspection"), step("Board Up Vacant Building", 0.5), step("Building Re-Inspection", 0.4)],
    { duplicateRate: 0.08 },
  ),
  rt("No Building Permit and Construction Violation", "BBD", "dob", 3, "warm", [step("Permit Inspection"), step("Building Re-Inspection", 0.5)]),
  rt("Buildings - Plumbing Violation", "BBC", "dob", 3, "flat", [step("Plumbing Inspection"), step("Building Re-Inspection", 0.45)]),
  rt("Stray Animal Complaint", "EAE", "cacc", 5, "summer", [step("Stray Animal Pick-Up")], { duplicateRate: 0.1 }),
  rt("Report an Injured Animal", "EAQ", "cacc", 3, "summer", [step("Injured Animal Response")], { duplicateRate: 0.1 }),
  rt("Vicious Animal Complaint", "EAF", "cacc", 3, "flat", [step("Vicious Animal Investigation"), step("Bite Quarantine Check", 0.4)]),
  rt("Coyote Interaction Complaint", "CIAC", "cacc", 1, "winter", [step("Coyote Interaction Follow-Up")]),
  rt("Pet Wellness Check Request", "PET", "cacc", 3, "summer", [step("Pet Wellness Check"), step("Pet Wellness Re-Check", 0.35)]),
  rt(
    "Nuisance Animal Complaint",
    "EAB",
    "cacc",
    2,
    "summer",
    [step("Nuisance Animal Investigation"), step("Set Animal Trap", 0.6), step("Trap Pick-Up", 0.9)],
  ),
  // Health cites, re-inspects, and refers repeat offenders to BACP's license review.
  rt(
    "Restaurant Complaint",
    "HFB",
    "health",
    4,
    "flat",
    [step("Food Establishment Inspection"), step("Food Establishment Re-Inspection", 0.5), step("License Review", 0.15)],
  ),
  rt("Business Complaints", "RBL", "bacp", 3, "flat", [step("Business Investigation"), step("License Review", 0.3)]),
  rt("Shared Housing/Vacation Rental Complaint", "SHVR", "bacp", 1, "summer", [step("Shared Housing Investigation"), step("License Review", 0.3)]),
  rt("Bungalow/Vintage Home Information Request", "BUNGALOW", "housing", 1, "flat", [step("Mail Information Packet")], {
    duplicateRate: 0,
    recurrenceRate: 0,
  }),
  rt("City Vehicle Sticker Violation", "QAC", "clerk", 1, "flat", [step("Sticker Enforcement Review")]),
];

export const WORK_ORDER_TYPE_BY_NAME = new Map(WORK_ORDER_TYPES.map((t) => [t.name, t]));

/** Intake channels as the portal spells them (ORIGIN), with their usual shares. */
export const ORIGINS: [string, number][] = [
  ["Phone Call", 52],
  ["Internet", 20],
  ["Mobile Device", 21],
  ["Mass Entry", 2],
  ["Alderman's Office", 2.5],
  ["Salesforce Mobile App", 1],
  ["spot-open311-SeeClickFix", 0.7],
  ["City Department", 0.8],
];
export const IN_HOUSE_ORIGIN = "Generated In House";

/** Calls come in office hours, app and web reports reach into the evening; crews report in their shifts. */
export const HOUR_WEIGHTS_PUBLIC = [
  0.6, 0.4, 0.3, 0.25, 0.3, 0.6, 1.6, 3.2, 5.2, 6.5, 6.8, 6.6, 6.2, 6.3, 6.2, 5.8, 5.1, 4.3, 3.6, 3.1, 2.7, 2.2, 1.6, 1.0,
];
export const HOUR_WEIGHTS_CREW = [0, 0, 0, 0, 0, 0, 1, 4, 6, 6, 6, 5, 3, 5, 6, 5, 3, 1, 0, 0, 0, 0, 0, 0];
/** Sunday first, as JavaScript's getUTCDay. */
export const WEEKDAY_WEIGHTS = [0.55, 1.15, 1.1, 1.05, 1.05, 1.0, 0.65];

/** Sanity checks the tests also run: every chain names a known work-order type, every outcome is declared. */
export function catalogProblems(): string[] {
  const problems: string[] = [];
  for (const t of REQUEST_TYPES) {
    for (const s of t.chain) {
      if (!WORK_ORDER_TYPE_BY_NAME.has(s.workOrderType)) problems.push(`${t.name}: unknown work-order type ${s.workOrderType}`);
    }
  }
  for (const w of WORK_ORDER_TYPES) {
    const known = DEPARTMENT_SPECS[w.department].outcomes;
    for (const [text] of [...w.done, ...w.notDone]) {
      if (!known[text]) problems.push(`${w.name}: outcome "${text}" not declared for ${DEPARTMENTS[w.department]}`);
    }
  }
  for (const d of Object.values(DEPARTMENT_SPECS)) {
    for (const [text] of d.hiding) {
      if (text !== CANCEL && !d.outcomes[text]) problems.push(`${d.name}: hiding outcome "${text}" not declared`);
    }
  }
  return problems;
}
