// What the benchmarks of the distributed shape share: a LocalCluster (apps/local-cluster) in a
// temp directory with generated secrets, stopped and its directory removed on every way out (the
// end, an error, Ctrl-C, SIGTERM); the topic's end offsets and a consumer group's committed
// offsets; the machine's CPU from /proc/stat. Not a benchmark itself (no `.bench` in its name).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import {
  LocalCluster,
  type LocalClusterOptions,
  SERVICES,
} from '../apps/local-cluster/src/local-cluster';
import { freePort, NO_RATE_LIMITS, ROOT } from './platform-under-load';
import type { PersonalDataConfig } from '@weerbaar/config';

export const EVENTS_TOPIC = 'ondermijning.events.v1';

export interface BenchCluster {
  cluster: LocalCluster;
  /** The temp directory: the cluster's data in cluster/, every process's output in logs/. */
  workDir: string;
  /** AUTH_JWT_SECRET of every service, to mint tokens with. */
  jwtSecret: string;
  /** SUBJECT_FINGERPRINT_KEY of every service. */
  fingerprintKey: string;
  /** WEERBAAR_KEK of every service: what a process opening the cluster's database needs too. */
  personalData: PersonalDataConfig;
}

export type BenchClusterOptions = Pick<LocalClusterOptions, 'instances' | 'origin'> & {
  /** Settings for every service besides the generated secrets. */
  env?: Record<string, string>;
};

/**
 * Starts a LocalCluster in a fresh temp directory, runs `fn`, and stops everything and removes
 * the directory afterwards, also when `fn` throws or the process is told to stop.
 */
export async function withLocalCluster<T>(
  options: BenchClusterOptions,
  fn: (bench: BenchCluster) => Promise<T>,
): Promise<T> {
  const workDir = mkdtempSync(join(tmpdir(), 'weerbaar-dist-bench-'));
  // PostgreSQL runs as the postgres user when we are root: it must reach its directory.
  chmodSync(workDir, 0o755);
  const jwtSecret = randomBytes(32).toString('hex');
  const fingerprintKey = randomBytes(32).toString('hex');
  const kek = randomBytes(32);
  const starting = LocalCluster.start({
    root: ROOT,
    dataDir: join(workDir, 'cluster'),
    port: await freePort(),
    instances: options.instances,
    origin: options.origin ?? true,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      AUTH_JWT_SECRET: jwtSecret,
      SUBJECT_FINGERPRINT_KEY: fingerprintKey,
      WEERBAAR_KEK: kek.toString('base64'),
      DIGEST_SCHEDULE: 'off',
      ...NO_RATE_LIMITS,
      ...options.env,
    },
    output: { dir: join(workDir, 'logs') },
    log: (message) => process.stderr.write(`local-cluster: ${message}\n`),
  });
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      try {
        // A failed start has stopped what it started already.
        await (await starting.catch(() => undefined))?.stop();
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal}: stopping the cluster and removing ${workDir}\n`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const cluster = await starting;
    return await fn({
      cluster,
      workDir,
      jwtSecret,
      fingerprintKey,
      personalData: { kek, previousKeks: [], retentionYears: 5 },
    });
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// ------------------------------------------------------------------ Kafka

/** An admin client of the cluster's broker, disconnected after `fn`. */
export async function withKafkaAdmin<T>(brokers: string, fn: (admin: Admin) => Promise<T>) {
  const kafka = new Kafka({
    clientId: 'weerbaar-bench',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Per partition: the offset after its last message (0 while the topic does not exist). */
export async function topicEnds(admin: Admin, topic = EVENTS_TOPIC): Promise<Map<number, number>> {
  if (!(await admin.listTopics()).includes(topic)) return new Map();
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((p) => [p.partition, Number(p.high)]));
}

/** Per partition: the group's committed offset (0 where it committed nothing yet). */
export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic = EVENTS_TOPIC,
): Promise<Map<number, number>> {
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(
      (committed?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]),
    );
  } catch (error) {
    // A group just created: its coordinator may still be loading.
    if ((error as { retriable?: boolean }).retriable) return new Map();
    throw error;
  }
}

export const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

// ------------------------------------------------------------------ /proc

/** The machine's CPU time so far, busy and in all, in clock ticks (all cores together). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = sum(ticks);
  const idle = ticks[3] + (ticks[4] ?? 0); // idle, iowait
  return { busy: total - idle, total };
}

/** The share of all cores busy between two readings of machineCpu(), 0–1. */
export function busyShare(from: ReturnType<typeof machineCpu>, to = machineCpu()): number {
  return (to.busy - from.busy) / Math.max(1, to.total - from.total);
}

/**
 * CPU seconds (user + system) of a process and its children, the living and the reaped (a
 * PostgreSQL server's backends, say).
 */
export function treeCpuSeconds(pid: number): number {
  const fieldsOf = (id: number | string) => {
    const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  const own = fieldsOf(pid);
  // utime, stime, cutime, cstime (the children it reaped) in clock ticks (USER_HZ, 100).
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = fieldsOf(entry);
      if (Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** The pid in a pid file (PostgreSQL's postmaster.pid, Kafka's kafka.pid), if present. */
export function pidFromFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** CPU seconds so far of every process of the cluster (and of this one), by name. */
export interface CpuReading {
  at: number;
  machine: ReturnType<typeof machineCpu>;
  seconds: Map<string, number>;
}

export function readCpu({ cluster, workDir }: BenchCluster): CpuReading {
  const seconds = new Map<string, number>();
  const add = (name: string, pid: number | undefined) => {
    if (pid === undefined) return;
    try {
      seconds.set(name, treeCpuSeconds(pid));
    } catch {
      // not running at the moment
    }
  };
  for (const service of [...SERVICES, 'nginx'] as const) {
    for (const instance of cluster.of(service)) {
      add(`${service}#${instance.index}`, instance.process?.pid);
    }
  }
  const dataDir = join(workDir, 'cluster');
  add('postgresql', pidFromFile(join(dataDir, 'weerbaar-pg.distributed/data/postmaster.pid')));
  add('kafka', pidFromFile(join(dataDir, 'kafka/kafka.pid')));
  const own = process.cpuUsage();
  seconds.set('this benchmark', (own.user + own.system) / 1e6);
  return { at: Date.now(), machine: machineCpu(), seconds };
}

/**
 * Each process's CPU between two readings, in % of one core, busiest first; the machine's, and
 * what the rest of the machine (processes not of this cluster or benchmark) used.
 */
export function describeCpu(from: CpuReading, to: CpuReading): string {
  const elapsed = Math.max(0.001, (to.at - from.at) / 1000);
  const shares = [...to.seconds]
    .map(([name, cpu]) => [name, ((cpu - (from.seconds.get(name) ?? 0)) / elapsed) * 100] as const)
    .sort((a, b) => b[1] - a[1]);
  const cores = cpus().length;
  const busy = busyShare(from.machine, to.machine) * 100 * cores;
  const others = Math.max(0, busy - sum(shares.map(([, share]) => share)));
  const listed = shares
    .filter(([, share]) => share >= 1)
    .map(([name, share]) => `${name} ${share.toFixed(0)}`)
    .join(', ');
  return `CPU, % of one core: ${listed}; rest of the machine (other work, kernel) ${others.toFixed(0)}; machine ${busy.toFixed(0)} of ${cores * 100}`;
}
