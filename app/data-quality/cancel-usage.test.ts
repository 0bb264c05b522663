import { cancelShares } from "./cancel-usage";

describe("cancelShares", () => {
  test.each([
    { closed: 0, canceled: 0, canceledHiding: 0, canceledPct: null, canceledHidingPct: null },
    { closed: 8, canceled: 0, canceledHiding: 0, canceledPct: 0, canceledHidingPct: 0 },
    { closed: 8, canceled: 2, canceledHiding: 1, canceledPct: 25, canceledHidingPct: 12.5 },
    { closed: 3, canceled: 3, canceledHiding: 3, canceledPct: 100, canceledHidingPct: 100 },
  ])("closed $closed, canceled $canceled, hiding $canceledHiding", ({ canceledPct, canceledHidingPct, ...counts }) => {
    expect(cancelShares(counts)).toEqual({ ...counts, canceledPct, canceledHidingPct });
  });
});
