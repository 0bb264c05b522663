/**
 * Scorecard results cached per database and aggregates version (ADR 007). Every refresh bumps
 * agg_state.version in the same transaction as the data, so a cached result can never outlive
 * the numbers it was computed from; one indexed read of the version is all a hit costs.
 */
import type { Db } from "#db/client.server";
import { aggregatesVersion } from "./refresh.server";

const MAX_ENTRIES = 256;
const caches = new WeakMap<Db, Map<string, unknown>>();

export async function cachedByVersion<T>(db: Db, name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
  if (process.env.SCORECARD_CACHE === "off") return compute();
  const version = await aggregatesVersion(db);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${version}|${name}|${JSON.stringify(args)}`;
  if (cache.has(key)) {
    const hit = cache.get(key) as T;
    // Least recently used goes first: re-insert on every hit.
    cache.delete(key);
    cache.set(key, hit);
    return structuredClone(hit);
  }
  const value = await compute();
  for (const k of cache.keys()) if (!k.startsWith(`${version}|`)) cache.delete(k);
  while (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return structuredClone(value);
}
