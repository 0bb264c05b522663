import { DEFAULT_TIME_ZONE } from "~/metrics/periods";

/** The city's IANA time zone: local dates of every metric are read in it (DESIGN §4). */
export function cityTimeZone(): string {
  return process.env.CITY_TIME_ZONE || DEFAULT_TIME_ZONE;
}
