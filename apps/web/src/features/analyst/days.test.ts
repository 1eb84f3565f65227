import { expect, it } from 'vitest';
import { addDays, amsterdamToday, endOfAmsterdamDay, isDay, weekday } from './days';

it('gives the last moment of a day in Amsterdam, in winter and in summer time', () => {
  expect(endOfAmsterdamDay('2026-11-20')).toBe('2026-11-20T22:59:59.999Z');
  expect(endOfAmsterdamDay('2026-07-01')).toBe('2026-07-01T21:59:59.999Z');
  // The clocks go forward in the night of 28 to 29 March 2026 and back on 25 October.
  expect(endOfAmsterdamDay('2026-03-28')).toBe('2026-03-28T22:59:59.999Z');
  expect(endOfAmsterdamDay('2026-03-29')).toBe('2026-03-29T21:59:59.999Z');
  expect(endOfAmsterdamDay('2026-10-24')).toBe('2026-10-24T21:59:59.999Z');
  expect(endOfAmsterdamDay('2026-10-25')).toBe('2026-10-25T22:59:59.999Z');
  expect(endOfAmsterdamDay('2026-12-31')).toBe('2026-12-31T22:59:59.999Z');
});

it("knows Amsterdam's today around midnight UTC", () => {
  expect(amsterdamToday(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
  expect(amsterdamToday(new Date('2026-11-24T22:30:00Z'))).toBe('2026-11-24');
});

it('accepts only real days', () => {
  expect(isDay('2024-02-29')).toBe(true);
  expect(isDay('2026-02-29')).toBe(false);
  expect(isDay('2026-2-1')).toBe(false);
  expect(isDay('')).toBe(false);
  expect(isDay(null)).toBe(false);
});

it('counts days and weekdays', () => {
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  expect(weekday('2026-11-23')).toBe(0); // a Monday
  expect(weekday('2026-11-29')).toBe(6);
});
