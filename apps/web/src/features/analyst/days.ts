// Calendar days (YYYY-MM-DD) as the municipalities live them, in Europe/Amsterdam: today, day
// arithmetic, and the last moment of a day, which is what "the picture as of that day" asks for.
import { TIME_ZONE } from '../../i18n';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isDay(value: string | null | undefined): value is string {
  const match = value ? DAY_PATTERN.exec(value) : null;
  if (!match) return false;
  const date = utcDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return toDay(date) === value;
}

/** Today in Amsterdam. */
export function amsterdamToday(now: Date = new Date()): string {
  const parts = zonedParts(now);
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** `day` plus `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return toDay(utcDate(year, month - 1, date + days));
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / 86_400_000);
}

/** Monday = 0 … Sunday = 6. */
export function weekday(day: string): number {
  return (dayStart(day).getUTCDay() + 6) % 7;
}

/** A day as a Date at noon UTC: safe to format as that same day in Amsterdam. */
export function dayAsDate(day: string): Date {
  return new Date(dayStart(day).getTime() + 12 * 3_600_000);
}

/**
 * The last millisecond of `day` in Amsterdam, as an ISO-8601 instant: the moment whose picture
 * shows everything known by the end of that day (winter and summer time alike).
 */
export function endOfAmsterdamDay(day: string): string {
  const nextMidnight = dayStart(addDays(day, 1)).getTime();
  // Amsterdam's midnight is UTC midnight minus its offset; the offset at that midnight decides.
  let guess = nextMidnight - offsetMs(new Date(nextMidnight));
  guess = nextMidnight - offsetMs(new Date(guess));
  return new Date(guess - 1).toISOString();
}

function dayStart(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return utcDate(year, month - 1, date);
}

function utcDate(year: number, monthIndex: number, date: number): Date {
  const result = new Date(0);
  result.setUTCFullYear(year, monthIndex, date);
  return result;
}

function toDay(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function pad(value: number, length: number): string {
  return String(value).padStart(length, '0');
}

const zoned = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function zonedParts(instant: Date) {
  const parts = Object.fromEntries(
    zoned.formatToParts(instant).map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far Amsterdam's clock is ahead of UTC at `instant`. */
function offsetMs(instant: Date): number {
  const p = zonedParts(instant);
  const local =
    utcDate(p.year, p.month - 1, p.day).getTime() +
    ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
  return local - Math.floor(instant.getTime() / 1000) * 1000;
}
