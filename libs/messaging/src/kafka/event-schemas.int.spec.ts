// The JSON Schemas of docs/events/ against what the platform really publishes: the embedded
// platform (in-memory PGlite) is driven through its HTTP API through every command that appends
// an event, the whole log is mapped to Kafka messages as the relay maps it, and each message's
// value must validate against the schema named by its event-type and schema-version headers.
// Every event type seen needs a schema, and every schema must be used, so that neither rots.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import {
  CATEGORIES,
  CLASSIFICATIONS,
  DELIVERY_CHANNELS,
  ESCALATION_OUTCOMES,
  ESCALATION_SEVERITIES,
  INFORMATION_CREDIBILITIES,
  SEVERITIES,
  SOURCE_RELIABILITIES,
  SOURCES,
  SUBCATEGORIES,
  SUBJECT_KINDS,
  TARGET_ROLES,
} from '@weerbaar/domain';
import { RULE_IDS, RULE_PARAMETERS } from '@weerbaar/escalation-rules';
import { type RecordedEvent, START_OF_LOG } from '@weerbaar/event-store';
import {
  aBriberyRequest,
  anInfiltrationRequest,
  aThreatRequest,
  eventually,
  type SmtpSink,
  startSmtpSink,
  startWebhookReceiver,
  type WebhookReceiver,
} from '@weerbaar/testing';
import {
  startTestPlatform,
  type TestPlatform,
} from '../../../../apps/platform/src/testing/test-platform';
import { HEADERS, type KafkaEventMessage, toKafkaMessage } from './kafka-event-message';

const SCHEMA_DIR = join(__dirname, '../../../../docs/events');
const SCHEMA_FILE = /^([A-Za-z]+)\.v([1-9]\d*)\.schema\.json$/;
const SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;
const DEAD_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const DAY_MS = 86_400_000;

type JsonSchema = Record<string, unknown> & { $defs?: Record<string, Record<string, unknown>> };

interface SchemaFile {
  file: string;
  /** `<EventType>.v<version>`: what the headers of a message name. */
  name: string;
  schema: JsonSchema;
}

function loadSchemas(): SchemaFile[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const match = SCHEMA_FILE.exec(file);
      if (!match) throw new Error(`${file} is not named <EventType>.v<version>.schema.json`);
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as JsonSchema;
      return { file, name: `${match[1]}.v${match[2]}`, schema };
    });
}

const schemaNameOf = (message: KafkaEventMessage): string =>
  `${message.headers[HEADERS.eventType]}.v${message.headers[HEADERS.schemaVersion]}`;

async function readWholeLog(t: TestPlatform): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from = START_OF_LOG;
  for (;;) {
    const page = await t.platform.infrastructure.eventStore.readAll(from, 10_000);
    if (page.events.length === 0) return events;
    events.push(...page.events);
    from = page.checkpoint;
  }
}

/**
 * Drives every command that appends an event: contacts (set and removed), signals recorded with
 * subjects, withheld and with a police report, amended (removing what can be removed) and
 * retracted; escalations raised (threat-cluster, critical-signal, cross-municipality-subject),
 * updated, acknowledged, assigned, annotated and closed, delivered and failed to deliver; snoozes
 * for a municipality and for a subject; rule sets drafted (with and without a note) and published.
 */
async function driveEveryCommand(
  t: TestPlatform,
  receivers: { hook: WebhookReceiver; deadHook: WebhookReceiver },
): Promise<RecordedEvent[]> {
  const as = (token: string) => ({
    post: (path: string, body?: object) =>
      request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) =>
      request(t.http).put(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, ifMatch: string, body: object) =>
      request(t.http)
        .patch(path)
        .set('Authorization', `Bearer ${token}`)
        .set('If-Match', ifMatch)
        .send(body),
  });
  const admin = as(t.tokens.admin());
  const analyst = as(t.tokens.analyst('amsterdam'));
  const amsterdam = as(t.tokens.coordinator('GM0363'));
  const rotterdam = as(t.tokens.coordinator('GM0599'));
  const record = async (
    coordinator: typeof amsterdam,
    body: Record<string, unknown>,
  ): Promise<string> =>
    (await coordinator.post('/api/v1/signals', body).expect(201)).body.signalId as string;

  await admin
    .put('/api/v1/admin/riec-contacts/amsterdam', {
      contacts: [
        { name: 'Anna Analist', email: 'anna@riec-amsterdam.test', phone: '+31 20 123 4567' },
        {
          name: 'RIEC-systeem',
          email: 'systeem@riec-amsterdam.test',
          webhookUrl: receivers.hook.url,
          webhookSecret: SECRET,
        },
      ],
    })
    .expect(200);
  await admin
    .put('/api/v1/admin/riec-contacts/rotterdam', {
      contacts: [
        {
          name: 'Rob Rotterdam',
          email: 'rob@riec-rotterdam.test',
          webhookUrl: receivers.deadHook.url,
          webhookSecret: DEAD_SECRET,
        },
      ],
    })
    .expect(200);
  const mayor = { name: 'Burgemeester', email: 'burgemeester@amsterdam.test' };
  await admin
    .put('/api/v1/admin/municipality-contacts/GM0363', { burgemeester: mayor })
    .expect(200);
  await admin
    .put('/api/v1/admin/municipality-contacts/GM0599', { burgemeester: mayor })
    .expect(200);
  await admin.put('/api/v1/admin/municipality-contacts/GM0599', { burgemeester: null }).expect(200);

  // Three threats in Amsterdam within 30 days: threat-cluster.
  const withheld = await record(
    amsterdam,
    aThreatRequest()
      .daysAgo(3)
      .withSubjects({ kind: 'PERSON', identifier: 'Piet Geheimhouder', displayName: 'P. G.' })
      .with({
        policeReportFiled: true,
        policeReportReference: 'PL1300-2025-000123',
        classification: 'TLP:RED',
        sourceReliability: 'B',
        informationCredibility: '2',
        withholdFromMayor: true,
        withholdReason: 'Lopend strafrechtelijk onderzoek',
      })
      .build(),
  );
  await record(amsterdam, aThreatRequest().daysAgo(2).with({ subcategory: 'AT_HOME' }).build());
  await record(amsterdam, aThreatRequest().daysAgo(1).build());
  await t.settle();
  await amsterdam
    .patch(`/api/v1/signals/${withheld}`, '"0"', {
      severity: 4,
      description: 'Bijgestelde omschrijving',
      subjects: [
        { kind: 'PERSON', identifier: 'Piet Geheimhouder' },
        { kind: 'VEHICLE', identifier: '12-ABC-3' },
      ],
      policeReportFiled: false,
      policeReportReference: null,
      withholdFromMayor: false,
      withholdReason: null,
      reason: 'Na gesprek met de wethouder bijgesteld',
    })
    .expect(200);
  // A fourth threat joins the open cluster: EscalationUpdated.
  await record(amsterdam, aThreatRequest().daysAgo(0).build());
  // Severity 5: critical-signal; then retracted.
  const critical = await record(amsterdam, aBriberyRequest().daysAgo(4).severity(5).build());
  await amsterdam
    .post(`/api/v1/signals/${critical}/retract`)
    .set('If-Match', '"0"')
    .send({ reason: 'Dubbel gemeld' })
    .expect(200);
  // One subject in Amsterdam and Rotterdam: cross-municipality-subject in both regions.
  const holding = { kind: 'ORGANISATION', identifier: 'Holding Schaduw B.V.' };
  await record(amsterdam, aBriberyRequest().daysAgo(20).withSubjects(holding).build());
  await record(
    rotterdam,
    anInfiltrationRequest().in('GM0599').daysAgo(5).withSubjects(holding).build(),
  );
  await t.settle();

  const raised = (await readWholeLog(t))
    .filter((event) => event.type === 'EscalationRaised')
    .map((event) => event.data as { escalationId: string; ruleId: string; riecRegion: string });
  const cluster = raised.find((e) => e.ruleId === 'threat-cluster');
  const subject = raised.find(
    (e) => e.ruleId === 'cross-municipality-subject' && e.riecRegion === 'amsterdam',
  ) as { subjectFingerprint: string } | undefined;
  if (cluster === undefined || subject === undefined) {
    throw new Error('Expected threat-cluster and cross-municipality-subject escalations');
  }

  const casePath = `/api/v1/escalations/${cluster.escalationId}`;
  await analyst.post(`${casePath}/acknowledge`).expect(200);
  await analyst.post(`${casePath}/assign`, { assignee: 'analyst-anna' }).expect(200);
  await analyst.post(`${casePath}/notes`, { text: 'Gesprek met de wijkagent gepland' }).expect(201);
  await analyst
    .post(`${casePath}/close`, { outcome: 'VALUABLE', note: 'Overgedragen' })
    .expect(200);

  const until = new Date(Date.now() + 30 * DAY_MS).toISOString();
  await analyst
    .post('/api/v1/escalations/snoozes', {
      ruleId: 'bribery-and-infiltration',
      municipality: 'GM0363',
      until,
      reason: 'In onderzoek bij de FIOD',
    })
    .expect(201);
  await analyst
    .post('/api/v1/escalations/snoozes', {
      ruleId: 'cross-municipality-subject',
      fingerprint: subject.subjectFingerprint,
      until,
      reason: 'Bekende holding, al in behandeling',
    })
    .expect(201);

  const drafted = await analyst
    .post('/api/v1/rules/drafts', {
      rules: [
        { id: 'threat-cluster', params: { minSignals: 2, windowDays: 30 } },
        { id: 'rising-risk', params: { minLevel: 'HIGH' } },
      ],
      note: 'Twee bedreigingen zijn al genoeg',
    })
    .expect(201);
  await admin.post(`/api/v1/rules/drafts/${drafted.body.version}/publish`).expect(200);
  await admin
    .post('/api/v1/rules/drafts', {
      rules: [
        { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
        { id: 'bribery-and-infiltration', params: { windowDays: 90 } },
        { id: 'cross-municipality-subject', params: { minMunicipalities: 2, windowDays: 180 } },
        { id: 'critical-signal', params: { minSeverity: 5 } },
        { id: 'election-infiltration', params: { daysBefore: 180 } },
        { id: 'rising-risk', params: { minLevel: 'CRITICAL' } },
      ],
    })
    .expect(201);

  await admin
    .post(`/api/v1/admin/subjects/${subject.subjectFingerprint}/erase`, {
      reason: 'AVG-verzoek 2026-0042',
    })
    .expect(200);

  // Deliveries: the live webhook and the mails succeed, Rotterdam's dead webhook fails for good.
  await eventually(async () => {
    await t.deliver();
    const types = new Set((await readWholeLog(t)).map((event) => event.type));
    expect(types).toContain('EscalationNotified');
    expect(types).toContain('EscalationDeliveryFailed');
  }, 20_000);
  await t.quiesce();
  return readWholeLog(t);
}

describe('the JSON Schemas of the published events (docs/events)', () => {
  const schemas = loadSchemas();
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>(
    schemas.map(({ name, schema }) => [name, ajv.compile(schema)]),
  );
  const validate = (name: string, value: unknown): ErrorObject[] | null => {
    const check = validators.get(name);
    if (check === undefined) throw new Error(`No schema ${name}`);
    return check(value) ? null : (check.errors ?? []);
  };

  let t: TestPlatform | undefined;
  let sink: SmtpSink | undefined;
  let hook: WebhookReceiver | undefined;
  let deadHook: WebhookReceiver | undefined;
  let messages: KafkaEventMessage[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    hook = await startWebhookReceiver();
    deadHook = await startWebhookReceiver({ failFirst: 1_000 });
    t = await startTestPlatform({
      notifications: {
        smtpUrl: sink.url,
        smtpFrom: 'Weerbaar <weerbaar@test.example>',
        outboxDir: '/nonexistent-in-memory/outbox',
        publicBaseUrl: 'https://weerbaar.test',
        delivery: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2_000 },
        digest: undefined,
      },
    });
    messages = (await driveEveryCommand(t, { hook, deadHook })).map((event) =>
      toKafkaMessage(event, event.streamId),
    ); // the value does not depend on the key
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await Promise.all([sink?.close(), hook?.close(), deadHook?.close()]);
  });

  it('names every schema file <EventType>.v<version>.schema.json with a matching title', () => {
    expect(schemas.length).toBeGreaterThan(0);
    for (const { name, schema } of schemas) {
      expect(schema.title).toBe(name.replace('.v', ' v'));
    }
  });

  it('has a schema for every event type and version the platform published', () => {
    const published = [...new Set(messages.map(schemaNameOf))].sort();
    const missing = published.filter((name) => !validators.has(name));
    expect(missing).toEqual([]);
  });

  it('has no schema that no published event uses (extend the scenario with a new event)', () => {
    const published = new Set(messages.map(schemaNameOf));
    const unused = schemas.map(({ name }) => name).filter((name) => !published.has(name));
    expect(unused).toEqual([]);
  });

  it('validates the value of every published message against its schema', () => {
    expect(messages.length).toBeGreaterThan(0);
    const failures = messages.flatMap((message) => {
      const name = schemaNameOf(message);
      if (!validators.has(name)) return [];
      const errors = validate(name, JSON.parse(message.value));
      return errors === null
        ? []
        : [{ schema: name, eventId: message.headers[HEADERS.eventId], errors }];
    });
    expect(failures).toEqual([]);
  });

  describe('rejects a value that breaks its schema', () => {
    const recorded = () => {
      const message = messages.find((m) => schemaNameOf(m) === 'SignalRecorded.v1');
      if (message === undefined) throw new Error('No SignalRecorded was published');
      return JSON.parse(message.value) as {
        data: { signalId: string; facts: Record<string, unknown>; personal: object };
        metadata: object;
      };
    };

    it.each([
      [
        'an unknown category',
        (v: ReturnType<typeof recorded>) => (v.data.facts.category = 'ARSON'),
        '/data/facts/category',
      ],
      [
        'a subcategory of another category',
        (v: ReturnType<typeof recorded>) => (v.data.facts.subcategory = 'MONEY_OFFER'),
        '/data/facts/subcategory',
      ],
      [
        'an unknown field',
        (v: ReturnType<typeof recorded>) => (v.data.facts.colour = 'red'),
        '/data/facts',
      ],
      [
        'a signal id that is no UUID',
        (v: ReturnType<typeof recorded>) => (v.data.signalId = 'signal-1'),
        '/data/signalId',
      ],
      [
        'an occurredAt without a time zone',
        (v: ReturnType<typeof recorded>) => (v.data.facts.occurredAt = '2025-03-12T14:30:00'),
        '/data/facts/occurredAt',
      ],
    ])('SignalRecorded with %s', (_case, breakIt, path) => {
      const value = recorded();
      expect(validate('SignalRecorded.v1', value)).toBeNull();
      breakIt(value);
      const errors = validate('SignalRecorded.v1', value);
      expect(errors?.map((error) => error.instancePath)).toContain(path);
    });
  });

  it('keeps the enums of the schemas equal to the vocabulary of the domain', () => {
    const enumOf = (definition: string): unknown => {
      const found = schemas.find(({ schema }) => schema.$defs?.[definition] !== undefined);
      return found?.schema.$defs?.[definition].enum;
    };
    expect({
      category: enumOf('category'),
      subcategory: enumOf('subcategory'),
      targetRole: enumOf('targetRole'),
      severity: enumOf('severity'),
      source: enumOf('source'),
      classification: enumOf('classification'),
      sourceReliability: enumOf('sourceReliability'),
      informationCredibility: enumOf('informationCredibility'),
      subjectKind: enumOf('subjectKind'),
      escalationSeverity: enumOf('escalationSeverity'),
      escalationOutcome: enumOf('escalationOutcome'),
      deliveryChannel: enumOf('deliveryChannel'),
      ruleId: enumOf('ruleId'),
    }).toEqual({
      category: CATEGORIES,
      subcategory: CATEGORIES.flatMap((category) => SUBCATEGORIES[category]),
      targetRole: TARGET_ROLES,
      severity: SEVERITIES,
      source: SOURCES,
      classification: CLASSIFICATIONS,
      sourceReliability: SOURCE_RELIABILITIES,
      informationCredibility: INFORMATION_CREDIBILITIES,
      subjectKind: SUBJECT_KINDS,
      escalationSeverity: ESCALATION_SEVERITIES,
      escalationOutcome: ESCALATION_OUTCOMES,
      deliveryChannel: DELIVERY_CHANNELS,
      ruleId: RULE_IDS,
    });
  });

  it('keeps the rules of the rule-set schemas equal to the parameters the parser accepts', () => {
    type RuleSchema = {
      properties: { id: { const: string }; params: { properties: Record<string, unknown> } };
    };
    const rule = schemas.find(({ schema }) => schema.$defs?.rule !== undefined)?.schema.$defs
      ?.rule as { oneOf: RuleSchema[] } | undefined;
    const described = Object.fromEntries(
      (rule?.oneOf ?? []).map((r) => [r.properties.id.const, r.properties.params.properties]),
    );
    const accepted = Object.fromEntries(
      Object.entries(RULE_PARAMETERS).map(([id, parameters]) => [
        id,
        Object.fromEntries(
          Object.entries(parameters).map(([name, bounds]) => [
            name,
            'oneOf' in bounds
              ? { enum: bounds.oneOf }
              : { type: 'integer', minimum: bounds.min, maximum: bounds.max },
          ]),
        ),
      ]),
    );
    expect(described).toEqual(accepted);
  });

  it('keeps the copies of a shared definition equal in every file', () => {
    const first = new Map<string, { file: string; json: string }>();
    const differing: string[] = [];
    for (const { file, schema } of schemas) {
      for (const [definition, body] of Object.entries(schema.$defs ?? {})) {
        const json = JSON.stringify(body);
        const seen = first.get(definition);
        if (seen === undefined) first.set(definition, { file, json });
        else if (seen.json !== json) differing.push(`${definition}: ${seen.file} ≠ ${file}`);
      }
    }
    expect(differing).toEqual([]);
  });
});
