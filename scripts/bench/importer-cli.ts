import { runMeasured, type ChildResult } from "./child";

export type Kind = "requests" | "work-orders";

export interface Summary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** The importer's contract (DESIGN §6): `imported FILE: read N, inserted N, updated N, unchanged N, rejected N`. */
function parseSummary(stdout: string): Summary | null {
  const m = /imported .+: read (\d+), inserted (\d+), updated (\d+), unchanged (\d+), rejected (\d+)/.exec(stdout);
  if (!m) return null;
  const [read, inserted, updated, unchanged, rejected] = m.slice(1).map(Number);
  return { read, inserted, updated, unchanged, rejected };
}

export interface OurRun {
  kind: Kind;
  result: ChildResult;
  summary: Summary;
}

/** Runs our import CLI exactly as an operator would, with wall time and peak RSS measured. */
export async function importWithCli(url: string, kind: Kind, file: string): Promise<OurRun> {
  const result = await runMeasured("npm", ["run", "-s", "import", "--", kind, file], { ...process.env, DATABASE_URL: url });
  const summary = parseSummary(result.stdout);
  if (result.code !== 0 || !summary) {
    throw new Error(
      `npm run import -- ${kind} ${file} failed (exit ${result.code}):\n${(result.stderr || result.stdout).trim().slice(-2000)}`,
    );
  }
  return { kind, result, summary };
}
