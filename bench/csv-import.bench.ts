// Benchmark (not a test): `weerbaar import` of a generated data set into a PostgreSQL server,
// through the real CLI (dist), and the catch-up of the read models after it. Prints signals/s of
// the append phase, the catch-up and the whole command, and the command's peak RSS.
//
//   npm run build && node dist/bench/csv-import.bench.js
//   BENCH_SIGNALS=100000 node dist/bench/csv-import.bench.js          (default 1,000,000)
//   DATABASE_URL=postgresql://… node dist/bench/csv-import.bench.js   (use that server)
//
// Without DATABASE_URL it starts its own server with infra/local/postgres.sh, durable settings
// (fsync on), and stops it at the end. Either way it imports into a fresh database
// `weerbaar_import_<random>` that it drops at the end, with a temporary data directory.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { generateSignals } from './generate-signals';
import { fail, print } from './report';

const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 1_000_000);

interface Server {
  url: string;
  stop(): void;
}

function findUp(relative: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${relative} not found above ${__dirname}`);
  }
}

function startServer(): Server {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  const script = findUp('infra/local/postgres.sh');
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

/** Peak resident set of a process so far (VmHWM), in MB; undefined once it is gone. */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface CliRun {
  stdout: string;
  millis: number;
  peakRssMb: number;
  exitCode: number | null;
}

async function runImport(cli: string, file: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [cli, 'import', file], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRssMb(child.pid ?? -1) ?? 0);
  }, 100);
  try {
    const [exitCode] = (await once(child, 'exit')) as [number | null];
    return { stdout, millis: Date.now() - started, peakRssMb: peak, exitCode };
  } finally {
    clearInterval(poll);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

const perSecond = (count: number, millis: number): string =>
  `${Math.round((count * 1000) / Math.max(1, millis))}`.padStart(8);

async function main(): Promise<void> {
  const cli = findUp('dist/apps/cli/src/main.js');
  const work = mkdtempSync(join(tmpdir(), 'weerbaar-import-bench-'));
  const server = startServer();
  const databaseName = `weerbaar_import_${randomBytes(4).toString('hex')}`;
  const url = new URL(server.url);
  url.pathname = `/${databaseName}`;
  try {
    const file = join(work, 'signals.csv');
    const generated = await generateSignals({
      signals: SIGNALS,
      out: file,
      seed: 1,
      end: new Date('2026-07-01T00:00:00Z'),
    });
    print(
      `generated ${SIGNALS} signals (${generated.rows} rows: ${generated.amendments} amendments, ${generated.retractions} retractions; ${(generated.bytes / 1e6).toFixed(0)} MB) in ${generated.millis} ms`,
    );
    await withClient(server.url, (client) => client.query(`CREATE DATABASE ${databaseName}`));
    const settings = await withClient(url.toString(), (client) =>
      client.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','server_version')`,
      ),
    );
    print(`server: ${settings.rows.map((s) => `${s.name}=${s.setting}`).join(', ')}`);

    const run = await runImport(cli, file, {
      ...process.env,
      DATABASE_URL: url.toString(),
      WEERBAAR_DATA_DIR: join(work, 'data'),
      SUBJECT_FINGERPRINT_KEY: 'bench-fingerprint-key-0123456789abcdef',
      AUTH_JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123',
    });
    process.stdout.write(`${run.stdout.trimEnd().replace(/^/gm, '  | ')}\n`);
    if (run.exitCode !== 0) throw new Error(`the import exited with status ${run.exitCode}`);
    const append = /^Rows: (\d+) in (\d+) ms/m.exec(run.stdout);
    const catchUp = /^Read models: (\d+) events projected in (\d+) ms/m.exec(run.stdout);
    if (!append || !catchUp) throw new Error('the import printed no summary');
    const [rows, appendMs] = [Number(append[1]), Number(append[2])];
    const [events, catchUpMs] = [Number(catchUp[1]), Number(catchUp[2])];
    const events2 = await withClient(url.toString(), (client) =>
      client.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events'),
    );
    print(`results (${SIGNALS} signals, ${rows} rows, ${events2.rows[0].n} events stored):`);
    print(`  append phase            ${perSecond(SIGNALS, appendMs)} signals/s  (${appendMs} ms)`);
    print(
      `  read-model catch-up     ${perSecond(SIGNALS, catchUpMs)} signals/s  (${events} events in ${catchUpMs} ms)`,
    );
    print(
      `  whole command           ${perSecond(SIGNALS, run.millis)} signals/s  (${run.millis} ms)`,
    );
    print(`  peak RSS of the command ${run.peakRssMb.toFixed(0).padStart(8)} MB`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    try {
      await withClient(server.url, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`),
      );
    } finally {
      server.stop();
    }
  }
}

main().catch(fail);
