import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runMeasured } from "./child";

export interface CityFiles {
  dir: string;
  requestsCsv: string;
  workOrdersCsv: string;
  /** What the generator printed (its row counts and planted truth, where it says them). */
  log: string;
  ms: number;
  remove(): void;
}

/**
 * A Chicago-style year of the deterministic demo city as the two CSV exports
 * (`npm run seed -- --out DIR --scale N`). Returns null, with the reason, while the
 * generator cannot write files.
 */
export async function generateCityCsv(scale: number): Promise<CityFiles | { unavailable: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "compstat-bench-city-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const run = await runMeasured("npm", ["run", "-s", "seed", "--", "--out", dir, "--scale", String(scale)], process.env);
  const csvs = existsSync(dir) ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith(".csv")) : [];
  const requests = csvs.find((f) => /request/i.test(f));
  const workOrders = csvs.find((f) => /work/i.test(f));
  if (run.code !== 0 || !requests || !workOrders) {
    remove();
    const why = (run.stderr || run.stdout).trim().split("\n").slice(-3).join(" | ");
    return {
      unavailable: `demo-city CSV generator (npm run seed -- --out DIR --scale N${run.code === 0 ? " wrote no requests/work-order CSV" : ` exited ${run.code}`}${why ? `: ${why}` : ""})`,
    };
  }
  return {
    dir,
    requestsCsv: path.join(dir, requests),
    workOrdersCsv: path.join(dir, workOrders),
    log: run.stdout,
    ms: run.ms,
    remove,
  };
}
