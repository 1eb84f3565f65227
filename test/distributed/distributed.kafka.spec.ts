// The distributed shape for real (LocalCluster: PostgreSQL, Apache Kafka, every service as its
// own process, nginx as the one origin), with two risk-projector instances:
// - scale-out: the two instances share the partitions, and every event is applied exactly once
//   across them, also across the rebalance when one is killed;
// - chaos: while 5,000 signals are posted through the origin, the relay, a projector and the
//   escalation service are killed (SIGKILL) at random moments and the broker is stopped for 20 s.
//   Afterwards every acknowledged signal is in the read models exactly once, the read models
//   equal a rebuild from scratch, and no escalation or notification happened twice;
// - personal data: the topic's messages hold personal texts only sealed, and a subject erased
//   through the origin reads as erased;
// - logs: no process's log holds a personal value, token or secret the test sent.
// CHAOS_SEED replays a schedule; CHAOS_KEEP=1 keeps the data directory with every process's log.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { PgDatabase } from '@weerbaar/event-store';
import { ReferenceData } from '@weerbaar/reference-data';
import { mintToken } from '@weerbaar/security';
import {
  aBriberyRequest,
  anInfiltrationRequest,
  aThreatRequest,
  type SignalRequestBody,
  type SmtpSink,
  startSmtpSink,
} from '@weerbaar/testing';
import { freePort, LocalCluster } from '../../apps/local-cluster/src/local-cluster';
import { prng } from '../../bench/generate-signals';

jest.setTimeout(20 * 60 * 1000);

const ROOT = resolve(__dirname, '../..');
const MUNICIPALITIES = ['GM0363', 'GM0344', 'GM0599', 'GM0518', 'GM0014', 'GM0153', 'GM0772'];
const SUBJECTS = ['Bouwbedrijf De Vries BV', 'Vastgoed Noord BV', 'J. Jansen', 'Horeca Zuid BV'];
const TOPIC = 'ondermijning.events.v1';

const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const say = (message: string) => process.stderr.write(`distributed test: ${message}\n`);

const rand = prng(seed); // seeded, so that a failing schedule can be replayed
const between = (min: number, max: number) => min + rand() * (max - min);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let dataDir: string;
let cluster: LocalCluster;
let sink: SmtpSink;
let db: PgDatabase;
let kafka: Kafka;
const secret = randomBytes(32).toString('hex');
const referenceData = ReferenceData.load();
/** What the test sent that no log may hold: personal values, tokens, the signing secret. */
const unloggable = new Set<string>([secret]);
const remember = (value: string) => (unloggable.add(value), value);
const coordinator = (municipality: string) =>
  remember(
    mintToken(
      { role: 'coordinator', municipality, sub: `coordinator-${municipality}` },
      secret,
      referenceData,
    ),
  );
const admin = remember(mintToken({ role: 'admin', sub: 'admin' }, secret, referenceData));
/** Signal ids the origin acknowledged with 201. */
const acknowledged = new Set<string>();
/** Signals sent with a subject, with their municipality. */
const withSubject = new Map<string, string>();

beforeAll(
  async () => {
    say(`seed ${seed} (CHAOS_SEED=${seed} replays this schedule)`);
    dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-distributed-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
    sink = await startSmtpSink();
    cluster = await LocalCluster.start({
      root: ROOT,
      dataDir,
      port: await freePort(),
      instances: { 'risk-projector': 2 },
      output: { dir: join(dataDir, 'logs') },
      log: say,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AUTH_JWT_SECRET: secret,
        SMTP_URL: sink.url,
        LOG_LEVEL: 'info',
        KAFKA_TOPIC_PARTITIONS: '6',
        // The writers outrun the abuse limits on purpose (rate-limits.e2e.spec tests those).
        RATE_LIMIT_PER_TOKEN: '0',
        RATE_LIMIT_PER_ADDRESS: '0',
      },
    });
    db = new PgDatabase({ connectionString: cluster.databaseUrl });
    kafka = new Kafka({ brokers: [cluster.brokers], logLevel: logLevel.NOTHING });
    // Every RIEC region of the municipalities gets a contact, so escalations are mailed.
    const regions = new Set(MUNICIPALITIES.map((code) => referenceData.riecRegionOf(code)!));
    for (const region of regions) {
      const res = await fetch(`${cluster.origin}/api/v1/admin/riec-contacts/${region}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          contacts: [{ name: 'Analist Achternaam', email: remember(`riec-${region}@example.nl`) }],
        }),
      });
      expect(res.status).toBe(200);
    }
  },
  5 * 60 * 1000,
);

afterAll(async () => {
  await db?.close();
  await cluster?.stop();
  await sink?.close();
  if (process.env.CHAOS_KEEP) say(`kept ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
});

function aSignal(): SignalRequestBody {
  const municipality = pick(MUNICIPALITIES);
  const builder = pick([aThreatRequest, aThreatRequest, aBriberyRequest, anInfiltrationRequest])()
    .in(municipality)
    .withId(randomUUID())
    // Severity 5 raises an escalation (and mails) each time: a few, not a fifth of them.
    .severity(rand() < 0.03 ? 5 : 1 + Math.floor(rand() * 4));
  const dated = builder.daysAgo(Math.floor(rand() * 60));
  const body =
    rand() < 0.1
      ? dated.withSubjects({ kind: 'ORGANISATION', identifier: pick(SUBJECTS) }).build()
      : dated.build();
  if (Array.isArray(body.subjects)) withSubject.set(String(body.signalId), municipality);
  remember(String(body.description));
  return body;
}

/** Posts `count` signals through the origin at about `rate` per second, 8 at a time. */
async function post(count: number, rate: number): Promise<{ refused: number; failed: number }> {
  const started = Date.now();
  let next = 0;
  let refused = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const due = started + (n * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const body = aSignal();
      try {
        const res = await fetch(`${cluster.origin}/api/v1/signals`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${coordinator(String(body.municipality))}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        if (res.status === 201) acknowledged.add(String(body.signalId));
        else refused += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { refused, failed };
}

/** Every consumer group's committed offsets at the end of the topic. */
async function groupsAtEnd(): Promise<boolean> {
  const names = await db.query<{ group: string }>(
    `SELECT DISTINCT split_part(name, '#', 1) AS group FROM processor_checkpoints
      WHERE name LIKE '%#${TOPIC}/%'`,
  );
  const client = kafka.admin();
  await client.connect();
  try {
    const ends = await client.fetchTopicOffsets(TOPIC);
    for (const { group } of names) {
      const [committed] = await client.fetchOffsets({ groupId: group, topics: [TOPIC] });
      const at = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      if (
        !ends.every((end) => BigInt(end.high) === 0n || at.get(end.partition) === BigInt(end.high))
      )
        return false;
    }
    return names.length >= 3;
  } finally {
    await client.disconnect();
  }
}

/**
 * Until everything settled: the relay produced the whole log, every consumer group consumed the
 * whole topic, no delivery is pending, and nothing new was appended for a while.
 */
async function settled(timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince: number | undefined;
  let lastHead = '';
  while (Date.now() < deadline) {
    try {
      const [{ head, relay, pending }] = await db.query<{
        head: string;
        relay: string | null;
        pending: string;
      }>(
        `SELECT (SELECT transaction_id::text || ':' || position FROM es_events
                  ORDER BY transaction_id DESC, position DESC LIMIT 1) AS head,
                (SELECT transaction_id::text || ':' || position FROM processor_checkpoints
                  WHERE name = 'kafka-relay') AS relay,
                (SELECT count(*) FROM notification_deliveries WHERE status = 'PENDING') AS pending`,
      );
      const still = head === relay && pending === '0' && (await groupsAtEnd());
      if (still && head === lastHead) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince > 3000) return;
      } else {
        quietSince = undefined;
      }
      lastHead = head;
    } catch {
      quietSince = undefined; // the broker may be restarting
    }
    await sleep(500);
  }
  throw new Error(`not settled within ${timeoutMs / 1000} s`);
}

/** The read models hold every signal recorded, each once, and the acknowledged ones among them. */
async function expectEverySignalOnce(): Promise<void> {
  const recorded = await db.query<{ id: string; municipality: string }>(
    `SELECT data->>'signalId' AS id, data->'facts'->>'municipality' AS municipality
       FROM es_events WHERE type = 'SignalRecorded'`,
  );
  const recordedIds = new Set(recorded.map((r) => r.id));
  const missing = [...acknowledged].filter((id) => !recordedIds.has(id));
  expect(missing).toEqual([]);
  const [versions] = await db.query<{ rows: string; signals: string }>(
    `SELECT count(*) AS rows, count(DISTINCT signal_id) AS signals FROM signal_versions`,
  );
  expect({ rows: Number(versions.rows), signals: Number(versions.signals) }).toEqual({
    rows: recorded.length,
    signals: recorded.length,
  });
  const [counted] = await db.query<{ total: string }>(
    `SELECT coalesce(sum(count), 0) AS total FROM daily_signal_counts`,
  );
  expect(Number(counted.total)).toBe(recorded.length);
  // And through the origin: each municipality's risk picture counts its signals once.
  for (const code of MUNICIPALITIES) {
    const res = await fetch(`${cluster.origin}/api/v1/municipalities/${code}/risk`, {
      headers: { Authorization: `Bearer ${coordinator(code)}` },
    });
    const picture = (await res.json()) as { liveSignals: number };
    expect({ code, live: picture.liveSignals }).toEqual({
      code,
      live: recorded.filter((r) => r.municipality === code).length,
    });
  }
}

/** Partitions a projector instance applied batches of, from its /metrics. */
async function partitionsOf(port: number): Promise<Set<string>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const found = [
    ...text.matchAll(
      /^weerbaar_consumer_lag_messages\{subscriber="read-models",partition="(\d+)"\}/gm,
    ),
  ];
  return new Set(found.map((m) => m[1]));
}

describe('the distributed shape', () => {
  it('shares the partitions between two projectors and applies each event once, also across a rebalance', async () => {
    await post(600, 200);
    await settled();
    const [first, second] = cluster.of('risk-projector');
    const shares = [await partitionsOf(first.port), await partitionsOf(second.port)];
    say(`projector partitions: ${shares.map((s) => [...s].sort().join(',')).join(' | ')}`);
    expect(shares[0].size).toBeGreaterThan(0);
    expect(shares[1].size).toBeGreaterThan(0);
    await expectEverySignalOnce();

    // One instance dies mid-stream: the other takes its partitions, then gives some back when
    // the supervisor has started it again.
    const posting = post(600, 200);
    await sleep(1000);
    cluster.kill('risk-projector', 1);
    await posting;
    await settled();
    await expectEverySignalOnce();
  });

  it('loses and doubles nothing while services are killed and the broker is stopped for 20 s', async () => {
    const schedule: [number, string, () => Promise<void> | void][] = [
      [between(1, 6), 'kill the relay', () => cluster.kill('relay')],
      [
        between(2, 28),
        'kill a projector',
        () => cluster.kill('risk-projector', rand() < 0.5 ? 0 : 1),
      ],
      [between(2, 28), 'kill the escalation service', () => cluster.kill('escalation')],
      [
        between(6, 10),
        'stop the broker for 20 s',
        async () => {
          await cluster.stopBroker();
          await sleep(20_000);
          say('start the broker again');
          await cluster.startBroker();
        },
      ],
      [between(30, 33), 'kill the relay', () => cluster.kill('relay')],
    ];
    const started = Date.now();
    const chaos = Promise.all(
      schedule.map(async ([atSeconds, what, act]) => {
        await sleep(atSeconds * 1000);
        say(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
        await act();
      }),
    );
    const before = acknowledged.size;
    const { refused, failed } = await post(5000, 150);
    say(
      `posted 5,000 in ${((Date.now() - started) / 1000).toFixed(1)} s: ${acknowledged.size - before} acknowledged, ${refused} refused, ${failed} failed`,
    );
    await chaos;
    await settled();
    expect(acknowledged.size - before).toBe(5000);
    await expectEverySignalOnce();

    // No escalation raised or updated twice for the same trigger (one event may raise one per
    // rule and municipality), and escalations did happen.
    const raised = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM es_events WHERE type = 'EscalationRaised'`,
    );
    expect(Number(raised[0].n)).toBeGreaterThan(0);
    const doubled = await db.query<{ type: string; escalation: string; trigger: string }>(
      `SELECT type, data->>'escalationId' AS escalation, data->>'triggeredByEventId' AS trigger
         FROM es_events WHERE type IN ('EscalationRaised', 'EscalationUpdated')
        GROUP BY 1, 2, 3 HAVING count(*) > 1
       UNION ALL
       SELECT 'raised twice by one rule for one event', min(data->>'escalationId'),
              data->>'triggeredByEventId'
         FROM es_events WHERE type = 'EscalationRaised'
        GROUP BY data->>'ruleId', data->>'municipality', data->>'triggeredByEventId'
       HAVING count(*) > 1`,
    );
    expect(doubled).toEqual([]);

    // No notification queued twice, none pending, and each mail received once.
    const queuedTwice = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM notification_deliveries
        GROUP BY kind, channel, recipient, escalation_id, revision HAVING count(*) > 1`,
    );
    expect(queuedTwice).toEqual([]);
    const [{ delivered }] = await db.query<{ delivered: string }>(
      `SELECT count(*) AS delivered FROM notification_deliveries
        WHERE channel = 'EMAIL' AND status = 'DELIVERED'`,
    );
    expect(Number(delivered)).toBeGreaterThan(0);
    const byMessageId = new Map<string, number>();
    for (const mail of sink.mails) {
      byMessageId.set(String(mail.messageId), (byMessageId.get(String(mail.messageId)) ?? 0) + 1);
    }
    expect([...byMessageId].filter(([, n]) => n > 1)).toEqual([]);
    expect(byMessageId.size).toBe(Number(delivered));

    // The read models equal a rebuild from the event store (the CLI compares before it swaps).
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'dist/apps/cli/src/main.js'), 'rebuild', '--verify'],
      {
        env: {
          PATH: process.env.PATH,
          WEERBAAR_DATA_DIR: dataDir,
          DATABASE_URL: cluster.databaseUrl,
          LOG_LEVEL: 'warn',
        },
      },
    );
    say(stdout.trim());
    expect(stdout).not.toContain('CHANGED');
    expect(stdout).not.toContain('not compared');
  });

  it('publishes personal texts only sealed, and erases a subject through the origin', async () => {
    const [signalId, municipality] = [...withSubject].find(([id]) => acknowledged.has(id))!;
    const read = async () => {
      const res = await fetch(`${cluster.origin}/api/v1/signals/${signalId}`, {
        headers: { Authorization: `Bearer ${coordinator(municipality)}` },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { subjects: { fingerprint: string; erased: boolean }[] };
    };
    const { fingerprint } = (await read()).subjects[0];
    const erased = await fetch(`${cluster.origin}/api/v1/admin/subjects/${fingerprint}/erase`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'AVG-verzoek 2026-0007' }),
    });
    expect(erased.status).toBe(200);
    expect((await read()).subjects[0]).toEqual({ kind: 'ORGANISATION', fingerprint, erased: true });

    // Every message of the topic, from the start.
    const admin_ = kafka.admin();
    await admin_.connect();
    const ends = await admin_.fetchTopicOffsets(TOPIC);
    await admin_.disconnect();
    const remaining = new Map(ends.map((p) => [p.partition, Number(p.high)]));
    const values: Buffer[] = [];
    const consumer = kafka.consumer({ groupId: `personal-data-scan-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await new Promise<void>((done, fail) => {
      const check = () => [...remaining.values()].every((left) => left <= 0) && done();
      check();
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            if (message.value) values.push(message.value);
            remaining.set(
              partition,
              Number(ends.find((p) => p.partition === partition)!.high) -
                Number(message.offset) -
                1,
            );
            check();
          },
        })
        .catch(fail);
    });
    await consumer.disconnect();
    const topic = Buffer.concat(values);
    expect(values.length).toBeGreaterThan(5_000);
    expect(topic.includes(Buffer.from('"wb1.'))).toBe(true); // sealed texts travel
    const personal = [
      ...SUBJECTS,
      'Analist Achternaam',
      String(aThreatRequest().build().description),
      ...[...unloggable].filter((value) => value.startsWith('riec-')),
    ];
    expect(personal.filter((text) => topic.includes(Buffer.from(text)))).toEqual([]);
  });

  it('writes no personal value, token or secret it was sent into any log', () => {
    const logDir = join(dataDir, 'logs');
    const logs = readdirSync(logDir).map((file) => readFileSync(join(logDir, file), 'utf8'));
    const text = logs.join('\n');
    // Every service logged its requests or its work: the scan reads real logs.
    expect(text.match(/"req":\{"id":"[\w-]+"/g)?.length ?? 0).toBeGreaterThan(1_000);
    for (const value of [...SUBJECTS, 'Analist Achternaam']) unloggable.add(value);
    expect(unloggable.size).toBeGreaterThan(10);
    expect([...unloggable].filter((value) => text.includes(value))).toEqual([]);
  });
});
