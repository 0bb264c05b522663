import { z } from "zod";
import { SORT_KEYS, type SortDirection, type SortKey } from "./scorecard-columns";

const sortQuery = z.object({
  sort: z.enum(SORT_KEYS as [SortKey, ...SortKey[]]).catch("compositeScore"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});

/**
 * The scorecard's sort from the URL. The default, composite score lowest first, puts the
 * departments a review should start with at the top; an unknown column falls back to it.
 */
export function parseSortQuery(params: URLSearchParams): { key: SortKey; dir: SortDirection } {
  const { sort, dir } = sortQuery.parse({ sort: params.get("sort") ?? undefined, dir: params.get("dir") ?? undefined });
  return { key: sort, dir };
}
