// The audit trail end to end (embedded platform): every command and every read of signal detail
// is recorded with who, role, what, which resource, status, request id and client address;
// administrators read it filtered and paged, and nobody can change it.
import request from 'supertest';
import { aThreatRequest } from '@weerbaar/testing';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

let t: TestPlatform;
let signalId: string;
const DESCRIPTION = 'Dreigende berichten GEHEIM-IN-AUDIT';

beforeAll(async () => {
  t = await startTestPlatform();
  const coordinator = t.tokens.coordinator('GM0363');
  const created = await request(t.http)
    .post('/api/v1/signals')
    .set('Authorization', `Bearer ${coordinator}`)
    .set('X-Request-Id', 'audit-request-1')
    .send(aThreatRequest().with({ description: DESCRIPTION }).build())
    .expect(201);
  signalId = created.body.signalId;
  await request(t.http)
    .get(`/api/v1/signals/${signalId}`)
    .set('Authorization', `Bearer ${coordinator}`)
    .expect(200);
  await request(t.http)
    .get('/api/v1/signals')
    .set('Authorization', `Bearer ${coordinator}`)
    .expect(200);
  // Another municipality's coordinator may not see it: the attempt is recorded too.
  await request(t.http)
    .get(`/api/v1/signals/${signalId}`)
    .set('Authorization', `Bearer ${t.tokens.coordinator('GM0599')}`)
    .expect(404);
});

afterAll(() => t?.close());

const audit = (query = '') =>
  request(t.http)
    .get(`/api/v1/admin/audit${query}`)
    .set('Authorization', `Bearer ${t.tokens.admin()}`);

it('records commands and reads of signal detail, not lists, and never their content', async () => {
  const { body } = await audit().expect(200);
  const ours = (body.items as { resource: string }[]).filter((e) =>
    e.resource.startsWith('/api/v1/signals'),
  );
  expect(ours).toEqual([
    expect.objectContaining({
      actor: 'coordinator-GM0599',
      role: 'coordinator',
      action: 'GET /api/v1/signals/:signalId',
      resource: `/api/v1/signals/${signalId}`,
      status: 404,
    }),
    expect.objectContaining({
      actor: 'coordinator-GM0363',
      action: 'GET /api/v1/signals/:signalId',
      status: 200,
    }),
    expect.objectContaining({
      actor: 'coordinator-GM0363',
      role: 'coordinator',
      action: 'POST /api/v1/signals',
      resource: '/api/v1/signals',
      status: 201,
      requestId: 'audit-request-1',
      clientAddress: expect.stringMatching(/127\.0\.0\.1/),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    }),
  ]);
  expect(JSON.stringify(body)).not.toContain('GEHEIM-IN-AUDIT');
});

it('filters by actor, action and resource, and pages with a cursor', async () => {
  const byActor = await audit('?actor=coordinator-GM0363').expect(200);
  expect(byActor.body.items).toHaveLength(2);
  const byAction = await audit(`?action=${encodeURIComponent('POST /api/v1/signals')}`).expect(200);
  expect(byAction.body.items).toHaveLength(1);
  const byResource = await audit(`?resource=/api/v1/signals/${signalId}`).expect(200);
  expect(byResource.body.items).toHaveLength(2);
  const first = await audit('?actor=coordinator-GM0363&limit=1').expect(200);
  expect(first.body.items).toHaveLength(1);
  const second = await audit(
    `?actor=coordinator-GM0363&limit=1&cursor=${first.body.nextCursor}`,
  ).expect(200);
  expect(second.body.items[0].action).toBe('POST /api/v1/signals');
  expect(second.body.nextCursor).toBeNull();
  const later = await audit(
    `?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
  );
  expect(later.body.items).toEqual([]);
});

it('is for administrators only, and refuses bad filters naming them', async () => {
  await request(t.http)
    .get('/api/v1/admin/audit')
    .set('Authorization', `Bearer ${t.tokens.analyst('amsterdam')}`)
    .expect(403);
  const bad = await audit('?resource=signals&cursor=x').expect(400);
  expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
    'cursor',
    'resource',
  ]);
});

it('cannot be changed or emptied, not even by SQL', async () => {
  const db = t.platform.infrastructure.database;
  await expect(db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(
    /append-only/,
  );
  await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  const { body } = await audit('?actor=coordinator-GM0363').expect(200);
  expect(body.items).toHaveLength(2);
});

it('records what a role was refused (403): commands and audited reads, not plain reads', async () => {
  const mayor = t.tokens.burgemeester('GM0363');
  await request(t.http)
    .get(`/api/v1/signals/${signalId}`)
    .set('Authorization', `Bearer ${mayor}`)
    .expect(403);
  await request(t.http).get('/api/v1/signals').set('Authorization', `Bearer ${mayor}`).expect(403);
  await request(t.http)
    .post('/api/v1/signals')
    .set('Authorization', `Bearer ${t.tokens.admin()}`)
    .send(aThreatRequest().with({ description: DESCRIPTION }).build())
    .expect(403);

  const refused = await audit('?actor=burgemeester-GM0363').expect(200);
  expect(refused.body.items).toEqual([
    expect.objectContaining({
      role: 'burgemeester',
      action: 'GET /api/v1/signals/:signalId',
      resource: `/api/v1/signals/${signalId}`,
      status: 403,
    }),
  ]);
  const byAdmin = await audit(`?action=${encodeURIComponent('POST /api/v1/signals')}`).expect(200);
  expect(byAdmin.body.items).toContainEqual(
    expect.objectContaining({ actor: 'admin', role: 'admin', status: 403 }),
  );
  expect(JSON.stringify(byAdmin.body)).not.toContain('GEHEIM-IN-AUDIT');
});
