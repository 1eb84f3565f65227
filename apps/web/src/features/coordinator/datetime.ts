// Wall-clock dates and times in Europe/Amsterdam, as the coordinator types them, to and from the
// ISO-8601 instants with an offset that the API takes and returns.
import { TIME_ZONE } from '../../i18n';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(instant: Date): WallClock {
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(PARTS.formatToParts(instant).find((part) => part.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Minutes Amsterdam is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutesAt(instant: number): number {
  const w = wallClockOf(new Date(instant));
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * `2025-03-12` and `14:30` in Amsterdam as `2025-03-12T14:30:00+01:00`; undefined when either
 * is not a valid date or time. A time that does not exist (the hour skipped in spring) is read
 * with the summer offset; one that occurs twice (in autumn) as the later, winter one.
 */
export function amsterdamToIso(date: string, time: string): string | undefined {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day) return undefined; // 31 February
  let offset = offsetMinutesAt(wall - offsetMinutesAt(wall) * 60_000);
  if (offsetMinutesAt(wall - offset * 60_000) !== offset) offset = offsetMinutesAt(wall);
  const sign = offset < 0 ? '-' : '+';
  return `${date}T${time}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** An instant as the date (`2025-03-12`) and time (`14:30`) it was in Amsterdam. */
export function isoToAmsterdam(iso: string): { date: string; time: string } {
  const w = wallClockOf(new Date(iso));
  return {
    date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
  };
}

/** The start of a day in Amsterdam (`2025-03-12T00:00:00+01:00`). */
export function startOfAmsterdamDay(date: string): string | undefined {
  return amsterdamToIso(date, '00:00');
}

/** The start of the day after (for an "up to and including" filter on an exclusive bound). */
export function startOfNextAmsterdamDay(date: string): string | undefined {
  const d = DATE.exec(date);
  if (!d) return undefined;
  const next = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + 1));
  return amsterdamToIso(
    `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`,
    '00:00',
  );
}

/** Today's date in Amsterdam. */
export function todayInAmsterdam(now = new Date()): string {
  return isoToAmsterdam(now.toISOString()).date;
}
