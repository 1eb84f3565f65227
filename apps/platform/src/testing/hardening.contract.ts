// Hostile and odd input from outside, as an API fuzzer or a curious client sends it: every case
// is a problem+json 4xx that names what is wrong, never a 500, and changes nothing. One suite for
// every database the platform runs on (PGlite in platform.e2e.spec.ts, a server in
// platform.pg.spec.ts).
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { aThreatRequest } from '@weerbaar/testing';
import type { TestPlatform } from './test-platform';

const PROBLEM = /application\/problem\+json/;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** The port of the platform's HTTP server, listening on loopback from the first call on. */
async function portOf(t: TestPlatform): Promise<number> {
  if (!t.http.listening) {
    t.http.listen(0, '127.0.0.1');
    await once(t.http, 'listening');
  }
  return (t.http.address() as AddressInfo).port;
}

/** A request with exactly these bytes and headers (supertest would serialise a Buffer as JSON). */
async function sendRaw(
  t: TestPlatform,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<RawResponse> {
  const req = httpRequest({
    port: await portOf(t),
    host: '127.0.0.1',
    method: 'POST',
    path,
    headers,
  });
  req.end(body);
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** As much of an OpenAPI document as these tests read. */
interface OpenApiJson {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean; schema: object }[];
        requestBody?: object;
        responses: Record<string, { headers?: object }>;
      }
    >
  >;
  components: {
    schemas: Record<string, { additionalProperties?: boolean; properties: Record<string, object> }>;
  };
}

/**
 * HTTP timeouts small enough for a test to see them work; start the platform of this suite with
 * `{ http: HARDENING_HTTP_LIMITS }`.
 */
export const HARDENING_HTTP_LIMITS = { idleTimeoutMs: 2_000, requestTimeoutMs: 10_000 };

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
    const post = (token: string, path: string, body: object) =>
      request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
    const patch = (token: string, path: string, body: object) =>
      request(t.http).patch(path).set('Authorization', `Bearer ${token}`).send(body);

    /** Asserts a problem+json answer with `status` whose errors name `field`. */
    function expectProblem(
      res: request.Response | RawResponse,
      status: number,
      field?: string,
    ): void {
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

    describe('text that PostgreSQL cannot store (422 naming the field)', () => {
      const NOT_STORABLE = /must not contain NUL characters or invalid Unicode/;
      let signalId: string;
      beforeAll(async () => {
        signalId = (
          await post(coordinator, '/api/v1/signals', aThreatRequest().build()).expect(201)
        ).body.signalId;
      });

      const records: [string, Record<string, unknown>, string][] = [
        ['a NUL in the description', { description: 'a\u0000b' }, 'description'],
        ['a lone high surrogate in the description', { description: 'x\ud800' }, 'description'],
        [
          'a NUL in a subject identifier',
          { subjects: [{ kind: 'PERSON', identifier: 'Jan\u0000de Vries' }] },
          'subjects[0].identifier',
        ],
        [
          'a lone low surrogate in a display name',
          { subjects: [{ kind: 'PERSON', identifier: 'p1', displayName: '\udc00Jan' }] },
          'subjects[0].displayName',
        ],
        [
          'a NUL in the police reference',
          { policeReportFiled: true, policeReportReference: 'PL\u0000' },
          'policeReportReference',
        ],
      ];

      it.each(records)('refuses to record %s', async (_name, fields, field) => {
        const id = randomUUID();
        const res = await post(
          coordinator,
          '/api/v1/signals',
          aThreatRequest().withId(id).with(fields).build(),
        );
        expectProblem(res, 422, field);
        expect(JSON.stringify(res.body.errors)).toMatch(NOT_STORABLE);
        await get(coordinator, `/api/v1/signals/${id}`).expect(404);
      });

      it.each([
        ['a lone surrogate in the reason', { severity: 4, reason: '\ud800' }, 'reason'],
        ['a NUL in the description', { description: '\u0000', reason: 'x' }, 'description'],
      ])('refuses to amend with %s', async (_name, body, field) => {
        const res = await patch(coordinator, `/api/v1/signals/${signalId}`, body).set(
          'If-Match',
          '"0"',
        );
        expectProblem(res, 422, field);
        const read = await get(coordinator, `/api/v1/signals/${signalId}`).expect(200);
        expect(read.headers.etag).toBe('"0"');
      });

      it('refuses to retract with a NUL in the reason', async () => {
        const res = await post(coordinator, `/api/v1/signals/${signalId}/retract`, {
          reason: 'dubbel\u0000',
        }).set('If-Match', '"0"');
        expectProblem(res, 422, 'reason');
        const read = await get(coordinator, `/api/v1/signals/${signalId}`).expect(200);
        expect(read.body.status).toBe('LIVE');
      });
    });

    describe('the subject of a bearer token ends up in events: only sane text (401)', () => {
      const claims = { role: 'coordinator', municipality: 'GM0363' };
      it.each([
        ['a NUL', 'user\u0000'],
        ['a control character', 'user\u0007'],
        ['a lone surrogate', 'user\ud800'],
        ['over 200 characters', 'u'.repeat(201)],
      ])('refuses a sub with %s', async (_name, sub) => {
        const token = t.tokens.signed({ ...claims, sub });
        const res = await post(token, '/api/v1/signals', aThreatRequest().build());
        expectProblem(res, 401);
      });

      it('takes a sub of 200 characters with letters beyond ASCII', async () => {
        const token = t.tokens.signed({ ...claims, sub: `Jörg 😀 ${'x'.repeat(192)}` });
        await get(token, '/api/v1/signals?limit=1').expect(200);
      });
    });

    describe('dates in queries that the server does not read (400 naming the parameter)', () => {
      const queries: [string, string, string][] = [
        ['signals', '/api/v1/signals?from=2026-11', 'from'],
        ['signals', '/api/v1/signals?from=20261124', 'from'],
        ['signals', '/api/v1/signals?to=2026-W01', 'to'],
        ['signals', '/api/v1/signals?to=2026-11-24T10:00:00', 'to'],
        ['signals', '/api/v1/signals?from=0001-01-01T00:30:00%2B01:00', 'from'],
        ['risk', '/api/v1/municipalities/GM0363/risk?asOf=2026-W01', 'asOf'],
        ['risk', '/api/v1/municipalities/GM0363/risk?asOf=20261124', 'asOf'],
        ['risk', '/api/v1/municipalities/GM0363/risk?asOf=2026-11', 'asOf'],
        ['risk', '/api/v1/municipalities/GM0363/risk?asOf=2026-02-30T00:00:00Z', 'asOf'],
        ['timeseries', '/api/v1/municipalities/GM0363/timeseries?from=2026-11', 'from'],
        ['timeseries', '/api/v1/municipalities/GM0363/timeseries?from=2026-W01', 'from'],
        ['timeseries', '/api/v1/municipalities/GM0363/timeseries?to=20261124', 'to'],
        ['timeseries', '/api/v1/municipalities/GM0363/timeseries?to=2026-02-30', 'to'],
        ['timeseries', '/api/v1/municipalities/GM0363/timeseries?from=0000-01-01', 'from'],
      ];

      it.each(queries)('refuses on %s: %s', async (_name, path, field) => {
        const res = await get(path.includes('/signals') ? coordinator : analyst, path);
        expectProblem(res, 400, field);
      });

      it('refuses a week in the region risk query', async () => {
        const res = await get(analyst, '/api/v1/regions/amsterdam/risk?asOf=2026-W01');
        expectProblem(res, 400, 'asOf');
      });

      it('reads the earliest and the latest moments it takes', async () => {
        await get(analyst, '/api/v1/municipalities/GM0363/risk?asOf=0001-01-01T00:00:00Z').expect(
          200,
        );
        await get(analyst, '/api/v1/regions/amsterdam/risk?asOf=0001-01-01T00:00:00Z').expect(200);
        await get(
          coordinator,
          '/api/v1/signals?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z',
        ).expect(200);
        const series = await get(
          analyst,
          '/api/v1/municipalities/GM0363/timeseries?from=2024-02-29&to=2024-03-01',
        ).expect(200);
        expect(series.body).toMatchObject({ from: '2024-02-29', to: '2024-03-01' });
      });

      it('documents the formats it takes', async () => {
        const { body } = await request(t.http).get('/api/docs-json').expect(200);
        const formatOf = (path: string, name: string): unknown =>
          (body.paths[path].get.parameters as { name: string; schema: { format?: string } }[]).find(
            (p) => p.name === name,
          )?.schema.format;
        expect(formatOf('/api/v1/signals', 'from')).toBe('date-time');
        expect(formatOf('/api/v1/signals', 'to')).toBe('date-time');
        expect(formatOf('/api/v1/municipalities/{code}/risk', 'asOf')).toBe('date-time');
        expect(formatOf('/api/v1/regions/{riecRegion}/risk', 'asOf')).toBe('date-time');
        expect(formatOf('/api/v1/municipalities/{code}/timeseries', 'from')).toBe('date');
        expect(formatOf('/api/v1/municipalities/{code}/timeseries', 'to')).toBe('date');
      });
    });

    describe('bodies the body parser cannot read (4xx before any token is checked)', () => {
      const raw = (headers: Record<string, string>, body: Buffer) =>
        sendRaw(t, '/api/v1/signals', headers, body);
      const JSON_TYPE = { 'Content-Type': 'application/json' };

      it.each([
        ['br', 'not brotli'],
        ['gzip', 'not gzip'],
        ['deflate', 'not deflate'],
      ])('answers 400 for a body that is no %s', async (encoding, body) => {
        const res = await raw({ ...JSON_TYPE, 'Content-Encoding': encoding }, Buffer.from(body));
        expectProblem(res, 400);
        expect(res.body.detail).toMatch(/Content-Encoding/);
      });

      it('answers 400 for a truncated gzip body', async () => {
        const truncated = gzipSync(JSON.stringify(aThreatRequest().build())).subarray(0, 20);
        expectProblem(await raw({ ...JSON_TYPE, 'Content-Encoding': 'gzip' }, truncated), 400);
      });

      it('answers 415 for a Content-Encoding it does not support', async () => {
        const res = await raw({ ...JSON_TYPE, 'Content-Encoding': 'compress' }, Buffer.from('{}'));
        expectProblem(res, 415);
        expect(res.body.detail).toMatch(/Content-Encoding/);
      });

      it('answers 415 for a charset it does not read', async () => {
        const res = await raw(
          { 'Content-Type': 'application/json; charset=klingon' },
          Buffer.from('{}'),
        );
        expectProblem(res, 415);
      });

      it.each(['application/json; charset', 'application/json; charset="utf-8'])(
        'answers a 4xx for the malformed Content-Type %s',
        async (contentType) => {
          const res = await raw({ 'Content-Type': contentType }, Buffer.from('{}'));
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.headers['content-type']).toMatch(PROBLEM);
        },
      );

      it('answers 413 for a compressed body that inflates beyond 64 KiB', async () => {
        const bomb = gzipSync(Buffer.alloc(1_000_000, ' '));
        expectProblem(await raw({ ...JSON_TYPE, 'Content-Encoding': 'gzip' }, bomb), 413);
      });

      it('reads a gzip body it can read', async () => {
        const body = gzipSync(JSON.stringify(aThreatRequest().build()));
        const res = await raw(
          { ...JSON_TYPE, 'Content-Encoding': 'gzip', Authorization: `Bearer ${coordinator}` },
          body,
        );
        expect(res.status).toBe(201);
      });
    });

    describe("another municipality's signal id (404: its existence is not revealed)", () => {
      it('answers 404 to a coordinator who posts it for their own municipality', async () => {
        const rotterdam = t.tokens.coordinator('GM0599');
        const signalId = randomUUID();
        await post(
          rotterdam,
          '/api/v1/signals',
          aThreatRequest().in('GM0599').withId(signalId).build(),
        ).expect(201);
        const res = await post(
          coordinator,
          '/api/v1/signals',
          aThreatRequest().withId(signalId).build(),
        );
        expectProblem(res, 404);
        expect(JSON.stringify(res.body)).not.toMatch(/other content|exists/);
        const read = await get(rotterdam, `/api/v1/signals/${signalId}`).expect(200);
        expect(read.body).toMatchObject({ municipality: 'GM0599', revision: 0 });
      });
    });

    describe('a client that stops sending', () => {
      it('has its connection closed once it is idle, long before the default would', async () => {
        const { idleTimeoutMs } = t.config.http;
        expect(idleTimeoutMs).toBeLessThan(15_000);
        const socket = connect(await portOf(t), '127.0.0.1');
        await once(socket, 'connect');
        const started = Date.now();
        // Announces 100 bytes, sends 10, then silence.
        socket.write(
          'POST /api/v1/signals HTTP/1.1\r\nHost: localhost\r\n' +
            'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":1234}',
        );
        socket.resume();
        const deadline = idleTimeoutMs + 2_000;
        let timer: NodeJS.Timeout | undefined;
        try {
          const closedBy = await Promise.race([
            once(socket, 'close').then(() => 'server'),
            new Promise((resolve) => (timer = setTimeout(() => resolve('deadline'), deadline))),
          ]);
          expect(closedBy).toBe('server');
          expect(Date.now() - started).toBeGreaterThanOrEqual(idleTimeoutMs - 100);
        } finally {
          clearTimeout(timer);
          socket.destroy();
        }
      }, 15_000);
    });

    describe('the OpenAPI document says what the server enforces', () => {
      let doc: OpenApiJson;
      beforeAll(async () => {
        doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
      });
      const parameter = (path: string, method: string, name: string) =>
        doc.paths[path][method].parameters?.find((p) => p.name === name);

      it('names the shape of path and query parameters', () => {
        expect(parameter('/api/v1/signals/{signalId}', 'get', 'signalId')?.schema).toMatchObject({
          format: 'uuid',
        });
        expect(
          parameter('/api/v1/escalations/{escalationId}/acknowledge', 'post', 'escalationId')
            ?.schema,
        ).toMatchObject({ format: 'uuid' });
        expect(
          parameter('/api/v1/municipalities/{code}/risk', 'get', 'code')?.schema,
        ).toMatchObject({ pattern: '^GM\\d{4}$' });
        expect(parameter('/api/v1/escalations', 'get', 'municipality')?.schema).toMatchObject({
          pattern: '^GM\\d{4}$',
        });
        expect(parameter('/api/v1/signals', 'get', 'limit')?.schema).toMatchObject({
          type: 'integer',
        });
      });

      it('closes request bodies, which refuse unknown fields', async () => {
        const { RecordSignalRequestDto, SubjectDto } = doc.components.schemas;
        expect(RecordSignalRequestDto.additionalProperties).toBe(false);
        expect(SubjectDto.additionalProperties).toBe(false);
        expect(RecordSignalRequestDto.properties.description).toMatchObject({
          minLength: 1,
          maxLength: 10_000,
        });
        const res = await post(coordinator, '/api/v1/signals', {
          ...aThreatRequest().build(),
          subjects: [{ kind: 'PERSON', identifier: 'x', colour: 'red' }],
        });
        expectProblem(res, 400, 'subjects[0].colour');
      });

      it('documents 413 and 415 on every operation with a body, and 428 where If-Match is required', () => {
        for (const [path, item] of Object.entries(doc.paths)) {
          for (const [method, operation] of Object.entries(item)) {
            if (!operation.requestBody) continue;
            expect({ path, method, statuses: Object.keys(operation.responses) }).toEqual({
              path,
              method,
              statuses: expect.arrayContaining(['400', '413', '415']),
            });
          }
        }
        for (const [path, method] of [
          ['/api/v1/signals/{signalId}', 'patch'],
          ['/api/v1/signals/{signalId}/retract', 'post'],
        ]) {
          expect(doc.paths[path][method].responses).toHaveProperty('428');
          expect(parameter(path, method, 'If-Match')).toMatchObject({
            in: 'header',
            required: true,
          });
        }
      });

      it('says that optional fields may be null, which recording takes for not given', async () => {
        const { properties } = doc.components.schemas.RecordSignalRequestDto;
        expect(properties.classification).toMatchObject({ nullable: true });
        expect(properties.classification).toMatchObject({ enum: expect.arrayContaining([null]) });
        expect(properties.signalId).toMatchObject({ nullable: true });
        const res = await post(coordinator, '/api/v1/signals', {
          ...aThreatRequest().build(),
          signalId: null,
          classification: null,
          subjects: null,
        }).expect(201);
        const read = await get(coordinator, `/api/v1/signals/${res.body.signalId}`).expect(200);
        expect(read.body).toMatchObject({ classification: 'TLP:AMBER', subjects: [] });
      });

      it('gives the Location and ETag headers a schema', () => {
        const created = doc.paths['/api/v1/signals'].post.responses['201'];
        expect(created.headers).toMatchObject({
          Location: { schema: { type: 'string' } },
          ETag: { schema: { type: 'string' } },
        });
      });
    });

    it('answers a request that is not HTTP with a 400 problem', async () => {
      const socket = connect(await portOf(t), '127.0.0.1');
      await once(socket, 'connect');
      socket.write('NOT HTTP AT ALL\r\n\r\n');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      await once(socket, 'close');
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/Content-Type: application\/problem\+json/);
      expect(JSON.parse(answer.split('\r\n\r\n')[1])).toMatchObject({ status: 400 });
    });
  });
}
