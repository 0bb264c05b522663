import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ChildResult {
  code: number;
  ms: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the largest process in the tree, in bytes; null if it could not be measured. */
  peakRssBytes: number | null;
}

const GNU_TIME = "/usr/bin/time";

/**
 * Runs a command and measures its wall time and peak memory. GNU time reports the
 * largest maxrss among the processes it waited for, so `npm run …` → tsx → node is
 * measured at the node process that does the work.
 */
export function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  const useTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(path.join(tmpdir(), "compstat-bench-time-"));
  const timeFile = path.join(dir, "rss");
  const [cmd, argv] = useTime ? [GNU_TIME, ["-f", "%M", "-o", timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      let peakRssBytes: number | null = null;
      if (useTime && existsSync(timeFile)) {
        const kb = Number(readFileSync(timeFile, "utf8").trim().split("\n").pop());
        if (Number.isFinite(kb)) peakRssBytes = kb * 1024;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? 1, ms, stdout, stderr, peakRssBytes });
    });
  });
}
