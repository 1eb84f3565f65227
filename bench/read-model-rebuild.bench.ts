// Benchmark (not a test): how fast the read models rebuild from the event store, on the
// embedded engine (PGlite, what `npm start` runs) and, with DATABASE_URL, on that server.
// Imports N signal events (records, amendments, retractions), rebuilds twice, prints events/s
// and whether both rebuilds gave identical tables.
//
//   npm run build && node dist/bench/read-model-rebuild.bench.js
//   BENCH_EVENTS=50000 DATABASE_URL=postgresql://… node dist/bench/read-model-rebuild.bench.js
import { randomBytes, randomUUID } from 'node:crypto';
import {
  DEFAULT_RISK_CONFIG,
  type SignalAmended,
  type SignalRecorded,
  type SignalRetracted,
} from '@weerbaar/domain';
import type { NewEvent } from '@weerbaar/event-store';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { readModelChecksums, rebuildReadModels } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { fail, print } from './report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const DAY_MS = 86_400_000;
const CATEGORIES = [
  ['THREAT', 'ONLINE'],
  ['BRIBERY', 'MONEY_OFFER'],
  ['INFILTRATION', 'REAL_ESTATE'],
] as const;

function signalStream(index: number, municipalities: readonly string[]): NewEvent[] {
  const signalId = randomUUID();
  const [category, subcategory] = CATEGORIES[index % 3];
  const recorded: SignalRecorded['data'] = {
    signalId,
    facts: {
      municipality: municipalities[index % municipalities.length],
      category,
      subcategory,
      targetRole: 'WETHOUDER',
      severity: ((index % 5) + 1) as 1 | 2 | 3 | 4 | 5,
      occurredAt: new Date(Date.UTC(2026, 0, 1) + (index % 300) * DAY_MS).toISOString(),
      policeReportFiled: index % 2 === 0,
      source: 'DIRECT',
      classification: 'TLP:AMBER',
      sourceReliability: 'F',
      informationCredibility: '6',
      subjectFingerprints: [randomUUID().replace(/-/g, '').padEnd(64, '0')],
    },
    personal: { description: 'Benchmark', subjects: [{ kind: 'PERSON', identifier: `p${index}` }] },
  };
  const events: NewEvent[] = [
    { eventId: randomUUID(), type: 'SignalRecorded', schemaVersion: 1, data: recorded },
  ];
  if (index % 10 === 1) {
    const amended: SignalAmended['data'] = {
      signalId,
      changes: { severity: 5 },
      personalChanges: {},
      reason: 'Bench',
    };
    events.push({ eventId: randomUUID(), type: 'SignalAmended', schemaVersion: 1, data: amended });
  }
  if (index % 10 === 2) {
    const retracted: SignalRetracted['data'] = { signalId, reason: 'Bench' };
    events.push({
      eventId: randomUUID(),
      type: 'SignalRetracted',
      schemaVersion: 1,
      data: retracted,
    });
  }
  return events;
}

async function measure(label: string, databaseUrl: string | undefined): Promise<void> {
  const referenceData = ReferenceData.load();
  const municipalities = referenceData.municipalities().map((m) => m.code);
  const infra = await openInfrastructure(
    {
      dataDir: '',
      databaseUrl,
      personalData: { kek: randomBytes(32), previousKeks: [], retentionYears: 5 },
    },
    { inMemory: true },
  );
  try {
    const started = Date.now();
    let appended = 0;
    const pending: Promise<unknown>[] = [];
    for (let i = 0; appended < EVENTS; i++) {
      const events = signalStream(i, municipalities);
      appended += events.length;
      pending.push(
        infra.eventStore.append(
          `signal-${(events[0].data as { signalId: string }).signalId}`,
          events,
          { expectedRevision: 'no_stream' },
        ),
      );
      if (pending.length >= 64) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    print(`${label}: imported ${appended} events in ${Date.now() - started} ms`);

    const runs: { events: number; millis: number }[] = [];
    const checksums: string[] = [];
    for (let run = 0; run < 2; run++) {
      runs.push(
        await rebuildReadModels(infra.dataSource, infra.bus, {
          regions: referenceData,
          risk: DEFAULT_RISK_CONFIG,
        }),
      );
      checksums.push(JSON.stringify(await readModelChecksums(infra.dataSource)));
    }
    for (const [i, r] of runs.entries()) {
      print(
        `${label}: rebuild ${i + 1}: ${r.events} events in ${r.millis} ms = ${Math.round((r.events / r.millis) * 1000)} events/s`,
      );
    }
    print(`${label}: both rebuilds identical: ${checksums[0] === checksums[1]}`);
  } finally {
    await infra.close();
  }
}

async function main(): Promise<void> {
  print(`read-model rebuild, ${EVENTS} events (target in ARCHITECTURE.md: ≥ 25,000 events/s)`);
  await measure('PGlite (embedded)', undefined);
  if (process.env.DATABASE_URL) await measure('PostgreSQL server', process.env.DATABASE_URL);
}

main().catch(fail);
