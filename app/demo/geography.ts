import { CHICAGO_ANCHORS, type Anchor } from "./chicago-anchors";
import type { Rng } from "./random";

/**
 * Chicago's address grid: State St is 0 east–west, Madison St 0 north–south, and the
 * numbers run 800 to the mile both ways. A street address is therefore a point, which
 * lets the demo city give every request a real-looking address whose latitude and
 * longitude agree with it, and lets a "near" duplicate sit a few house numbers away.
 */
const ORIGIN_LAT = 41.88185;
const ORIGIN_LON = -87.6278;
const UNITS_PER_MILE = 800;
const MILES_PER_DEG_LAT = 69.05;
const MILES_PER_DEG_LON = 69.17 * Math.cos((ORIGIN_LAT * Math.PI) / 180);
/** Even numbers are on the north and west sides of a Chicago street; buildings sit ~10 m off its centre line. */
const SETBACK_UNITS = 5;

interface Street {
  /** Grid position in address units: x for north–south streets (east positive), y for east–west (north positive). */
  at: number;
  name: string;
  suffix: string;
}

const NORTH_SOUTH: Street[] = [
  [3000, "COMMERCIAL", "AVE"], [2400, "YATES", "BLVD"], [2000, "JEFFERY", "BLVD"], [1600, "STONY ISLAND", "AVE"],
  [1400, "DORCHESTER", "AVE"], [1200, "WOODLAWN", "AVE"], [1000, "ELLIS", "AVE"], [800, "COTTAGE GROVE", "AVE"],
  [400, "DR MARTIN LUTHER KING JR", "DR"], [200, "INDIANA", "AVE"], [100, "MICHIGAN", "AVE"], [0, "STATE", "ST"],
  [-100, "CLARK", "ST"], [-200, "WENTWORTH", "AVE"], [-500, "CANAL", "ST"], [-700, "UNION", "AVE"],
  [-800, "HALSTED", "ST"], [-1000, "MORGAN", "ST"], [-1200, "RACINE", "AVE"], [-1400, "LOOMIS", "ST"],
  [-1600, "ASHLAND", "AVE"], [-1700, "PAULINA", "ST"], [-1800, "WOOD", "ST"], [-2000, "DAMEN", "AVE"],
  [-2200, "LEAVITT", "ST"], [-2400, "WESTERN", "AVE"], [-2600, "ROCKWELL", "ST"], [-2800, "CALIFORNIA", "AVE"],
  [-3000, "SACRAMENTO", "AVE"], [-3200, "KEDZIE", "AVE"], [-3400, "HOMAN", "AVE"], [-3600, "CENTRAL PARK", "AVE"],
  [-3800, "HAMLIN", "AVE"], [-4000, "PULASKI", "RD"], [-4200, "KEELER", "AVE"], [-4400, "KOSTNER", "AVE"],
  [-4600, "KILBOURN", "AVE"], [-4800, "CICERO", "AVE"], [-5000, "LAVERGNE", "AVE"], [-5200, "LARAMIE", "AVE"],
  [-5400, "LOTUS", "AVE"], [-5600, "CENTRAL", "AVE"], [-6000, "AUSTIN", "AVE"], [-6400, "NARRAGANSETT", "AVE"],
  [-6800, "OAK PARK", "AVE"], [-7200, "HARLEM", "AVE"], [-8400, "CUMBERLAND", "AVE"],
].map(([at, name, suffix]) => ({ at: at as number, name: name as string, suffix: suffix as string }));

const NAMED_EAST_WEST: [number, string, string][] = [
  [7600, "HOWARD", "ST"], [7000, "LUNT", "AVE"], [6800, "PRATT", "BLVD"], [6400, "DEVON", "AVE"],
  [6200, "GRANVILLE", "AVE"], [6000, "PETERSON", "AVE"], [5600, "BRYN MAWR", "AVE"], [5400, "BALMORAL", "AVE"],
  [5200, "FOSTER", "AVE"], [5000, "ARGYLE", "ST"], [4800, "LAWRENCE", "AVE"], [4600, "WILSON", "AVE"],
  [4400, "MONTROSE", "AVE"], [4000, "IRVING PARK", "RD"], [3800, "GRACE", "ST"], [3600, "ADDISON", "ST"],
  [3400, "ROSCOE", "ST"], [3200, "BELMONT", "AVE"], [3000, "WELLINGTON", "AVE"], [2800, "DIVERSEY", "AVE"],
  [2400, "FULLERTON", "AVE"], [2000, "ARMITAGE", "AVE"], [1900, "CORTLAND", "ST"], [1600, "NORTH", "AVE"],
  [1200, "DIVISION", "ST"], [1000, "AUGUSTA", "BLVD"], [800, "CHICAGO", "AVE"], [500, "GRAND", "AVE"],
  [200, "LAKE", "ST"], [0, "MADISON", "ST"], [-300, "JACKSON", "BLVD"], [-600, "HARRISON", "ST"],
  [-1000, "TAYLOR", "ST"], [-1200, "ROOSEVELT", "RD"], [-1800, "18TH", "ST"], [-2200, "CERMAK", "RD"],
  [-3900, "PERSHING", "RD"], [-5500, "GARFIELD", "BLVD"],
];

function ordinal(n: number) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}TH`;
  return `${n}${["TH", "ST", "ND", "RD", "TH", "TH", "TH", "TH", "TH", "TH"][n % 10]}`;
}

/** South of Cermak nearly every block has a numbered street (24th St … 130th St). */
const EAST_WEST: Street[] = (() => {
  const streets = NAMED_EAST_WEST.map(([at, name, suffix]) => ({ at, name, suffix }));
  const taken = new Set(streets.map((s) => s.at));
  for (let n = 24; n <= 130; n++) {
    if (!taken.has(-n * 100)) streets.push({ at: -n * 100, name: ordinal(n), suffix: "ST" });
  }
  return streets.sort((a, b) => b.at - a.at);
})();

export interface Address {
  /** e.g. "6321 S HALSTED ST" */
  streetAddress: string;
  streetNumber: number;
  streetDirection: "N" | "S" | "E" | "W";
  streetName: string;
  streetType: string;
  latitude: number;
  longitude: number;
  zipCode: string;
  ward: number;
  communityArea: number;
  /** Which street list and which street, so a near address can be made on the same street. */
  axis: "ns" | "ew";
  streetIndex: number;
  /** The signed grid position along the street (units), from which the number came. */
  along: number;
}

function nearestStreet(streets: Street[], at: number) {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < streets.length; i++) {
    const d = Math.abs(streets[i].at - at);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

function gridOf(lat: number, lon: number) {
  return {
    x: (lon - ORIGIN_LON) * MILES_PER_DEG_LON * UNITS_PER_MILE,
    y: (lat - ORIGIN_LAT) * MILES_PER_DEG_LAT * UNITS_PER_MILE,
  };
}

function pointOf(x: number, y: number) {
  return {
    latitude: round6(ORIGIN_LAT + y / UNITS_PER_MILE / MILES_PER_DEG_LAT),
    longitude: round6(ORIGIN_LON + x / UNITS_PER_MILE / MILES_PER_DEG_LON),
  };
}

function round6(v: number) {
  return Math.round(v * 1e6) / 1e6;
}

/** The address on a given street at a given signed position; its point follows from the number alone. */
function addressOn(axis: "ns" | "ew", streetIndex: number, along: number, anchor: Anchor): Address {
  const street = axis === "ns" ? NORTH_SOUTH[streetIndex] : EAST_WEST[streetIndex];
  const number = Math.max(1, Math.round(Math.abs(along)));
  const signedAlong = along < 0 ? -number : number;
  const even = number % 2 === 0;
  const direction = axis === "ns" ? (along >= 0 ? "N" : "S") : along >= 0 ? "E" : "W";
  const offset = even ? -SETBACK_UNITS : SETBACK_UNITS;
  const { latitude, longitude } =
    axis === "ns"
      ? pointOf(street.at + offset, signedAlong)
      : pointOf(signedAlong, street.at - offset);
  return {
    streetAddress: `${number} ${direction} ${street.name} ${street.suffix}`,
    streetNumber: number,
    streetDirection: direction,
    streetName: street.name,
    streetType: street.suffix,
    latitude,
    longitude,
    zipCode: anchor.zipCode,
    ward: anchor.ward,
    communityArea: anchor.communityArea,
    axis,
    streetIndex,
    along: signedAlong,
  };
}

/** A random address near one of the real request locations (within about a quarter mile of it). */
export function randomAddress(rng: Rng): Address {
  const anchor = CHICAGO_ANCHORS[rng.int(CHICAGO_ANCHORS.length)];
  const { x, y } = gridOf(anchor.latitude, anchor.longitude);
  const jx = x + rng.between(-160, 160);
  const jy = y + rng.between(-160, 160);
  if (rng.chance(0.5)) return addressOn("ns", nearestStreet(NORTH_SOUTH, jx), jy, anchor);
  return addressOn("ew", nearestStreet(EAST_WEST, jy), jx, anchor);
}

/**
 * An address a few doors from `base` on the same side of the same street: 2–12 house
 * numbers is 4–24 m, the "same issue reported from next door" of a hidden duplicate.
 */
export function nearbyAddress(rng: Rng, base: Address): Address {
  const step = 2 * (1 + rng.int(6));
  const along = rng.chance(0.5) ? base.along + step : base.along - step;
  const crossesZero = Math.sign(along) !== Math.sign(base.along) && base.along !== 0;
  const target = crossesZero ? base.along + Math.sign(base.along) * step : along;
  return addressOn(base.axis, base.streetIndex, target, {
    latitude: base.latitude,
    longitude: base.longitude,
    ward: base.ward,
    communityArea: base.communityArea,
    zipCode: base.zipCode,
  });
}

/** Great-circle distance in metres. */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const r = 6_371_008.8;
  const toRad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * toRad;
  const dLon = (b.longitude - a.longitude) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * toRad) * Math.cos(b.latitude * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
