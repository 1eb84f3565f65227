// Benchmark (not a test): how fast the risk projector of the distributed shape catches up with a
// large log on Kafka, with one and with two instances; and how fast the relay puts the log there.
//
//   npm run bench -- projector-catch-up
//   BENCH_EVENTS=100000 npm run bench -- projector-catch-up      (default 1,000,000)
//   BENCH_PROJECTORS=2 npm run bench -- projector-catch-up       (default 1,2: one run each)
//
// In a temp directory it starts a LocalCluster of PostgreSQL (durable settings) and Kafka 4.4.0
// without any service, seeds the event store with the data set of bench/generate-signals.ts (seed
// 1, 1.15 events a signal: records, amendments, retractions) through the importer of
// `weerbaar import` in this process (no read-model catch-up: the read models stay empty), then:
//
// 1. starts the relay and times it until every event is on the topic (the sum of the partitions'
//    end offsets reaches the log's size), then stops it;
// 2. per run, starts N risk-projector instances together on empty read models and a fresh
//    consumer group, and times them until the group's committed offsets reach the end of every
//    partition (lag 0), then stops them. Between runs the read models are emptied, the
//    projector's per-partition positions (processor checkpoints `read-models#…`) deleted and the
//    consumer group deleted, so each run starts from nothing.
//
// Only the relay and the projectors run (no rule engine, notifier, intake or nginx): the figures
// are theirs. Rates are given from the processes' start (boot, group join and rebalance
// included) and from the first committed batch. BENCH_LOCK=<file> holds an flock(1) lock while
// measuring (see read-load). Everything started is stopped and the temp directory removed at
// the end, on an error and on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { systemClock } from '@weerbaar/config';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { READ_MODEL_PROCESSOR, READ_MODEL_TABLES } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { SignalImport } from '../apps/cli/src/import/import-signals';
import {
  type BenchCluster,
  committedOffsets,
  describeCpu,
  readCpu,
  sum,
  topicEnds,
  withKafkaAdmin,
  withLocalCluster,
} from './distributed-cluster';
import { generateSignals } from './generate-signals';
import { sleep, takeBenchLock, withClient } from './platform-under-load';
import { fail, print } from './report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PROJECTORS = (process.env.BENCH_PROJECTORS ?? '1,2').split(',').map(Number);
/** The longest wait for the relay or a run of the projectors. */
const LIMIT_MS = Number(process.env.BENCH_LIMIT_SECONDS ?? 1_800) * 1000;
/** generate-signals, seed 1: 1,149,946 rows (an event each) for 1,000,000 signals. */
const EVENTS_PER_SIGNAL = 1.149946;
const POLL_MS = 1_000;
const PROGRESS_EVERY_MS = 15_000;

const rate = (events: number, ms: number) => Math.round((events * 1000) / Math.max(1, ms));
const fmt = (n: number) => n.toLocaleString('en-US');

// ------------------------------------------------------------------ seeding

async function seed(bench: BenchCluster): Promise<number> {
  const signals = Math.max(1, Math.round(EVENTS / EVENTS_PER_SIGNAL));
  const file = join(bench.workDir, 'signals.csv');
  const generated = await generateSignals({
    signals,
    out: file,
    seed: 1,
    end: new Date('2026-07-01T00:00:00Z'),
  });
  print(
    `generated ${fmt(signals)} signals (${fmt(generated.rows)} rows, ${(generated.bytes / 1e6).toFixed(0)} MB) in ${(generated.millis / 1000).toFixed(1)} s`,
  );
  const infrastructure = await openInfrastructure({
    dataDir: join(bench.workDir, 'seed'),
    databaseUrl: bench.cluster.databaseUrl,
    personalData: bench.personalData,
  });
  try {
    const started = Date.now();
    const summary = await new SignalImport({
      input: createReadStream(file, { highWaterMark: 1 << 20 }),
      store: infrastructure.eventStore,
      fingerprintKey: bench.fingerprintKey,
      municipalities: ReferenceData.load(),
      clock: systemClock,
    }).run();
    const millis = Date.now() - started;
    if (summary.rejected > 0) throw new Error(`the import rejected ${summary.rejected} rows`);
    const [{ n }] = await infrastructure.database.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM es_events',
    );
    const events = Number(n);
    print(
      `seeded the event store: ${fmt(events)} events (${fmt(summary.recorded)} records, ${fmt(summary.amended)} amendments, ${fmt(summary.retracted)} retractions) in ${(millis / 1000).toFixed(1)} s = ${fmt(rate(events, millis))} events/s (the importer of \`weerbaar import\`, no read-model catch-up)`,
    );
    return events;
  } finally {
    await infrastructure.close();
    rmSync(file, { force: true });
  }
}

// ------------------------------------------------------------------ waiting with progress

interface Progress {
  /** From the start of the processes until done. */
  totalMs: number;
  /** From the first progress until done. */
  activeMs: number;
  /** Time from the start of the processes to the first progress. */
  startMs: number;
}

/**
 * Polls `done()` (how many of `target` are through) every second until it reaches `target`;
 * prints progress every 15 s. `started` is when the processes were started.
 */
async function track(
  label: string,
  target: number,
  started: number,
  done: () => Promise<number>,
): Promise<Progress> {
  let first: number | undefined;
  let lastPrint = Date.now();
  let lastDone = 0;
  for (;;) {
    const now = Date.now();
    const through = await done();
    if (through > 0 && first === undefined) first = now;
    if (through >= target) {
      const end = Date.now();
      return {
        totalMs: end - started,
        activeMs: end - (first ?? end),
        startMs: (first ?? end) - started,
      };
    }
    if (now - started > LIMIT_MS) {
      throw new Error(`${label}: ${through} of ${target} after ${LIMIT_MS / 1000} s; giving up`);
    }
    if (now - lastPrint >= PROGRESS_EVERY_MS) {
      print(
        `  ${label}: ${fmt(through)} of ${fmt(target)} after ${((now - started) / 1000).toFixed(0)} s (${fmt(rate(through - lastDone, now - lastPrint))}/s lately)`,
      );
      lastPrint = now;
      lastDone = through;
    }
    await sleep(POLL_MS);
  }
}

// ------------------------------------------------------------------ the relay

async function relay(bench: BenchCluster, admin: Admin, events: number): Promise<void> {
  const before = readCpu(bench);
  const started = Date.now();
  await bench.cluster.startInstance('relay');
  const progress = await track('relay', events, started, async () =>
    sum((await topicEnds(admin)).values()),
  );
  const after = readCpu(bench);
  const ends = await topicEnds(admin);
  await bench.cluster.stopInstance('relay');
  print(
    `relay: ${fmt(events)} events onto the topic in ${(progress.totalMs / 1000).toFixed(1)} s from its start = ${fmt(rate(events, progress.totalMs))} events/s; ${fmt(rate(events, progress.activeMs))} events/s from the first message (${(progress.startMs / 1000).toFixed(1)} s to start)`,
  );
  print(`  ${describeCpu(before, after)}`);
  const counts = [...ends.values()].sort((a, b) => b - a);
  print(
    `  ${ends.size} partitions, messages per partition: max ${fmt(counts[0])}, min ${fmt(counts[counts.length - 1])} (the busiest holds ${((counts[0] / events) * 100).toFixed(0)} %)`,
  );
}

// ------------------------------------------------------------------ the projectors

/** Empties the read models and forgets the projector's positions and consumer group. */
async function forgetProjection(bench: BenchCluster, admin: Admin): Promise<void> {
  await withClient(bench.cluster.databaseUrl, async (client) => {
    await client.query(`TRUNCATE ${READ_MODEL_TABLES.map((t) => `"${t}"`).join(', ')}`);
    await client.query(`DELETE FROM processor_checkpoints WHERE name LIKE $1`, [
      `${READ_MODEL_PROCESSOR}#%`,
    ]);
    await client.query(`VACUUM ANALYZE processor_checkpoints`);
  });
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
  if (groups.includes(READ_MODEL_PROCESSOR)) await admin.deleteGroups([READ_MODEL_PROCESSOR]);
}

async function readModelRows(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const counts: string[] = [];
    for (const table of READ_MODEL_TABLES) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "${table}"`,
      );
      counts.push(`${table} ${fmt(Number(rows[0].n))}`);
    }
    return counts.join(', ');
  });
}

async function project(
  bench: BenchCluster,
  admin: Admin,
  instances: number,
  events: number,
): Promise<{ rows: string }> {
  const ends = await topicEnds(admin);
  const messages = sum(ends.values());
  const before = readCpu(bench);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: instances }, () => bench.cluster.startInstance('risk-projector')),
  );
  const ready = Date.now() - started;
  const progress = await track(`${instances} projector(s)`, messages, started, async () => {
    const committed = await committedOffsets(admin, READ_MODEL_PROCESSOR);
    return sum([...ends].map(([partition, end]) => Math.min(end, committed.get(partition) ?? 0)));
  });
  const after = readCpu(bench);
  while (bench.cluster.of('risk-projector').length > 0) {
    await bench.cluster.stopInstance('risk-projector');
  }
  const rows = await readModelRows(bench.cluster.databaseUrl);
  print(
    `${instances} risk-projector instance(s): ${fmt(events)} events caught up (lag 0) in ${(progress.totalMs / 1000).toFixed(1)} s from their start = ${fmt(rate(events, progress.totalMs))} events/s; ${fmt(rate(events, progress.activeMs))} events/s from the first committed batch (ready after ${(ready / 1000).toFixed(1)} s, first batch committed after ${(progress.startMs / 1000).toFixed(1)} s)`,
  );
  print(`  ${describeCpu(before, after)}`);
  print(`  read models: ${rows}`);
  return { rows };
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  print(
    `projector catch-up: ${fmt(EVENTS)} events, risk-projector instances ${PROJECTORS.join(' and ')}; ${new Date().toISOString().slice(0, 10)}`,
  );
  await withLocalCluster(
    {
      origin: false,
      instances: {
        'signal-intake': 0,
        'risk-projector': 0,
        'risk-query': 0,
        escalation: 0,
        notifier: 0,
        relay: 0,
      },
    },
    async (bench) => {
      print(`PostgreSQL and Kafka started in ${bench.workDir}`);
      const release = await takeBenchLock(process.env.BENCH_LOCK);
      try {
        const events = await seed(bench);
        const dataDir = join(bench.workDir, 'cluster');
        print(
          `  PostgreSQL's directory ${(diskBytes(join(dataDir, 'weerbaar-pg.distributed')) / 1e9).toFixed(2)} GB`,
        );
        await withKafkaAdmin(bench.cluster.brokers, async (admin) => {
          await relay(bench, admin, events);
          print(`  Kafka's directory ${(diskBytes(join(dataDir, 'kafka')) / 1e9).toFixed(2)} GB`);
          const rows: string[] = [];
          for (const [i, instances] of PROJECTORS.entries()) {
            if (i > 0) await forgetProjection(bench, admin);
            rows.push((await project(bench, admin, instances, events)).rows);
          }
          if (rows.length > 1) {
            print(`read models equal in size after every run: ${rows.every((r) => r === rows[0])}`);
          }
        });
      } finally {
        release();
      }
    },
  );
}

/** Bytes under a directory (du -sb). */
function diskBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

main().catch(fail);
