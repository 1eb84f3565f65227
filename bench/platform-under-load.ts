// What the load benchmarks share: a PostgreSQL server (infra/local/postgres.sh, durable settings),
// the built platform as a child process (dist/apps/platform/src/main.js), its memory and CPU read
// from /proc, an autocannon run that keeps every response time, printing of the figures, and the
// machine-wide benchmark lock. Not a benchmark itself (no `.bench` in its name).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { freePort } from '../apps/local-cluster/src/free-port';
import { print } from './report';

function findUp(relative: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${relative} not found above ${__dirname}`);
  }
}

export const ROOT = dirname(findUp('package.json'));
export const PLATFORM_MAIN = join(ROOT, 'dist/apps/platform/src/main.js');
export const CLI_MAIN = join(ROOT, 'dist/apps/cli/src/main.js');

/** A load generator is one address and a few tokens: the abuse limits would measure themselves. */
export const NO_RATE_LIMITS = { RATE_LIMIT_PER_TOKEN: '0', RATE_LIMIT_PER_ADDRESS: '0' };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { freePort };

// ------------------------------------------------------------------ the benchmark lock

/**
 * Holds an flock(1) lock on `file` until `release` (or this process's end): measurements of
 * benchmarks that take the same lock never overlap. Without a file it holds nothing.
 */
export async function takeBenchLock(file: string | undefined): Promise<() => void> {
  if (!file) return () => undefined;
  const started = Date.now();
  // The lock lives as long as `cat` reads the pipe: closing it (or dying) releases it.
  const holder = spawn('flock', [file, 'sh', '-c', 'echo locked; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`flock ${file} exited with ${code}`)));
    holder.stdout?.once('data', () => resolve());
  });
  const waited = Date.now() - started;
  if (waited > 1000) print(`  (waited ${(waited / 1000).toFixed(0)} s for the lock ${file})`);
  return () => holder.stdin?.end();
}

/** Runs `fn` holding the benchmark lock. */
export async function withBenchLock<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  const release = await takeBenchLock(file);
  try {
    return await fn();
  } finally {
    release();
  }
}

// ------------------------------------------------------------------ PostgreSQL server

export interface PgServer {
  url: string;
  stop(): void;
}

/**
 * DATABASE_URL when given; otherwise a server of infra/local/postgres.sh with durable settings
 * (fsync on). With `keepDir` (a directory named weerbaar-pg.*) the server lives there, is started
 * again on the data a previous run kept, and `stop` keeps it.
 */
export function startPostgres(keepDir?: string): PgServer {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  const script = join(ROOT, 'infra/local/postgres.sh');
  print('starting PostgreSQL (durable settings: fsync on) with infra/local/postgres.sh …');
  const output = execFileSync('bash', [script, 'start', ...(keepDir ? ['--dir', keepDir] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = output.split('\n');
  const url = lines.find((line) => line.startsWith('postgresql://'));
  const dir = lines.find((line) => line.startsWith('PG_DIR='))?.slice('PG_DIR='.length);
  if (!url || !dir) throw new Error(`postgres.sh printed no URL:\n${output}`);
  const stopArgs = keepDir ? ['stop', '--keep', dir] : ['stop', dir];
  return { url, stop: () => execFileSync('bash', [script, ...stopArgs], { stdio: 'inherit' }) };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Server shape: how many processors' checkpoints are behind the log's head. */
export async function processorsBehind(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ behind: string }>(
      `SELECT count(*)::text AS behind FROM processor_checkpoints c,
         (SELECT transaction_id, position FROM es_events
          ORDER BY transaction_id DESC, position DESC LIMIT 1) h
       WHERE (c.transaction_id, c.position) < (h.transaction_id, h.position)`,
    );
    return Number(rows[0].behind);
  });
}

/** Server shape: waits until every processor's checkpoint is at the head; ms since `since`. */
export async function waitForProcessors(url: string, since: number, limitMs: number) {
  for (;;) {
    if ((await processorsBehind(url)) === 0) return Date.now() - since;
    if (Date.now() - since > limitMs) return NaN;
    await sleep(20);
  }
}

// ------------------------------------------------------------------ the platform process

export interface Platform {
  base: string;
  child: ChildProcess;
  pid: number;
  output: () => string;
  /** Stops the process (writing its CPU profile first when profiling) and waits for it. */
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** Environment of the process besides PATH, HOME and PORT. */
  env: Record<string, string>;
  /** For the profiling preload. */
  workDir: string;
  /** Writes a .cpuprofile there when the process stops. */
  cpuProfDir?: string;
  readyTimeoutMs?: number;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { env, workDir, cpuProfDir } = options;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const port = await freePort();
  const args: string[] = [];
  if (cpuProfDir) {
    // Nest's shutdown hooks end the process by re-sending SIGTERM, which writes no profile:
    // SIGUSR2 exits normally instead, and --cpu-prof writes the profile on that exit.
    const preload = join(workDir, 'exit-on-sigusr2.js');
    writeFileSync(preload, "process.on('SIGUSR2', () => process.exit(0));\n");
    args.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, '--require', preload);
  }
  let output = '';
  const child = spawn(process.execPath, [...args, PLATFORM_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      ...NO_RATE_LIMITS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000); // the tail is enough to say why it died
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const platform: Platform = {
    base,
    child,
    pid: child.pid as number,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(cpuProfDir ? 'SIGUSR2' : 'SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  for (const deadline = Date.now() + readyTimeoutMs; ;) {
    if (child.exitCode !== null) throw new Error(`the platform exited:\n${output}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return platform;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await platform.stop();
      throw new Error(`the platform was not ready within ${readyTimeoutMs / 1000} s:\n${output}`);
    }
    await sleep(250);
  }
}

// ------------------------------------------------------------------ /proc

export function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ)
}

/** Samples VmRSS every `everyMs`; `stop` returns the peak in MB. */
export function sampleRss(pid: number, everyMs = 200): { stop(): number } {
  let peak = memoryOf(pid).rssMb;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryOf(pid).rssMb);
    } catch {
      // the process is gone
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      try {
        peak = Math.max(peak, memoryOf(pid).rssMb);
      } catch {
        // the process is gone
      }
      return peak;
    },
  };
}

/**
 * Waits until the process has used less than `busyShare` of a core for `quietMs` in a row (its
 * processors have caught up with the log), at most `limitMs`; returns how long it took, NaN when
 * it did not settle.
 */
export async function waitUntilIdle(
  pid: number,
  limitMs: number,
  quietMs = 3_000,
  busyShare = 0.05,
): Promise<number> {
  const started = Date.now();
  let quietSince = Date.now();
  let last = cpuSecondsOf(pid);
  let lastAt = Date.now();
  while (Date.now() - started < limitMs) {
    await sleep(500);
    const now = Date.now();
    const cpu = cpuSecondsOf(pid);
    if ((cpu - last) / ((now - lastAt) / 1000) > busyShare) quietSince = now;
    else if (now - quietSince >= quietMs) return now - started;
    last = cpu;
    lastAt = now;
  }
  return NaN;
}

// ------------------------------------------------------------------ load

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface LoadRun {
  result: autocannon.Result;
  /** Every response time, ms, sorted. */
  latencies: number[];
}

/** One autocannon run that keeps every response's time (autocannon's histogram has no p95). */
export async function runAutocannon(
  options: autocannon.Options,
  onTick?: () => void,
): Promise<LoadRun> {
  const latencies: number[] = [];
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(options, (error, result) => finish(error, result));
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const ticker = onTick ? setInterval(onTick, 1000) : undefined;
  try {
    const result = await done;
    latencies.sort((a, b) => a - b);
    return { result, latencies };
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function figuresOf({ result, latencies }: LoadRun): LoadFigures {
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Prints requests/s (2xx per second), latency percentiles and failures of a run. */
export function printLoad(run: LoadRun, indent = '  '): LoadFigures {
  const figures = figuresOf(run);
  const { result } = run;
  print(
    `${indent}requests/s ${Math.round(figures.requestsPerSecond)} (2xx ${result['2xx']} in ${result.duration.toFixed(1)} s; autocannon's average ${Math.round(result.requests.average)})`,
  );
  print(
    `${indent}latency ms  p50 ${figures.p50.toFixed(1)}  p95 ${figures.p95.toFixed(1)}  p99 ${figures.p99.toFixed(1)}  max ${figures.max.toFixed(1)}`,
  );
  print(`${indent}non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
  return figures;
}
