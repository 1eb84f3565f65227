// Calendar days as the municipalities count them (Europe/Amsterdam), for date inputs: what a
// chosen day means as an instant for the API, whatever the browser's own time zone.
import { TIME_ZONE } from '../../i18n';

const DAY_MS = 86_400_000;

/** 2026-11-24: today in Amsterdam. */
export function todayInAmsterdam(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The calendar day `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "+01:00": Amsterdam's offset from UTC at an instant. */
function offsetAt(instant: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/**
 * 2026-11-24T00:00:00+01:00: the start of a day in Amsterdam. Its midnight comes before the
 * clocks change (at 01:00 UTC), so the offset at 00:00 UTC of that date is the one in force.
 */
export function startOfDay(date: string): string {
  return `${date}T00:00:00${offsetAt(new Date(`${date}T00:00:00Z`))}`;
}

/** 2026-11-24T23:59:59.999+01:00: the last moment of a day in Amsterdam. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59.999${offsetAt(new Date(`${date}T23:59:59Z`))}`;
}
