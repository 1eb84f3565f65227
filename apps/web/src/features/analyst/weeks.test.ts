import { expect, it } from 'vitest';
import { niceScale, weeklyBuckets } from './weeks';

it('groups days into Monday-to-Sunday weeks, cut to the range', () => {
  // Wednesday 4 November to Tuesday 24 November 2026.
  const buckets = weeklyBuckets('2026-11-04', '2026-11-24', [
    { day: '2026-11-04', category: 'THREAT', count: 2 },
    { day: '2026-11-08', category: 'BRIBERY', count: 1 },
    { day: '2026-11-09', category: 'INFILTRATION', count: 3 },
    { day: '2026-11-24', category: 'THREAT', count: 1 },
    { day: '2026-11-25', category: 'THREAT', count: 9 },
  ]);
  expect(buckets.map((b) => [b.start, b.end, b.total])).toEqual([
    ['2026-11-04', '2026-11-08', 3],
    ['2026-11-09', '2026-11-15', 3],
    ['2026-11-16', '2026-11-22', 0],
    ['2026-11-23', '2026-11-24', 1],
  ]);
  expect(buckets[0].counts).toEqual({ THREAT: 2, BRIBERY: 1, INFILTRATION: 0 });
});

it('rounds the axis to whole steps', () => {
  expect(niceScale(0)).toEqual({ top: 1, step: 1 });
  expect(niceScale(1)).toEqual({ top: 1, step: 1 });
  expect(niceScale(3)).toEqual({ top: 3, step: 1 });
  expect(niceScale(7)).toEqual({ top: 8, step: 2 });
  expect(niceScale(23)).toEqual({ top: 30, step: 10 });
});
