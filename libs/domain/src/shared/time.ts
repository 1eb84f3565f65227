// Time for the domain: strict ISO-8601 parsing and day arithmetic on UTC instants. No clock:
// "now" always comes in from the caller.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

// Extended ISO-8601 date-time with a mandatory zone designator. Date-only and offset-less
// ("local") strings are ambiguous across the servers and browsers that send them, so they
// are not accepted. Fractions beyond milliseconds are allowed and truncated.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

// Instants from 0001-01-01 to 9999-12-31 in UTC: what toISOString writes in four digits and what
// PostgreSQL stores. A time-zone shift can carry a wall time across the edge (0001-01-01T00:30
// +01:00 is year 0 in UTC, which PostgreSQL does not have), so the range applies after it.
const MIN_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The instant of a zoned ISO-8601 date-time, or undefined when it is not one: not a real date,
 * or outside the years 0001–9999 once converted to UTC.
 */
export function parseIsoDateTime(text: string): Date | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const offsetHours = Number(oh);
    const offsetMins = Number(om);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  const instant = date.getTime() - offsetMinutes * MINUTE_MS;
  return instant >= MIN_INSTANT_MS && instant <= MAX_INSTANT_MS ? new Date(instant) : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a calendar day as YYYY-MM-DD that exists, in the years 0001–9999. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = m.slice(1).map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const addDays = (instant: Date, days: number): Date =>
  new Date(instant.getTime() + days * DAY_MS);

/** Fractional days from `from` to `to` (negative when `from` is later). */
export const daysBetween = (from: Date, to: Date): number =>
  (to.getTime() - from.getTime()) / DAY_MS;

/** The same UTC wall time `years` calendar years earlier (29 February falls back to 1 March). */
export function yearsBefore(instant: Date, years: number): Date {
  const date = new Date(instant.getTime());
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date;
}
