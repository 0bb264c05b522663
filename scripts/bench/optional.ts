import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Loads a module that another part of the codebase provides, or says which file is
 * missing. The caller states the shape it needs, so the bench keeps running (and says
 * "not available") while a piece has not landed yet.
 */
export async function loadOptional<T>(file: string, exportName: string): Promise<T | { missing: string }> {
  const full = path.resolve(file);
  if (!existsSync(full)) return { missing: `${exportName} (${file} does not exist)` };
  const mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
  if (typeof mod[exportName] !== "function") return { missing: `${exportName} (not exported by ${file})` };
  return mod[exportName] as T;
}

export function isMissing<T>(x: T | { missing: string }): x is { missing: string } {
  return typeof x === "object" && x !== null && "missing" in x;
}
