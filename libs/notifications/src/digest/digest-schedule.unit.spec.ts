// The digest is due on the configured weekday and time in Amsterdam, in winter and in summer,
// and belongs to one ISO week.
import { isoWeekOf, latestDigestOccasion } from './digest-schedule';

const MONDAY_8 = { weekday: 1, hour: 8, minute: 0 };
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('digest schedule', () => {
  it('is due on Monday 08:00 Amsterdam time: 07:00 UTC in winter, 06:00 UTC in summer', () => {
    // Tuesday 24 November 2026 → Monday 23 November, CET.
    expect(latestDigestOccasion(new Date('2026-11-24T10:00:00Z'), MONDAY_8)).toEqual({
      due: new Date('2026-11-23T07:00:00Z'),
      week: '2026-W48',
    });
    // Monday 15 June 2026 at 09:00 CEST → that morning, 06:00 UTC.
    expect(latestDigestOccasion(new Date('2026-06-15T07:00:00Z'), MONDAY_8).due).toEqual(
      new Date('2026-06-15T06:00:00Z'),
    );
  });

  it('is the week before until the moment itself has come', () => {
    expect(latestDigestOccasion(new Date('2026-11-23T06:59:59Z'), MONDAY_8)).toEqual({
      due: new Date('2026-11-16T07:00:00Z'),
      week: '2026-W47',
    });
    expect(latestDigestOccasion(new Date('2026-11-23T07:00:00Z'), MONDAY_8).week).toBe('2026-W48');
  });

  it('takes any weekday and time', () => {
    expect(
      latestDigestOccasion(new Date('2026-11-24T10:00:00Z'), { weekday: 5, hour: 16, minute: 30 })
        .due,
    ).toEqual(new Date('2026-11-20T15:30:00Z'));
  });

  it('numbers ISO weeks across the turn of the year', () => {
    expect(isoWeekOf(dayOf('2026-12-31'))).toBe('2026-W53');
    expect(isoWeekOf(dayOf('2027-01-03'))).toBe('2026-W53');
    expect(isoWeekOf(dayOf('2027-01-04'))).toBe('2027-W01');
    expect(isoWeekOf(dayOf('2024-12-30'))).toBe('2025-W01');
  });
});
