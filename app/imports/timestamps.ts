/**
 * Source timestamps → a canonical text form that PostgreSQL converts (see stage.server.ts):
 *   local city time, no zone: `YYYY-MM-DD HH:MM:SS.mmm`
 *   with an offset:           `YYYY-MM-DD HH:MM:SS.mmm+HH:MM` or `…Z`
 * PostgreSQL, not JavaScript, resolves local times against the city's time zone (the staging
 * transaction's TimeZone) so the fall-back hour and the spring-forward gap read exactly as
 * DESIGN §4 says.
 *
 * Hand-written scanners (no regular expressions, no Date objects): this runs for every date
 * cell of multi-million-row files.
 */

const ZERO = 48;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function pad2(n: number) {
  return n < 10 ? `0${n}` : `${n}`;
}

function daysInMonth(year: number, month: number) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function compose(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: string, zone: string) {
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return null;
  return `${y}-${pad2(mo)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)}.${ms}${zone}`;
}

/** Reads `HH:MM[:SS[.fff…]]` at `i`; returns [h, m, s, millis, next index] or null. */
function readClock(v: string, i: number): [number, number, number, string, number] | null {
  let h: number;
  if (v.charCodeAt(i + 1) === 58 /* : */) {
    h = digits(v, i, 1);
    i += 2;
  } else {
    h = digits(v, i, 2);
    if (v.charCodeAt(i + 2) !== 58) return null;
    i += 3;
  }
  const mi = digits(v, i, 2);
  if (h < 0 || mi < 0) return null;
  i += 2;
  let s = 0;
  let ms = "000";
  if (v.charCodeAt(i) === 58) {
    s = digits(v, i + 1, 2);
    if (s < 0) return null;
    i += 3;
    if (v.charCodeAt(i) === 46 /* . */) {
      let j = i + 1;
      while (j < v.length && v.charCodeAt(j) >= ZERO && v.charCodeAt(j) <= ZERO + 9) j++;
      if (j === i + 1) return null;
      ms = (v.slice(i + 1, Math.min(j, i + 4)) + "00").slice(0, 3);
      i = j;
    }
  }
  return [h, mi, s, ms, i];
}

/** `Z`, `+HH:MM`, `-HHMM`, `+HH` at the end of an ISO value; "" for none; null if malformed. */
function readZone(v: string, i: number): string | null {
  if (i === v.length) return "";
  const c = v.charCodeAt(i);
  if ((c === 90 || c === 122) && i === v.length - 1) return "Z";
  if (c !== 43 && c !== 45) return null;
  const sign = v[i];
  const hh = digits(v, i + 1, 2);
  if (hh < 0 || hh > 14) return null;
  let rest = i + 3;
  if (v.charCodeAt(rest) === 58) rest++;
  const mm = rest === v.length ? 0 : digits(v, rest, 2);
  if (mm < 0 || mm > 59 || (rest !== v.length && rest + 2 !== v.length)) return null;
  return `${sign}${pad2(hh)}:${pad2(mm)}`;
}

function parseIso(v: string): string | null {
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || v[4] !== "-" || v[7] !== "-") return null;
  if (v.length === 10) return compose(y, mo, d, 0, 0, 0, "000", "");
  const sep = v[10];
  if (sep !== "T" && sep !== " ") return null;
  const clock = readClock(v, 11);
  if (!clock) return null;
  const zone = readZone(v, clock[4]);
  if (zone === null) return null;
  return compose(y, mo, d, clock[0], clock[1], clock[2], clock[3], zone);
}

/** Digits from `from` up to `max` of them: [value, next index], value -1 when none. */
function run(v: string, from: number, max: number): [number, number] {
  let i = from;
  let n = 0;
  while (i < v.length && i - from < max) {
    const d = v.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
    i++;
  }
  return [i === from ? -1 : n, i];
}

/** `M/D/YYYY[ h:mm[:ss][ AM|PM]]` (portal export, FOIA exports). */
function parseUs(v: string): string | null {
  const [mo, i1] = run(v, 0, 2);
  if (mo < 0 || v.charCodeAt(i1) !== 47) return null;
  const [d, i2] = run(v, i1 + 1, 2);
  if (d < 0 || v.charCodeAt(i2) !== 47) return null;
  const [y, i3] = run(v, i2 + 1, 4);
  if (y < 0 || i3 - i2 - 1 !== 4) return null;
  if (i3 === v.length) return compose(y, mo, d, 0, 0, 0, "000", "");
  let i = i3;
  if (v.charCodeAt(i) !== 32) return null;
  while (v.charCodeAt(i) === 32) i++;
  const clock = readClock(v, i);
  if (!clock) return null;
  let h = clock[0];
  i = clock[4];
  while (v.charCodeAt(i) === 32) i++;
  if (i < v.length) {
    if (i + 2 !== v.length || (v.charCodeAt(i + 1) | 32) !== 109 /* m */) return null;
    const marker = v.charCodeAt(i) | 32;
    if ((marker !== 97 && marker !== 112) || h < 1 || h > 12) return null;
    if (marker === 97 /* a */ && h === 12) h = 0;
    else if (marker === 112 /* p */ && h !== 12) h += 12;
  }
  return compose(y, mo, d, h, clock[1], clock[2], clock[3], "");
}

/**
 * A source timestamp in canonical form, `""` for an empty cell, or `null` when it cannot be read.
 */
export function normalizeTimestamp(raw: string): string | null {
  const v = raw.trim();
  if (v === "") return "";
  const c2 = v.charCodeAt(2);
  const c1 = v.charCodeAt(1);
  if (c1 === 47 || c2 === 47) return parseUs(v);
  if (v.charCodeAt(4) === 45) return parseIso(v);
  return null;
}
