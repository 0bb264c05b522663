import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The real city samples: `shared/data` beside the checkout (where CI lays it), unless
 * COMPSTAT_DATA_DIR points elsewhere.
 */
export const SAMPLE_DATA_DIR =
  process.env.COMPSTAT_DATA_DIR ??
  [path.resolve(repoRoot, "../shared/data"), "/work/shared/data"].find((dir) => existsSync(dir)) ??
  path.resolve(repoRoot, "../shared/data");
