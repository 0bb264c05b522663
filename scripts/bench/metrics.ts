import { existsSync } from "node:fs";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import { ALL_DEPARTMENTS } from "~/auth/scope";
import { generateCityCsv } from "./city";
import { openDuckCopy } from "./duckdb";
import { importWithCli } from "./importer-cli";
import { NAIVE_SCORECARD_QUERIES } from "./naive-queries";
import { isMissing, loadOptional } from "./optional";
import { createBenchDb, withDb } from "./pg";
import { figure, fmt, note, notAvailable, p50, section, timed } from "./report";

interface Period {
  from: string;
  to: string;
}

/** The last 12 whole months of the data, as local dates, and the same bounds as instants for the naive SQL. */
async function latestTwelveMonths(db: Db, timeZone: string) {
  const [row] = await queryRows<{ from: string; to: string; from_at: string; to_at: string }>(
    db,
    sql`with bounds as (
          select (date_trunc('month', max(created_at at time zone ${timeZone})) + interval '1 month')::date as to_day
          from service_requests)
        select to_char(to_day - interval '12 months', 'YYYY-MM-DD') as "from", to_char(to_day, 'YYYY-MM-DD') as "to",
          to_char(((to_day - interval '12 months')::timestamp at time zone ${timeZone}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as from_at,
          to_char((to_day::timestamp at time zone ${timeZone}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as to_at
        from bounds`,
  );
  return { period: { from: row.from, to: row.to }, instants: [row.from_at, row.to_at] };
}

export async function benchMetrics({ scale, runs }: { scale: number; runs: number }): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  const timeZone = process.env.CITY_TIME_ZONE ?? "America/Chicago";
  section(`metrics · demo city at scale ${fmt.int(scale)} requests on PostgreSQL · p50 of ${runs} warm runs`);
  if (!existsSync("scripts/import.ts")) {
    notAvailable("loading the city needs our importer (scripts/import.ts)");
    return { failures };
  }
  const city = await generateCityCsv(scale);
  if ("unavailable" in city) {
    notAvailable(city.unavailable);
    return { failures };
  }
  const bench = await createBenchDb("metrics");
  try {
    const loaded = await timed(async () => {
      await importWithCli(bench.url, "requests", city.requestsCsv);
      await importWithCli(bench.url, "work-orders", city.workOrdersCsv);
    });
    note(`loaded ${city.requestsCsv} and ${city.workOrdersCsv} with npm run import in ${fmt.ms(loaded.ms)}`);
    await withDb(bench.url, (handle) => runMetricsBench(handle.db, bench.url, timeZone, runs, failures));
  } finally {
    city.remove();
    await bench.drop();
  }
  return { failures };
}

async function runMetricsBench(db: Db, url: string, timeZone: string, runs: number, failures: string[]) {
  const { period, instants } = await latestTwelveMonths(db, timeZone);
  note(`period ${period.from} → ${period.to} (12 months, ${timeZone})`);

  const refresh = await loadOptional<(db: Db, touched?: { from: string; to: string } | null) => Promise<unknown>>(
    "app/scorecards/refresh.server.ts",
    "refreshAggregates",
  );
  if (isMissing(refresh)) notAvailable(refresh.missing);
  else figure("full aggregate refresh (after the import)", fmt.ms((await timed(() => refresh(db, null))).ms));

  // (1) our scorecard from the pre-aggregates
  let oursMs: number | null = null;
  const citywide = await loadOptional<(db: Db, args: { scope: typeof ALL_DEPARTMENTS; period: Period }) => Promise<unknown>>(
    "app/scorecards/queries.server.ts",
    "getCitywideScorecard",
  );
  if (isMissing(citywide)) notAvailable(citywide.missing);
  else {
    oursMs = await p50(runs, async () => JSON.stringify(await citywide(db, { scope: ALL_DEPARTMENTS, period })));
    figure("citywide 12-month scorecard JSON (ours)", fmt.ms(oursMs));
  }

  // (2) the naive BI queries over the raw tables, on PostgreSQL
  const client = postgres(url, { max: 1, onnotice: () => {} });
  let naiveMs: number;
  try {
    const runAll = async () => {
      for (const text of Object.values(NAIVE_SCORECARD_QUERIES)) await client.unsafe(text, instants);
    };
    naiveMs = await p50(Math.min(runs, 5), runAll);
  } finally {
    await client.end();
  }
  figure("naive SQL over raw tables (PostgreSQL)", fmt.ms(naiveMs), {
    ratio: oursMs === null ? undefined : `ours ${(naiveMs / oursMs).toFixed(1)}× faster`,
  });

  // (3) the same naive queries on DuckDB's own copy
  const duck = await openDuckCopy(url);
  if ("unavailable" in duck) notAvailable(duck.unavailable);
  else {
    try {
      note(`DuckDB copy: export from PostgreSQL ${fmt.ms(duck.exportMs)}, load ${fmt.ms(duck.loadMs)}`);
      const duckMs = await p50(runs, async () => {
        for (const text of Object.values(NAIVE_SCORECARD_QUERIES)) await duck.query(text, instants);
      });
      figure("naive SQL on DuckDB (in-process copy)", fmt.ms(duckMs), {
        ratio: oursMs === null ? undefined : `ours ${(duckMs / oursMs).toFixed(1)}× faster`,
      });
    } finally {
      duck.close();
    }
  }

  await benchDepartmentPage(db, period, runs);
  await benchDeltaRefresh(db, period, refresh);
  await benchDuplicates(db, period, failures);
}

async function busiestDepartment(db: Db) {
  const [row] = await queryRows<{ id: number; name: string }>(
    db,
    sql`select d.id, d.name from departments d join work_orders w on w.department_id = d.id
        group by d.id, d.name order by count(*) desc limit 1`,
  );
  return row;
}

async function benchDepartmentPage(db: Db, period: Period, runs: number) {
  const department = await busiestDepartment(db);
  const scorecard = await loadOptional<
    (db: Db, args: { scope: typeof ALL_DEPARTMENTS; period: Period; departmentId: number }) => Promise<unknown>
  >("app/scorecards/queries.server.ts", "getDepartmentScorecard");
  if (isMissing(scorecard)) notAvailable(scorecard.missing);
  else {
    const ms = await p50(runs, async () =>
      JSON.stringify(await scorecard(db, { scope: ALL_DEPARTMENTS, period, departmentId: department.id })),
    );
    figure(`department scorecard (${department.name})`, fmt.ms(ms));
  }
  const trend = await loadOptional<
    (db: Db, args: { scope: typeof ALL_DEPARTMENTS; departmentId: number; grain: "week"; to: string; count: number }) => Promise<unknown>
  >("app/scorecards/queries.server.ts", "getDepartmentTrend");
  if (isMissing(trend)) notAvailable(trend.missing);
  else {
    const ms = await p50(runs, async () =>
      JSON.stringify(await trend(db, { scope: ALL_DEPARTMENTS, departmentId: department.id, grain: "week", to: period.to, count: 52 })),
    );
    figure(`52-week trend (${department.name})`, fmt.ms(ms));
  }
}

async function benchDeltaRefresh(
  db: Db,
  period: Period,
  refresh: ((db: Db, touched?: { from: string; to: string } | null) => Promise<unknown>) | { missing: string },
) {
  if (isMissing(refresh)) return notAvailable(`one-day delta refresh: ${refresh.missing}`);
  const [row] = await queryRows<{ day: string }>(
    db,
    sql`select to_char(${period.to}::date - 1, 'YYYY-MM-DD') as day`,
  );
  const { ms } = await timed(() => refresh(db, { from: row.day, to: row.day }));
  figure(`one-day delta refresh (${row.day})`, fmt.ms(ms));
}

async function benchDuplicates(db: Db, period: Period, failures: string[]) {
  const detect = await loadOptional<(db: Db, args: { period: Period }) => Promise<unknown>>(
    "app/duplicates/refresh.server.ts",
    "refreshSuspectedDuplicates",
  );
  if (isMissing(detect)) return notAvailable(detect.missing);
  const { ms } = await timed(() => detect(db, { period }));
  figure("duplicate detector over the year", fmt.ms(ms));
  const evaluate = await loadOptional<(db: Db) => Promise<{ precision: number; recall: number }>>(
    "app/duplicates/evaluate.server.ts",
    "evaluateDetector",
  );
  if (isMissing(evaluate)) return notAvailable(evaluate.missing);
  const { precision, recall } = await evaluate(db);
  figure("duplicate detector precision on planted truth", fmt.pct(precision));
  figure("duplicate detector recall on planted truth", fmt.pct(recall));
  if (!(precision >= 0 && precision <= 1 && recall >= 0 && recall <= 1)) failures.push("detector precision/recall out of [0, 1]");
}
