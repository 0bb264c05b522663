/**
 * The duplicate detector's core: one sweep over the requests of one type in creation
 * order. Every request that could still attract duplicates (open, or closed within the
 * window) waits in two hash indexes — by normalised address and by grid cell — so each
 * new request is compared only with the few earlier ones at its address or in the 2×2
 * block of cells nearest to it: linear in the number of requests, whatever the city's size.
 */
import { normaliseAddress, streetOf } from "./address";
import type { DetectorParams } from "./params";

export interface DetectorRow {
  srNumber: string;
  createdMs: number;
  closedMs: number | null;
  streetAddress: string | null;
  latitude: number | null;
  longitude: number | null;
  /** DUPLICATE = true: a subject like any other, but never the original of another. */
  flagged: boolean;
}

export type MatchedBy = "address" | "distance";

export interface SuspectedPair {
  srNumber: string;
  duplicateOf: string;
  /** null when either request has no coordinates */
  distanceM: number | null;
  /** created(srNumber) − created(duplicateOf), hours */
  gapHours: number;
  matchedBy: MatchedBy;
}

interface Waiting {
  srNumber: string;
  createdMs: number;
  /** the last instant a new request can still be its duplicate */
  untilMs: number;
  addressKey: string | null;
  street: string | null;
  latitude: number | null;
  longitude: number | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;
/**
 * Grid cells are a little more than twice the distance, so the 2×2 block of cells nearest
 * a point always covers its disk despite the flat projection.
 */
const CELL_FACTOR = 2 * 1.05;
const CELL_LIMIT = 2 ** 14;
/** Fewest index slots before a full prune is worth its pass over every bucket. */
const PRUNE_FLOOR = 4_096;

export function distanceMeters(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const toRad = Math.PI / 180;
  const dLat = (bLat - aLat) * toRad;
  const dLon = (bLon - aLon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * toRad) * Math.cos(bLat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Sweeps one request type. Feed rows with `next` in (created, sr_number) order; it
 * returns the suspected pair for a row, or null.
 */
export class TypeSweep {
  private readonly byAddress = new Map<string, Waiting[]>();
  private readonly byCell = new Map<number, Waiting[]>();
  private readonly cellM: number;
  private origin: { lat: number; lon: number; cos: number } | null = null;
  private last: { createdMs: number; srNumber: string } | null = null;
  /** entries in both indexes, expired ones included until a prune or a lookup drops them */
  private slots = 0;
  private pruneAt = PRUNE_FLOOR;

  constructor(
    private readonly params: DetectorParams,
    private readonly addressKeyOf: (raw: string | null) => string | null = normaliseAddress,
  ) {
    this.cellM = params.distanceM * CELL_FACTOR;
  }

  next(row: DetectorRow): SuspectedPair | null {
    this.checkOrder(row);
    const addressKey = this.addressKeyOf(row.streetAddress);
    const lat = row.latitude;
    const lon = row.longitude;
    const cell = lat != null && lon != null && this.cellM > 0 ? this.cellOf(lat, lon) : null;

    let best: Waiting | null = null;
    let bestDistance: number | null = null;
    let bestBy: MatchedBy = "address";
    if (addressKey != null) {
      for (const w of this.live(this.byAddress, addressKey, row.createdMs)) {
        const d = lat != null && lon != null && w.latitude != null && w.longitude != null ? distanceMeters(w.latitude, w.longitude, lat, lon) : null;
        if (best == null || earlier(w, d, best, bestDistance)) [best, bestDistance, bestBy] = [w, d, "address"];
      }
    }
    if (cell != null) {
      const street = addressKey == null ? null : streetOf(addressKey);
      // Cells are twice the distance wide, so the disk around the point reaches at most
      // the neighbour on the nearer side in each axis: a 2×2 block, not 3×3.
      for (const gx of [cell.gx, cell.nx]) {
        for (const gy of [cell.gy, cell.ny]) {
          for (const w of this.live(this.byCell, cellKey(gx, gy), row.createdMs)) {
            if (w.addressKey != null && w.addressKey === addressKey) continue;
            if (!this.params.crossStreets && (street == null || street !== w.street)) continue;
            if (w.latitude == null || w.longitude == null) continue;
            const d = distanceMeters(w.latitude, w.longitude, lat as number, lon as number);
            if (d <= this.params.distanceM && (best == null || earlier(w, d, best, bestDistance))) {
              [best, bestDistance, bestBy] = [w, d, "distance"];
            }
          }
        }
      }
    }

    if (!row.flagged) this.wait(row, addressKey, cell);
    if (this.slots >= this.pruneAt) this.pruneAll(row.createdMs);

    if (best == null) return null;
    return {
      srNumber: row.srNumber,
      duplicateOf: best.srNumber,
      distanceM: bestDistance,
      gapHours: (row.createdMs - best.createdMs) / HOUR_MS,
      matchedBy: bestBy,
    };
  }

  private checkOrder(row: DetectorRow) {
    const last = this.last;
    if (last && (row.createdMs < last.createdMs || (row.createdMs === last.createdMs && row.srNumber <= last.srNumber))) {
      throw new Error(`rows must come in (created, sr_number) order: ${row.srNumber} after ${last.srNumber}`);
    }
    this.last = { createdMs: row.createdMs, srNumber: row.srNumber };
  }

  private wait(row: DetectorRow, addressKey: string | null, cell: { gx: number; gy: number } | null) {
    const untilOpen = row.createdMs + this.params.maxOpenDays * DAY_MS;
    const untilClosed = row.closedMs == null ? Infinity : row.closedMs + this.params.windowAfterCloseHours * HOUR_MS;
    const w: Waiting = {
      srNumber: row.srNumber,
      createdMs: row.createdMs,
      untilMs: Math.min(untilOpen, untilClosed),
      addressKey,
      street: addressKey == null ? null : streetOf(addressKey),
      latitude: row.latitude,
      longitude: row.longitude,
    };
    if (addressKey != null) this.push(this.byAddress, addressKey, w);
    if (cell != null) this.push(this.byCell, cellKey(cell.gx, cell.gy), w);
  }

  /** The bucket's entries still waiting at `atMs`; the others are dropped for good (rows only move forward in time). */
  private live<K>(index: Map<K, Waiting[]>, key: K, atMs: number): Waiting[] {
    const list = index.get(key);
    if (!list) return [];
    let kept = 0;
    for (const w of list) if (w.untilMs >= atMs) list[kept++] = w;
    this.slots -= list.length - kept;
    if (kept === 0) {
      index.delete(key);
      return [];
    }
    list.length = kept;
    return list;
  }

  /**
   * Drops every expired entry, not only those of the buckets new requests happen to visit
   * (most addresses never see a second request). It runs whenever the indexes have doubled
   * since the last prune, so memory stays within twice what can still attract a duplicate
   * and the passes cost O(1) per request, amortised.
   */
  private pruneAll(atMs: number) {
    for (const key of [...this.byAddress.keys()]) this.live(this.byAddress, key, atMs);
    for (const key of [...this.byCell.keys()]) this.live(this.byCell, key, atMs);
    this.pruneAt = Math.max(PRUNE_FLOOR, 2 * this.slots);
  }

  private push<K>(index: Map<K, Waiting[]>, key: K, w: Waiting) {
    this.slots++;
    const list = index.get(key);
    if (list) list.push(w);
    else index.set(key, [w]);
  }

  /** The point's cell and, per axis, the neighbour on its nearer side; null far outside the grid. */
  private cellOf(lat: number, lon: number) {
    this.origin ??= { lat, lon, cos: Math.cos((lat * Math.PI) / 180) };
    const fx = ((lon - this.origin.lon) * METRES_PER_DEGREE * this.origin.cos) / this.cellM;
    const fy = ((lat - this.origin.lat) * METRES_PER_DEGREE) / this.cellM;
    const gx = Math.floor(fx);
    const gy = Math.floor(fy);
    if (Math.abs(gx) >= CELL_LIMIT || Math.abs(gy) >= CELL_LIMIT) return null;
    return { gx, gy, nx: fx - gx < 0.5 ? gx - 1 : gx + 1, ny: fy - gy < 0.5 ? gy - 1 : gy + 1 };
  }
}

/** Whether `w` (at distance `d`) is a better original than the current best: earlier, then nearer. */
function earlier(w: Waiting, d: number | null, best: Waiting, bestDistance: number | null) {
  return w.createdMs < best.createdMs || (w.createdMs === best.createdMs && (d ?? Infinity) < (bestDistance ?? Infinity));
}

/** Small-integer keys (V8 Smis) hash fastest: ±2^14 cells per axis, over 1,000 km at any distance. */
function cellKey(gx: number, gy: number) {
  return (gx + CELL_LIMIT) * 2 * CELL_LIMIT + (gy + CELL_LIMIT);
}
