import { expect, it } from 'vitest';
import {
  amsterdamToIso,
  isoToAmsterdam,
  startOfAmsterdamDay,
  startOfNextAmsterdamDay,
} from './datetime';

it('gives Amsterdam wall-clock times the offset of their season', () => {
  expect(amsterdamToIso('2025-01-15', '14:30')).toBe('2025-01-15T14:30:00+01:00');
  expect(amsterdamToIso('2025-07-15', '14:30')).toBe('2025-07-15T14:30:00+02:00');
  // The last minutes before and the first after the clocks change.
  expect(amsterdamToIso('2025-03-30', '01:59')).toBe('2025-03-30T01:59:00+01:00');
  expect(amsterdamToIso('2025-03-30', '03:00')).toBe('2025-03-30T03:00:00+02:00');
  expect(amsterdamToIso('2025-10-26', '03:00')).toBe('2025-10-26T03:00:00+01:00');
  expect(amsterdamToIso('2025-10-26', '01:30')).toBe('2025-10-26T01:30:00+02:00');
});

it('refuses dates and times that do not exist', () => {
  expect(amsterdamToIso('2025-02-31', '12:00')).toBeUndefined();
  expect(amsterdamToIso('2025-01-15', '24:00')).toBeUndefined();
  expect(amsterdamToIso('', '12:00')).toBeUndefined();
  expect(amsterdamToIso('2025-01-15', '')).toBeUndefined();
});

it('reads an instant back as its Amsterdam date and time', () => {
  expect(isoToAmsterdam('2025-01-15T13:30:00.000Z')).toEqual({ date: '2025-01-15', time: '14:30' });
  expect(isoToAmsterdam('2025-07-15T22:30:00.000Z')).toEqual({ date: '2025-07-16', time: '00:30' });
});

it('bounds whole days for the list filter', () => {
  expect(startOfAmsterdamDay('2025-03-30')).toBe('2025-03-30T00:00:00+01:00');
  expect(startOfNextAmsterdamDay('2025-03-30')).toBe('2025-03-31T00:00:00+02:00');
  expect(startOfNextAmsterdamDay('2025-12-31')).toBe('2026-01-01T00:00:00+01:00');
});
