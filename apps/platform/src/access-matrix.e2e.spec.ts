// Need-to-know, as one table: every operation of the API × every role × inside or outside the
// caller's scope (and, for signals, × classification), with the answer each must get. The table
// must name exactly the operations of the OpenAPI document: a new endpoint fails this test until
// someone decides who may call it.
//
// Scope: the resources are Amsterdam's (GM0363, RIEC region amsterdam). "in" is a coordinator or
// burgemeester of Amsterdam and an analyst of RIEC Amsterdam-Amstelland; "out" the same roles of
// Rotterdam (GM0599, RIEC rotterdam). Admin has no scope.
import request from 'supertest';
import { aThreatRequest } from '@weerbaar/testing';
import { buildOpenApiDocument } from '@weerbaar/http';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

/**
 * What a case must answer:
 * - a status (401 no token, 403 role may not, 404 outside scope: existence is not disclosed);
 * - `allowed`: the role and scope let it through: a success, or 409 where the state forbids it
 *   (a rule set's author may not publish it; a case already closed);
 * - `unseen`: allowed, and the answer holds nothing of Amsterdam's resources (a list or query
 *   asked by someone outside the scope).
 */
type Outcome = 401 | 403 | 404 | 'allowed' | 'unseen';
interface Expectation {
  anonymous: Outcome;
  coordinator: [inScope: Outcome, outOfScope: Outcome];
  burgemeester: [inScope: Outcome, outOfScope: Outcome];
  analyst: [inScope: Outcome, outOfScope: Outcome];
  admin: Outcome;
}

interface Fixtures {
  signals: Record<Classification, string>;
  retractable: Record<Classification, string>;
  fingerprint: string;
  escalationId: string;
  draftVersion: number;
  /** What must not be in an `unseen` answer. */
  markers: string[];
}

const CLASSIFICATIONS = ['TLP:AMBER', 'TLP:RED'] as const;
type Classification = (typeof CLASSIFICATIONS)[number];

interface Operation {
  expect: Expectation;
  /** The request for a signal of this classification (ignored where no signal is involved). */
  send(
    f: Fixtures,
    classification: Classification,
  ): { path: string; body?: object; ifMatch?: boolean };
  /** Cases per classification of the signal the request concerns. */
  perClassification?: boolean;
}

const everyone = (outcome: Outcome): Expectation => ({
  anonymous: outcome,
  coordinator: [outcome, outcome],
  burgemeester: [outcome, outcome],
  analyst: [outcome, outcome],
  admin: outcome,
});
const only = (roles: Partial<Omit<Expectation, 'anonymous'>>): Expectation => ({
  anonymous: 401,
  coordinator: [403, 403],
  burgemeester: [403, 403],
  analyst: [403, 403],
  admin: 403,
  ...roles,
});
const SCOPED: [Outcome, Outcome] = ['allowed', 404];
const LISTED: [Outcome, Outcome] = ['allowed', 'unseen'];
const NATIONAL: [Outcome, Outcome] = ['allowed', 'allowed'];

const signal = (f: Fixtures, c: Classification) => `/api/v1/signals/${f.signals[c]}`;
const escalation = (f: Fixtures) => `/api/v1/escalations/${f.escalationId}`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

/** Keyed by `METHOD path` as the OpenAPI document names them. */
const MATRIX: Record<string, Operation> = {
  'GET /health/live': { expect: everyone('allowed'), send: () => ({ path: '/health/live' }) },
  'GET /health/ready': { expect: everyone('allowed'), send: () => ({ path: '/health/ready' }) },
  'GET /metrics': { expect: everyone('allowed'), send: () => ({ path: '/metrics' }) },
  'GET /api/v1/reference': {
    expect: everyone('allowed'),
    send: () => ({ path: '/api/v1/reference' }),
  },
  'GET /api/v1/reference/boundaries': {
    expect: everyone('allowed'),
    send: () => ({ path: '/api/v1/reference/boundaries' }),
  },
  'GET /api/v1/sign-in': { expect: everyone('allowed'), send: () => ({ path: '/api/v1/sign-in' }) },
  'POST /api/v1/dev/tokens': {
    expect: everyone('allowed'),
    send: () => ({
      path: '/api/v1/dev/tokens',
      body: { role: 'coordinator', municipality: 'GM0363' },
    }),
  },

  // Recording for another municipality is a right the token lacks; no resource is disclosed.
  'POST /api/v1/signals': {
    expect: only({ coordinator: ['allowed', 403] }),
    send: () => ({ path: '/api/v1/signals', body: aThreatRequest().in('GM0363').build() }),
  },
  'GET /api/v1/signals': {
    expect: only({ coordinator: LISTED, analyst: LISTED }),
    send: () => ({ path: '/api/v1/signals' }),
  },
  'GET /api/v1/signals/{signalId}': {
    expect: only({ coordinator: SCOPED, analyst: SCOPED }),
    perClassification: true,
    send: (f, c) => ({ path: signal(f, c) }),
  },
  'GET /api/v1/signals/{signalId}/history': {
    expect: only({ coordinator: SCOPED, analyst: SCOPED }),
    perClassification: true,
    send: (f, c) => ({ path: `${signal(f, c)}/history` }),
  },
  'PATCH /api/v1/signals/{signalId}': {
    expect: only({ coordinator: SCOPED }),
    perClassification: true,
    send: (f, c) => ({
      path: signal(f, c),
      body: { severity: 4, reason: 'Ernst bijgesteld na gesprek' },
      ifMatch: true,
    }),
  },
  'POST /api/v1/signals/{signalId}/retract': {
    expect: only({ coordinator: SCOPED }),
    perClassification: true,
    send: (f, c) => ({
      path: `/api/v1/signals/${f.retractable[c]}/retract`,
      body: { reason: 'Dubbel gemeld' },
      ifMatch: true,
    }),
  },

  'GET /api/v1/municipalities/{code}/risk': {
    expect: only({ coordinator: SCOPED, burgemeester: SCOPED, analyst: SCOPED }),
    send: () => ({ path: '/api/v1/municipalities/GM0363/risk' }),
  },
  'GET /api/v1/municipalities/{code}/timeseries': {
    expect: only({ coordinator: SCOPED, burgemeester: SCOPED, analyst: SCOPED }),
    send: () => ({ path: '/api/v1/municipalities/GM0363/timeseries' }),
  },
  'GET /api/v1/regions/{riecRegion}/risk': {
    expect: only({ analyst: SCOPED }),
    send: () => ({ path: '/api/v1/regions/amsterdam/risk' }),
  },
  // A subject without links in the caller's region does not exist for them.
  'GET /api/v1/subjects/{fingerprint}': {
    expect: only({ analyst: SCOPED }),
    send: (f) => ({ path: `/api/v1/subjects/${f.fingerprint}` }),
  },
  'GET /api/v1/municipalities/{code}/summary': {
    expect: only({ burgemeester: SCOPED, analyst: SCOPED }),
    send: () => ({ path: '/api/v1/municipalities/GM0363/summary' }),
  },
  'GET /api/v1/municipalities/{code}/summary.pdf': {
    expect: only({ burgemeester: SCOPED, analyst: SCOPED }),
    send: () => ({ path: '/api/v1/municipalities/GM0363/summary.pdf' }),
  },

  'GET /api/v1/escalations': {
    expect: only({ burgemeester: LISTED, analyst: LISTED }),
    send: () => ({ path: '/api/v1/escalations' }),
  },
  'GET /api/v1/escalations/{escalationId}': {
    expect: only({ burgemeester: SCOPED, analyst: SCOPED }),
    send: (f) => ({ path: escalation(f) }),
  },
  'POST /api/v1/escalations/{escalationId}/acknowledge': {
    expect: only({ analyst: SCOPED }),
    send: (f) => ({ path: `${escalation(f)}/acknowledge` }),
  },
  'POST /api/v1/escalations/{escalationId}/assign': {
    expect: only({ analyst: SCOPED }),
    send: (f) => ({ path: `${escalation(f)}/assign`, body: { assignee: 'analyst-amsterdam' } }),
  },
  'POST /api/v1/escalations/{escalationId}/notes': {
    expect: only({ analyst: SCOPED }),
    send: (f) => ({
      path: `${escalation(f)}/notes`,
      body: { text: 'Contact gehad met de politie' },
    }),
  },
  'POST /api/v1/escalations/{escalationId}/close': {
    expect: only({ analyst: SCOPED }),
    send: (f) => ({
      path: `${escalation(f)}/close`,
      body: { outcome: 'VALUABLE', note: 'Overgedragen aan de politie' },
    }),
  },
  'GET /api/v1/escalations/snoozes': {
    expect: only({ analyst: LISTED }),
    send: () => ({ path: '/api/v1/escalations/snoozes' }),
  },
  'POST /api/v1/escalations/snoozes': {
    expect: only({ analyst: SCOPED }),
    send: () => ({
      path: '/api/v1/escalations/snoozes',
      body: {
        ruleId: 'bribery-and-infiltration',
        municipality: 'GM0363',
        until: day(7),
        reason: 'In onderzoek',
      },
    }),
  },

  // Rule sets are national: every analyst and admin may read them; analysts back-test.
  'GET /api/v1/rules': {
    expect: only({ analyst: NATIONAL, admin: 'allowed' }),
    send: () => ({ path: '/api/v1/rules' }),
  },
  'POST /api/v1/rules/drafts': {
    expect: only({ analyst: NATIONAL, admin: 'allowed' }),
    send: () => ({
      path: '/api/v1/rules/drafts',
      body: {
        rules: [{ id: 'threat-cluster', params: { minSignals: 4, windowDays: 30 } }],
        note: 'Proef',
      },
    }),
  },
  'POST /api/v1/rules/drafts/{version}/publish': {
    expect: only({ analyst: NATIONAL, admin: 'allowed' }),
    send: (f) => ({ path: `/api/v1/rules/drafts/${f.draftVersion}/publish` }),
  },
  'GET /api/v1/rules/stats': {
    expect: only({ analyst: LISTED }),
    send: () => ({ path: '/api/v1/rules/stats' }),
  },
  'POST /api/v1/rules/backtest': {
    expect: only({ analyst: LISTED }),
    send: () => ({ path: '/api/v1/rules/backtest', body: { from: day(-365), to: day(1) } }),
  },

  // Contacts and the audit trail are the admin's; signal content never is.
  'GET /api/v1/admin/riec-contacts/{riecRegion}': {
    expect: only({ admin: 'allowed' }),
    send: () => ({ path: '/api/v1/admin/riec-contacts/amsterdam' }),
  },
  'PUT /api/v1/admin/riec-contacts/{riecRegion}': {
    expect: only({ admin: 'allowed' }),
    send: () => ({
      path: '/api/v1/admin/riec-contacts/amsterdam',
      body: { contacts: [{ name: 'Anna Analist', email: 'anna@riec-amsterdam.test' }] },
    }),
  },
  'GET /api/v1/admin/municipality-contacts/{code}': {
    expect: only({ admin: 'allowed' }),
    send: () => ({ path: '/api/v1/admin/municipality-contacts/GM0363' }),
  },
  'PUT /api/v1/admin/municipality-contacts/{code}': {
    expect: only({ admin: 'allowed' }),
    send: () => ({
      path: '/api/v1/admin/municipality-contacts/GM0363',
      body: { burgemeester: { name: 'Burgemeester', email: 'burgemeester@amsterdam.test' } },
    }),
  },
  'GET /api/v1/admin/audit': {
    expect: only({ admin: 'allowed' }),
    send: () => ({ path: '/api/v1/admin/audit' }),
  },
  'POST /api/v1/admin/subjects/{fingerprint}/erase': {
    expect: only({ admin: 'allowed' }),
    send: (f) => ({
      path: `/api/v1/admin/subjects/${f.fingerprint}/erase`,
      body: { reason: 'AVG-verzoek 2026-0001' },
    }),
  },
};

/** The order the cases run in: reads before the commands that change what they read. */
const LAST = [
  'POST /api/v1/admin/subjects/{fingerprint}/erase',
  'POST /api/v1/escalations/{escalationId}/close',
  'POST /api/v1/signals/{signalId}/retract',
];

let t: TestPlatform;
let f: Fixtures;

beforeAll(async () => {
  t = await startTestPlatform();
  const coordinator = t.tokens.coordinator('GM0363');
  const record = async (classification: Classification, subject?: string) => {
    const body = aThreatRequest()
      .with({ classification, description: `Matrix ${classification} ${subject ?? ''}` })
      .build();
    if (subject) body.subjects = [{ kind: 'ORGANISATION', identifier: subject }];
    const res = await request(t.http)
      .post('/api/v1/signals')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(body)
      .expect(201);
    return res.body as { signalId: string };
  };
  const amber = await record('TLP:AMBER', 'Bouwbedrijf Matrix BV');
  const red = await record('TLP:RED', 'Bouwbedrijf Matrix BV');
  const retractable = {
    'TLP:AMBER': await record('TLP:AMBER'),
    'TLP:RED': await record('TLP:RED'),
  };
  await t.settle(); // four threats in 30 days: a threat-cluster escalation in Amsterdam
  const analyst = t.tokens.analyst('amsterdam');
  const escalations = await request(t.http)
    .get('/api/v1/escalations')
    .set('Authorization', `Bearer ${analyst}`)
    .expect(200);
  const [{ escalationId }] = escalations.body.items as { escalationId: string }[];
  const draft = await request(t.http)
    .post('/api/v1/rules/drafts')
    .set('Authorization', `Bearer ${analyst}`)
    .send({
      rules: [{ id: 'threat-cluster', params: { minSignals: 5, windowDays: 30 } }],
      note: 'Voor de matrix',
    })
    .expect(201);
  const read = await request(t.http)
    .get(`/api/v1/signals/${amber.signalId}`)
    .set('Authorization', `Bearer ${coordinator}`)
    .expect(200);
  f = {
    signals: { 'TLP:AMBER': amber.signalId, 'TLP:RED': red.signalId },
    retractable: {
      'TLP:AMBER': retractable['TLP:AMBER'].signalId,
      'TLP:RED': retractable['TLP:RED'].signalId,
    },
    fingerprint: read.body.subjects[0].fingerprint as string,
    escalationId,
    draftVersion: draft.body.version as number,
    markers: [amber.signalId, red.signalId, escalationId, 'GM0363', 'Matrix TLP'],
  };
}, 60_000);

afterAll(() => t?.close());

it('names every operation of the API, and no other', () => {
  const document = buildOpenApiDocument(t.platform.app, 'Weerbaar');
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => ['get', 'put', 'post', 'patch', 'delete'].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(Object.keys(MATRIX).sort()).toEqual(operations.sort());
});

type Caller =
  'anonymous' | 'admin' | `${'coordinator' | 'burgemeester' | 'analyst'}:${'in' | 'out'}`;

const cases = Object.entries(MATRIX)
  .sort(([a], [b]) => LAST.indexOf(a) - LAST.indexOf(b))
  .flatMap(([operation, spec]) =>
    (spec.perClassification ? CLASSIFICATIONS : ([CLASSIFICATIONS[0]] as const)).flatMap(
      (classification) => {
        const callers: [Caller, Outcome][] = [
          ['anonymous', spec.expect.anonymous],
          ['coordinator:in', spec.expect.coordinator[0]],
          ['coordinator:out', spec.expect.coordinator[1]],
          ['burgemeester:in', spec.expect.burgemeester[0]],
          ['burgemeester:out', spec.expect.burgemeester[1]],
          ['analyst:in', spec.expect.analyst[0]],
          ['analyst:out', spec.expect.analyst[1]],
          ['admin', spec.expect.admin],
        ];
        // Refusals first: a command that is let through must not change what a refusal is
        // checked against (a retracted signal, a closed case).
        callers.sort(([, a], [, b]) => Number(a === 'allowed') - Number(b === 'allowed'));
        return callers.map(
          ([caller, outcome]) =>
            [operation, spec.perClassification ? classification : '-', caller, outcome] as const,
        );
      },
    ),
  );

function tokenOf(caller: Caller): string | undefined {
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'admin':
      return t.tokens.admin();
    case 'coordinator:in':
      return t.tokens.coordinator('GM0363');
    case 'coordinator:out':
      return t.tokens.coordinator('GM0599');
    case 'burgemeester:in':
      return t.tokens.burgemeester('GM0363');
    case 'burgemeester:out':
      return t.tokens.burgemeester('GM0599');
    case 'analyst:in':
      return t.tokens.analyst('amsterdam');
    case 'analyst:out':
      return t.tokens.analyst('rotterdam');
  }
}

it.each(cases)('%s (%s) as %s → %s', async (operation, classification, caller, outcome) => {
  const [method] = operation.split(' ');
  const sent = MATRIX[operation].send(
    f,
    classification === '-' ? CLASSIFICATIONS[0] : classification,
  );
  const token = tokenOf(caller);
  let req = request(t.http)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch'](sent.path);
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  if (sent.ifMatch) {
    // The signal's current ETag, as its coordinator reads it: a stale one would be a 409.
    const current = await request(t.http)
      .get(sent.path.replace(/\/retract$/, ''))
      .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`);
    req = req.set('If-Match', current.headers.etag ?? '"0"');
  }
  const res = sent.body ? await req.send(sent.body) : await req;

  if (typeof outcome === 'number') {
    expect(res.status).toBe(outcome);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  } else {
    expect(res.status < 300 || res.status === 409 ? 'allowed' : res.status).toBe('allowed');
  }
  if (outcome === 'unseen') {
    for (const marker of f.markers) expect(res.text).not.toContain(marker);
  }
});
