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
  requests: "a758db2e5db976bb0a13aba6fbd974455af4498fbefb160876a5f6c31c3b39c8",
  workOrders: "686e366d7d464677a7d6d93f5399e637c3fe413154843503d3b164d5a988a82f",
  truth: "2213c2813309c0f21f1209a6f8ea8ce96c270f2886e430389635cb406efa3189",
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
