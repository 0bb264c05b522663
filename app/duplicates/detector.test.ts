import { TypeSweep, distanceMeters, type DetectorRow } from "./detector";
import { DEFAULT_PARAMS, paramsFor, type DetectorParams } from "./params";

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 2, 2, 15);
/** ~1 m of latitude, in degrees */
const M = 1 / 111_195;

function row(sr: string, atHours: number, extra: Partial<DetectorRow> = {}): DetectorRow {
  return {
    srNumber: sr,
    createdMs: T0 + atHours * H,
    closedMs: null,
    streetAddress: "1234 N MAIN ST",
    latitude: 41.9,
    longitude: -87.65,
    flagged: false,
    ...extra,
  };
}

function sweep(rows: DetectorRow[], params: DetectorParams = DEFAULT_PARAMS) {
  const s = new TypeSweep(params);
  return rows.map((r) => s.next(r)).filter((p) => p != null);
}

test.each([
  {
    name: "same address while the first is open",
    rows: [row("A", 0), row("B", 5, { streetAddress: "1234 North Main Street Apt 2" })],
    pairs: [["B", "A", "address"]],
  },
  {
    name: "shortly after the first closed",
    rows: [row("A", 0, { closedMs: T0 + 10 * H }), row("B", 10 + 71)],
    pairs: [["B", "A", "address"]],
  },
  {
    name: "not after the window: a recurrence",
    rows: [row("A", 0, { closedMs: T0 + 10 * H }), row("B", 10 + 73)],
    pairs: [],
  },
  {
    name: "months apart is a recurrence even at the same address",
    rows: [row("A", 0, { closedMs: T0 + 2 * D }), row("B", 120 * 24)],
    pairs: [],
  },
  {
    name: "a few doors down the same street, by distance",
    rows: [row("A", 0, { streetAddress: "1234 N MAIN ST" }), row("B", 1, { streetAddress: "1240 N MAIN ST", latitude: 41.9 + 20 * M })],
    pairs: [["B", "A", "distance"]],
  },
  {
    name: "too far along the street",
    rows: [row("A", 0), row("B", 1, { streetAddress: "1300 N MAIN ST", latitude: 41.9 + 45 * M })],
    pairs: [],
  },
  {
    name: "near but on another street is another problem",
    rows: [row("A", 0), row("B", 1, { streetAddress: "700 W ELM ST", latitude: 41.9 + 10 * M })],
    pairs: [],
  },
  {
    name: "an open request older than maxOpenDays is stale",
    rows: [row("A", 0), row("B", 181 * 24)],
    pairs: [],
  },
  {
    name: "the earliest open original wins, not the latest report",
    rows: [row("A", 0), row("B", 1), row("C", 2)],
    pairs: [["B", "A", "address"], ["C", "A", "address"]],
  },
  {
    name: "a flagged duplicate is a subject but never an original",
    rows: [row("A", 0, { closedMs: T0 + 1 * H }), row("B", 60, { flagged: true, closedMs: T0 + 61 * H }), row("C", 100)],
    pairs: [["B", "A", "address"]],
  },
  {
    name: "a flagged duplicate is found like any other",
    rows: [row("A", 0), row("B", 3, { flagged: true })],
    pairs: [["B", "A", "address"]],
  },
  {
    name: "no address and no coordinates: nothing to match on",
    rows: [row("A", 0, { streetAddress: null, latitude: null, longitude: null }), row("B", 1, { streetAddress: null, latitude: null, longitude: null })],
    pairs: [],
  },
  {
    name: "same address without coordinates still matches",
    rows: [row("A", 0, { latitude: null, longitude: null }), row("B", 1, { latitude: null, longitude: null })],
    pairs: [["B", "A", "address"]],
  },
])("$name", ({ rows, pairs }) => {
  expect(sweep(rows).map((p) => [p.srNumber, p.duplicateOf, p.matchedBy])).toEqual(pairs);
});

test("intersection types match across streets", () => {
  const rows = [
    row("A", 0, { streetAddress: "3949 W 71ST ST" }),
    row("B", 1, { streetAddress: "7100 S PULASKI RD", latitude: 41.9 + 20 * M }),
  ];
  expect(sweep(rows)).toEqual([]);
  const found = sweep(rows, paramsFor("Traffic Signal Out Complaint"));
  expect(found).toHaveLength(1);
  expect(found[0].distanceM).toBeCloseTo(20, 0);
  expect(found[0].gapHours).toBe(1);
});

test("cell edges: a pair 39 m apart across a cell boundary is found in every direction", () => {
  for (let angle = 0; angle < 360; angle += 15) {
    const rad = (angle * Math.PI) / 180;
    const lat = 41.9 + 39 * M * Math.sin(rad);
    const lon = -87.65 + (39 * M * Math.cos(rad)) / Math.cos((41.9 * Math.PI) / 180);
    const found = sweep(
      [row("A", 0, { streetAddress: "1 N MAIN ST" }), row("B", 1, { streetAddress: "9 N MAIN ST", latitude: lat, longitude: lon })],
    );
    expect(found, `angle ${angle}`).toHaveLength(1);
  }
});

test("rows out of order are refused", () => {
  const s = new TypeSweep(DEFAULT_PARAMS);
  s.next(row("B", 1));
  expect(() => s.next(row("A", 0))).toThrow(/order/);
});

test("paramsFor: defaults, overrides and exclusions", () => {
  expect(paramsFor("Pothole in Street Complaint")).toEqual(DEFAULT_PARAMS);
  expect(paramsFor("Ice and Snow Removal Request").distanceM).toBe(200);
  expect(paramsFor("311 INFORMATION ONLY CALL").excluded).toBe(true);
});

test("distanceMeters", () => {
  expect(distanceMeters(41.9, -87.65, 41.9 + 100 * M, -87.65)).toBeCloseTo(100, 1);
});

test("property-level types match on the same address only", () => {
  const rows = [row("A", 0, { streetAddress: "4315 W ROSCOE ST" }), row("B", 0.1, { streetAddress: "4319 W ROSCOE ST", latitude: 41.9 + 8 * M })];
  const params = paramsFor("Snow – Uncleared Sidewalk Complaint");
  expect(sweep(rows, params)).toEqual([]);
  expect(sweep([rows[0], row("B", 0.1, { streetAddress: "4315 W Roscoe Street" })], params)).toHaveLength(1);
});

test("the grid finds exactly what comparing every pair finds", () => {
  // a fixed pseudo-random cloud of 400 reports within ~300 m, on one street, all open
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const rows = Array.from({ length: 400 }, (_, i) =>
    row(`SR${String(i).padStart(4, "0")}`, i, {
      streetAddress: `${2 * i} N MAIN ST`,
      latitude: 41.9 + (random() - 0.5) * 300 * M,
      longitude: -87.65 + ((random() - 0.5) * 300 * M) / Math.cos((41.9 * Math.PI) / 180),
    }),
  );
  const expected = rows.flatMap((b, j) => {
    const a = rows.slice(0, j).find((a) => distanceMeters(a.latitude!, a.longitude!, b.latitude!, b.longitude!) <= DEFAULT_PARAMS.distanceM);
    return a ? [[b.srNumber, a.srNumber]] : [];
  });
  expect(expected.length).toBeGreaterThan(50);
  expect(sweep(rows).map((p) => [p.srNumber, p.duplicateOf])).toEqual(expected);
});
