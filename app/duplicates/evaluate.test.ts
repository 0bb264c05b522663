import { evaluateDetector } from "./evaluate";

test("precision, recall and recurrences, for all duplicates and for hidden ones", () => {
  const result = evaluateDetector({
    truth: [
      { srNumber: "B", relatedSrNumber: "A", relation: "hidden_duplicate" },
      { srNumber: "C", relatedSrNumber: "A", relation: "flagged_duplicate" },
      { srNumber: "D", relatedSrNumber: "A", relation: "hidden_duplicate" },
      { srNumber: "R", relatedSrNumber: "A", relation: "recurrence" },
      { srNumber: "S", relatedSrNumber: "A", relation: "recurrence" },
    ],
    detected: [
      { srNumber: "B", duplicateOf: "A" },
      { srNumber: "C", duplicateOf: "B" },
      { srNumber: "R", duplicateOf: "A" },
      { srNumber: "S", duplicateOf: "Q" },
      { srNumber: "X", duplicateOf: "A" },
    ],
    flagged: new Set(["C"]),
  });
  expect(result.all).toEqual({ truePositives: 2, falsePositives: 3, falseNegatives: 1, precision: 0.4, recall: 2 / 3, sameOriginal: 1 });
  expect(result.hidden).toEqual({ truePositives: 1, falsePositives: 3, falseNegatives: 1, precision: 0.25, recall: 0.5, sameOriginal: 1 });
  expect(result.recurrencesLinkedToOriginal).toBe(1);
  expect(result.recurrencesLinkedElsewhere).toBe(1);
});

test("nothing detected, nothing planted → null rates, not 0 or 1", () => {
  const result = evaluateDetector({ truth: [], detected: [], flagged: new Set() });
  expect(result.all.precision).toBeNull();
  expect(result.all.recall).toBeNull();
});
