/**
 * Header-driven field lookup shared by every source: a header cell matches a logical field
 * when its normalised form (lower case, letters and digits only) is one of the field's
 * aliases, so `SR_NUMBER`, `sr_number` and `Service Request Number` all find the SR number,
 * in any column order.
 */
import { normalizeTimestamp } from "./timestamps";

export function normalizeHeader(name: string): string {
  let out = "";
  const lower = name.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += lower[i];
  }
  return out;
}

/** A logical field's aliases, already normalised. */
export type FieldAliases<F extends string> = Record<F, readonly string[]>;

/** Reads one logical field of the current record: "" when absent or empty. */
export type FieldGetter<F extends string> = (field: F) => string;
/** The field's name as the file spells it (for messages), or its first alias. */
export type FieldLabel<F extends string> = (field: F) => string;

/** A staged row: one value per staging column (null = SQL NULL), or a reject reason. */
export type Mapped = (string | null)[] | { reject: string };

export function aliasIndex<F extends string>(aliases: FieldAliases<F>): Map<string, F> {
  const index = new Map<string, F>();
  for (const field of Object.keys(aliases) as F[]) for (const a of aliases[field]) index.set(a, field);
  return index;
}

export function orNull(v: string): string | null {
  return v === "" ? null : v;
}

/** Canonical timestamp text, null for empty, or undefined when unreadable. */
export function timestampCell(v: string): string | null | undefined {
  const t = normalizeTimestamp(v);
  if (t === null) return undefined;
  return t === "" ? null : t;
}

function isDigits(t: string) {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return t.length > 0 && t.length < 10;
}

/** The cell as PostgreSQL integer text (pandas' "44.0" becomes "44"), null if empty, undefined if not one. */
export function integerCell(v: string, min: number, max: number): string | null | undefined {
  const t = v.trim();
  if (t === "") return null;
  const n = Number(t);
  if (!Number.isInteger(n) || n < min || n > max) return undefined;
  return isDigits(t) ? t : String(n);
}

/** Passes the text through once it is known to be a finite number (formatting floats is costly). */
export function numberCell(v: string): string | null | undefined {
  const t = v.trim();
  if (t === "") return null;
  return Number.isFinite(Number(t)) ? t : undefined;
}

export function booleanCell(v: string): string | null | undefined {
  switch (v.trim().toLowerCase()) {
    case "":
      return null;
    case "true":
    case "t":
    case "y":
    case "yes":
    case "1":
      return "true";
    case "false":
    case "f":
    case "n":
    case "no":
    case "0":
      return "false";
    default:
      return undefined;
  }
}

export const unreadableDate = (label: string, value: string) =>
  `${label} "${value}" is not a date (expected e.g. 2021-01-01T00:00:09 or 12/02/2025 11:59:03 PM)`;
