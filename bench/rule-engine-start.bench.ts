// Benchmark (not a test): how long the rule engine takes to start, and how much memory it holds,
// after a log of 200,000 events compared with a log of 10. The engine keeps its state in tables
// and loads per batch only what the batch touches, so neither figure should grow with the log.
// Also prints how fast the engine works through the log the first time.
//
//   npm run bench -- rule-engine
//   BENCH_EVENTS=50000 npm run bench -- rule-engine
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@weerbaar/config';
import type { SignalAmended, SignalRecorded, SignalRetracted } from '@weerbaar/domain';
import type { SqlDatabase } from '@weerbaar/event-store';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { ReferenceData } from '@weerbaar/reference-data';
import { EscalationRulesService } from '../apps/escalation/src/rules/escalation-rules.service';
import { fail, print } from './report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const DAY_MS = 86_400_000;
const SUBCATEGORY = {
  THREAT: 'VERBAL',
  BRIBERY: 'MONEY_OFFER',
  INFILTRATION: 'PERMIT_OR_TENDER',
} as const;

/** A seeded generator, so every run benchmarks the same log. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LoggedEvent {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  recordedAt: number;
}

/**
 * Five years of signals over every municipality (the ten largest twenty times as often), each
 * recorded a few hours to a month after it occurred, some subjects recurring across
 * municipalities, ~10 % amended and ~5 % retracted later: a log shaped like the real one, in the
 * order it would have been recorded.
 */
function historicLog(count: number, municipalities: readonly string[]): LoggedEvent[] {
  const next = random(2026);
  const end = Date.now();
  const span = 5 * 365 * DAY_MS;
  const weighted = municipalities.flatMap((code, i) => Array<string>(i < 10 ? 20 : 1).fill(code));
  const subjects = Array.from({ length: 5_000 }, (_, i) => i.toString(16).padStart(64, '0'));
  const log: LoggedEvent[] = [];
  while (log.length < count) {
    const signalId = randomUUID();
    const streamId = `signal-${signalId}`;
    const recordedAt = end - span + Math.floor(next() * span);
    const category = (['THREAT', 'THREAT', 'BRIBERY', 'INFILTRATION'] as const)[
      Math.floor(next() * 4)
    ];
    const roll = next();
    const severity = (roll < 0.3 ? 1 : roll < 0.6 ? 2 : roll < 0.85 ? 3 : roll < 0.97 ? 4 : 5) as
      1 | 5;
    const recorded: SignalRecorded['data'] = {
      signalId,
      facts: {
        municipality: weighted[Math.floor(next() * weighted.length)],
        category,
        subcategory: SUBCATEGORY[category],
        targetRole: next() < 0.05 ? 'KANDIDAAT' : 'WETHOUDER',
        severity,
        occurredAt: new Date(recordedAt - Math.floor(next() * 30 * DAY_MS)).toISOString(),
        policeReportFiled: next() < 0.5,
        source: 'DIRECT',
        classification: 'TLP:AMBER',
        sourceReliability: 'F',
        informationCredibility: '6',
        subjectFingerprints: next() < 0.3 ? [subjects[Math.floor(next() * subjects.length)]] : [],
      },
      personal: { description: 'Benchmark', subjects: [] },
    };
    log.push({ streamId, revision: 0, type: 'SignalRecorded', data: recorded, recordedAt });
    let revision = 0;
    if (next() < 0.1) {
      const amended: SignalAmended['data'] = {
        signalId,
        changes: { severity: 3 },
        personalChanges: {},
        reason: 'Bench',
      };
      log.push({
        streamId,
        revision: ++revision,
        type: 'SignalAmended',
        data: amended,
        recordedAt: recordedAt + Math.floor(next() * 20 * DAY_MS),
      });
    }
    if (next() < 0.05) {
      const retracted: SignalRetracted['data'] = { signalId, reason: 'Bench' };
      log.push({
        streamId,
        revision: ++revision,
        type: 'SignalRetracted',
        data: retracted,
        recordedAt: recordedAt + 21 * DAY_MS + Math.floor(next() * 20 * DAY_MS),
      });
    }
  }
  return log.sort((a, b) => a.recordedAt - b.recordedAt || a.revision - b.revision);
}

/**
 * Writes the history straight into the event store's tables, with the recorded times it would
 * have had (an append records "now"); one statement per chunk, so the global order is the order
 * of the history.
 */
async function writeHistory(database: SqlDatabase, log: readonly LoggedEvent[]): Promise<void> {
  for (let i = 0; i < log.length; i += 2_000) {
    const chunk = log.slice(i, i + 2_000);
    await database.query(
      `INSERT INTO es_events (event_id, stream_id, stream_revision, type, schema_version, data,
              metadata, recorded_at)
       SELECT gen_random_uuid(), e->>'stream_id', (e->>'revision')::bigint, e->>'type', 1,
              e->'data', '{}'::jsonb, (e->>'recorded_at')::timestamptz
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, ord)
        ORDER BY ord`,
      [
        JSON.stringify(
          chunk.map((e) => ({
            stream_id: e.streamId,
            revision: e.revision,
            type: e.type,
            data: e.data,
            recorded_at: new Date(e.recordedAt).toISOString(),
          })),
        ),
      ],
    );
  }
  await database.query(
    `INSERT INTO es_streams (stream_id, revision)
     SELECT stream_id, max(stream_revision) FROM es_events GROUP BY stream_id`,
  );
}

const heapMb = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1_048_576) * 10) / 10;
};

async function scenario(events: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-bench-engine-'));
  const config = loadConfig({ WEERBAAR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const referenceData = ReferenceData.load();
  const municipalities = referenceData.municipalities().map((m) => m.code);
  const engineOn = (infra: Awaited<ReturnType<typeof openInfrastructure>>) =>
    new EscalationRulesService(infra.bus, infra.eventStore, infra.database, config, referenceData);
  try {
    let infra = await openInfrastructure(config);
    let started = Date.now();
    // In a scope of its own, so the generated log is garbage before memory is measured.
    const appended = await (async () => {
      const log = historicLog(events, municipalities);
      await writeHistory(infra.database, log);
      return log.length;
    })();
    print(
      `  a history of ${appended} signal events over five years written in ${Date.now() - started} ms`,
    );

    started = Date.now();
    const first = engineOn(infra);
    await first.catchUp();
    const firstRun = Date.now() - started;
    await first.catchUp(); // past its own escalation events, so the restart starts at the head
    const escalations = await infra.database.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM es_streams WHERE stream_id LIKE 'escalation-%'`,
    );
    print(
      `  first run through the log: ${firstRun} ms = ${Math.round((appended / firstRun) * 1000)} events/s, ${escalations[0].n} escalations raised`,
    );
    await infra.close();

    // A restart: the embedded database opens again, then the engine starts on it.
    started = Date.now();
    infra = await openInfrastructure(config);
    const opened = Date.now() - started;
    const heapBefore = heapMb();
    started = Date.now();
    const engine = engineOn(infra);
    await engine.catchUp();
    const start = Date.now() - started;
    const heapAfter = heapMb();
    const [next] = historicLog(1, ['GM0363']);
    await infra.eventStore.append(
      next.streamId,
      [{ eventId: randomUUID(), type: next.type, schemaVersion: 1, data: next.data }],
      { expectedRevision: 'no_stream' },
    );
    started = Date.now();
    await engine.catchUp();
    const firstDecision = Date.now() - started;
    print(
      `  restart: database opened in ${opened} ms; engine started in ${start} ms; next event judged in ${firstDecision} ms; ` +
        `heap ${heapBefore} MB before, ${heapAfter} MB after start (+${Math.round((heapAfter - heapBefore) * 10) / 10} MB); ` +
        `rss ${Math.round(process.memoryUsage().rss / 1_048_576)} MB`,
    );
    await infra.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(false); // the engine logs every escalation it raises
  print('rule engine start (embedded PGlite, data on disk), a small log and a large one:');
  for (const events of [10, EVENTS]) {
    print(`${events} events:`);
    await scenario(events);
  }
}

main().catch(fail);
