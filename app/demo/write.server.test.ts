import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEMO_FILES, writeDemoCity } from "./write.server";

/**
 * The bytes of a small city, pinned: a change to the catalog, the PRNG or the CSV shape
 * changes them on purpose (update the digests then); anything else changing them is a bug
 * (a dependency on the machine's time zone, the Node version, iteration order).
 */
const GOLDEN = {
  requests: "3107b7a65d62a24e59ca05f4f57c1fad037591c6e2fda95b30e42e00bb5b375d",
  workOrders: "e2c449e946bab1610dccb9555350361d2ae5abbf8eaf51a1666f3e8208825f3a",
  truth: "9e0512f4fdb8617f1588ce7e35acb43465c689aa6b5479c11568fb14e22ad368",
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "demo-golden-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");

test("a seed-and-scale pair always writes the same files", async () => {
  const { files, counts } = await writeDemoCity(dir, { scale: 500, seed: "golden" });
  expect({
    requests: await sha256(files.requests),
    workOrders: await sha256(files.workOrders),
    truth: await sha256(files.truth),
  }).toEqual(GOLDEN);
  const lines = async (name: string) => (await readFile(path.join(dir, name), "utf8")).trim().split("\n").length - 1;
  expect(await lines(DEMO_FILES.requests)).toBe(counts.requests);
  expect(await lines(DEMO_FILES.workOrders)).toBe(counts.workOrders);
  expect(await lines(DEMO_FILES.truth)).toBe(counts.truth);
});
