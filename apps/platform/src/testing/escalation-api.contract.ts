// Escalation to the RIEC and the burgemeester, end to end through the HTTP API, with real parts:
// a real SMTP server receives the mails (parsed with mailparser), a local HTTP receiver gets the
// webhooks (signatures checked with svix, an independent Standard Webhooks verifier), the PDF's
// text is extracted. Contacts, the six rules' escalations, the analyst's case, snoozes, rule sets
// with four eyes, statistics, back-tests without side effects, withholding from the mayor and
// the weekly digest. One suite for every database the platform runs on.
import { Webhook } from 'svix';
import request from 'supertest';
import type { WeerbaarConfig } from '@weerbaar/config';
import {
  aBriberyRequest,
  anInfiltrationRequest,
  aThreatRequest,
  eventually,
  pdfText,
  type SmtpSink,
  startSmtpSink,
  startWebhookReceiver,
  type WebhookReceiver,
} from '@weerbaar/testing';
import type { TestPlatform } from './test-platform';

const PROBLEM = /application\/problem\+json/;
const SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;
const DEAD_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
/** Markers that must never reach the burgemeester or a mail. */
const SUBJECT_IDENTITY = 'Piet Geheimhouder';
const DESCRIPTION = 'GEHEIME-OMSCHRIJVING van de bedreiging';
const isDigest = (m: { subject: string }) =>
  m.subject.startsWith('Weerbaar: weekoverzicht Amsterdam');

const NOTE = 'GEHEIME-NOTITIE van de analist';
const RED_DESCRIPTION = 'ROOD-OMSCHRIJVING';

export function describeEscalationApi(
  name: string,
  start: (config: Partial<WeerbaarConfig>) => Promise<TestPlatform>,
): void {
  describe(`escalation to the RIEC and the burgemeester on ${name}`, () => {
    jest.setTimeout(30_000);
    let t: TestPlatform;
    let sink: SmtpSink;
    let hook: WebhookReceiver;
    let deadHook: WebhookReceiver;
    let amsterdamThreats: string[] = [];
    let clusterId: string;

    beforeAll(async () => {
      sink = await startSmtpSink();
      hook = await startWebhookReceiver({ failFirst: 2 });
      deadHook = await startWebhookReceiver({ failFirst: 1_000 });
      t = await start({
        notifications: {
          smtpUrl: sink.url,
          smtpFrom: 'Weerbaar <weerbaar@test.example>',
          outboxDir: '/nonexistent-in-memory/outbox',
          publicBaseUrl: 'https://weerbaar.test',
          delivery: { maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 200, timeoutMs: 2_000 },
          digest: { weekday: 1, hour: 8, minute: 0 },
        },
      });
    }, 60_000);

    afterAll(async () => {
      await t?.close();
      await Promise.all([sink?.close(), hook?.close(), deadHook?.close()]);
    });

    const as = (token: string) => ({
      get: (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`),
      post: (path: string, body?: object) =>
        request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body),
      put: (path: string, body: object) =>
        request(t.http).put(path).set('Authorization', `Bearer ${token}`).send(body),
    });
    const admin = () => as(t.tokens.admin());
    const amsterdamAnalyst = () => as(t.tokens.analyst('amsterdam'));
    const rotterdamAnalyst = () => as(t.tokens.analyst('rotterdam'));
    const mayor = () => as(t.tokens.burgemeester('GM0363'));
    const record = async (municipality: string, body: Record<string, unknown>) =>
      (
        await as(t.tokens.coordinator(municipality))
          .post('/api/v1/signals', { ...body, municipality })
          .expect(201)
      ).body.signalId as string;
    const escalationsOf = async (client: ReturnType<typeof as>, query = '') =>
      (await client.get(`/api/v1/escalations${query}`).expect(200)).body.items as {
        escalationId: string;
        ruleId: string;
        ruleVersion: number;
        municipality: string;
        status: string;
        explanation: string;
        contributingSignalIds: string[];
      }[];

    describe('contacts (admin)', () => {
      it('sets the RIEC contacts of a region and never shows a secret back', async () => {
        const res = await admin()
          .put('/api/v1/admin/riec-contacts/amsterdam', {
            contacts: [
              { name: 'Anna Analist', email: 'anna@riec-amsterdam.test', phone: '+31 20 123 4567' },
              {
                name: 'RIEC-systeem',
                email: 'systeem@riec-amsterdam.test',
                webhookUrl: hook.url,
                webhookSecret: SECRET,
              },
            ],
          })
          .expect(200);
        expect(JSON.stringify(res.body)).not.toContain(SECRET.slice(6));
        const read = await admin().get('/api/v1/admin/riec-contacts/amsterdam').expect(200);
        expect(read.body.contacts).toEqual([
          {
            name: 'Anna Analist',
            email: 'anna@riec-amsterdam.test',
            phone: '+31 20 123 4567',
            hasWebhookSecret: false,
          },
          {
            name: 'RIEC-systeem',
            email: 'systeem@riec-amsterdam.test',
            webhookUrl: hook.url,
            hasWebhookSecret: true,
          },
        ]);
        expect(JSON.stringify(read.body)).not.toContain(SECRET.slice(6));
        await admin()
          .put('/api/v1/admin/riec-contacts/rotterdam', {
            contacts: [
              {
                name: 'Rob Rotterdam',
                email: 'rob@riec-rotterdam.test',
                webhookUrl: deadHook.url,
                webhookSecret: DEAD_SECRET,
              },
            ],
          })
          .expect(200);
        await admin()
          .put('/api/v1/admin/municipality-contacts/GM0363', {
            burgemeester: {
              name: 'Burgemeester van Amsterdam',
              email: 'burgemeester@amsterdam.test',
            },
          })
          .expect(200, {
            municipality: 'GM0363',
            burgemeester: {
              name: 'Burgemeester van Amsterdam',
              email: 'burgemeester@amsterdam.test',
            },
          });
      });

      it('refuses bad contacts naming the field, other roles, and unknown regions', async () => {
        const bad = await admin()
          .put('/api/v1/admin/riec-contacts/amsterdam', {
            contacts: [
              {
                name: 'X',
                email: 'geen-adres',
                webhookUrl: 'http://riec.example/hook',
                webhookSecret: SECRET,
              },
            ],
          })
          .expect(422);
        expect(bad.headers['content-type']).toMatch(PROBLEM);
        expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'contacts[0].email',
          'contacts[0].webhookUrl',
        ]);
        await amsterdamAnalyst().get('/api/v1/admin/riec-contacts/amsterdam').expect(403);
        await admin().get('/api/v1/admin/riec-contacts/atlantis').expect(404);
        await admin()
          .put('/api/v1/admin/municipality-contacts/GM9999', { burgemeester: null })
          .expect(404);
        const read = await admin().get('/api/v1/admin/riec-contacts/amsterdam').expect(200);
        expect(read.body.contacts).toHaveLength(2);
      });
    });

    describe('three threats in Amsterdam', () => {
      it('raise one threat-cluster escalation for the RIEC Amsterdam-Amstelland', async () => {
        amsterdamThreats = [
          await record(
            'GM0363',
            aThreatRequest()
              .daysAgo(3)
              .with({ description: DESCRIPTION })
              .withSubjects({ kind: 'PERSON', identifier: SUBJECT_IDENTITY })
              .build(),
          ),
          await record(
            'GM0363',
            aThreatRequest()
              .daysAgo(2)
              .with({
                classification: 'TLP:RED',
                subcategory: 'AT_HOME',
                description: RED_DESCRIPTION,
              })
              .build(),
          ),
          await record('GM0363', aThreatRequest().daysAgo(1).build()),
        ];
        await t.settle();
        const escalations = await escalationsOf(amsterdamAnalyst());
        const clusters = escalations.filter((e) => e.ruleId === 'threat-cluster');
        expect(clusters).toHaveLength(1);
        expect(clusters[0]).toMatchObject({
          municipality: 'GM0363',
          status: 'OPEN',
          ruleVersion: 1,
        });
        expect([...clusters[0].contributingSignalIds].sort()).toEqual([...amsterdamThreats].sort());
        clusterId = clusters[0].escalationId;
      });

      it('mails every RIEC contact, in Dutch, with a link to the case', async () => {
        const mails = await sink.waitFor(
          2,
          (m) => m.subject === 'Weerbaar: escalatie Reeks bedreigingen in Amsterdam',
        );
        expect(
          mails
            .map((m) => m.to)
            .flat()
            .sort(),
        ).toEqual(['anna@riec-amsterdam.test', 'systeem@riec-amsterdam.test']);
        for (const mail of mails) {
          expect(mail.text).toContain('Gemeente: Amsterdam (GM0363)');
          expect(mail.text).toContain(`https://weerbaar.test/api/v1/escalations/${clusterId}`);
          expect(mail.text).not.toContain(SUBJECT_IDENTITY);
          expect(mail.text).not.toContain(DESCRIPTION);
        }
      });

      it('posts a signed webhook, retried after two answers of 500, verifiable by Standard Webhooks', async () => {
        const requests = await hook.waitFor(3, (r) => r.headers['webhook-id'] === `${clusterId}.0`);
        expect(requests.map((r) => r.status)).toEqual([500, 500, 204]);
        for (const r of requests) {
          const payload = new Webhook(SECRET).verify(r.body, {
            'webhook-id': String(r.headers['webhook-id']),
            'webhook-timestamp': String(r.headers['webhook-timestamp']),
            'webhook-signature': String(r.headers['webhook-signature']),
          }) as { type: string; data: Record<string, unknown> };
          expect(payload.type).toBe('escalation.raised');
          expect(payload.data).toMatchObject({
            escalationId: clusterId,
            ruleId: 'threat-cluster',
            municipality: 'GM0363',
          });
          expect(r.body).not.toContain(SUBJECT_IDENTITY);
        }
        expect(() =>
          new Webhook(DEAD_SECRET).verify(requests[2].body, {
            'webhook-id': String(requests[2].headers['webhook-id']),
            'webhook-timestamp': String(requests[2].headers['webhook-timestamp']),
            'webhook-signature': String(requests[2].headers['webhook-signature']),
          }),
        ).toThrow();
      });

      it('mails the burgemeester a Dutch summary with a PDF that holds no identity, description or TLP:RED detail', async () => {
        // The weekly digest may go out first (the check at start); this is about the escalation.
        const [mail] = await sink.waitFor(
          1,
          (m) => m.to.includes('burgemeester@amsterdam.test') && !isDigest(m),
        );
        expect(mail.subject).toBe('Weerbaar: nieuwe escalatie voor Amsterdam — Reeks bedreigingen');
        expect(mail.text).toContain('Het risiconiveau is');
        expect(mail.text).toContain('Reeks bedreigingen sinds');
        expect(mail.text).toContain('Anna Analist');
        const [pdf] = mail.attachments;
        expect(pdf).toMatchObject({
          contentType: 'application/pdf',
          filename: 'weerbaar-samenvatting-GM0363.pdf',
        });
        const text = await pdfText(pdf.content);
        expect(text).toContain('Weerbaarheid Amsterdam');
        expect(text).toContain('3 meldingen van bedreiging');
        for (const secret of [SUBJECT_IDENTITY, DESCRIPTION, RED_DESCRIPTION, 'aan huis', NOTE]) {
          expect(text).not.toContain(secret);
          expect(mail.text).not.toContain(secret);
        }
      });

      it("shows every delivery and its attempts in the escalation's case", async () => {
        await t.deliver();
        const detail = await amsterdamAnalyst().get(`/api/v1/escalations/${clusterId}`).expect(200);
        const deliveries = detail.body.deliveries as {
          kind: string;
          status: string;
          attempts: { outcome: string }[];
        }[];
        expect(deliveries.map((d) => [d.kind, d.status]).sort()).toEqual([
          ['MAYOR_SUMMARY', 'DELIVERED'],
          ['RIEC_EMAIL', 'DELIVERED'],
          ['RIEC_EMAIL', 'DELIVERED'],
          ['RIEC_WEBHOOK', 'DELIVERED'],
        ]);
        const webhook = deliveries.find((d) => d.kind === 'RIEC_WEBHOOK')!;
        expect(webhook.attempts.map((a) => a.outcome)).toEqual(['FAILED', 'FAILED', 'DELIVERED']);
        const history = (detail.body.history as { type: string }[]).map((h) => h.type);
        expect(history.filter((type) => type === 'EscalationNotified')).toHaveLength(4);
      });
    });

    describe("the analyst's case", () => {
      it('is invisible to a Rotterdam analyst', async () => {
        expect((await escalationsOf(rotterdamAnalyst())).map((e) => e.escalationId)).not.toContain(
          clusterId,
        );
        await rotterdamAnalyst().get(`/api/v1/escalations/${clusterId}`).expect(404);
        await rotterdamAnalyst()
          .post(`/api/v1/escalations/${clusterId}/assign`, { assignee: 'rob' })
          .expect(404);
        await rotterdamAnalyst().get('/api/v1/escalations?municipality=GM0363').expect(404);
      });

      it('is assigned, annotated and closed by an Amsterdam analyst', async () => {
        await amsterdamAnalyst().post(`/api/v1/escalations/${clusterId}/acknowledge`).expect(200);
        const assigned = await amsterdamAnalyst()
          .post(`/api/v1/escalations/${clusterId}/assign`, { assignee: 'analyst-anna' })
          .expect(200);
        expect(assigned.body).toMatchObject({ escalationId: clusterId, status: 'ACKNOWLEDGED' });
        const noted = await amsterdamAnalyst()
          .post(`/api/v1/escalations/${clusterId}/notes`, { text: NOTE })
          .expect(201);
        expect(noted.body.noteId).toMatch(/^[0-9a-f-]{36}$/);
        await amsterdamAnalyst()
          .post(`/api/v1/escalations/${clusterId}/close`, {
            outcome: 'FALSE_POSITIVE',
            note: 'Buurtconflict',
          })
          .expect(200);
        const again = await amsterdamAnalyst()
          .post(`/api/v1/escalations/${clusterId}/close`, { outcome: 'VALUABLE', note: 'x' })
          .expect(409);
        expect(again.headers['content-type']).toMatch(PROBLEM);
        await t.settle();
        const detail = await amsterdamAnalyst().get(`/api/v1/escalations/${clusterId}`).expect(200);
        expect(detail.body).toMatchObject({
          status: 'CLOSED',
          assignee: 'analyst-anna',
          outcome: 'FALSE_POSITIVE',
          closedBy: 'analyst-amsterdam',
          notes: [{ text: NOTE, by: 'analyst-amsterdam' }],
        });
        expect((detail.body.history as { type: string }[]).map((h) => h.type)).toEqual(
          expect.arrayContaining([
            'EscalationRaised',
            'EscalationAcknowledged',
            'EscalationAssigned',
            'EscalationNoted',
            'EscalationClosed',
          ]),
        );
        expect(await escalationsOf(amsterdamAnalyst(), '?assignee=analyst-anna')).toHaveLength(1);
        expect(
          await escalationsOf(amsterdamAnalyst(), '?status=CLOSED&ruleId=threat-cluster'),
        ).toHaveLength(1);
      });

      it('shows the burgemeester the summary fields only, never notes or names', async () => {
        const detail = await mayor().get(`/api/v1/escalations/${clusterId}`).expect(200);
        expect(detail.body).not.toHaveProperty('notes');
        expect(detail.body).not.toHaveProperty('assignee');
        expect(detail.body).not.toHaveProperty('contributingSignals');
        expect(detail.body.deliveries).toEqual([]);
        expect(detail.body.explanation).toBe('Reeks bedreigingen: 3 meldingen van bedreiging.');
        expect(JSON.stringify(detail.body)).not.toContain(NOTE);
        expect(JSON.stringify(detail.body)).not.toContain('analyst-');
        await mayor()
          .post(`/api/v1/escalations/${clusterId}/assign`, { assignee: 'x' })
          .expect(403);
      });

      it('counts the disposition in the rule statistics', async () => {
        const stats = await amsterdamAnalyst().get('/api/v1/rules/stats').expect(200);
        expect(stats.body.rules).toEqual(
          expect.arrayContaining([
            {
              ruleId: 'threat-cluster',
              raised: 1,
              open: 0,
              outcomes: { FALSE_POSITIVE: 1 },
              precision: 0,
            },
          ]),
        );
      });

      it('frees the slot when closed: a later threat raises a new escalation', async () => {
        await record('GM0363', aThreatRequest().daysAgo(0).build());
        await t.settle();
        const clusters = (await escalationsOf(amsterdamAnalyst(), '?ruleId=threat-cluster')).filter(
          (e) => e.escalationId !== clusterId,
        );
        expect(clusters).toHaveLength(1);
        expect(clusters[0].contributingSignalIds).toHaveLength(4);
      });

      it('sends a further threat of an open case as a signed update webhook, not as a new mail', async () => {
        const [open] = (await escalationsOf(amsterdamAnalyst(), '?ruleId=threat-cluster')).filter(
          (e) => e.escalationId !== clusterId,
        );
        await record('GM0363', aThreatRequest().daysAgo(0).build());
        await t.settle();
        const after = await amsterdamAnalyst().get(`/api/v1/escalations/${open.escalationId}`);
        expect(after.body.contributingSignalIds).toHaveLength(5);
        const update = after.body.history.find(
          (h: { type: string }) => h.type === 'EscalationUpdated',
        );
        const requests = await hook.waitFor(
          1,
          (r) =>
            r.status === 204 &&
            r.headers['webhook-id'] === `${open.escalationId}.${update.revision}`,
        );
        const payload = new Webhook(SECRET).verify(requests[0].body, {
          'webhook-id': String(requests[0].headers['webhook-id']),
          'webhook-timestamp': String(requests[0].headers['webhook-timestamp']),
          'webhook-signature': String(requests[0].headers['webhook-signature']),
        }) as { type: string; data: { contributingSignalCount: number } };
        expect(payload.type).toBe('escalation.updated');
        expect(payload.data.contributingSignalCount).toBe(5);
        const updateMails = sink.mails.filter((m) => m.subject.includes('bijgewerkt'));
        expect(updateMails).toEqual([]);
      });

      it('refuses bad case commands, naming the field, and changes nothing', async () => {
        const open = (
          await escalationsOf(amsterdamAnalyst(), '?ruleId=threat-cluster&status=OPEN')
        )[0];
        await amsterdamAnalyst()
          .post(`/api/v1/escalations/${open.escalationId}/assign`, { assignee: 'a', extra: 1 })
          .expect(400);
        const bad = await amsterdamAnalyst()
          .post(`/api/v1/escalations/${open.escalationId}/close`, { outcome: 'SOLVED', note: '' })
          .expect(422);
        expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome', 'note']);
        await amsterdamAnalyst().post('/api/v1/escalations/not-a-uuid/acknowledge').expect(400);
        await amsterdamAnalyst()
          .post('/api/v1/escalations/00000000-0000-4000-8000-000000000000/acknowledge')
          .expect(404);
        const after = await amsterdamAnalyst()
          .get(`/api/v1/escalations/${open.escalationId}`)
          .expect(200);
        expect(after.body.status).toBe('OPEN');
      });
    });

    describe('a subject seen in Amsterdam and Rotterdam', () => {
      it('raises cross-municipality-subject in both regions, naming the other only by code', async () => {
        const subject = { kind: 'ORGANISATION', identifier: 'Holding Schaduw B.V.' };
        await record('GM0363', aBriberyRequest().daysAgo(20).withSubjects(subject).build());
        await record('GM0599', anInfiltrationRequest().daysAgo(5).withSubjects(subject).build());
        await t.settle();
        const [amsterdam] = await escalationsOf(
          amsterdamAnalyst(),
          '?ruleId=cross-municipality-subject',
        );
        const [rotterdam] = await escalationsOf(
          rotterdamAnalyst(),
          '?ruleId=cross-municipality-subject',
        );
        expect(amsterdam).toMatchObject({ municipality: 'GM0363' });
        expect(rotterdam).toMatchObject({ municipality: 'GM0599' });
        expect(amsterdam.explanation).toContain('GM0599 (1 melding)');
        expect(amsterdam.explanation).not.toContain('Rotterdam');
        expect(rotterdam.explanation).toContain('GM0363 (1 melding)');
        expect(amsterdam.escalationId).not.toBe(rotterdam.escalationId);
      });

      it("records EscalationDeliveryFailed after the last try at Rotterdam's dead webhook", async () => {
        const [rotterdam] = await escalationsOf(
          rotterdamAnalyst(),
          '?ruleId=cross-municipality-subject',
        );
        await deadHook.waitFor(3, (r) => r.headers['webhook-id'] === `${rotterdam.escalationId}.0`);
        await eventually(async () => {
          const detail = await rotterdamAnalyst()
            .get(`/api/v1/escalations/${rotterdam.escalationId}`)
            .expect(200);
          expect(detail.body.deliveries).toEqual([
            expect.objectContaining({ kind: 'RIEC_EMAIL', status: 'DELIVERED' }),
            expect.objectContaining({
              kind: 'RIEC_WEBHOOK',
              status: 'FAILED',
              attempts: [
                expect.objectContaining({ outcome: 'FAILED', detail: 'HTTP 500' }),
                expect.objectContaining({ outcome: 'FAILED', detail: 'HTTP 500' }),
                expect.objectContaining({ outcome: 'FAILED', detail: 'HTTP 500' }),
              ],
            }),
          ]);
        });
        const detail = await rotterdamAnalyst()
          .get(`/api/v1/escalations/${rotterdam.escalationId}`)
          .expect(200);
        expect((detail.body.history as { type: string }[]).map((h) => h.type)).toContain(
          'EscalationDeliveryFailed',
        );
        expect(deadHook.requests).toHaveLength(3);
        // Operators see the failed tries, and the one given up, in the metrics.
        const metrics = await request(t.http).get('/metrics').expect(200);
        expect(metrics.text).toMatch(
          /weerbaar_delivery_failures_total\{channel="WEBHOOK",final="false"\} [1-9]/,
        );
        expect(metrics.text).toMatch(
          /weerbaar_delivery_failures_total\{channel="WEBHOOK",final="true"\} [1-9]/,
        );
      });
    });

    describe('withholding a signal from the burgemeester', () => {
      it('raises for the RIEC, but the burgemeester neither sees nor gets it', async () => {
        const mailsBefore = sink.mails.length;
        const withheld = await record(
          'GM0363',
          aBriberyRequest()
            .severity(5)
            .daysAgo(1)
            .with({ withholdFromMayor: true, withholdReason: 'De burgemeester is betrokken' })
            .build(),
        );
        const read = await as(t.tokens.coordinator('GM0363'))
          .get(`/api/v1/signals/${withheld}`)
          .expect(200);
        expect(read.body).toMatchObject({
          withholdFromMayor: true,
          withholdReason: 'De burgemeester is betrokken',
        });
        await t.settle();
        const critical = (await escalationsOf(amsterdamAnalyst(), '?ruleId=critical-signal')).find(
          (e) => e.contributingSignalIds.includes(withheld),
        );
        expect(critical).toBeDefined();
        expect((await escalationsOf(mayor())).map((e) => e.escalationId)).not.toContain(
          critical!.escalationId,
        );
        await mayor().get(`/api/v1/escalations/${critical!.escalationId}`).expect(404);
        const summary = await mayor().get('/api/v1/municipalities/GM0363/summary').expect(200);
        expect(
          summary.body.escalations.map((e: { escalationId: string }) => e.escalationId),
        ).not.toContain(critical!.escalationId);
        expect(summary.body.risk.counts.d30.BRIBERY).toBe(1); // the older bribery, not the withheld one
        const analystView = await amsterdamAnalyst()
          .get('/api/v1/municipalities/GM0363/risk')
          .expect(200);
        expect(analystView.body.counts.d30.BRIBERY).toBe(2);
        await eventually(async () => {
          const detail = await amsterdamAnalyst()
            .get(`/api/v1/escalations/${critical!.escalationId}`)
            .expect(200);
          expect(
            detail.body.deliveries.find((d: { kind: string }) => d.kind === 'MAYOR_SUMMARY'),
          ).toMatchObject({ status: 'SKIPPED' });
        });
        expect(
          sink.mails
            .slice(mailsBefore)
            .filter((m) => m.to.includes('burgemeester@amsterdam.test') && !isDigest(m)),
        ).toEqual([]);
      });
    });

    describe("the burgemeester's summary", () => {
      it('is JSON and PDF for the own municipality, and for the region of an analyst', async () => {
        const summary = await mayor().get('/api/v1/municipalities/GM0363/summary').expect(200);
        expect(summary.body).toMatchObject({
          municipality: { code: 'GM0363', name: 'Amsterdam' },
          riec: {
            id: 'amsterdam',
            contacts: expect.arrayContaining([expect.objectContaining({ name: 'Anna Analist' })]),
          },
        });
        expect(JSON.stringify(summary.body)).not.toContain(SUBJECT_IDENTITY);
        const pdf = await mayor()
          .get('/api/v1/municipalities/GM0363/summary.pdf')
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect(await pdfText(pdf.body as Buffer)).toContain('Weerbaarheid Amsterdam');
        await amsterdamAnalyst().get('/api/v1/municipalities/GM0363/summary').expect(200);
        await mayor().get('/api/v1/municipalities/GM0599/summary').expect(404);
        await rotterdamAnalyst().get('/api/v1/municipalities/GM0363/summary.pdf').expect(404);
        await as(t.tokens.coordinator('GM0363'))
          .get('/api/v1/municipalities/GM0363/summary')
          .expect(403);
      });

      it('goes out once a week as a digest, also when asked again', async () => {
        // The check at start (or its timer) may have queued this week's digest already.
        await t.digest.idle();
        const queued = (await t.digest.queueDue()) + (await t.digest.queueDue());
        expect(queued).toBeLessThanOrEqual(1);
        const [digest] = await sink.waitFor(1, isDigest);
        await t.deliver();
        expect(await t.digest.queueDue()).toBe(0);
        expect(sink.mails.filter(isDigest)).toHaveLength(1);
        expect(digest.to).toEqual(['burgemeester@amsterdam.test']);
        expect(digest.attachments[0].contentType).toBe('application/pdf');
      });
    });

    describe('snoozes', () => {
      const until = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

      it('snoozes a rule for a municipality of the region, at most 180 days, with a reason', async () => {
        const res = await amsterdamAnalyst()
          .post('/api/v1/escalations/snoozes', {
            ruleId: 'bribery-and-infiltration',
            municipality: 'GM0363',
            until: until(30),
            reason: 'In onderzoek',
          })
          .expect(201);
        expect(res.body).toMatchObject({
          ruleId: 'bribery-and-infiltration',
          municipality: 'GM0363',
          riecRegion: 'amsterdam',
        });
        await t.settle();
        const list = await amsterdamAnalyst().get('/api/v1/escalations/snoozes').expect(200);
        expect(list.body.items.map((s: { snoozeId: string }) => s.snoozeId)).toContain(
          res.body.snoozeId,
        );
        const tooLong = await amsterdamAnalyst()
          .post('/api/v1/escalations/snoozes', {
            ruleId: 'threat-cluster',
            municipality: 'GM0363',
            until: until(181),
            reason: 'x',
          })
          .expect(422);
        expect(tooLong.body.errors[0].field).toBe('until');
        await amsterdamAnalyst()
          .post('/api/v1/escalations/snoozes', {
            ruleId: 'threat-cluster',
            municipality: 'GM0599',
            until: until(10),
            reason: 'x',
          })
          .expect(404);
        await mayor()
          .post('/api/v1/escalations/snoozes', {
            ruleId: 'threat-cluster',
            municipality: 'GM0363',
            until: until(10),
            reason: 'x',
          })
          .expect(403);
      });
    });

    describe('back-testing', () => {
      it('replays the live rule sets over all history to exactly the live escalations, changing nothing', async () => {
        await t.quiesce(); // deliveries sent in the background append to escalations
        const before = await t.databaseChecksums();
        const head = await t.platform.infrastructure.eventStore.headPosition();
        for (const [client, region] of [
          [amsterdamAnalyst(), 'amsterdam'],
          [rotterdamAnalyst(), 'rotterdam'],
        ] as const) {
          const res = await client
            .post('/api/v1/rules/backtest', {
              from: '2000-01-01T00:00:00Z',
              to: new Date(Date.now() + 3_600_000).toISOString(),
            })
            .expect(200);
          const live = await escalationsOf(client, '?limit=200');
          expect(res.body.riecRegion).toBe(region);
          expect(res.body.comparison).toMatchObject({
            onlyInBacktest: [],
            onlyInLive: [],
            live: live.length,
            inBoth: live.length,
          });
          const replayed = new Map(
            (
              res.body.escalations as { escalationId: string; contributingSignalIds: string[] }[]
            ).map((e) => [e.escalationId, e]),
          );
          for (const escalation of live) {
            expect(replayed.get(escalation.escalationId)?.contributingSignalIds).toEqual(
              escalation.contributingSignalIds,
            );
          }
        }
        const draft = await amsterdamAnalyst()
          .post('/api/v1/rules/backtest', {
            ruleSet: { rules: [{ id: 'critical-signal', params: { minSeverity: 3 } }] },
            from: '2000-01-01T00:00:00Z',
            to: new Date(Date.now() + 3_600_000).toISOString(),
          })
          .expect(200);
        expect(draft.body.comparison.onlyInBacktest.length).toBeGreaterThan(0);
        expect(
          draft.body.escalations.every((e: { ruleId: string }) => e.ruleId === 'critical-signal'),
        ).toBe(true);
        // Nothing changed but the audit trail, which records a back-test like any command.
        const { audit_log: auditBefore, ...stateBefore } = before;
        const { audit_log: auditAfter, ...stateAfter } = await t.databaseChecksums();
        expect(stateAfter).toEqual(stateBefore);
        expect(auditAfter).not.toEqual(auditBefore);
        expect(await t.platform.infrastructure.eventStore.headPosition()).toEqual(head);
      });

      it('refuses a window that ends before it starts, and a broken rule set', async () => {
        const res = await amsterdamAnalyst()
          .post('/api/v1/rules/backtest', {
            from: '2026-02-01T00:00:00Z',
            to: '2026-01-01T00:00:00Z',
            ruleSet: {
              rules: [{ id: 'threat-cluster', params: { minSignals: 1, windowDays: 30 } }],
            },
          })
          .expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'from',
          'ruleSet.rules[0].params.minSignals',
        ]);
      });
    });

    describe('rule sets with four eyes', () => {
      it('lets another person publish a draft; the author cannot; escalations name the new version', async () => {
        const catalogue = await admin().get('/api/v1/rules').expect(200);
        expect(catalogue.body.live).toBe(1);
        const drafted = await amsterdamAnalyst()
          .post('/api/v1/rules/drafts', {
            rules: [{ id: 'threat-cluster', params: { minSignals: 2, windowDays: 30 } }],
            note: 'Twee bedreigingen zijn al genoeg',
          })
          .expect(201);
        const version = drafted.body.version as number;
        expect(drafted.body).toMatchObject({ status: 'DRAFT', draftedBy: 'analyst-amsterdam' });
        const own = await amsterdamAnalyst()
          .post(`/api/v1/rules/drafts/${version}/publish`)
          .expect(409);
        expect(own.headers['content-type']).toMatch(PROBLEM);
        await mayor().post(`/api/v1/rules/drafts/${version}/publish`).expect(403);
        await admin().post('/api/v1/rules/drafts/abc/publish').expect(400);
        await admin().post('/api/v1/rules/drafts/999/publish').expect(404);
        const published = await admin().post(`/api/v1/rules/drafts/${version}/publish`).expect(200);
        expect(published.body).toMatchObject({ status: 'LIVE', publishedBy: 'admin' });
        await admin().post(`/api/v1/rules/drafts/${version}/publish`).expect(409);

        await record('GM0362', aThreatRequest().daysAgo(2).build());
        await record('GM0362', aThreatRequest().daysAgo(1).build());
        await t.settle();
        const [cluster] = await escalationsOf(
          amsterdamAnalyst(),
          '?municipality=GM0362&ruleId=threat-cluster',
        );
        expect(cluster.ruleVersion).toBe(version);
        const catalogueAfter = await amsterdamAnalyst().get('/api/v1/rules').expect(200);
        expect(catalogueAfter.body.live).toBe(version);
        expect(catalogueAfter.body.versions[0]).toMatchObject({ version: 1, status: 'RETIRED' });
      });

      it('refuses a broken draft, naming every field', async () => {
        const res = await admin()
          .post('/api/v1/rules/drafts', {
            rules: [
              { id: 'full-moon', params: {} },
              { id: 'critical-signal', params: { minSeverity: 9 } },
            ],
          })
          .expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'rules[0].id',
          'rules[1].params.minSeverity',
        ]);
        await as(t.tokens.coordinator('GM0363')).get('/api/v1/rules').expect(403);
      });
    });
  });
}
