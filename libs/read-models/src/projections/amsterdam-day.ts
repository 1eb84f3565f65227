// The calendar day of a moment in the Netherlands (Europe/Amsterdam), as YYYY-MM-DD.
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function amsterdamDay(moment: Date): string {
  return formatter.format(moment);
}
