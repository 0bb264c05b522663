import { createHash } from "node:crypto";
import { CANCEL, DEPARTMENT_SPECS, REQUEST_TYPES, catalogProblems } from "./catalog";
import { asOfInstant, demoPeriod, generateDemoCity, plantedDuplicateTruth, slaInForce, type DemoRecord } from "./city";
import { CityClock, DAY_MS } from "./clock";
import { outcomeMapRows, requestLine, workOrderLine } from "./csv";
import { distanceMeters } from "./geography";

const clock = new CityClock("America/Chicago");
const city = (scale: number, seed = "test-city") => [...generateDemoCity({ scale, seed })];
const records = city(12_000);
const byNumber = new Map(records.map((r) => [r.request.srNumber, r]));
const asOf = asOfInstant();

function digest(list: DemoRecord[]) {
  const hash = createHash("sha256");
  for (const r of list) {
    hash.update(requestLine(r.request, clock));
    for (const w of r.workOrders) hash.update(workOrderLine(w, clock));
  }
  return hash.digest("hex");
}

const localMonth = (ms: number) => new Date(clock.wallClock(ms)).getUTCMonth();
const ofType = (name: string) => records.filter((r) => r.request.type.name === name);
const perMonth = (list: DemoRecord[], months: number[]) => list.filter((r) => months.includes(localMonth(r.request.createdMs))).length;

describe("catalog", () => {
  test("every chain step and outcome is declared", () => {
    expect(catalogProblems()).toEqual([]);
  });

  test("keeps Chicago's own spellings", () => {
    const names = REQUEST_TYPES.map((t) => t.name);
    expect(names).toContain("Snow \u2013 Uncleared Sidewalk Complaint");
    expect(names).toContain("Sewer Cave-In Inspection Request");
    expect(new Set(REQUEST_TYPES.map((t) => t.department)).size).toBeGreaterThanOrEqual(11);
    expect(REQUEST_TYPES.length).toBeGreaterThanOrEqual(40);
  });
});

test.each([
  [{}, { from: "2025-12-01", to: "2026-12-01" }],
  [{ endDate: "2026-03-31", days: 31 }, { from: "2026-03-01", to: "2026-04-01" }],
])("the city's period for %o is %o", (options, period) => {
  expect(demoPeriod(options)).toEqual(period);
});

describe("determinism", () => {
  test("same seed, same bytes; another seed, another city", () => {
    const a = city(1500, "seed-a");
    expect(digest(city(1500, "seed-a"))).toBe(digest(a));
    expect(digest(city(1500, "seed-b"))).not.toBe(digest(a));
  });
});

describe("shape of the year", () => {
  test("scale is the yearly request count, within noise", () => {
    expect(records.length).toBeGreaterThan(12_000 * 0.95);
    expect(records.length).toBeLessThan(12_000 * 1.05);
  });

  test("every request falls in the year before the end date, in creation order", () => {
    const first = asOf - 366 * DAY_MS;
    const misplaced = records.filter(
      (r, i) =>
        r.request.createdMs < first ||
        r.request.createdMs >= asOf ||
        (i > 0 && r.request.createdMs < records[i - 1].request.createdMs),
    );
    expect(misplaced.map((r) => r.request.srNumber)).toEqual([]);
    expect(clock.localDateOf(records[0].request.createdMs)).toBe("2025-12-01");
    expect(clock.localDateOf(records[records.length - 1].request.createdMs)).toBe("2026-11-30");
  });

  test("seasons: snow in winter, potholes in spring, rats in summer", () => {
    const snow = ofType("Ice and Snow Removal Request");
    expect(perMonth(snow, [11, 0, 1])).toBeGreaterThan(10 * Math.max(1, perMonth(snow, [5, 6, 7])));
    const potholes = ofType("Pothole in Street Complaint");
    expect(perMonth(potholes, [2, 3])).toBeGreaterThan(2 * perMonth(potholes, [7, 8]));
    const rats = ofType("Rodent Baiting/Rat Complaint");
    expect(perMonth(rats, [6, 7])).toBeGreaterThan(3 * perMonth(rats, [0, 1]));
  });

  test("weekdays and office hours are busier", () => {
    const local = records.map((r) => new Date(clock.wallClock(r.request.createdMs)));
    const on = (day: number) => local.filter((d) => d.getUTCDay() === day).length;
    const at = (hour: number) => local.filter((d) => d.getUTCHours() === hour).length;
    expect(on(2)).toBeGreaterThan(1.5 * on(0));
    expect(at(10)).toBeGreaterThan(5 * at(3));
  });

  test("origins are the portal's channels", () => {
    const origins = new Set(records.map((r) => r.request.origin));
    for (const o of ["Phone Call", "Internet", "Mobile Device", "Generated In House"]) expect(origins).toContain(o);
  });

  test("locations stay inside Chicago", () => {
    const outside = records.filter(({ request: { location: l } }) => {
      const inside = l.latitude > 41.64 && l.latitude < 42.03 && l.longitude > -87.95 && l.longitude < -87.52;
      return !inside || l.ward < 1 || l.ward > 50 || l.communityArea < 1 || l.communityArea > 77;
    });
    expect(outside.map((r) => r.request.location)).toEqual([]);
  });
});

describe("statuses and backlog", () => {
  test("a realistic mix, with recent requests open and some old ones stuck", () => {
    const open = records.filter((r) => r.request.status === "Open");
    const share = open.length / records.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.15);
    expect(records.some((r) => r.request.status === "Canceled")).toBe(true);
    const stuck = open.filter((r) => asOf - r.request.createdMs > 90 * DAY_MS);
    expect(stuck.length).toBeGreaterThan(0);
    const recent = records.filter((r) => asOf - r.request.createdMs < 3 * DAY_MS && r.workOrders.length > 0);
    expect(recent.filter((r) => r.request.status === "Open").length / recent.length).toBeGreaterThan(0.3);
  });

  test("nothing happens after the as-of instant, and closed requests close with their last work order", () => {
    const problems: string[] = [];
    for (const { request, workOrders } of records) {
      const sr = request.srNumber;
      if (request.lastModifiedMs >= asOf) problems.push(`${sr} modified after as-of`);
      if (request.closedMs !== null && request.closedMs >= asOf) problems.push(`${sr} closed after as-of`);
      if ((request.status === "Open") !== (request.closedMs === null)) problems.push(`${sr} status ${request.status} vs closed date`);
      for (const w of workOrders) {
        if (w.createdMs < request.createdMs) problems.push(`${w.woNumber} created before its request`);
        if (w.completedMs !== null && (w.completedMs >= asOf || w.completedMs <= w.createdMs)) problems.push(`${w.woNumber} completion`);
        if ((w.status === "Open") !== (w.completedMs === null)) problems.push(`${w.woNumber} status vs completed date`);
      }
      if (workOrders.length && request.status !== "Open" && request.closedMs !== workOrders[workOrders.length - 1].completedMs) {
        problems.push(`${sr} closed at another time than its last work order`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("work is closed during day shifts, except by emergency crews", () => {
    const closed = records.flatMap((r) => r.workOrders).filter((w) => w.completedMs !== null);
    const hour = (ms: number) => new Date(clock.wallClock(ms)).getUTCHours();
    const offShift = (list: typeof closed) => list.filter((w) => hour(w.completedMs!) < 7 || hour(w.completedMs!) >= 18).length;
    const shifts = closed.filter((w) => !w.type.allHours);
    const emergency = closed.filter((w) => w.type.allHours);
    expect(offShift(shifts) / shifts.length).toBeLessThan(0.01);
    expect(offShift(emergency) / emergency.length).toBeGreaterThan(0.2);
  });

  test("canceled work orders come with and without an outcome", () => {
    const canceled = records.flatMap((r) => r.workOrders).filter((w) => w.status === "Canceled");
    expect(canceled.some((w) => w.outcome === null)).toBe(true);
    expect(canceled.some((w) => w.outcome !== null)).toBe(true);
  });

  test("some work-order types are routinely late against their SLA", () => {
    const potholes = records
      .flatMap((r) => r.workOrders)
      .filter((w) => w.type.name === "Pothole Repair" && w.status === "Completed");
    const late = potholes.filter((w) => {
      const sla = slaInForce(w.type.sla, clock.localDateOf(w.createdMs))!;
      return (w.completedMs! - w.createdMs) / DAY_MS > sla.days;
    });
    expect(late.length / potholes.length).toBeGreaterThan(0.35);
  });
});

describe("work-order chains", () => {
  test("a sewer cave-in that was inspected and finished went through the audit's three work orders", () => {
    const finished = ofType("Sewer Cave-In Inspection Request").filter(
      (r) =>
        r.request.status === "Completed" &&
        r.truth?.relation !== "hidden_duplicate" &&
        r.workOrders[0]?.outcome === "Inspection Completed" &&
        r.workOrders.every((w) => w.status === "Completed"),
    );
    expect(finished.length).toBeGreaterThan(5);
    for (const r of finished) {
      expect(r.workOrders.map((w) => [w.sequence, w.type.name])).toEqual([
        [1, "Sewer Cave-In Inspection Request"],
        [2, "Refer to Underground/FESS - Sewer"],
        [3, "Clean Main Sewer (DWM Use Only)"],
      ]);
    }
  });

  test("some chains cross departments", () => {
    const crossing = records.filter((r) => new Set(r.workOrders.map((w) => w.department)).size > 1);
    expect(crossing.length).toBeGreaterThan(0);
    expect(new Set(crossing.map((r) => r.request.type.name)).size).toBeGreaterThanOrEqual(2);
  });

  test("each step starts after the previous one closed", () => {
    for (const { workOrders } of records) {
      for (let i = 1; i < workOrders.length; i++) {
        expect(workOrders[i].sequence).toBe(i + 1);
        expect(workOrders[i].createdMs).toBeGreaterThan(workOrders[i - 1].completedMs!);
      }
    }
  });
});

describe("SLAs", () => {
  const workOrders = records.flatMap((r) => r.workOrders);

  test("some rows carry SLA_DAYS, others leave it to the targets; both kinds appear", () => {
    expect(workOrders.some((w) => w.slaDays === null)).toBe(true);
    expect(new Set(workOrders.map((w) => w.slaKind))).toEqual(new Set(["estimated", "median", null]));
  });

  test("a row's SLA is the target in force when the work order was created, across a mid-year change", () => {
    const potholes = workOrders.filter((w) => w.type.name === "Pothole Repair");
    const before = potholes.filter((w) => clock.localDateOf(w.createdMs) < "2026-03-01");
    const after = potholes.filter((w) => clock.localDateOf(w.createdMs) >= "2026-03-01");
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    for (const w of before) expect([w.slaDays, w.slaKind]).toEqual([7, "estimated"]);
    for (const w of after) expect([w.slaDays, w.slaKind]).toEqual([12, "median"]);
  });

  test.each([
    ["2025-12-31", 20, "estimated"],
    ["2026-04-30", 20, "estimated"],
    ["2026-05-01", 7, "median"],
    ["2026-11-30", 7, "median"],
  ])("sewer cave-in inspection target on %s is %d days (%s)", (date, days, kind) => {
    const type = records.flatMap((r) => r.workOrders).find((w) => w.type.name === "Sewer Cave-In Inspection Request")!.type;
    expect(slaInForce(type.sla, date)).toMatchObject({ days, kind });
  });
});

describe("outcomes", () => {
  test("some raw outcomes in use have no mapping yet; the hiding ones are mapped", () => {
    const mapped = new Set(outcomeMapRows().map(([department, outcome]) => `${department}|${outcome.toLowerCase()}`));
    const isMapped = (department: string, outcome: string) =>
      mapped.has(`${department}|${outcome.toLowerCase()}`) || mapped.has(`|${outcome.toLowerCase()}`);
    const used = records.flatMap((r) => r.workOrders).filter((w) => w.outcome !== null);
    const unmapped = new Set(used.filter((w) => !isMapped(w.department, w.outcome!)).map((w) => w.outcome));
    expect(unmapped.size).toBeGreaterThanOrEqual(3);
    for (const o of ["Already Completed", "Problem Already Addressed", "No Cause"]) {
      expect(used.some((w) => w.outcome === o && isMapped(w.department, o))).toBe(true);
    }
  });
});

describe("planted duplicates and recurrences", () => {
  const truth = records.flatMap((r) => (r.truth ? [r.truth] : []));

  test("the truth is the same whether collected or recomputed", () => {
    expect(plantedDuplicateTruth({ scale: 12_000, seed: "test-city" })).toEqual(truth);
  });

  test("flagged duplicates point at their parent", () => {
    const flagged = records.filter((r) => r.request.duplicate);
    expect(flagged.length / records.length).toBeGreaterThan(0.015);
    for (const r of flagged) {
      expect(r.truth).toMatchObject({ relation: "flagged_duplicate", relatedSrNumber: r.request.parentSrNumber });
      expect(byNumber.get(r.request.parentSrNumber!)).toBeDefined();
    }
  });

  test("every hidden duplicate is unflagged, same type, near, created while its original was open, and closed as something else", () => {
    const hidden = truth.filter((t) => t.relation === "hidden_duplicate");
    expect(hidden.length).toBeGreaterThan(100);
    const hidingOutcomes = new Set<string | null>();
    for (const t of hidden) {
      const dup = byNumber.get(t.srNumber)!;
      const original = byNumber.get(t.relatedSrNumber)!;
      expect(dup.request.duplicate).toBe(false);
      expect(dup.request.parentSrNumber).toBeNull();
      expect(dup.request.type.name).toBe(original.request.type.name);
      expect(distanceMeters(dup.request.location, original.request.location)).toBeLessThanOrEqual(30);
      expect(original.request.createdMs).toBeLessThan(dup.request.createdMs);
      expect(original.request.closedMs === null || original.request.closedMs > dup.request.createdMs).toBe(true);
      const [wo] = dup.workOrders;
      if (wo && wo.status !== "Open") {
        const allowed = DEPARTMENT_SPECS[dup.request.type.department].hiding.map(([o]) => (o === CANCEL ? null : o));
        expect(allowed).toContain(wo.status === "Canceled" ? null : wo.outcome);
        hidingOutcomes.add(wo.status === "Canceled" ? "cancel" : wo.outcome);
      }
    }
    for (const o of ["Already Completed", "Problem Already Addressed", "No Cause", "cancel"]) expect(hidingOutcomes).toContain(o);
    expect(hidden.some((t) => t.distanceMeters > 0)).toBe(true);
    expect(hidden.some((t) => t.distanceMeters === 0)).toBe(true);
  });

  test("recurrences repeat an address months after the earlier request closed", () => {
    const recurrences = truth.filter((t) => t.relation === "recurrence");
    expect(recurrences.length).toBeGreaterThan(10);
    for (const t of recurrences) {
      const later = byNumber.get(t.srNumber)!.request;
      const earlier = byNumber.get(t.relatedSrNumber)!.request;
      expect(later.location.streetAddress).toBe(earlier.location.streetAddress);
      expect(later.type.name).toBe(earlier.type.name);
      expect(later.duplicate).toBe(false);
      expect(t.gapDays).toBeGreaterThanOrEqual(90);
      expect(earlier.closedMs).not.toBeNull();
      expect(later.createdMs - earlier.closedMs!).toBeGreaterThanOrEqual(60 * DAY_MS);
    }
  });
});

describe("CSV in the portal shape", () => {
  test("US dates with AM/PM, local time that reads back as the same instant", () => {
    const line = requestLine(records[0].request, clock);
    expect(line).toMatch(/,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} [AP]M,/);
    // 2026-11-01 01:30 local happens twice; only the standard-time pass (07:30 UTC) reads back.
    const firstPass = Date.UTC(2026, 10, 1, 6, 30);
    expect(clock.representable(firstPass)).toBe(Date.UTC(2026, 10, 1, 7, 30));
    expect(clock.portal(Date.UTC(2026, 10, 1, 7, 30))).toBe("11/01/2026 01:30:00 AM");
  });
});
