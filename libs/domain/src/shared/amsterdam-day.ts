// Calendar days in the Netherlands (Europe/Amsterdam): the day of a moment as YYYY-MM-DD, and
// whole days between two such days. Days are what people mean by "sinds 3 mei" or "180 dagen
// voor de verkiezingen", whatever the offset of summer time.
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function amsterdamDay(moment: Date): string {
  return formatter.format(moment);
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number (days since 1970-01-01) of a YYYY-MM-DD day; undefined when not a real day. */
export function dayNumber(day: string): number | undefined {
  const match = DAY_PATTERN.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, date);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return undefined;
  if (check.getUTCDate() !== date) return undefined;
  return Math.round(utc / 86_400_000);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): positive when `to` is later. */
export function daysFromTo(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === undefined || b === undefined)
    throw new Error(`Not a day: ${a === undefined ? from : to}`);
  return b - a;
}
