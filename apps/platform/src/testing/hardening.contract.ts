// Hostile and odd input from outside, as an API fuzzer or a curious client sends it: every case
// is a problem+json 4xx that names what is wrong, never a 500, and changes nothing. One suite for
// every database the platform runs on (PGlite in platform.e2e.spec.ts, a server in
// platform.pg.spec.ts).
import request from 'supertest';
import type { TestPlatform } from './test-platform';

const PROBLEM = /application\/problem\+json/;

/** A list cursor as a client could forge it: base64url JSON of [moment, id]. */
const forgedCursor = (key: unknown): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function describeHardening(name: string, start: () => Promise<TestPlatform>): void {
  describe(`the platform under hostile input on ${name}`, () => {
    let t: TestPlatform;
    let coordinator: string;
    let analyst: string;

    beforeAll(async () => {
      t = await start();
      coordinator = t.tokens.coordinator('GM0363');
      analyst = t.tokens.analyst('amsterdam');
    });
    afterAll(() => t?.close());

    const get = (token: string, path: string) =>
      request(t.http).get(path).set('Authorization', `Bearer ${token}`);

    /** Asserts a problem+json answer with `status` whose errors name `field`. */
    function expectProblem(res: request.Response, status: number, field?: string): void {
      expect({ status: res.status, body: res.body as unknown }).toMatchObject({
        status,
        body: { status },
      });
      expect(res.headers['content-type']).toMatch(PROBLEM);
      if (field !== undefined) {
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
    }

    describe('list cursors that are not ours (400 naming cursor)', () => {
      const cursors: [string, string][] = [
        ['an id that is not a UUID', 'WyIyMDI2LTAxLTAxVDAwOjAwOjAwWiIsImFiYyJd'],
        [
          'a date out of range',
          forgedCursor(['+275760-09-13T00:00:00.000Z', '6f1c1f9e-3c1a-4c4e-9a57-0c1d1e1f2a3b']),
        ],
        [
          'year 0 after the time-zone shift',
          forgedCursor(['0001-01-01T00:30:00+01:00', '6f1c1f9e-3c1a-4c4e-9a57-0c1d1e1f2a3b']),
        ],
        [
          'a date that is no date-time',
          forgedCursor(['2026-W01', '6f1c1f9e-3c1a-4c4e-9a57-0c1d1e1f2a3b']),
        ],
        ['a NUL in the id', forgedCursor(['2026-01-01T00:00:00.000Z', 'a\u0000b'])],
      ];

      it.each(cursors)('refuses %s on the signal list', async (_name, cursor) => {
        const res = await get(coordinator, `/api/v1/signals?cursor=${cursor}`);
        expectProblem(res, 400, 'cursor');
      });

      it.each(cursors)('refuses %s on the escalation list', async (_name, cursor) => {
        const res = await get(analyst, `/api/v1/escalations?cursor=${cursor}`);
        expectProblem(res, 400, 'cursor');
      });
    });
  });
}
