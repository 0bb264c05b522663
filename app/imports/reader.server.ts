/**
 * Streams a source file as records with their physical line numbers (header = line 1; for
 * JSON, the line on which the record starts). The first
 * record (the CSV header, or the first JSON object) is read before anything is written, so a
 * file that is not the expected format is refused with one line and no side effect.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { CsvFormatError, csvRecords, type CsvBatch } from "./csv-records";
import { aliasIndex, normalizeHeader, type FieldAliases, type FieldGetter, type FieldLabel } from "./fields";
import { JsonFormatError, jsonArrayRecords } from "./json-records";

export type FileShape = "csv" | "json";

export interface SourceSpec<F extends string> {
  /** "a Chicago 311 service-request file": used in the refusal line */
  describe: string;
  aliases: FieldAliases<F>;
  /** how messages name each field when the file does not spell it */
  names: Record<F, string>;
  required: readonly F[];
  shapes: readonly FileShape[];
}

/** The current record; the reader reuses one cursor object (read it before the next one). */
export interface RecordCursor<F extends string> {
  line: number;
  get: FieldGetter<F>;
  /** set when a CSV row does not have as many fields as the header */
  fieldCountError: string | null;
}

/** Called once per record; return a promise only when there is something to wait for. */
export type Visitor<F extends string> = (record: RecordCursor<F>) => void | Promise<void>;

export interface OpenedSource<F extends string> {
  shape: FileShape;
  label: FieldLabel<F>;
  /** visits every data record in file order (once) */
  each(visit: Visitor<F>): Promise<void>;
  /** releases the file when `each` is not going to be called */
  close(): Promise<void>;
}

export class FileFormatError extends Error {}

async function sniffShape(path: string): Promise<FileShape | "empty"> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "");
    const first = text.trimStart()[0];
    if (first === undefined) return "empty";
    return first === "[" || first === "{" ? "json" : "csv";
  } finally {
    await handle.close();
  }
}

async function* decoded(path: string) {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 18 })) {
    yield decoder.decode(chunk as Buffer, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function listHeaders(headers: string[]) {
  const shown = headers.slice(0, 6).map((h) => h.trim() || "(blank)");
  return shown.join(", ") + (headers.length > shown.length ? ", …" : "");
}

/**
 * Opens `path` as `spec`, or throws FileFormatError with the one line that says why not.
 */
export async function openSource<F extends string>(path: string, spec: SourceSpec<F>): Promise<OpenedSource<F>> {
  let shape: FileShape | "empty";
  try {
    shape = await sniffShape(path);
  } catch (error) {
    throw new FileFormatError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (shape === "empty") throw new FileFormatError("the file is empty");
  if (!spec.shapes.includes(shape)) {
    throw new FileFormatError(
      `not ${spec.describe}: expected ${spec.shapes.map((s) => s.toUpperCase()).join(" or ")}, found ${shape.toUpperCase()}`,
    );
  }
  return shape === "csv" ? openCsv(path, spec) : openJson(path, spec);
}

async function openCsv<F extends string>(path: string, spec: SourceSpec<F>): Promise<OpenedSource<F>> {
  const batches = csvRecords(decoded(path));
  let batch: CsvBatch;
  try {
    const next = await batches.next();
    if (next.done) throw new FileFormatError("the file is empty");
    batch = next.value;
  } catch (error) {
    await batches.return(undefined);
    if (error instanceof CsvFormatError) {
      throw new FileFormatError(`not ${spec.describe}: the header cannot be read as CSV (${error.message})`);
    }
    throw error;
  }
  const headers = batch.records[0];
  const index = aliasIndex(spec.aliases);
  const position = {} as Record<F, number>;
  const labels = {} as Record<F, string>;
  for (const field of Object.keys(spec.aliases) as F[]) position[field] = -1;
  headers.forEach((h, i) => {
    const field = index.get(normalizeHeader(h));
    if (field !== undefined && position[field] === -1) {
      position[field] = i;
      labels[field] = h.trim();
    }
  });
  const missing = spec.required.filter((f) => position[f] === -1);
  if (missing.length > 0) {
    await batches.return(undefined);
    throw new FileFormatError(
      `not ${spec.describe}: no ${missing.map((f) => spec.names[f]).join(", ")} column ` +
        `(the header has ${listHeaders(headers)})`,
    );
  }
  const label: FieldLabel<F> = (f) => labels[f] ?? spec.names[f];
  let current: string[] = [];
  const cursor: RecordCursor<F> = {
    line: 0,
    get: (f) => {
      const i = position[f];
      return i < 0 ? "" : (current[i] ?? "");
    },
    fieldCountError: null,
  };
  const width = headers.length;

  async function each(visit: Visitor<F>) {
    let skip = 1; // the header
    try {
      for (;;) {
        const { lines, records } = batch;
        for (let r = skip; r < records.length; r++) {
          current = records[r];
          cursor.line = lines[r];
          cursor.fieldCountError =
            current.length === width ? null : `has ${current.length} fields, the header has ${width}`;
          const pending = visit(cursor);
          if (pending) await pending;
        }
        skip = 0;
        const next = await batches.next();
        if (next.done) return;
        batch = next.value;
      }
    } catch (error) {
      if (error instanceof CsvFormatError) {
        throw new FileFormatError(`line ${error.line}: cannot be read as CSV (${error.message})`);
      }
      throw error;
    } finally {
      await batches.return(undefined);
    }
  }
  const close = async () => {
    await batches.return(undefined);
  };
  return { shape: "csv", label, each, close };
}

function jsonScalar(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

async function openJson<F extends string>(path: string, spec: SourceSpec<F>): Promise<OpenedSource<F>> {
  const iterator = jsonArrayRecords(decoded(path));
  const index = aliasIndex(spec.aliases);
  const fieldOfKey = new Map<string, F | null>();
  const labels = {} as Record<F, string>;
  const fields = Object.keys(spec.aliases) as F[];
  const values = {} as Record<F, string>;
  const latitude = index.get("latitude");
  const longitude = index.get("longitude");

  const load = (record: Record<string, unknown>) => {
    for (const f of fields) values[f] = "";
    for (const key in record) {
      let field = fieldOfKey.get(key);
      if (field === undefined) {
        field = index.get(normalizeHeader(key)) ?? null;
        fieldOfKey.set(key, field);
        if (field !== null && labels[field] === undefined) labels[field] = key;
      }
      const value = record[key];
      if (field !== null) values[field] = jsonScalar(value);
      else if (key === "location" && value && typeof value === "object") {
        // SODA puts coordinates inside `location` too; use them when the flat fields are absent.
        const loc = value as Record<string, unknown>;
        if (latitude && values[latitude] === "") values[latitude] = jsonScalar(loc.latitude);
        if (longitude && values[longitude] === "") values[longitude] = jsonScalar(loc.longitude);
      }
    }
  };

  let first: IteratorResult<{ line: number; value: unknown }>;
  try {
    first = await iterator.next();
  } catch (error) {
    if (error instanceof JsonFormatError) throw new FileFormatError(`not ${spec.describe}: ${error.message}`);
    throw error;
  }
  if (!first.done) {
    const value = first.value.value;
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new FileFormatError(`not ${spec.describe}: the first record is not a JSON object`);
    }
    const keys = Object.keys(value);
    const present = new Set(keys.map((k) => index.get(normalizeHeader(k))));
    const missing = spec.required.filter((f) => !present.has(f));
    if (missing.length > 0) {
      throw new FileFormatError(
        `not ${spec.describe}: the first record (line ${first.value.line}) has no ` +
          `${missing.map((f) => spec.names[f].toLowerCase()).join(", ")} (its keys are ${listHeaders(keys)})`,
      );
    }
  }
  const label: FieldLabel<F> = (f) => labels[f] ?? spec.names[f];
  const cursor: RecordCursor<F> = { line: 0, get: (f) => values[f], fieldCountError: null };

  async function each(visit: Visitor<F>) {
    let next = first;
    try {
      while (!next.done) {
        const { line, value } = next.value;
        cursor.line = line;
        if (value && typeof value === "object" && !Array.isArray(value)) {
          load(value as Record<string, unknown>);
          cursor.fieldCountError = null;
        } else {
          for (const f of fields) values[f] = "";
          cursor.fieldCountError = "is not a JSON object";
        }
        const pending = visit(cursor);
        if (pending) await pending;
        next = await iterator.next();
      }
    } catch (error) {
      if (error instanceof JsonFormatError) throw new FileFormatError(`line ${error.line}: ${error.message}`);
      throw error;
    } finally {
      await iterator.return(undefined);
    }
  }
  const close = async () => {
    await iterator.return(undefined);
  };
  return { shape: "json", label, each, close };
}
