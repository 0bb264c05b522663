/**
 * The trend charts end to end on a real database: rows in → aggregates → chart specs → the
 * CSV a user downloads. Medians of empty weeks must stay empty (not 0), counts zero-filled,
 * the SLA target drawn, and a department outside the viewer's scope must give nothing.
 */
import { departments, requestTypes, serviceRequests, slaTargets, workOrders, workOrderTypes } from "#db/schema";
import type { DbHandle } from "#db/client.server";
import { trendCsv } from "~/charts/csv";
import { refreshAggregates } from "~/scorecards/refresh.server";
import { getDepartmentTrendSpecs, TREND_LENGTH } from "~/trends/department-charts.server";
import { createTestDb } from "../setup/db";

let handle: DbHandle;
let deptId: number;

// Noon in Chicago (UTC−6 in November), so no completion straddles a local midnight.
const at = (day: string, hours = 0) => new Date(Date.parse(`${day}T18:00:00Z`) + hours * 3_600_000);

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  const [dept] = await db.insert(departments).values({ name: "Streets" }).returning();
  deptId = dept.id;
  const [rt] = await db.insert(requestTypes).values({ name: "Pothole in Street", departmentId: dept.id }).returning();
  const [wt] = await db.insert(workOrderTypes).values({ name: "Pothole Repair", departmentId: dept.id }).returning();
  await db.insert(slaTargets).values({ level: "work_order", workOrderTypeId: wt.id, kind: "estimated", days: 7, effectiveFrom: "2020-01-01" });
  // Two weeks with work: Mon 2026-11-09 (durations 1 d and 3 d: median 2) and Mon 2026-11-23 (10 d, past its SLA).
  const jobs = [
    { sr: "SR1", created: "2026-11-09", hours: 24 },
    { sr: "SR2", created: "2026-11-10", hours: 72 },
    { sr: "SR3", created: "2026-11-13", hours: 240 },
  ];
  for (const [i, job] of jobs.entries()) {
    await db.insert(serviceRequests).values({
      srNumber: job.sr,
      requestTypeId: rt.id,
      departmentId: dept.id,
      status: "Completed",
      createdAt: at(job.created),
      closedAt: at(job.created, job.hours),
    });
    await db.insert(workOrders).values({
      woNumber: `WO${i + 1}`,
      srNumber: job.sr,
      workOrderTypeId: wt.id,
      departmentId: dept.id,
      status: "Completed",
      createdAt: at(job.created),
      completedAt: at(job.created, job.hours),
      outcome: "Pothole Patched",
    });
  }
  await refreshAggregates(db);
});

afterAll(async () => {
  await handle.close();
});

test("weekly specs: one bucket per week, empty weeks null for medians and 0 for counts, the SLA line drawn", async () => {
  const result = await getDepartmentTrendSpecs(handle.db, { scope: { kind: "all" }, departmentId: deptId, grain: "week", end: "2026-11-29" });
  expect(result).not.toBeNull();
  const median = result!.specs["median-days"];
  expect(median.periods).toHaveLength(TREND_LENGTH.week);
  expect(median.periods.at(-1)).toEqual({ start: "2026-11-23", end: "2026-11-30" });
  const byStart = new Map(median.periods.map((p, i) => [p.start, i]));
  const nov9 = byStart.get("2026-11-09")!;
  const nov16 = byStart.get("2026-11-16")!;
  const nov23 = byStart.get("2026-11-23")!;
  expect(median.series[0].values[nov9]).toBeCloseTo(2, 2);
  expect(median.series[0].values[nov16]).toBeNull();
  expect(median.series[0].values[nov23]).toBeCloseTo(10, 2);
  expect(median.target).toEqual({ value: 7, label: "SLA target 7 days" });

  const volume = result!.specs.volume;
  expect(volume.series[0].values[nov16]).toBe(0);
  expect(volume.series[0].values[nov9]).toBe(2);
  expect(result!.specs["sla-met"].series[0].values[nov23]).toBe(0);

  const csv = trendCsv(median).split("\r\n");
  expect(csv[0]).toBe("period_start,period_end,wo_median_days,center_line,lower_limit,upper_limit,target,signal");
  expect(csv[nov16 + 1]).toMatch(/^2026-11-16,2026-11-23,,/);
});

test("monthly specs end with the month that holds the end day", async () => {
  const result = await getDepartmentTrendSpecs(handle.db, { scope: { kind: "all" }, departmentId: deptId, grain: "month", end: "2026-11-30" });
  const volume = result!.specs.volume;
  expect(volume.periods).toHaveLength(TREND_LENGTH.month);
  expect(volume.periods.at(-1)).toEqual({ start: "2026-11-01", end: "2026-12-01" });
  expect(volume.series[0].values.at(-1)).toBe(3);
  expect(volume.series[1].values.at(-1)).toBe(3);
});

test("a department outside the viewer's scope gives no charts", async () => {
  const result = await getDepartmentTrendSpecs(handle.db, {
    scope: { kind: "departments", departmentIds: [deptId + 1] },
    departmentId: deptId,
    grain: "week",
    end: "2026-11-29",
  });
  expect(result).toBeNull();
});
