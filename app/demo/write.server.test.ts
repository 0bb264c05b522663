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
  requests: "d5a2c626b1b4bed1923114c07900980df514d6ff22b0e76dbc455e0cb4039a68",
  workOrders: "21dc3ba17d414afd5495f2a3bbfbf72192eca6854ceda1ce812e1be47be7db30",
  truth: "cf02e5384b3b57dbabeb5fac94a2d0ac610481150494dab63cf6addfc2f2c21d",
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
