// Benchmark (not a test): the read endpoints of the built platform on a large imported data set
// (default 1,000,000 signals of bench/generate-signals.ts: 342 municipalities, five years up to
// 2026-07-01, ~10 % amended, ~5 % retracted), on a PostgreSQL server (durable settings) and
// embedded (PGlite), driven by autocannon. Per endpoint: requests/s, latency p50/p95/p99,
// non-2xx answers, the platform's peak RSS and CPU during the run.
//
//   npm run build && node dist/bench/read-load.bench.js
//   BENCH_DATA_DIR=/tmp/weerbaar-read-bench node dist/bench/read-load.bench.js   (keep and reuse)
//   BENCH_SIGNALS=100000 BENCH_SHAPES=server node dist/bench/read-load.bench.js
//   BENCH_LOCK=/tmp/weerbaar-bench.lock …   (measure only while holding that flock(1) lock)
//
// Preparing a shape imports the CSV with the real CLI (`weerbaar import`, which catches the read
// models up), starts the platform and waits until it is idle: on its first start the rule engine
// and the notifier work through the whole imported log (the import does not run them), which
// raises the escalations the list shows. That takes minutes for 1M signals, so with
// BENCH_DATA_DIR the CSV, the server's data directory (`weerbaar-pg.server-<N>`, stopped and
// kept) and the embedded data directory (`embedded-<N>`) stay there, with a `<shape>-<N>.json`
// marker once imported, and the next run measures at once. Without it, all of it is temporary.
//
// Other settings: BENCH_SHAPES (default server,embedded), BENCH_EMBEDDED_SIGNALS (default
// BENCH_SIGNALS), BENCH_SECONDS (12), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (12),
// BENCH_SETTLE_SECONDS (longest wait for the processors after the start, 1800), BENCH_CPU_PROF
// (a .cpuprofile of the platform per shape there), BENCH_ENDPOINTS (e.g. 1,4: only those of the
// list below, by number), DATABASE_URL (use that server).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceData } from '@weerbaar/reference-data';
import { mintToken } from '@weerbaar/security';
import { generateSignals } from './generate-signals';
import {
  CLI_MAIN,
  cpuSecondsOf,
  databaseUrl,
  type LoadFigures,
  memoryOf,
  PLATFORM_MAIN,
  type PgServer,
  type Platform,
  printLoad,
  processorsBehind,
  runAutocannon,
  sampleRss,
  startPlatform,
  startPostgres,
  waitForProcessors,
  waitUntilIdle,
  withBenchLock,
  withClient,
} from './platform-under-load';
import { fail, print } from './report';

type Shape = 'server' | 'embedded';

const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 1_000_000);
const EMBEDDED_SIGNALS = Number(process.env.BENCH_EMBEDDED_SIGNALS ?? SIGNALS);
const SHAPES = (process.env.BENCH_SHAPES ?? 'server,embedded').split(',').map((s) => s.trim());
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 12);
const SETTLE_LIMIT_MS = Number(process.env.BENCH_SETTLE_SECONDS ?? 1800) * 1000;
const KEEP_DIR = process.env.BENCH_DATA_DIR;
const LOCK = process.env.BENCH_LOCK;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
/** Which endpoints to drive, by number (1–6); default all. */
const ONLY = process.env.BENCH_ENDPOINTS?.split(',').map((n) => Number(n.trim()));

/** The data set ends here; the asOf picture is one year before. */
const DATA_END = new Date('2026-07-01T00:00:00Z');
const AS_OF = new Date('2025-07-01T00:00:00Z').toISOString();
// Fixed, so a kept data set is read with the configuration it was imported with.
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123';
const FINGERPRINT_KEY = 'bench-fingerprint-key-0123456789abcdef';
const MUNICIPALITY = 'GM0363'; // Amsterdam, the largest in the data set
const REGION = 'amsterdam'; // RIEC Amsterdam-Amstelland

const REFERENCE_DATA = ReferenceData.load();

interface Endpoint {
  name: string;
  path: string;
  /** One line about what the answer holds. */
  describe(body: unknown): string;
}

interface Picture {
  score: number;
  level: string;
  liveSignals: number;
  counts?: Record<string, unknown>;
  municipalities?: unknown[];
}

const describePicture = (body: unknown) => {
  const p = body as Picture;
  const municipalities = p.municipalities ? `, ${p.municipalities.length} municipalities` : '';
  return `score ${p.score}, level ${p.level}, live signals ${p.liveSignals}${municipalities}, counts ${JSON.stringify(p.counts)}`;
};

/**
 * The endpoints, by number. The import records every signal at the moment it runs, so a picture
 * as of a moment before the import knows nothing (the data set's end minus a year: an empty
 * picture); `recent` is a moment after the import, whose picture counts a year of signals
 * without the current picture's cache.
 */
const endpointsFor = (recent: string): Endpoint[] => [
  {
    name: 'municipality risk, now',
    path: `/api/v1/municipalities/${MUNICIPALITY}/risk`,
    describe: describePicture,
  },
  {
    name: `municipality risk, asOf ${AS_OF.slice(0, 10)}`,
    path: `/api/v1/municipalities/${MUNICIPALITY}/risk?asOf=${AS_OF}`,
    describe: describePicture,
  },
  {
    name: 'municipality risk, asOf after the import',
    path: `/api/v1/municipalities/${MUNICIPALITY}/risk?asOf=${recent}`,
    describe: describePicture,
  },
  {
    name: 'region risk (Amsterdam-Amstelland)',
    path: `/api/v1/regions/${REGION}/risk`,
    describe: describePicture,
  },
  {
    name: 'municipality time series, a year',
    path: `/api/v1/municipalities/${MUNICIPALITY}/timeseries?from=2025-07-01&to=2026-06-30`,
    describe: (body) => {
      const days = (body as { days: Array<{ count: number }> }).days;
      return `${days.length} (day, category) rows, ${days.reduce((sum, d) => sum + d.count, 0)} signals`;
    },
  },
  {
    name: 'escalation list (first page)',
    path: '/api/v1/escalations',
    describe: (body) => {
      const page = body as { items: Array<{ municipality?: string }>; nextCursor: string | null };
      return `${page.items.length} escalations on the page, ${page.nextCursor ? 'more pages' : 'no more pages'}`;
    },
  },
];

interface Row {
  shape: Shape;
  signals: number;
  endpoint: string;
  figures: LoadFigures;
  peakRssMb: number;
  cpuShare: number;
}

// ------------------------------------------------------------------ preparing a data set

interface Prepared {
  signals: number;
  importMs: number;
  importPeakRssMb: number;
  summary: string[];
  preparedOn: string;
}

function markerOf(dir: string, shape: Shape, signals: number): string {
  return join(dir, `${shape}-${signals}.json`);
}

async function csvOf(dir: string, signals: number): Promise<string> {
  const file = join(dir, `signals-${signals}.csv`);
  if (existsSync(file)) return file;
  const generated = await generateSignals({ signals, out: `${file}.part`, seed: 1, end: DATA_END });
  renameSync(`${file}.part`, file); // a file that is there is whole
  print(
    `generated ${signals} signals (${generated.rows} rows: ${generated.amendments} amendments, ${generated.retractions} retractions; ${(generated.bytes / 1e6).toFixed(0)} MB) in ${generated.millis} ms`,
  );
  return file;
}

/** `weerbaar import` with the bench's configuration; the read models are caught up after it. */
async function importCsv(file: string, env: Record<string, string>): Promise<Prepared> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI_MAIN, 'import', file], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      peak = Math.max(peak, memoryOf(child.pid ?? -1).hwmMb);
    } catch {
      // gone
    }
  }, 200);
  try {
    const [exitCode] = (await once(child, 'exit')) as [number | null];
    if (exitCode !== 0) throw new Error(`the import exited with ${exitCode}:\n${stdout}`);
  } finally {
    clearInterval(poll);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  return {
    signals: 0,
    importMs: Date.now() - started,
    importPeakRssMb: peak,
    summary: stdout.trimEnd().split('\n'),
    preparedOn: new Date().toISOString(),
  };
}

async function prepare(
  shape: Shape,
  signals: number,
  dir: string,
  env: Record<string, string>,
  serverUrl?: string,
): Promise<Prepared> {
  const marker = markerOf(dir, shape, signals);
  if (existsSync(marker)) {
    const prepared = JSON.parse(readFileSync(marker, 'utf8')) as Prepared;
    print(`  reusing the data set imported on ${prepared.preparedOn} (${marker})`);
    return prepared;
  }
  const file = await csvOf(dir, signals);
  if (shape === 'server') {
    const name = new URL(env.DATABASE_URL).pathname.slice(1);
    await withClient(serverUrl!, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
  } else {
    rmSync(env.WEERBAAR_DATA_DIR, { recursive: true, force: true });
  }
  print(`  importing ${file} …`);
  const prepared = await withBenchLock(LOCK, () => importCsv(file, env));
  prepared.signals = signals;
  writeFileSync(marker, JSON.stringify(prepared, null, 2));
  return prepared;
}

// ------------------------------------------------------------------ one shape

async function runShape(shape: Shape, rows: Row[]): Promise<void> {
  const signals = shape === 'server' ? SIGNALS : EMBEDDED_SIGNALS;
  const workDir = mkdtempSync(join(tmpdir(), 'weerbaar-read-bench-'));
  const dir = KEEP_DIR ?? workDir;
  mkdirSync(dir, { recursive: true });
  const env: Record<string, string> = {
    WEERBAAR_DATA_DIR: join(dir, `${shape}-${signals}`),
    AUTH_JWT_SECRET: JWT_SECRET,
    SUBJECT_FINGERPRINT_KEY: FINGERPRINT_KEY,
    DIGEST_SCHEDULE: 'off',
  };
  let pg: PgServer | undefined;
  let platform: Platform | undefined;
  print(`--- ${shape}: ${signals} signals`);
  try {
    if (shape === 'server') {
      pg = startPostgres(KEEP_DIR ? join(KEEP_DIR, `weerbaar-pg.server-${signals}`) : undefined);
      env.DATABASE_URL = databaseUrl(pg.url, `weerbaar_read_${signals}`);
    }
    const prepared = await prepare(shape, signals, dir, env, pg?.url);
    print(
      `  import: ${(prepared.importMs / 1000).toFixed(0)} s (${Math.round((signals * 1000) / prepared.importMs)} signals/s), peak RSS ${prepared.importPeakRssMb.toFixed(0)} MB`,
    );
    for (const line of prepared.summary) print(`  | ${line}`);

    await withBenchLock(LOCK, async () => {
      const starting = Date.now();
      platform = await startPlatform({
        env,
        workDir,
        cpuProfDir: CPU_PROF_DIR,
        readyTimeoutMs: 600_000,
      });
      const pid = platform.pid;
      print(`  platform ready in ${((Date.now() - starting) / 1000).toFixed(1)} s`);
      // On the first start after the import the rule engine and the notifier work through the
      // whole log: the figures mean nothing while they do.
      const settled = Date.now();
      const settleMs =
        shape === 'server'
          ? await waitForProcessors(env.DATABASE_URL, settled, SETTLE_LIMIT_MS)
          : await waitUntilIdle(pid, SETTLE_LIMIT_MS);
      const idleMs = await waitUntilIdle(pid, 60_000);
      const behind = shape === 'server' ? await processorsBehind(env.DATABASE_URL) : undefined;
      print(
        `  processors settled ${Number.isNaN(settleMs) ? `NOT within ${SETTLE_LIMIT_MS / 1000} s` : `after ${(settleMs / 1000).toFixed(1)} s`}${behind === undefined ? ' (the platform idle)' : `, ${behind} behind the head`}; idle after ${(idleMs / 1000).toFixed(1)} s more; RSS ${memoryOf(pid).rssMb.toFixed(0)} MB`,
      );

      const analyst = mintToken(
        { role: 'analyst', riecRegion: REGION, sub: 'bench-analyst' },
        JWT_SECRET,
        REFERENCE_DATA,
      );
      const headers = { authorization: `Bearer ${analyst}` };
      // The current picture first (as it is asked most in use): the window cache then holds the
      // current moment, and a picture as of an earlier moment is counted anew every time.
      await fetch(`${platform.base}/api/v1/municipalities/${MUNICIPALITY}/risk`, { headers });
      const recent = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString();
      for (const [index, endpoint] of endpointsFor(recent).entries()) {
        if (ONLY && !ONLY.includes(index + 1)) continue;
        const probe = await fetch(`${platform.base}${endpoint.path}`, { headers });
        const text = await probe.text();
        print(`  ${endpoint.name}: GET ${endpoint.path}`);
        print(
          `    answer ${probe.status}, ${text.length} bytes: ${probe.ok ? endpoint.describe(JSON.parse(text)) : text.slice(0, 300)}`,
        );
        const options = {
          url: `${platform.base}${endpoint.path}`,
          connections: CONNECTIONS,
          headers,
        };
        await runAutocannon({ ...options, duration: WARMUP_SECONDS });
        const rss = sampleRss(pid);
        const cpuBefore = cpuSecondsOf(pid);
        const run = await runAutocannon({ ...options, duration: SECONDS });
        const cpuShare = (cpuSecondsOf(pid) - cpuBefore) / run.result.duration;
        const peakRssMb = rss.stop();
        const figures = printLoad(run, '    ');
        print(
          `    platform: peak RSS ${peakRssMb.toFixed(0)} MB, CPU ${(cpuShare * 100).toFixed(0)} % of a core`,
        );
        rows.push({ shape, signals, endpoint: endpoint.name, figures, peakRssMb, cpuShare });
      }
    });
  } finally {
    await platform?.stop();
    if (CPU_PROF_DIR) print(`  CPU profile written to ${CPU_PROF_DIR}`);
    try {
      pg?.stop();
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
}

function printTable(rows: readonly Row[]): void {
  print(
    '\n| shape | signals | endpoint | requests/s | p50 ms | p95 ms | p99 ms | non-2xx | peak RSS MB | CPU |',
  );
  print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const f = row.figures;
    print(
      `| ${row.shape} | ${row.signals} | ${row.endpoint} | ${Math.round(f.requestsPerSecond)} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.non2xx} | ${row.peakRssMb.toFixed(0)} | ${(row.cpuShare * 100).toFixed(0)} % |`,
    );
  }
}

async function main(): Promise<void> {
  for (const main of [PLATFORM_MAIN, CLI_MAIN]) {
    if (!existsSync(main)) throw new Error(`${main} is missing: npm run build first`);
  }
  print(
    `read load: GET endpoints on the built platform, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up, ${SECONDS} s each; ${new Date().toISOString().slice(0, 10)}`,
  );
  const rows: Row[] = [];
  try {
    for (const shape of SHAPES) {
      if (shape !== 'embedded' && shape !== 'server') throw new Error(`unknown shape ${shape}`);
      await runShape(shape, rows);
    }
  } finally {
    if (rows.length > 0) printTable(rows);
  }
}

main().catch(fail);
