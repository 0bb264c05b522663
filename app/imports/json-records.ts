/**
 * Streams the records of a top-level JSON array (`[{…},{…}]`) with the physical line on which
 * each record starts. A small scanner finds each record's extent (strings, escapes, nesting);
 * only that slice goes to JSON.parse, so memory holds one record and one chunk at a time,
 * whatever the size of the file.
 */
export interface JsonRecord {
  line: number;
  value: unknown;
}

export class JsonFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type State = "start" | "between" | "record" | "end";

export async function* jsonArrayRecords(chunks: AsyncIterable<string>): AsyncGenerator<JsonRecord> {
  let line = 1;
  let state = "start" as State;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let recordLine = 0;
  let pieces: string[] = [];
  let first = true;

  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let recordStart = state === "record" ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (state === "record") {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          depth--;
          if (depth === 0) {
            pieces.push(chunk.slice(recordStart, i + 1));
            const text = pieces.join("");
            pieces = [];
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch {
              throw new JsonFormatError("the record starting here is not valid JSON", recordLine);
            }
            yield { line: recordLine, value };
            state = "between";
            recordStart = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (state === "start") {
        if (c !== 91) throw new JsonFormatError("expected a JSON array of records ('[' …)", line);
        state = "between";
        continue;
      }
      if (state === "end") throw new JsonFormatError("unexpected text after the end of the JSON array", line);
      // between records
      if (c === 44) continue;
      if (c === 93) {
        state = "end";
        continue;
      }
      if (c !== 123) throw new JsonFormatError("expected a JSON object for each record", line);
      state = "record";
      depth = 1;
      recordLine = line;
      recordStart = i;
    }
    if (state === "record") pieces.push(chunk.slice(recordStart));
  }
  if (state === "start") throw new JsonFormatError("the file is empty, expected a JSON array of records", line);
  if (state !== "end") throw new JsonFormatError("the JSON array is not closed (file truncated?)", line);
}
