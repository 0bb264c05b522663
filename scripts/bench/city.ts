import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeDemoCity, type DemoCounts, type DemoFiles } from "~/demo/write.server";

export interface CityFiles {
  files: DemoFiles;
  counts: DemoCounts;
  ms: number;
  remove(): void;
}

/** A Chicago-style year of the deterministic demo city as the CSV exports (what `npm run seed -- --out DIR` writes). */
export async function writeCityCsv(scale: number): Promise<CityFiles> {
  const dir = mkdtempSync(path.join(tmpdir(), "compstat-bench-city-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const started = performance.now();
    const { files, counts } = await writeDemoCity(dir, { scale });
    return { files, counts, ms: performance.now() - started, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
