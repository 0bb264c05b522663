import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { generateDemoCity, resolveOptions, type DemoCityOptions } from "./city";
import { CityClock } from "./clock";
import {
  REQUEST_HEADER,
  TRUTH_HEADER,
  WORK_ORDER_HEADER,
  csvLine,
  outcomeMapCsv,
  requestLine,
  slaTargetsCsv,
  truthLine,
  workOrderLine,
} from "./csv";

export const DEMO_FILES = {
  requests: "requests.csv",
  workOrders: "work-orders.csv",
  outcomeMap: "outcome-map.csv",
  slaTargets: "sla-targets.csv",
  truth: "duplicates-truth.csv",
} as const;

export interface DemoFiles {
  dir: string;
  requests: string;
  workOrders: string;
  outcomeMap: string;
  slaTargets: string;
  truth: string;
}

export interface DemoCounts {
  requests: number;
  workOrders: number;
  truth: number;
  flaggedDuplicates: number;
  hiddenDuplicates: number;
  recurrences: number;
  openRequests: number;
}

/** Lines are gathered into ~256 KB chunks; a full stream buffer is waited out (backpressure). */
class ChunkedWriter {
  private buffer: string[] = [];
  private size = 0;
  constructor(private readonly stream: WriteStream) {}

  async push(line: string) {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 256 * 1024) await this.flush();
  }

  async flush() {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once("drain", resolve));
  }

  async close() {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(resolve);
    });
  }
}

/**
 * Writes the demo city's CSV files into `dir`, streaming: memory stays flat however many
 * requests are asked for. Returns the paths and what was written.
 */
export async function writeDemoCity(dir: string, input: Partial<DemoCityOptions> = {}): Promise<{ files: DemoFiles; counts: DemoCounts }> {
  const options = resolveOptions(input);
  mkdirSync(dir, { recursive: true });
  const files: DemoFiles = {
    dir,
    requests: path.join(dir, DEMO_FILES.requests),
    workOrders: path.join(dir, DEMO_FILES.workOrders),
    outcomeMap: path.join(dir, DEMO_FILES.outcomeMap),
    slaTargets: path.join(dir, DEMO_FILES.slaTargets),
    truth: path.join(dir, DEMO_FILES.truth),
  };
  const clock = new CityClock(options.timeZone);
  const requests = new ChunkedWriter(createWriteStream(files.requests));
  const workOrders = new ChunkedWriter(createWriteStream(files.workOrders));
  const truth = new ChunkedWriter(createWriteStream(files.truth));
  await requests.push(csvLine(REQUEST_HEADER));
  await workOrders.push(csvLine(WORK_ORDER_HEADER));
  await truth.push(csvLine(TRUTH_HEADER));

  const counts: DemoCounts = { requests: 0, workOrders: 0, truth: 0, flaggedDuplicates: 0, hiddenDuplicates: 0, recurrences: 0, openRequests: 0 };
  for (const record of generateDemoCity(options)) {
    counts.requests++;
    if (record.request.status === "Open") counts.openRequests++;
    await requests.push(requestLine(record.request, clock));
    for (const wo of record.workOrders) {
      counts.workOrders++;
      await workOrders.push(workOrderLine(wo, clock));
    }
    if (record.truth) {
      counts.truth++;
      if (record.truth.relation === "flagged_duplicate") counts.flaggedDuplicates++;
      else if (record.truth.relation === "hidden_duplicate") counts.hiddenDuplicates++;
      else counts.recurrences++;
      await truth.push(truthLine(record.truth));
    }
  }
  await Promise.all([requests.close(), workOrders.close(), truth.close()]);
  await writeFile(files.outcomeMap, outcomeMapCsv());
  await writeFile(files.slaTargets, slaTargetsCsv());
  return { files, counts };
}
