import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { csvRecords, CsvFormatError } from "./csv-records";
import { SAMPLE_DATA_DIR } from "../../tests/setup/data";

async function read(text: string, size = text.length || 1) {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  const lines: number[] = [];
  const records: string[][] = [];
  for await (const batch of csvRecords((async function* () { yield* chunks; })())) {
    lines.push(...batch.lines);
    records.push(...batch.records);
  }
  return { lines, records };
}

describe("csvRecords", () => {
  const tricky = '\uFEFFa,b,c\r\n1,"x, y",3\r\n\r\n"multi\r\nline ""quoted""",,\r\n4,5"6,7\n"",""""\n8,9,';
  test.each([1, 2, 3, 5, 8, 13, 1000])("records and their physical start lines, in chunks of %i", async (size) => {
    expect(await read(tricky, size)).toEqual({
      lines: [1, 2, 4, 6, 7, 8],
      records: [
        ["a", "b", "c"],
        ["1", "x, y", "3"],
        ['multi\r\nline "quoted"', "", ""],
        ["4", '5"6', "7"],
        ["", '"'],
        ["8", "9", ""],
      ],
    });
  });

  test("an unclosed quote fails with the line where its record starts", async () => {
    const error = await read('a,b\n1,2\n3,"open\n\n').catch((e) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect(error.line).toBe(3);
  });

  const data = SAMPLE_DATA_DIR;
  const samples = readdirSync(data)
    .filter((d) => statSync(path.join(data, d)).isDirectory())
    .flatMap((d) => readdirSync(path.join(data, d)).filter((f) => f.endsWith(".csv")).map((f) => `${d}/${f}`));
  test.each(samples)("reads %s exactly as csv-parse does", async (file) => {
    const text = readFileSync(path.join(data, file), "utf8");
    const expected = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
    expect((await read(text, 65_536)).records).toEqual(expected);
  });
});
