/** "8:15 PM" in the city's time zone; the zone is passed in so this stays pure. */
import { cityTimeZone } from "~/metrics/periods.server";
export function formatRetryAt(at: Date, timeZone = cityTimeZone()): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(at);
}
