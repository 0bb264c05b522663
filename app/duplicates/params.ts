/**
 * The duplicate detector's parameters: defaults, and the request types that differ.
 * One table, so a reviewer sees every rule in one place; its fingerprint is stored with
 * each result, so a count can be traced to the parameters that produced it.
 */

export interface DetectorParams {
  /**
   * How far apart two reports of one problem may be, in metres; 0 = the same address
   * only, for problems that belong to one property (a cart, a building, a sidewalk).
   */
  distanceM: number;
  /** How long after the earlier request closed a new report still counts as its duplicate. */
  windowAfterCloseHours: number;
  /**
   * How long an earlier request may have been open and still attract duplicates. Past
   * this, a request open for ages is treated as stale and a new report as a new problem.
   */
  maxOpenDays: number;
  /**
   * Whether a nearby (not same-address) match may be on another street. Off by default:
   * reports a few doors apart on one street are one problem, but two streets 30 m apart
   * are usually two. On for problems at an intersection or along a block.
   */
  crossStreets: boolean;
  /** Types that are not a physical problem at a place (information calls): never matched. */
  excluded: boolean;
}

export const DEFAULT_PARAMS: DetectorParams = {
  distanceM: 40,
  windowAfterCloseHours: 72,
  maxOpenDays: 180,
  crossStreets: false,
  excluded: false,
};

/**
 * Per request type (SR_TYPE as the source spells it). Distances come from Chicago's own
 * coupled duplicates (January 2021 sample): signal outages are reported from every corner
 * of an intersection (10–25 m, other street names); snow-removal complaints cover a block
 * (70–200 m, same street); light outages from across the street (8–45 m). Property-level
 * problems match on the address alone: the sample shows residents reporting a row of
 * neighbours' uncleared sidewalks within minutes — separate violations, 10–50 m apart —
 * while every coupled sidewalk duplicate is at its parent's address.
 */
export const TYPE_PARAMS: Readonly<Record<string, Partial<DetectorParams>>> = {
  "311 INFORMATION ONLY CALL": { excluded: true },
  "Aircraft Noise Complaint": { excluded: true },
  "Traffic Signal Out Complaint": { distanceM: 60, crossStreets: true },
  "Ice and Snow Removal Request": { distanceM: 200 },
  "Street Light Out Complaint": { distanceM: 50 },
  "Alley Light Out Complaint": { distanceM: 50 },
  "Viaduct Light Out Complaint": { distanceM: 100, crossStreets: true },
  "Water On Street Complaint": { distanceM: 60 },
  "Snow – Uncleared Sidewalk Complaint": { distanceM: 0 },
  "Garbage Cart Maintenance": { distanceM: 0 },
  "Blue Recycling Cart": { distanceM: 0 },
  "Building Violation": { distanceM: 0 },
  "Buildings - Plumbing Violation": { distanceM: 0 },
  "Vacant/Abandoned Building Complaint": { distanceM: 0 },
  "No Building Permit and Construction Violation": { distanceM: 0 },
  "Water in Basement Complaint": { distanceM: 0 },
  "No Water Complaint": { distanceM: 0 },
  "Water Lead Test Kit Request": { distanceM: 0 },
  "Restaurant Complaint": { distanceM: 0 },
  "Business Complaints": { distanceM: 0 },
  "Shared Housing/Vacation Rental Complaint": { distanceM: 0 },
};

/**
 * A type whose requests are nearly all closed the moment they are created is an
 * information call logged at a placeholder address ("2111 W Lexington ST"), whatever
 * its name; it is excluded like the named ones, so another city's placeholders do not
 * turn every call into a "duplicate".
 */
export const INSTANT_CLOSE_SHARE = 0.9;
export const INSTANT_CLOSE_MIN_REQUESTS = 10;
export const INSTANT_CLOSE_SECONDS = 60;

export function paramsFor(requestTypeName: string): DetectorParams {
  return { ...DEFAULT_PARAMS, ...TYPE_PARAMS[requestTypeName] };
}

/** A short fingerprint of every parameter above: equal strings, equal rules. */
export const PARAMS_VERSION = fingerprint(
  JSON.stringify({
    DEFAULT_PARAMS,
    TYPE_PARAMS: Object.entries(TYPE_PARAMS).sort(([a], [b]) => (a < b ? -1 : 1)),
    INSTANT_CLOSE_SHARE,
    INSTANT_CLOSE_MIN_REQUESTS,
    INSTANT_CLOSE_SECONDS,
  }),
);

function fingerprint(text: string): string {
  // FNV-1a, 32 bit: enough to tell parameter sets apart, and pure (no node:crypto).
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `p1-${(h >>> 0).toString(16).padStart(8, "0")}`;
}
