// Benchmark (not a test): sustained intake of `POST /api/v1/signals` on the built platform
// (dist/apps/platform/src/main.js, a child process with every processor running), embedded
// (PGlite in a temp data directory) and on a PostgreSQL server (durable settings), driven by
// autocannon. Prints requests/s, latency p50/p95/p99, non-2xx answers, the platform's RSS and
// the read-model projector's lag during and after the load.
//
//   npm run bench -- intake-load
//   BENCH_SHAPES=embedded BENCH_SECONDS=30 BENCH_CONNECTIONS=32 npm run bench -- intake-load
//   BENCH_CPU_PROF=/tmp/prof npm run bench -- intake-load   (a .cpuprofile per shape there)
//   DATABASE_URL=postgresql://… npm run bench -- intake-load (use that server, not a new one)
//
// Every request is a distinct, valid signal (its own signalId) of one of the 342 municipalities
// in turn, each with its own coordinator token (a mix of categories, so the rules raise and
// update escalations as they would). occurredAt grows with every request, so the newest signal
// in one RIEC region's list (an analyst's token) says how far the read-model projector got. The
// lag "during" is sampled once a second: the age of the oldest acknowledged signal of that
// region the list does not show yet. BENCH_MUNICIPALITIES=4 concentrates the load on a few
// municipalities instead (escalations that grow by thousands of signals).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { ReferenceData } from '@weerbaar/reference-data';
import { mintToken } from '@weerbaar/security';
import { fail, print } from './report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SHAPES = (process.env.BENCH_SHAPES ?? 'embedded,server').split(',').map((s) => s.trim());
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const REFERENCE_DATA = ReferenceData.load();
const MUNICIPALITIES = REFERENCE_DATA.municipalities()
  .map((m) => m.code)
  .slice(0, Number(process.env.BENCH_MUNICIPALITIES ?? Number.MAX_SAFE_INTEGER));
/** The RIEC region whose list is watched for the projector's lag. */
const WATCHED_REGION = REFERENCE_DATA.riecRegionOf(MUNICIPALITIES[0]) as string;
const WATCHED = new Set(
  MUNICIPALITIES.filter((code) => REFERENCE_DATA.riecRegionOf(code) === WATCHED_REGION),
);
const CATCH_UP_LIMIT_MS = 120_000;

const SIGNAL_KINDS = [
  { category: 'THREAT', subcategory: 'ONLINE' },
  { category: 'THREAT', subcategory: 'VERBAL' },
  { category: 'BRIBERY', subcategory: 'MONEY_OFFER' },
  { category: 'INFILTRATION', subcategory: 'REAL_ESTATE' },
  { category: 'INFILTRATION', subcategory: 'PERMIT_OR_TENDER' },
];

function findUp(relative: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${relative} not found above ${__dirname}`);
  }
}

const ROOT = dirname(findUp('package.json'));
const MAIN = join(ROOT, 'dist/apps/platform/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ PostgreSQL server

interface PgServer {
  url: string;
  stop(): void;
}

function startPostgres(): PgServer {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  const script = join(ROOT, 'infra/local/postgres.sh');
  print('starting PostgreSQL (durable settings: fsync on) with infra/local/postgres.sh …');
  const output = execFileSync('bash', [script, 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = output.split('\n');
  const url = lines.find((line) => line.startsWith('postgresql://'));
  const dir = lines.find((line) => line.startsWith('PG_DIR='))?.slice('PG_DIR='.length);
  if (!url || !dir) throw new Error(`postgres.sh printed no URL:\n${output}`);
  return { url, stop: () => execFileSync('bash', [script, 'stop', dir], { stdio: 'inherit' }) };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ the platform process

interface Platform {
  base: string;
  child: ChildProcess;
  output: () => string;
  /** Stops the process (writing its CPU profile first when profiling) and waits for it. */
  stop(): Promise<void>;
}

async function startPlatform(env: Record<string, string>, workDir: string): Promise<Platform> {
  const port = await freePort();
  const args: string[] = [];
  if (CPU_PROF_DIR) {
    // Nest's shutdown hooks end the process by re-sending SIGTERM, which writes no profile:
    // SIGUSR2 exits normally instead, and --cpu-prof writes the profile on that exit.
    const preload = join(workDir, 'exit-on-sigusr2.js');
    writeFileSync(preload, "process.on('SIGUSR2', () => process.exit(0));\n");
    args.push('--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`, '--require', preload);
  }
  let output = '';
  const child = spawn(process.execPath, [...args, MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
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
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(CPU_PROF_DIR ? 'SIGUSR2' : 'SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`the platform exited:\n${output}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return platform;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await platform.stop();
      throw new Error(`the platform was not ready within 60 s:\n${output}`);
    }
    await sleep(250);
  }
}

function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

// ------------------------------------------------------------------ load

interface LoadState {
  counter: number;
  /** occurredAt of request n is base + n ms: the list's newest signal says how far it got. */
  occurredBase: number;
  /** Per request number of the watched municipality: when its 201 arrived. */
  watchedAcks: Map<number, number>;
  bySignalId: Map<string, number>;
  lastWatched: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function drive(
  base: string,
  tokens: Map<string, string>,
  state: LoadState,
  seconds: number,
  onTick?: () => void,
): Promise<{ result: autocannon.Result; latencies: number[] }> {
  const latencies: number[] = [];
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const options: autocannon.Options = {
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/signals',
        setupRequest: (request) => {
          const n = state.counter++;
          const municipality = MUNICIPALITIES[n % MUNICIPALITIES.length];
          const kind = SIGNAL_KINDS[Math.floor(n / MUNICIPALITIES.length) % SIGNAL_KINDS.length];
          const signalId = randomUUID();
          if (WATCHED.has(municipality)) state.bySignalId.set(signalId, n);
          const body: Record<string, unknown> = {
            signalId,
            municipality,
            ...kind,
            targetRole: 'WETHOUDER',
            severity: 1 + (n % 5),
            occurredAt: new Date(state.occurredBase + n).toISOString(),
            description: `Belastend bericht ${n} over een vergunningaanvraag`,
            policeReportFiled: n % 3 === 0,
            source: 'DIRECT',
          };
          if (n % 4 === 0) {
            body.subjects = [{ kind: 'ORGANISATION', identifier: `KvK ${n % 997}` }];
          }
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens.get(municipality)}`,
            },
            body: JSON.stringify(body),
          };
        },
        onResponse: (status, body) => {
          if (status !== 201) return;
          const { signalId } = JSON.parse(body) as { signalId: string };
          const n = state.bySignalId.get(signalId);
          if (n !== undefined) {
            state.bySignalId.delete(signalId);
            state.watchedAcks.set(n, Date.now());
            state.lastWatched = Math.max(state.lastWatched, n);
          }
        },
      },
    ],
  };
  const instance = autocannon(options, (error, result) => finish(error, result));
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const ticker = onTick ? setInterval(onTick, 1000) : undefined;
  const result = await done;
  if (ticker) clearInterval(ticker);
  return { result, latencies };
}

/** The request number of the newest signal the watched municipality's list shows (-1: none). */
async function newestListed(
  base: string,
  token: string,
  occurredBase: number,
): Promise<number | undefined> {
  const res = await fetch(`${base}/api/v1/signals?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) return undefined;
  const page = (await res.json()) as { items: Array<{ occurredAt: string }> };
  return page.items[0] ? Date.parse(page.items[0].occurredAt) - occurredBase : -1;
}

/** Age of the oldest acknowledged signal of the watched municipality newer than `listed`. */
function lagMs(state: LoadState, listed: number, now: number): number {
  let oldest = now;
  for (const [n, at] of state.watchedAcks) {
    if (n > listed && at < oldest) oldest = at;
  }
  return now - oldest;
}

// ------------------------------------------------------------------ one shape

async function runShape(shape: 'embedded' | 'server'): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'weerbaar-intake-bench-'));
  const secret = randomBytes(32).toString('hex');
  const env: Record<string, string> = {
    WEERBAAR_DATA_DIR: join(workDir, 'data'),
    AUTH_JWT_SECRET: secret,
    SUBJECT_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
    DIGEST_SCHEDULE: 'off',
  };
  let pg: PgServer | undefined;
  let databaseName: string | undefined;
  let platform: Platform | undefined;
  try {
    if (shape === 'server') {
      pg = startPostgres();
      databaseName = `weerbaar_intake_${randomBytes(4).toString('hex')}`;
      await withClient(pg.url, (c) => c.query(`CREATE DATABASE ${databaseName}`));
      const url = new URL(pg.url);
      url.pathname = `/${databaseName}`;
      env.DATABASE_URL = url.toString();
    }
    platform = await startPlatform(env, workDir);
    const pid = platform.child.pid as number;
    const tokens = new Map(
      MUNICIPALITIES.map((municipality) => [
        municipality,
        mintToken(
          { role: 'coordinator', municipality, sub: `bench-${municipality}` },
          secret,
          REFERENCE_DATA,
        ),
      ]),
    );
    const analyst = mintToken(
      { role: 'analyst', riecRegion: WATCHED_REGION, sub: 'bench-analyst' },
      secret,
      REFERENCE_DATA,
    );
    const state: LoadState = {
      counter: 0,
      occurredBase: Date.now() - 2 * 86_400_000,
      watchedAcks: new Map(),
      bySignalId: new Map(),
      lastWatched: -1,
    };
    print(
      `--- ${shape}: ${MUNICIPALITIES.length} municipalities, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up, ${SECONDS} s load`,
    );
    await drive(platform.base, tokens, state, WARMUP_SECONDS);
    // Let the processors finish the warm-up's work so the measured run starts level.
    await waitUntilListed(platform.base, analyst, state);

    let peakRss = 0;
    const rssTimer = setInterval(() => {
      peakRss = Math.max(peakRss, memoryOf(pid).rssMb);
    }, 200);
    const lagSamples: number[] = [];
    let sampling = false;
    const sampleLag = () => {
      if (sampling) return;
      sampling = true;
      newestListed(platform!.base, analyst, state.occurredBase)
        .then((listed) => {
          if (listed !== undefined) lagSamples.push(lagMs(state, listed, Date.now()));
        })
        .catch(() => undefined)
        .finally(() => (sampling = false));
    };
    const { result, latencies } = await drive(platform.base, tokens, state, SECONDS, sampleLag);
    const loadEnded = Date.now();
    const catchUpMs = await waitUntilListed(platform.base, analyst, state);
    const processorsMs =
      shape === 'server' ? await waitForProcessors(env.DATABASE_URL, loadEnded) : undefined;
    clearInterval(rssTimer);
    const memory = memoryOf(pid);
    peakRss = Math.max(peakRss, memory.rssMb);

    latencies.sort((a, b) => a - b);
    const ok = result['2xx'];
    print(
      `  requests/s ${Math.round(result.requests.average)} (2xx ${ok} in ${result.duration.toFixed(1)} s = ${Math.round(ok / result.duration)}/s)`,
    );
    print(
      `  latency ms  p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${percentile(latencies, 95).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  max ${latencies[latencies.length - 1]?.toFixed(1)}`,
    );
    print(`  non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
    print(
      `  RSS peak under load ${peakRss.toFixed(0)} MB (VmHWM since start ${memory.hwmMb.toFixed(0)} MB)`,
    );
    const sortedLag = [...lagSamples].sort((a, b) => a - b);
    print(
      `  projector lag during load (1/s samples): median ${percentile(sortedLag, 50)} ms, max ${sortedLag[sortedLag.length - 1]} ms`,
    );
    print(`  projector caught up ${catchUpMs} ms after the load stopped`);
    if (processorsMs !== undefined) {
      print(`  all processor checkpoints at the head ${processorsMs} ms after the load stopped`);
    }
  } finally {
    await platform?.stop();
    if (CPU_PROF_DIR) print(`  CPU profile written to ${CPU_PROF_DIR}`);
    try {
      if (pg && databaseName) {
        await withClient(pg.url, (c) =>
          c.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`),
        );
      }
    } finally {
      pg?.stop();
      rmSync(workDir, { recursive: true, force: true });
    }
  }
}

/** Waits until the watched list shows the newest acknowledged signal; returns how long it took. */
async function waitUntilListed(base: string, token: string, state: LoadState): Promise<number> {
  const started = Date.now();
  for (;;) {
    const listed = await newestListed(base, token, state.occurredBase);
    if (listed !== undefined && listed >= state.lastWatched) return Date.now() - started;
    if (Date.now() - started > CATCH_UP_LIMIT_MS) return NaN;
    await sleep(20);
  }
}

/** Server shape: waits until every processor's checkpoint is at the log's head. */
async function waitForProcessors(url: string | undefined, since: number): Promise<number> {
  if (!url) return NaN;
  return withClient(url, async (client) => {
    for (;;) {
      const { rows } = await client.query<{ behind: string }>(
        `SELECT count(*)::text AS behind FROM processor_checkpoints c,
           (SELECT transaction_id, position FROM es_events
            ORDER BY transaction_id DESC, position DESC LIMIT 1) h
         WHERE (c.transaction_id, c.position) < (h.transaction_id, h.position)`,
      );
      if (rows[0].behind === '0') return Date.now() - since;
      if (Date.now() - since > CATCH_UP_LIMIT_MS) return NaN;
      await sleep(20);
    }
  });
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm run build first`);
  print(
    `intake load: POST /api/v1/signals on the built platform, every processor running; ${new Date().toISOString().slice(0, 10)}`,
  );
  for (const shape of SHAPES) {
    if (shape !== 'embedded' && shape !== 'server') throw new Error(`unknown shape ${shape}`);
    await runShape(shape);
  }
}

main().catch(fail);
