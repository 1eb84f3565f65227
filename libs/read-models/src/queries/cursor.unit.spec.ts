import { MalformedInputError } from '@weerbaar/domain';
import { decodeCursor, encodeCursor } from './cursor';

const ID = '6f1c1f9e-3c1a-4c4e-9a57-0c1d1e1f2a3b';
const forged = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('list cursors', () => {
  it('decodes what it encodes', () => {
    const key = ['2026-01-01T10:00:00.000Z', ID] as const;
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(decodeCursor(encodeCursor(['0001-01-01T00:00:00.000Z', ID]))).toEqual([
      '0001-01-01T00:00:00.000Z',
      ID,
    ]);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'nonsense'],
    ['an id that is not a UUID', forged(['2026-01-01T00:00:00Z', 'abc'])],
    ['an id that is not a string', forged(['2026-01-01T00:00:00Z', 7])],
    ['a NUL in the id', forged(['2026-01-01T00:00:00Z', `${ID}\u0000`])],
    ['a moment without a time zone', forged(['2026-01-01T00:00:00', ID])],
    ['an ISO week', forged(['2026-W01', ID])],
    ['a date only', forged(['20261124', ID])],
    ['a six-digit year', forged(['+275760-09-13T00:00:00.000Z', ID])],
    ['year 0 after the time-zone shift', forged(['0001-01-01T00:30:00+01:00', ID])],
    ['year 10000 after the time-zone shift', forged(['9999-12-31T23:30:00-01:00', ID])],
    ['a 30 February', forged(['2026-02-30T00:00:00Z', ID])],
    ['three parts', forged(['2026-01-01T00:00:00Z', ID, 'x'])],
    ['an object', forged({ moment: '2026-01-01T00:00:00Z', id: ID })],
  ])('refuses %s as a 400 naming the cursor', (_name, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MalformedInputError);
    expect((error as MalformedInputError).errors).toEqual([
      { field: 'cursor', message: expect.any(String) },
    ]);
  });
});
