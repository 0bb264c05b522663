import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import { ALL_DEPARTMENTS } from "~/auth/scope";
import { addDays, type Period } from "~/metrics/periods";
import { runMeasured } from "./child";
import { generateCityCsv } from "./city";
import { openDuckCopy } from "./duckdb";
import { NAIVE_SCORECARD_QUERIES, type NaiveQuery } from "./naive-queries";
import { isMissing, loadOptional } from "./optional";
import { createBenchDb, withDb } from "./pg";
import { figure, fmt, note, notAvailable, p50, section, timed } from "./report";


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

const paramsOf = (q: NaiveQuery, [from, to]: string[]) => (q.params === "period" ? [from, to] : [to]);

export async function benchMetrics({ scale, runs }: { scale: number; runs: number }): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  const timeZone = process.env.CITY_TIME_ZONE ?? "America/Chicago";
  section(`metrics · demo city at scale ${fmt.int(scale)} requests on PostgreSQL · p50 of ${runs} warm runs`);
  const bench = await createBenchDb("metrics");
  try {
    const seeded = await runMeasured("npm", ["run", "-s", "seed", "--", "--scale", String(scale)], {
      ...process.env,
      DATABASE_URL: bench.url,
    });
    if (seeded.code !== 0) {
      notAvailable(`seeding the demo city (npm run seed exited ${seeded.code}: ${(seeded.stderr || seeded.stdout).trim().slice(-300)})`);
      return { failures };
    }
    for (const line of seeded.stdout.trim().split("\n")) note(line);
    note(`(seed wall time ${fmt.ms(seeded.ms)})`);
    await withDb(bench.url, (handle) => runMetricsBench(handle.db, bench.url, timeZone, scale, runs, failures));
  } finally {
    await bench.drop();
  }
  return { failures };
}

async function runMetricsBench(db: Db, url: string, timeZone: string, scale: number, runs: number, failures: string[]) {
  const [{ requests }] = await queryRows<{ requests: number }>(db, sql`select count(*)::int as requests from service_requests`);
  if (requests === 0) {
    failures.push("npm run seed reported success but left no service requests in DATABASE_URL");
    return;
  }
  const { period, instants } = await latestTwelveMonths(db, timeZone);
  note(`period ${period.from} → ${period.to} (12 months, ${timeZone})`);

  const refresh = await loadOptional<(db: Db, touched?: { from: string; to: string } | null) => Promise<unknown>>(
    "app/scorecards/refresh.server.ts",
    "refreshAggregates",
  );
  if (isMissing(refresh)) notAvailable(refresh.missing);
  else figure("full aggregate refresh", fmt.ms((await timed(() => refresh(db, null))).ms));

  // (1) our scorecard from the pre-aggregates
  let oursMs: number | null = null;
  let ours: { citywide: Record<string, unknown> } | null = null;
  const citywide = await loadOptional<(db: Db, args: { scope: typeof ALL_DEPARTMENTS; period: Period }) => Promise<unknown>>(
    "app/scorecards/queries.server.ts",
    "getCitywideScorecard",
  );
  if (isMissing(citywide)) notAvailable(citywide.missing);
  else {
    oursMs = await p50(runs, async () => JSON.stringify(await citywide(db, { scope: ALL_DEPARTMENTS, period })));
    figure("citywide 12-month scorecard JSON (ours)", fmt.ms(oursMs));
    ours = (await citywide(db, { scope: ALL_DEPARTMENTS, period })) as { citywide: Record<string, unknown> };
  }

  // (2) the naive BI queries over the raw tables, on PostgreSQL
  const client = postgres(url, { max: 1, onnotice: () => {} });
  let naiveMs: number;
  try {
    const runAll = async () => {
      for (const q of Object.values(NAIVE_SCORECARD_QUERIES)) await client.unsafe(q.text, paramsOf(q, instants));
    };
    naiveMs = await p50(Math.min(runs, 5), runAll);
    if (ours) crossCheck(ours.citywide, await naiveTotals((q) => client.unsafe(q.text, paramsOf(q, instants))));
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
        for (const q of Object.values(NAIVE_SCORECARD_QUERIES)) await duck.query(q.text, paramsOf(q, instants));
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
  await benchDuplicates(db, scale, failures);
}

/** The citywide counts of the naive queries (their rollup rows), keyed by our metric names. */
async function naiveTotals(run: (q: NaiveQuery) => Promise<readonly Record<string, unknown>[]>) {
  const total = async (name: string) => {
    const rows = await run(NAIVE_SCORECARD_QUERIES[name]);
    return rows.find((r) => r.is_total === true) ?? {};
  };
  const [wo, sr, backlog] = [await total("work-order stats"), await total("request stats"), await total("backlog")];
  return {
    woCompleted: wo.wo_completed,
    requestsCreated: sr.requests_created,
    requestsClosed: sr.requests_closed,
    openWoAtEnd: backlog.open_wo_at_end,
  };
}

/**
 * Counts have one right answer, so ours and the naive SQL must agree on them exactly; a
 * difference means one of the two misreads DESIGN §4. Printed, not failed: the bench
 * measures, the tests judge.
 */
function crossCheck(citywide: Record<string, unknown>, naive: Record<string, unknown>) {
  const differ = Object.entries(naive).filter(([key, value]) => Number(citywide[key]) !== Number(value));
  if (differ.length === 0) note(`cross-check: citywide ${Object.keys(naive).join(", ")} equal the naive SQL's`);
  else
    for (const [key, value] of differ) note(`cross-check MISMATCH: citywide ${key} is ${String(citywide[key])}, naive SQL says ${String(value)}`);
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
    (db: Db, args: { scope: typeof ALL_DEPARTMENTS; departmentId: number; grain: "week"; periods: number; end: string }) => Promise<unknown>
  >("app/scorecards/queries.server.ts", "getDepartmentTrend");
  if (isMissing(trend)) notAvailable(trend.missing);
  else {
    const ms = await p50(runs, async () =>
      JSON.stringify(
        await trend(db, { scope: ALL_DEPARTMENTS, departmentId: department.id, grain: "week", periods: 52, end: addDays(period.to, -1) }),
      ),
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
  const day = addDays(period.to, -1);
  const { ms } = await timed(() => refresh(db, { from: day, to: day }));
  figure(`one-day delta refresh (${day})`, fmt.ms(ms));
}

interface KnownRelation {
  srNumber: string;
  relatedSrNumber: string;
  relation: "flagged_duplicate" | "hidden_duplicate" | "recurrence";
}
interface DetectorScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number | null;
  recall: number | null;
}
type EvaluateDetector = (input: {
  detected: Iterable<{ srNumber: string; duplicateOf: string }>;
  truth: Iterable<KnownRelation>;
  flagged: ReadonlySet<string>;
}) => { all: DetectorScore; hidden: DetectorScore; recurrences: number; recurrencesLinkedToOriginal: number };

/** The generator's planted truth for the same (deterministic) city: `npm run seed -- --out` writes it beside the CSVs. */
async function plantedTruth(scale: number): Promise<KnownRelation[] | { unavailable: string }> {
  const city = await generateCityCsv(scale);
  if ("unavailable" in city) return city;
  try {
    const file = path.join(city.dir, "duplicates-truth.csv");
    if (!existsSync(file)) return { unavailable: `planted duplicate truth (${path.basename(file)} not written by npm run seed -- --out)` };
    const rows = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    return rows.map((r) => ({
      srNumber: r.SR_NUMBER,
      relatedSrNumber: r.RELATED_SR_NUMBER,
      relation: r.RELATION as KnownRelation["relation"],
    }));
  } finally {
    city.remove();
  }
}

async function benchDuplicates(db: Db, scale: number, failures: string[]) {
  const detect = await loadOptional<(db: Db, options: { from: string; to: string }) => Promise<{ scanned: number; detected: number }>>(
    "app/duplicates/refresh.server.ts",
    "refreshSuspectedDuplicates",
  );
  if (isMissing(detect)) return notAvailable(detect.missing);
  // The whole generated span, so that every planted pair is in what the detector reads.
  const timeZone = process.env.CITY_TIME_ZONE ?? "America/Chicago";
  const [span] = await queryRows<{ from: string; to: string }>(
    db,
    sql`select to_char(min(created_at at time zone ${timeZone}), 'YYYY-MM-DD') as "from",
               to_char(max(created_at at time zone ${timeZone}) + interval '1 day', 'YYYY-MM-DD') as "to"
          from service_requests`,
  );
  const { ms, value } = await timed(() => detect(db, span));
  figure(`duplicate detector ${span.from} → ${span.to}`, `${fmt.ms(ms)} · ${fmt.rate(value.scanned, ms)}`);
  note(`    scanned ${fmt.int(value.scanned)} requests, linked ${fmt.int(value.detected)}`);

  const evaluate = await loadOptional<EvaluateDetector>("app/duplicates/evaluate.ts", "evaluateDetector");
  if (isMissing(evaluate)) return notAvailable(evaluate.missing);
  const truth = await plantedTruth(scale);
  if ("unavailable" in truth) return notAvailable(truth.unavailable);
  const detected = await queryRows<{ srNumber: string; duplicateOf: string }>(
    db,
    sql`select sr_number as "srNumber", duplicate_of as "duplicateOf" from suspected_duplicates`,
  );
  const flagged = await queryRows<{ sr: string }>(db, sql`select sr_number as sr from service_requests where duplicate`);
  const result = evaluate({ detected, truth, flagged: new Set(flagged.map((r) => r.sr)) });
  const show = (label: string, s: DetectorScore) =>
    figure(
      label,
      `P ${s.precision === null ? "n/a" : fmt.pct(s.precision)} · R ${s.recall === null ? "n/a" : fmt.pct(s.recall)}`,
      { ratio: `TP ${s.truePositives} FP ${s.falsePositives} FN ${s.falseNegatives}` },
    );
  show("  all planted duplicates (flagged + hidden)", result.all);
  show("  hidden duplicates (unflagged requests)", result.hidden);
  figure("  recurrences wrongly linked to their original", `${result.recurrencesLinkedToOriginal} of ${result.recurrences}`);
  if (result.all.truePositives + result.all.falseNegatives === 0) failures.push("the planted truth has no duplicates to find");
}
