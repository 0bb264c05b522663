import { jsonArrayRecords, JsonFormatError } from "./json-records";
import { pgTextArray } from "./pg-array";

async function collect(chunks: string[]) {
  const out: { line: number; value: unknown }[] = [];
  for await (const r of jsonArrayRecords((async function* () { yield* chunks; })())) out.push(r);
  return out;
}

describe("jsonArrayRecords", () => {
  test("gives each record with the line it starts on, across chunk boundaries", async () => {
    const text = '[\n  {"a": "x\\"}{", "n": {"b": [1, 2]}},\n  {\n    "a": "line\\nbreak"\n  }\n,{"a":3}]\n';
    for (const size of [1, 3, 7, text.length]) {
      const chunks = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(await collect(chunks)).toEqual([
        { line: 2, value: { a: 'x"}{', n: { b: [1, 2] } } },
        { line: 3, value: { a: "line\nbreak" } },
        { line: 6, value: { a: 3 } },
      ]);
    }
  });

  test("skips a byte-order mark and accepts an empty array", async () => {
    expect(await collect(["\uFEFF[ ]"])).toEqual([]);
  });

  test.each([
    ['{"a": 1}', 1, "expected a JSON array"],
    ['[{"a": 1}', 1, "not closed"],
    ['[\n{"a": 1},\n"text"]', 3, "expected a JSON object"],
    ['[\n{"a": tru}]', 2, "not valid JSON"],
    ["", 1, "empty"],
  ])("%j fails at line %i (%s)", async (text, line, message) => {
    const error = await collect([text]).catch((e) => e);
    expect(error).toBeInstanceOf(JsonFormatError);
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });
});

describe("pgTextArray", () => {
  test("quotes every element, escapes quotes and backslashes, keeps NULL", () => {
    expect(pgTextArray(["a", 'say "hi"', "back\\slash", null, "", "NULL", "{x,y}"])).toBe(
      '{"a","say \\"hi\\"","back\\\\slash",NULL,"","NULL","{x,y}"}',
    );
  });
});
