/**
 * Scores the detector against known truth (the demo city's planted duplicates, or a
 * city's own coupled duplicates). Pure: the caller supplies what was detected and what
 * is true, for the same set of requests.
 */

export interface KnownRelation {
  srNumber: string;
  relatedSrNumber: string;
  /** duplicates should be found; a recurrence (same place, months later) must not be */
  relation: "flagged_duplicate" | "hidden_duplicate" | "recurrence";
}

export interface Detection {
  srNumber: string;
  duplicateOf: string;
}

export interface DetectorScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when nothing was detected */
  precision: number | null;
  /** null when there was nothing to find */
  recall: number | null;
  /** of the true positives, how many name the planted original as `duplicateOf` */
  sameOriginal: number;
}

export interface DetectorEvaluation {
  /** every planted duplicate, flagged or hidden (what the detector finds ignoring the flag) */
  all: DetectorScore;
  /** hidden duplicates only, against detections of unflagged requests (the `suspectedDuplicates` metric) */
  hidden: DetectorScore;
  recurrences: number;
  /** recurrences linked to the request they repeat months later: the mistake the detector must not make */
  recurrencesLinkedToOriginal: number;
  /**
   * recurrences linked to some other, recent request at the place; by the definition a
   * duplicate of that one, which the planted truth does not know about
   */
  recurrencesLinkedElsewhere: number;
}

function score(detected: Map<string, string>, truth: Map<string, string>): DetectorScore {
  let truePositives = 0;
  let sameOriginal = 0;
  for (const [sr, of] of detected) {
    const planted = truth.get(sr);
    if (planted === undefined) continue;
    truePositives++;
    if (planted === of) sameOriginal++;
  }
  const falsePositives = detected.size - truePositives;
  const falseNegatives = truth.size - truePositives;
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    precision: detected.size === 0 ? null : truePositives / detected.size,
    recall: truth.size === 0 ? null : truePositives / truth.size,
    sameOriginal,
  };
}

/**
 * `flagged` names the requests carrying DUPLICATE = true, so hidden-duplicate scores can
 * leave the coupled ones out of both sides.
 */
export function evaluateDetector(input: {
  detected: Iterable<Detection>;
  truth: Iterable<KnownRelation>;
  flagged: ReadonlySet<string>;
}): DetectorEvaluation {
  const detected = new Map<string, string>();
  for (const d of input.detected) detected.set(d.srNumber, d.duplicateOf);
  const all = new Map<string, string>();
  const hidden = new Map<string, string>();
  const recurrences = new Map<string, string>();
  for (const t of input.truth) {
    if (t.relation === "recurrence") recurrences.set(t.srNumber, t.relatedSrNumber);
    else all.set(t.srNumber, t.relatedSrNumber);
    if (t.relation === "hidden_duplicate") hidden.set(t.srNumber, t.relatedSrNumber);
  }
  const detectedHidden = new Map([...detected].filter(([sr]) => !input.flagged.has(sr)));
  return {
    all: score(detected, all),
    hidden: score(detectedHidden, hidden),
    recurrences: recurrences.size,
    recurrencesLinkedToOriginal: [...recurrences].filter(([sr, related]) => detected.get(sr) === related).length,
    recurrencesLinkedElsewhere: [...recurrences].filter(([sr, related]) => detected.has(sr) && detected.get(sr) !== related).length,
  };
}
