import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { IsIsoDate, IsIsoDateTime } from './iso-date.validators';
import { flattenValidationErrors } from './validation';

class Query {
  @IsOptional()
  @IsIsoDateTime()
  asOf?: string;

  @IsOptional()
  @IsIsoDate()
  from?: string;
}

const problemsOf = (query: Record<string, unknown>) =>
  flattenValidationErrors(validateSync(plainToInstance(Query, query)));

describe('IsIsoDateTime', () => {
  it.each(['2026-11-20T21:15:00+01:00', '2026-11-20T20:15Z', '0001-01-01T00:00:00Z'])(
    'takes %s',
    (asOf) => expect(problemsOf({ asOf })).toEqual([]),
  );

  it.each([
    '2026-W01',
    '20261124',
    '2026-11',
    '2026-11-20',
    '2026-11-20T21:15:00',
    '2026-02-30T00:00:00Z',
    '0001-01-01T00:30:00+01:00',
    '9999-12-31T23:30:00-01:00',
  ])('refuses %s, naming the field', (asOf) => {
    expect(problemsOf({ asOf })).toEqual([
      { field: 'asOf', message: expect.stringMatching(/ISO-8601 date-time with a time zone/) },
    ]);
  });

  it('refuses what is not a string', () => {
    expect(problemsOf({ asOf: ['2026-11-20T21:15:00Z'] })).toHaveLength(1);
  });
});

describe('IsIsoDate', () => {
  it.each(['2026-11-20', '2024-02-29'])('takes %s', (from) =>
    expect(problemsOf({ from })).toEqual([]),
  );

  it.each(['2026-11', '2026-W01', '20261124', '2026-02-29', '2026-11-20T00:00:00Z'])(
    'refuses %s, naming the field',
    (from) => {
      expect(problemsOf({ from })).toEqual([
        { field: 'from', message: expect.stringMatching(/YYYY-MM-DD/) },
      ]);
    },
  );
});
