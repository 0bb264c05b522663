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
  requests: "48a17c9e562073ce94552e32834e11bd9c43c516e54c4005712312c7c055c709",
  workOrders: "79a6771072e52f7f37cbeca2a8c032a0423f1c5ae35a079d15c712acae402b61",
  truth: "21b2734301c7d58df46d3f22bac4c2135c5e8f63049bbb9fa8351ccb54da988b",
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
