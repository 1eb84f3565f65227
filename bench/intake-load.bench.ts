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
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { ReferenceData } from '@weerbaar/reference-data';
import { mintToken } from '@weerbaar/security';
import {
  databaseUrl,
  type LoadRun,
  memoryOf,
  PLATFORM_MAIN,
  type Platform,
  type PgServer,
  percentile,
  printLoad,
  runAutocannon,
  sampleRss,
  sleep,
  startPlatform,
  startPostgres,
  waitForProcessors,
  withClient,
} from './platform-under-load';
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

async function drive(
  base: string,
  tokens: Map<string, string>,
  state: LoadState,
  seconds: number,
  onTick?: () => void,
): Promise<LoadRun> {
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
  return runAutocannon(options, onTick);
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
      env.DATABASE_URL = databaseUrl(pg.url, databaseName);
    }
    platform = await startPlatform({ env, workDir, cpuProfDir: CPU_PROF_DIR });
    const pid = platform.pid;
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

    const rss = sampleRss(pid);
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
    const run = await drive(platform.base, tokens, state, SECONDS, sampleLag);
    const loadEnded = Date.now();
    const catchUpMs = await waitUntilListed(platform.base, analyst, state);
    const processorsMs =
      shape === 'server'
        ? await waitForProcessors(env.DATABASE_URL, loadEnded, CATCH_UP_LIMIT_MS)
        : undefined;
    const peakRss = rss.stop();
    const memory = memoryOf(pid);
    printLoad(run);
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

async function main(): Promise<void> {
  if (!existsSync(PLATFORM_MAIN))
    throw new Error(`${PLATFORM_MAIN} is missing: npm run build first`);
  print(
    `intake load: POST /api/v1/signals on the built platform, every processor running; ${new Date().toISOString().slice(0, 10)}`,
  );
  for (const shape of SHAPES) {
    if (shape !== 'embedded' && shape !== 'server') throw new Error(`unknown shape ${shape}`);
    await runShape(shape);
  }
}

main().catch(fail);
