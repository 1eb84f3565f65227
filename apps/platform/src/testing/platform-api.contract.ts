// The platform end to end through its HTTP API: signals, validation, scopes, concurrency, risk
// pictures, escalations and a rebuild that equals the live run. One suite for every database
// the platform runs on (PGlite in platform.e2e.spec.ts, a server in platform.pg.spec.ts).
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { aBriberyRequest, aThreatRequest } from '@weerbaar/testing';
import type { TestPlatform } from './test-platform';

const PROBLEM = /application\/problem\+json/;

export function describePlatformApi(name: string, start: () => Promise<TestPlatform>): void {
  describe(`the platform's HTTP API on ${name}`, () => {
    let t: TestPlatform;
    let coordinator: string;
    let analyst: string;

    beforeAll(async () => {
      t = await start();
      coordinator = t.tokens.coordinator('GM0363');
      analyst = t.tokens.analyst('amsterdam');
    });
    afterAll(() => t?.close());

    const post = (token: string, body: unknown) =>
      request(t.http)
        .post('/api/v1/signals')
        .set('Authorization', `Bearer ${token}`)
        .send(body as object);
    const get = (token: string, path: string) =>
      request(t.http).get(path).set('Authorization', `Bearer ${token}`);
    const signalCount = async () =>
      (await get(coordinator, '/api/v1/signals?limit=200').expect(200)).body.items.length as number;

    describe('authentication and scope', () => {
      it('answers health without a token', async () => {
        await request(t.http).get('/health/live').expect(200, { status: 'ok' });
        const ready = await request(t.http).get('/health/ready').expect(200);
        expect(ready.body.status).toBe('ok');
      });

      it('denies a request without a token, with a bad token and with an expired one (401)', async () => {
        const none = await request(t.http).get('/api/v1/signals').expect(401);
        expect(none.headers['content-type']).toMatch(PROBLEM);
        expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
        await get('not-a-jwt', '/api/v1/signals').expect(401);
        await get(t.tokens.forged(), '/api/v1/signals').expect(401);
        await get(t.tokens.expired(), '/api/v1/signals').expect(401);
      });

      it('forbids a role the endpoint does not serve (403)', async () => {
        const res = await post(t.tokens.analyst('amsterdam'), aThreatRequest().build()).expect(403);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        await get(t.tokens.burgemeester('GM0363'), '/api/v1/signals').expect(403);
        await get(t.tokens.admin(), '/api/v1/municipalities/GM0363/risk').expect(403);
      });

      it('does not let a coordinator record for another municipality', async () => {
        await post(coordinator, aThreatRequest().in('GM0599').build()).expect(403);
      });

      it("hides another municipality's signal and risk picture (404)", async () => {
        const rotterdam = t.tokens.coordinator('GM0599');
        const created = await post(rotterdam, aThreatRequest().in('GM0599').build()).expect(201);
        await get(coordinator, `/api/v1/signals/${created.body.signalId}`).expect(404);
        await get(coordinator, '/api/v1/municipalities/GM0599/risk').expect(404);
        await get(analyst, `/api/v1/signals/${created.body.signalId}`).expect(404);
        await get(t.tokens.analyst('rotterdam'), `/api/v1/signals/${created.body.signalId}`).expect(
          200,
        );
      });
    });

    describe('recording a signal', () => {
      it('records with a server id: 201, Location, ETag, and reads it back', async () => {
        const res = await post(
          coordinator,
          aThreatRequest().withSubjects({ kind: 'PERSON', identifier: 'Jan  de Vries' }).build(),
        ).expect(201);
        expect(res.body).toEqual({
          signalId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          revision: 0,
        });
        expect(res.headers.location).toBe(`/api/v1/signals/${res.body.signalId}`);
        expect(res.headers.etag).toBe('"0"');
        const read = await get(coordinator, res.headers.location).expect(200);
        expect(read.headers.etag).toBe('"0"');
        expect(read.body).toMatchObject({
          signalId: res.body.signalId,
          status: 'LIVE',
          municipality: 'GM0363',
          category: 'THREAT',
          classification: 'TLP:AMBER',
          sourceReliability: 'F',
          informationCredibility: '6',
          subjects: [
            {
              kind: 'PERSON',
              identifier: 'Jan  de Vries',
              fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
            },
          ],
        });
      });

      it('is idempotent on a client id: same content → 200 with the same body; other content → 409', async () => {
        const signalId = randomUUID();
        const body = aThreatRequest().withId(signalId).build();
        const first = await post(coordinator, body).expect(201);
        const again = await post(coordinator, body).expect(200);
        expect(again.body).toEqual(first.body);
        const other = await post(coordinator, { ...body, severity: 4 }).expect(409);
        expect(other.headers['content-type']).toMatch(PROBLEM);
        const read = await get(coordinator, `/api/v1/signals/${signalId}`).expect(200);
        expect(read.body.severity).toBe(3);
      });

      it('records one signal when the same id is posted concurrently', async () => {
        const signalId = randomUUID();
        const body = aThreatRequest().withId(signalId).build();
        const results = await Promise.all([
          post(coordinator, body),
          post(coordinator, body),
          post(coordinator, body),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
        const read = await get(coordinator, `/api/v1/signals/${signalId}`).expect(200);
        expect(read.headers.etag).toBe('"0"');
      });
    });

    describe('bad input gets a clear error and changes nothing', () => {
      const cases: [string, Record<string, unknown>, number, string][] = [
        ['an unknown field', { ...aThreatRequest().build(), colour: 'red' }, 400, 'colour'],
        ['a severity out of range', aThreatRequest().severity(7).build(), 422, 'severity'],
        [
          'a severity as a string',
          aThreatRequest().with({ severity: '3' }).build(),
          422,
          'severity',
        ],
        ['an unknown municipality', aThreatRequest().in('GM9999').build(), 422, 'municipality'],
        [
          'a subcategory of another category',
          aThreatRequest().with({ subcategory: 'MONEY_OFFER' }).build(),
          422,
          'subcategory',
        ],
        ['an occurrence in the future', aThreatRequest().daysAgo(-2).build(), 422, 'occurredAt'],
        [
          'an occurrence over ten years back',
          aThreatRequest().daysAgo(3700).build(),
          422,
          'occurredAt',
        ],
        [
          'an occurrence without a time zone',
          aThreatRequest().with({ occurredAt: '2026-11-01T10:00:00' }).build(),
          422,
          'occurredAt',
        ],
        ['a missing category', aThreatRequest().without('category').build(), 422, 'category'],
        [
          'a description over 10 000 characters',
          aThreatRequest()
            .with({ description: 'x'.repeat(10_001) })
            .build(),
          422,
          'description',
        ],
        [
          '21 subjects',
          aThreatRequest()
            .withSubjects(
              ...Array.from({ length: 21 }, (_, i) => ({ kind: 'PERSON', identifier: `p${i}` })),
            )
            .build(),
          422,
          'subjects',
        ],
        [
          'a subject of an unknown kind',
          aThreatRequest().withSubjects({ kind: 'ANIMAL', identifier: 'x' }).build(),
          422,
          'subjects[0].kind',
        ],
        [
          'a police reference without a report',
          aThreatRequest().with({ policeReportReference: 'PL1300-2026-1' }).build(),
          422,
          'policeReportReference',
        ],
      ];

      it.each(cases)('rejects %s', async (_name, body, status, field) => {
        await t.settle();
        const before = await signalCount();
        const res = await post(coordinator, body).expect(status);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body).toMatchObject({
          status,
          title: expect.any(String),
          detail: expect.any(String),
        });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|SELECT|INSERT/);
        await t.settle();
        expect(await signalCount()).toBe(before);
      });

      it('rejects a body over 64 KiB (413) and malformed JSON (400) as problem+json', async () => {
        const big = await post(coordinator, {
          ...aThreatRequest().build(),
          description: 'x'.repeat(70_000),
        }).expect(413);
        expect(big.headers['content-type']).toMatch(PROBLEM);
        const bad = await request(t.http)
          .post('/api/v1/signals')
          .set('Authorization', `Bearer ${coordinator}`)
          .set('Content-Type', 'application/json')
          .send('{"municipality": ')
          .expect(400);
        expect(bad.headers['content-type']).toMatch(PROBLEM);
      });
    });

    describe('amend and retract with optimistic concurrency', () => {
      it('needs If-Match (428), refuses a stale one (409), applies a current one', async () => {
        const { body } = await post(coordinator, aThreatRequest().build()).expect(201);
        const path = `/api/v1/signals/${body.signalId}`;
        const patch = () =>
          request(t.http).patch(path).set('Authorization', `Bearer ${coordinator}`);

        await patch().send({ severity: 4, reason: 'Na gesprek bijgesteld' }).expect(428);
        const amended = await patch()
          .set('If-Match', '"0"')
          .send({ severity: 4, reason: 'Na gesprek bijgesteld' })
          .expect(200);
        expect(amended.body).toEqual({ signalId: body.signalId, revision: 1 });
        expect(amended.headers.etag).toBe('"1"');
        const stale = await patch()
          .set('If-Match', '"0"')
          .send({ severity: 2, reason: 'Nogmaals' })
          .expect(409);
        expect(stale.headers['content-type']).toMatch(PROBLEM);
        await patch()
          .set('If-Match', '"1"')
          .send({ municipality: 'GM0599', reason: 'x' })
          .expect(422);
        await patch()
          .set('If-Match', '"1"')
          .send({ severity: 4, reason: 'Geen wijziging' })
          .expect(422);

        const read = await get(coordinator, path).expect(200);
        expect(read.body).toMatchObject({ severity: 4, status: 'LIVE' });
        expect(read.headers.etag).toBe('"1"');

        const retract = () =>
          request(t.http).post(`${path}/retract`).set('Authorization', `Bearer ${coordinator}`);
        await retract().send({ reason: 'Dubbel gemeld' }).expect(428);
        await retract().set('If-Match', '"0"').send({ reason: 'Dubbel gemeld' }).expect(409);
        await retract().set('If-Match', '"1"').send({}).expect(422);
        const retracted = await retract()
          .set('If-Match', '"1"')
          .send({ reason: 'Dubbel gemeld' })
          .expect(200);
        expect(retracted.body.revision).toBe(2);
        await patch().set('If-Match', '"2"').send({ severity: 1, reason: 'Te laat' }).expect(409);
        expect((await get(coordinator, path).expect(200)).body.status).toBe('RETRACTED');
      });

      it('answers 404 for a signal that does not exist', async () => {
        await request(t.http)
          .patch(`/api/v1/signals/${randomUUID()}`)
          .set('Authorization', `Bearer ${coordinator}`)
          .set('If-Match', '"0"')
          .send({ severity: 2, reason: 'x' })
          .expect(404);
        await get(coordinator, `/api/v1/signals/${randomUUID()}`).expect(404);
      });
    });

    describe("a signal's history", () => {
      const history = (token: string, signalId: string) =>
        get(token, `/api/v1/signals/${signalId}/history`);

      it('lists every revision in order: who, when, why and which fields changed', async () => {
        const { body } = await post(coordinator, aThreatRequest().build()).expect(201);
        const path = `/api/v1/signals/${body.signalId}`;
        await request(t.http)
          .patch(path)
          .set('Authorization', `Bearer ${coordinator}`)
          .set('If-Match', '"0"')
          .send({
            severity: 4,
            description: 'Na gesprek aangevuld',
            subjects: [{ kind: 'PERSON', identifier: 'Jan de Vries' }],
            targetRole: 'WETHOUDER', // unchanged: not in the changed fields
            reason: 'Na gesprek bijgesteld',
          })
          .expect(200);
        await request(t.http)
          .post(`${path}/retract`)
          .set('Authorization', `Bearer ${coordinator}`)
          .set('If-Match', '"1"')
          .send({ reason: 'Dubbel gemeld' })
          .expect(200);

        const res = await history(coordinator, body.signalId).expect(200);
        expect(res.headers.etag).toBe('"2"');
        expect(res.body).toEqual({
          signalId: body.signalId,
          revision: 2,
          revisions: [
            {
              revision: 0,
              type: 'RECORDED',
              at: expect.any(String),
              actor: 'coordinator-GM0363',
              reason: null,
              changedFields: [],
            },
            {
              revision: 1,
              type: 'AMENDED',
              at: expect.any(String),
              actor: 'coordinator-GM0363',
              reason: 'Na gesprek bijgesteld',
              changedFields: ['severity', 'description', 'subjects'],
            },
            {
              revision: 2,
              type: 'RETRACTED',
              at: expect.any(String),
              actor: 'coordinator-GM0363',
              reason: 'Dubbel gemeld',
              changedFields: [],
            },
          ],
        });
        const times = (res.body.revisions as { at: string }[]).map((r) => Date.parse(r.at));
        expect(times.every((time, i) => i === 0 || time >= times[i - 1])).toBe(true);
        // The analyst of the region reads it too, with the same answer.
        expect((await history(analyst, body.signalId).expect(200)).body).toEqual(res.body);
      });

      it("hides another municipality's history, and an unknown signal's (404)", async () => {
        const rotterdam = t.tokens.coordinator('GM0599');
        const created = await post(rotterdam, aThreatRequest().in('GM0599').build()).expect(201);
        const outOfScope = await history(coordinator, created.body.signalId).expect(404);
        expect(outOfScope.headers['content-type']).toMatch(PROBLEM);
        await history(analyst, created.body.signalId).expect(404);
        await history(rotterdam, created.body.signalId).expect(200);
        const unknown = await history(coordinator, randomUUID()).expect(404);
        // Out of scope looks exactly like not there.
        expect(unknown.body.title).toBe(outOfScope.body.title);
        expect(unknown.body.type).toBe(outOfScope.body.type);
        await history(coordinator, 'not-a-uuid').expect(400);
      });

      it('is not for the burgemeester, as no signal read is (403)', async () => {
        const { body } = await post(coordinator, aThreatRequest().build()).expect(201);
        const mayor = t.tokens.burgemeester('GM0363');
        await get(mayor, `/api/v1/signals/${body.signalId}`).expect(403);
        const res = await history(mayor, body.signalId).expect(403);
        expect(res.headers['content-type']).toMatch(PROBLEM);
      });
    });

    describe('lists, risk pictures and escalations', () => {
      it('lists signals newest first with a cursor, and filters', async () => {
        const utrecht = t.tokens.coordinator('GM0344');
        for (const days of [5, 4, 3, 2, 1])
          await post(utrecht, aBriberyRequest().in('GM0344').daysAgo(days).build()).expect(201);
        await t.settle();
        const first = await get(utrecht, '/api/v1/signals?limit=2').expect(200);
        expect(first.body.items).toHaveLength(2);
        const second = await get(
          utrecht,
          `/api/v1/signals?limit=2&cursor=${first.body.nextCursor}`,
        ).expect(200);
        const third = await get(
          utrecht,
          `/api/v1/signals?limit=2&cursor=${second.body.nextCursor}`,
        ).expect(200);
        expect(third.body.nextCursor).toBeNull();
        const all = [...first.body.items, ...second.body.items, ...third.body.items];
        expect(all).toHaveLength(5);
        const times = all.map((i: { occurredAt: string }) => i.occurredAt);
        expect([...times].sort().reverse()).toEqual(times);
        expect(all[0]).not.toHaveProperty('description');
        await get(utrecht, '/api/v1/signals?category=THREAT').expect(200, {
          items: [],
          nextCursor: null,
        });
        await get(utrecht, '/api/v1/signals?limit=0').expect(400);
        await get(utrecht, '/api/v1/signals?cursor=nonsense').expect(400);
        await get(utrecht, '/api/v1/signals?municipality=GM0363').expect(404);
      });

      it('shows the risk picture now and as of before the signals', async () => {
        const code = 'GM0518'; // 's-Gravenhage
        const hague = t.tokens.coordinator(code);
        const before = new Date().toISOString();
        await post(
          hague,
          aThreatRequest()
            .in(code)
            .severity(4)
            .daysAgo(10)
            .with({ policeReportFiled: true })
            .build(),
        ).expect(201);
        await post(hague, aBriberyRequest().in(code).severity(2).daysAgo(40).build()).expect(201);
        await t.settle();
        const now = await get(hague, `/api/v1/municipalities/${code}/risk`).expect(200);
        expect(now.body).toMatchObject({
          municipality: code,
          riecRegion: 'den-haag',
          counts: {
            d30: { THREAT: 1, BRIBERY: 0, INFILTRATION: 0 },
            d90: { THREAT: 1, BRIBERY: 1 },
          },
          aangifte: { filed: 1, eligible: 2, rate: 0.5 },
          openEscalations: 0,
        });
        const expected = 1.0 * 4 * 0.5 ** (10 / 90) + 1.5 * 2 * 0.5 ** (40 / 90);
        expect(now.body.score).toBeCloseTo(expected, 1);
        expect(now.body.level).toBe('ELEVATED');
        const then = await get(
          hague,
          `/api/v1/municipalities/${code}/risk?asOf=${encodeURIComponent(before)}`,
        ).expect(200);
        expect(then.body).toMatchObject({
          score: 0,
          level: 'LOW',
          counts: { d365: { THREAT: 0, BRIBERY: 0 } },
        });
        await get(hague, `/api/v1/municipalities/${code}/risk?asOf=2999-01-01T00:00:00Z`).expect(
          422,
        );
        await get(hague, `/api/v1/municipalities/${code}/risk?asOf=yesterday`).expect(400);
        const series = await get(hague, `/api/v1/municipalities/${code}/timeseries`).expect(200);
        const days = series.body.days as { count: number }[];
        expect(days.reduce((sum, d) => sum + d.count, 0)).toBe(2);
        const region = await get(
          t.tokens.analyst('den-haag'),
          '/api/v1/regions/den-haag/risk',
        ).expect(200);
        expect(region.body.municipalities[0].municipality).toBe(code);
        await get(analyst, '/api/v1/regions/den-haag/risk').expect(404);
      });

      it('raises one threat-cluster escalation after three threats, and updates it with a fourth', async () => {
        const code = 'GM0437'; // Ouder-Amstel, RIEC Amsterdam-Amstelland
        const coord = t.tokens.coordinator(code);
        const ids: string[] = [];
        for (const days of [20, 10, 2])
          ids.push(
            (await post(coord, aThreatRequest().in(code).daysAgo(days).build()).expect(201)).body
              .signalId,
          );
        await t.settle();
        let list = await get(analyst, `/api/v1/escalations?municipality=${code}`).expect(200);
        expect(list.body.items).toHaveLength(1);
        const escalation = list.body.items[0];
        expect(escalation).toMatchObject({
          ruleId: 'threat-cluster',
          ruleVersion: 1,
          status: 'OPEN',
          riecRegion: 'amsterdam',
        });
        expect([...escalation.contributingSignalIds].sort()).toEqual([...ids].sort());
        expect(escalation.explanation).toMatch(/Ouder-Amstel/);

        ids.push(
          (await post(coord, aThreatRequest().in(code).daysAgo(1).build()).expect(201)).body
            .signalId,
        );
        await t.settle();
        list = await get(analyst, `/api/v1/escalations?municipality=${code}`).expect(200);
        expect(list.body.items).toHaveLength(1);
        expect(list.body.items[0].contributingSignalIds).toHaveLength(4);

        const risk = await get(coord, `/api/v1/municipalities/${code}/risk`).expect(200);
        expect(risk.body.openEscalations).toBe(1);

        const detail = await get(analyst, `/api/v1/escalations/${escalation.escalationId}`).expect(
          200,
        );
        expect(detail.body.contributingSignals).toHaveLength(4);
        const mayor = await get(
          t.tokens.burgemeester(code),
          `/api/v1/escalations/${escalation.escalationId}`,
        ).expect(200);
        expect(mayor.body).not.toHaveProperty('contributingSignals');
        expect(mayor.body).not.toHaveProperty('acknowledgedBy');
        await get(
          t.tokens.burgemeester('GM0363'),
          `/api/v1/escalations/${escalation.escalationId}`,
        ).expect(404);
        await get(coord, '/api/v1/escalations').expect(403);

        const ack = () =>
          request(t.http).post(`/api/v1/escalations/${escalation.escalationId}/acknowledge`);
        await ack()
          .set('Authorization', `Bearer ${t.tokens.burgemeester(code)}`)
          .expect(403);
        await ack()
          .set('Authorization', `Bearer ${t.tokens.analyst('rotterdam')}`)
          .expect(404);
        const acked = await ack().set('Authorization', `Bearer ${analyst}`).expect(200);
        expect(acked.body.status).toBe('ACKNOWLEDGED');
        await ack().set('Authorization', `Bearer ${analyst}`).expect(200);
        await t.settle();
        const after = await get(analyst, `/api/v1/escalations/${escalation.escalationId}`).expect(
          200,
        );
        expect(after.body).toMatchObject({
          status: 'ACKNOWLEDGED',
          acknowledgedBy: expect.any(String),
        });
      });

      it('raises a critical-signal escalation for a severity-5 signal, once', async () => {
        const code = 'GM0362'; // Amstelveen
        const coord = t.tokens.coordinator(code);
        const { body } = await post(coord, aBriberyRequest().in(code).severity(5).build()).expect(
          201,
        );
        await t.settle();
        await t.settle();
        const list = await get(analyst, `/api/v1/escalations?municipality=${code}`).expect(200);
        expect(list.body.items).toHaveLength(1);
        expect(list.body.items[0]).toMatchObject({
          ruleId: 'critical-signal',
          severity: 'CRITICAL',
          contributingSignalIds: [body.signalId],
        });
      });

      it('rebuilds the read models to byte-identical tables while serving and projecting', async () => {
        await t.settle();
        const before = await t.checksums();
        const analyst = t.tokens.analyst('amsterdam');
        const picture = async () =>
          (await get(analyst, '/api/v1/municipalities/GM0363/risk').expect(200)).body as {
            liveSignals: number;
          };
        const { liveSignals } = await picture();
        expect(liveSignals).toBeGreaterThan(0);
        // Readers keep getting the same picture before, during and after the swap.
        let rebuilding = true;
        const reads: number[] = [];
        const reader = (async () => {
          while (rebuilding) reads.push((await picture()).liveSignals);
        })();
        const rebuilt = await t.rebuild().finally(() => (rebuilding = false));
        await reader;
        expect(rebuilt.events).toBeGreaterThan(10);
        expect(reads.length).toBeGreaterThan(0);
        expect(new Set(reads)).toEqual(new Set([liveSignals]));
        expect(await t.checksums()).toEqual(before);
        expect(Object.values(before).every((c) => !c.startsWith('0:'))).toBe(true);
        // The live projector goes on into the swapped-in tables.
        await post(t.tokens.coordinator('GM0363'), aThreatRequest().build()).expect(201);
        await t.settle();
        expect((await picture()).liveSignals).toBe(liveSignals + 1);
      });
    });

    it('publishes the OpenAPI document', async () => {
      const res = await request(t.http).get('/api/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/signals',
          '/api/v1/signals/{signalId}',
          '/api/v1/signals/{signalId}/retract',
          '/api/v1/signals/{signalId}/history',
          '/api/v1/municipalities/{code}/risk',
          '/api/v1/regions/{riecRegion}/risk',
          '/api/v1/escalations/{escalationId}/acknowledge',
        ]),
      );
      const recordResponses = res.body.paths['/api/v1/signals'].post.responses;
      expect(Object.keys(recordResponses)).toEqual(
        expect.arrayContaining(['200', '201', '400', '401', '403', '409', '422']),
      );
      expect(recordResponses['422'].content).toHaveProperty(['application/problem+json']);
      expect(res.body.components.schemas).toHaveProperty('ProblemDetails');
      // An amendment has no defaults: an absent field keeps its value.
      const amend = res.body.components.schemas.AmendSignalRequestDto;
      expect(amend.required).toEqual(['reason']);
      expect(amend.properties.classification).not.toHaveProperty('default');
      expect(amend.properties.withholdFromMayor).not.toHaveProperty('default');
      expect(res.body.components.schemas.RecordSignalRequestDto.properties).toEqual(
        expect.objectContaining({
          withholdFromMayor: expect.objectContaining({ type: 'boolean' }),
          withholdReason: expect.objectContaining({ type: 'string' }),
        }),
      );
      expect(res.body.components.schemas).toHaveProperty('MunicipalityRiskView');
      expect(res.body.paths['/health/live'].get.responses).not.toHaveProperty('401');
    });
  });
}
