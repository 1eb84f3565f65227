import { isIsoDate, parseIsoDateTime } from './time';

describe('parseIsoDateTime', () => {
  it.each([
    ['2026-11-20T21:15:00+01:00', '2026-11-20T20:15:00.000Z'],
    ['2026-11-20T21:15Z', '2026-11-20T21:15:00.000Z'],
    ['2026-11-20T21:15:00.123456789Z', '2026-11-20T21:15:00.123Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0001-01-01T00:30:00-01:00', '0001-01-01T01:30:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseIsoDateTime(text)?.toISOString()).toBe(instant);
  });

  it.each([
    ['a date only', '2026-11-20'],
    ['an ISO week', '2026-W01'],
    ['the basic format', '20261120T211500Z'],
    ['no time zone', '2026-11-20T21:15:00'],
    ['a 30 February', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '2026-02-29T00:00:00Z'],
    ['hour 24', '2026-11-20T24:00:00Z'],
    ['year 0', '0000-06-01T00:00:00Z'],
    ['year 0 after the time-zone shift', '0001-01-01T00:30:00+01:00'],
    ['year 10000 after the time-zone shift', '9999-12-31T23:30:00-01:00'],
    ['an expanded year', '+275760-09-13T00:00:00Z'],
  ])('refuses %s', (_name, text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });
});

describe('isIsoDate', () => {
  it.each(['2026-11-24', '2024-02-29', '0001-01-01', '9999-12-31'])('takes %s', (text) => {
    expect(isIsoDate(text)).toBe(true);
  });

  it.each([
    '2026-11',
    '2026-W01',
    '20261124',
    '2026-11-24T00:00:00Z',
    '2026-02-29',
    '2026-13-01',
    '2026-04-31',
    '0000-01-01',
    '+02026-11-24',
  ])('refuses %s', (text) => {
    expect(isIsoDate(text)).toBe(false);
  });
});
