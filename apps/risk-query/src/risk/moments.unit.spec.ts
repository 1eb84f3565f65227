import { ValidationError } from '@weerbaar/domain';
import { RequestValidationException } from '@weerbaar/http';
import { dayRange, momentOf } from './moments';

const NOW = new Date('2026-11-24T12:00:00.000Z');

describe('momentOf', () => {
  it('reads a zoned date-time, and is now without one', () => {
    expect(momentOf('2026-11-20T21:15:00+01:00', NOW).toISOString()).toBe(
      '2026-11-20T20:15:00.000Z',
    );
    expect(momentOf(undefined, NOW)).toBe(NOW);
  });

  it('refuses the future (422) and what is no date-time (400)', () => {
    expect(() => momentOf('2026-11-25T00:00:00Z', NOW)).toThrow(ValidationError);
    expect(() => momentOf('2026-W01', NOW)).toThrow(RequestValidationException);
  });
});

describe('dayRange', () => {
  it('defaults to the last 365 days, in Amsterdam days', () => {
    expect(dayRange(undefined, undefined, NOW)).toEqual({ from: '2025-11-24', to: '2026-11-24' });
    expect(dayRange('2024-02-29', '2024-03-01', NOW)).toEqual({
      from: '2024-02-29',
      to: '2024-03-01',
    });
  });

  it('refuses a from after to', () => {
    expect(() => dayRange('2026-11-02', '2026-11-01', NOW)).toThrow(ValidationError);
  });
});
