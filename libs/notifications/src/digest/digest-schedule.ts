// When the weekly digest is due: the latest moment of the configured weekday and time in the
// Netherlands (Europe/Amsterdam, summer time included) at or before now, and the ISO week it
// belongs to — the key that makes the digest go out once per week.
import { amsterdamDay, dayNumber } from '@weerbaar/domain';

export interface WeeklySlot {
  weekday: number;
  hour: number;
  minute: number;
}

export interface DigestOccasion {
  /** The moment the digest was due. */
  due: Date;
  /** ISO week of that moment, e.g. "2026-W48". */
  week: string;
}

const DAY_MS = 86_400_000;

const amsterdamClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds Amsterdam's wall clock is ahead of UTC at `instant`. */
function amsterdamOffsetMs(instant: number): number {
  const parts = Object.fromEntries(
    amsterdamClock.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall-clock time in Amsterdam on a given day number. */
function amsterdamInstant(day: number, hour: number, minute: number): number {
  const wall = day * DAY_MS + (hour * 60 + minute) * 60_000;
  const guess = wall - amsterdamOffsetMs(wall);
  return wall - amsterdamOffsetMs(guess);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
const weekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** "2026-W48": the ISO week (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(day: number): string {
  const thursday = day - weekdayOf(day) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - firstOfYear) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The latest time the digest was due at or before `now`. */
export function latestDigestOccasion(now: Date, slot: WeeklySlot): DigestOccasion {
  const today = dayNumber(amsterdamDay(now))!;
  let day = today - ((weekdayOf(today) - slot.weekday + 7) % 7);
  let due = amsterdamInstant(day, slot.hour, slot.minute);
  if (due > now.getTime()) {
    day -= 7;
    due = amsterdamInstant(day, slot.hour, slot.minute);
  }
  return { due: new Date(due), week: isoWeekOf(day) };
}
