/** Console output of the benches: one figure a line, with its ratio and target where it has one. */

const LABEL_WIDTH = 58;

export function section(title: string) {
  console.log(`\n── ${title} ${"─".repeat(Math.max(0, 70 - title.length))}`);
}

export function note(text: string) {
  console.log(`  ${text}`);
}

/** Something the bench would measure but cannot yet, said plainly instead of a made-up figure. */
export function notAvailable(what: string) {
  console.log(`  not available: ${what}`);
}

export interface FigureOptions {
  /** e.g. "1.42× baseline" */
  ratio?: string;
  /** e.g. "target ≤ 2.0×" */
  target?: string;
  /** Whether the target is met; printed as ok / MISSED. */
  met?: boolean;
}

export function figure(label: string, value: string, options: FigureOptions = {}) {
  if (!value) return console.log(`  ${label}`);
  const parts = [`  ${label.padEnd(LABEL_WIDTH)} ${value.padStart(24)}`];
  if (options.ratio) parts.push(` ${options.ratio.padStart(17)}`);
  if (options.target) parts.push(`  (${options.target}${options.met === undefined ? "" : options.met ? ": ok" : ": MISSED"})`);
  console.log(parts.join(""));
}

export const fmt = {
  ms: (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`),
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
  rate: (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString("en-US")} rows/s`,
  mb: (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`,
  ratio: (x: number, of: string) => `${x.toFixed(2)}× ${of}`,
  pct: (x: number) => `${(100 * x).toFixed(1)} %`,
};

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Median of N warm runs, and the first (cold: caches empty) run that precedes them. */
export async function p50(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; first: number }> {
  const first = (await timed(fn)).ms;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn)).ms);
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return { p50: times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2, first };
}
