/**
 * Cuts the demo city's request and work-order files into a base (the city as it stood at the
 * start of day D) and the nightly export of D (rows created on D, and rows closed on D, in
 * their final state). Refreshing after an import of nothing new measures no real work; the
 * target of issue 3 is the refresh after the import a city actually sends every night.
 *
 * Streams both files through the importer's own CSV reader, so memory stays flat at Chicago
 * scale. Rows are written back with the generator's writer: csvCell would guard text starting
 * with "-" against spreadsheets and so turn every longitude into text the importer rejects.
 */
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { csvLine, REQUEST_HEADER, WORK_ORDER_HEADER } from "~/demo/csv";
import { csvRecords } from "~/imports/csv-records";

export interface DeltaSplit {
  /** D, the city's local date */
  day: string;
  base: { requests: string; workOrders: string };
  delta: { requests: string; workOrders: string };
  counts: {
    requests: SplitCounts;
    workOrders: SplitCounts;
  };
}

export interface SplitCounts {
  base: number;
  /** in the base as still open: closed on or after D */
  reopenedInBase: number;
  /** in the delta: created on D */
  created: number;
  /** in the delta: created before D, closed on D */
  closed: number;
  /** in neither: created after D */
  droppedAfterDay: number;
}

/** How one file's row is cut: its columns, and how a row closed on or after D looked before D. */
interface FileShape {
  header: readonly string[];
  created: string;
  closed: string;
  /** The row still open: the fields the closing set, cleared. */
  reopen(row: string[], column: (name: string) => number): void;
}

const REQUESTS: FileShape = {
  header: REQUEST_HEADER,
  created: "CREATED_DATE",
  closed: "CLOSED_DATE",
  reopen(row, column) {
    row[column("STATUS")] = "Open";
    row[column("CLOSED_DATE")] = "";
    // The importer keeps the newer of two versions by this date: the base's must precede D's.
    row[column("LAST_MODIFIED_DATE")] = row[column("CREATED_DATE")];
  },
};

const WORK_ORDERS: FileShape = {
  header: WORK_ORDER_HEADER,
  created: "CREATED_DATE",
  closed: "COMPLETED_DATE",
  reopen(row, column) {
    row[column("STATUS")] = "Open";
    row[column("COMPLETED_DATE")] = "";
    row[column("OUTCOME")] = "";
  },
};

/** `MM/DD/YYYY hh:mm:ss AM` (the generator's portal format, local wall clock) → YYYY-MM-DD; "" → null. */
function localDay(text: string): string | null {
  if (text === "") return null;
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) /.exec(text);
  if (!m) throw new Error(`not a portal date: ${JSON.stringify(text)}`);
  return `${m[3]}-${m[1]}-${m[2]}`;
}

async function* rowsOf(file: string, shape: FileShape) {
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  let header: string[] | null = null;
  for await (const batch of csvRecords(stream)) {
    for (const record of batch.records) {
      if (!header) {
        header = record;
        if (header.join(",") !== shape.header.join(",")) throw new Error(`${file}: unexpected header ${header.join(",")}`);
        continue;
      }
      yield record;
    }
  }
}

const columnOf = (shape: FileShape) => (name: string) => {
  const i = shape.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
};

/** The last local day on which a request was created. */
async function lastCreatedDay(file: string): Promise<string> {
  const created = columnOf(REQUESTS)(REQUESTS.created);
  let last = "";
  for await (const row of rowsOf(file, REQUESTS)) {
    const day = localDay(row[created]);
    if (day !== null && day > last) last = day;
  }
  if (!last) throw new Error(`${file}: no requests`);
  return last;
}

/** A CSV file written line by line, waiting out a full buffer. */
class LineFile {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  constructor(file: string, header: readonly string[]) {
    this.stream = createWriteStream(file);
    this.pending.push(csvLine(header));
  }
  async write(row: readonly string[]) {
    this.pending.push(csvLine(row));
    if (this.pending.length >= 4096) await this.flush();
  }
  private async flush() {
    const ok = this.stream.write(this.pending.join(""));
    this.pending = [];
    if (!ok) await once(this.stream, "drain");
  }
  async close() {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}

async function splitFile(file: string, shape: FileShape, day: string, base: string, delta: string) {
  const column = columnOf(shape);
  const [created, closed] = [column(shape.created), column(shape.closed)];
  const [baseOut, deltaOut] = [new LineFile(base, shape.header), new LineFile(delta, shape.header)];
  const counts: SplitCounts = { base: 0, reopenedInBase: 0, created: 0, closed: 0, droppedAfterDay: 0 };
  for await (const row of rowsOf(file, shape)) {
    const createdDay = localDay(row[created]);
    const closedDay = localDay(row[closed]);
    if (createdDay === null) throw new Error(`${file}: a row without ${shape.created}`);
    if (createdDay > day) {
      counts.droppedAfterDay++;
      continue;
    }
    if (createdDay === day) {
      counts.created++;
      await deltaOut.write(row);
      continue;
    }
    if (closedDay === day) {
      counts.closed++;
      await deltaOut.write(row);
    }
    counts.base++;
    if (closedDay !== null && closedDay >= day) {
      counts.reopenedInBase++;
      const before = [...row];
      shape.reopen(before, column);
      await baseOut.write(before);
    } else await baseOut.write(row);
  }
  await Promise.all([baseOut.close(), deltaOut.close()]);
  return counts;
}

/** Writes base-*.csv and delta-*.csv next to the seed's files in `dir`. */
export async function splitOneDayDelta(dir: string, files: { requests: string; workOrders: string }): Promise<DeltaSplit> {
  const day = await lastCreatedDay(files.requests);
  const out = (name: string) => path.join(dir, name);
  const split: Omit<DeltaSplit, "counts"> = {
    day,
    base: { requests: out("base-requests.csv"), workOrders: out("base-work-orders.csv") },
    delta: { requests: out("delta-requests.csv"), workOrders: out("delta-work-orders.csv") },
  };
  const requests = await splitFile(files.requests, REQUESTS, day, split.base.requests, split.delta.requests);
  const workOrders = await splitFile(files.workOrders, WORK_ORDERS, day, split.base.workOrders, split.delta.workOrders);
  return { ...split, counts: { requests, workOrders } };
}
