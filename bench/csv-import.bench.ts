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
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSignals } from './generate-signals';
import { CLI_MAIN, databaseUrl, memoryOf, startPostgres, withClient } from './platform-under-load';
import { fail, print } from './report';

/** Peak resident set of a process so far (VmHWM), in MB; 0 once it is gone. */
function peakHwmMb(pid: number): number {
  try {
    return memoryOf(pid).hwmMb;
  } catch {
    return 0;
  }
}

const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 1_000_000);

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
    peak = Math.max(peak, peakHwmMb(child.pid ?? -1));
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
  const work = mkdtempSync(join(tmpdir(), 'weerbaar-import-bench-'));
  const server = startPostgres();
  const databaseName = `weerbaar_import_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(server.url, databaseName);
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
    const settings = await withClient(url, (client) =>
      client.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','server_version')`,
      ),
    );
    print(`server: ${settings.rows.map((s) => `${s.name}=${s.setting}`).join(', ')}`);

    const run = await runImport(CLI_MAIN, file, {
      ...process.env,
      DATABASE_URL: url,
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
    const events2 = await withClient(url, (client) =>
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
