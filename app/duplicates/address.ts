/**
 * Street-address normalisation for the duplicate detector: two spellings of one place
 * ("1234 North Main Street Apt 2" and "1234 N MAIN ST") get one key. Pure, so it is the
 * same code in tests, the detector and any page that shows why two requests matched.
 */

const SUFFIXES: Record<string, string> = {
  STREET: "ST", STR: "ST", ST: "ST",
  AVENUE: "AVE", AV: "AVE", AVE: "AVE",
  BOULEVARD: "BLVD", BLV: "BLVD", BLVD: "BLVD",
  ROAD: "RD", RD: "RD",
  DRIVE: "DR", DR: "DR",
  PLACE: "PL", PL: "PL",
  COURT: "CT", CT: "CT",
  LANE: "LN", LN: "LN",
  TERRACE: "TER", TER: "TER",
  PARKWAY: "PKWY", PKY: "PKWY", PKWY: "PKWY",
  HIGHWAY: "HWY", HWY: "HWY",
  EXPRESSWAY: "EXPY", EXPY: "EXPY",
  SQUARE: "SQ", SQ: "SQ",
  PLAZA: "PLZ", PLZ: "PLZ",
  CIRCLE: "CIR", CIR: "CIR",
  WAY: "WAY",
};

const DIRECTIONS: Record<string, string> = {
  NORTH: "N", SOUTH: "S", EAST: "E", WEST: "W", N: "N", S: "S", E: "E", W: "W",
  NORTHEAST: "NE", NORTHWEST: "NW", SOUTHEAST: "SE", SOUTHWEST: "SW", NE: "NE", NW: "NW", SE: "SE", SW: "SW",
};

/** Words that start a unit designator; the designator and everything after it is dropped. */
const UNIT_WORDS = new Set(["APT", "APARTMENT", "UNIT", "STE", "SUITE", "FL", "FLOOR", "RM", "ROOM", "BLDG", "BUILDING", "REAR", "BSMT", "BASEMENT"]);

const INTERSECTION = /\s(?:&|AND|\/|@|AT)\s/;

function normaliseStreet(words: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (UNIT_WORDS.has(w) || w.startsWith("#")) break;
    const isFirst = out.length === 0 || (out.length === 1 && /^\d/.test(out[0]));
    const isLast = i === words.length - 1 || UNIT_WORDS.has(words[i + 1]) || words[i + 1].startsWith("#");
    // A direction word only abbreviates where directions go (after the number, or at the
    // end): "NORTH AVE" stays a street name, "1600 W NORTH AVE" keeps NORTH.
    if (DIRECTIONS[w] && (isFirst || isLast) && !(isFirst && isLast)) out.push(DIRECTIONS[w]);
    else if (SUFFIXES[w] && out.length > 0 && (isLast || (i === words.length - 2 && DIRECTIONS[words[i + 1]]))) {
      out.push(SUFFIXES[w]);
    }
    else out.push(w);
  }
  // A trailing bare unit number ("1234 N MAIN ST 2") after the suffix is dropped too.
  while (out.length > 2 && /^\d+[A-Z]?$/.test(out[out.length - 1]) && Object.values(SUFFIXES).includes(out[out.length - 2])) out.pop();
  return out.join(" ");
}

function normaliseHouseNumber(words: string[]): string[] {
  if (words.length === 0) return words;
  // "1200-1210", "01234", "1234A" all start with the house number that places the request.
  const m = /^0*(\d+)(?:-\d+)?[A-Z]?$/.exec(words[0]);
  return m ? [m[1] === "" ? "0" : m[1], ...words.slice(1)] : words;
}

/**
 * The key of an address, or null when there is none (blank). Intersections are keyed
 * with their two streets in alphabetical order, so "A & B" matches "B and A".
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const cleaned = raw
    .toUpperCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[.,;'"`]/g, " ")
    .replace(/#\s*/g, " #")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "") return null;
  const parts = cleaned.split(INTERSECTION).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 2) {
    return parts
      .map((p) => normaliseStreet(normaliseHouseNumber(p.split(" "))))
      .sort()
      .join(" & ");
  }
  return normaliseStreet(normaliseHouseNumber(cleaned.split(" ")));
}

/** The street of a normalised address without its house number: what a "nearby" match must share. */
export function streetOf(addressKey: string): string {
  if (addressKey.includes(" & ")) return addressKey;
  return addressKey.replace(/^\d+\s+/, "");
}
