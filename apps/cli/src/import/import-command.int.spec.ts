// `weerbaar import` end to end on an embedded data directory: the example file of the docs with a
// bad row, the events the API would have appended, the read models caught up, a re-import that
// changes nothing, and an interrupted import that a second run completes without duplicates.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig, type WeerbaarConfig } from '@weerbaar/config';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { readModelChecksums } from '@weerbaar/read-models';
import { recordedEventIdOf } from '../../../signal-intake/src/signals/shared/signal-stream';
import { importCommand } from './import-command';
import { progressFileOf } from './import-progress';

jest.setTimeout(120_000);

const EXAMPLE = join(__dirname, '../../../../docs/examples/signals.csv');
const BAD_ROW =
  '3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a09,GM0363,THREAT,MONEY_OFFER,WETHOUDER,9,2025-03-12T14:30:00+01:00,Vertrouwelijke omschrijving,,false,,DIRECT,,,,,,,\n';
const AMENDED = '3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a02';
const RETRACTED = '3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a04';

let work: string;
let file: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'weerbaar-import-'));
  file = join(work, 'signals.csv');
  // The bad row between the records and the later rows: the rows after it still import.
  const [headerAndRecords, later] = splitAfterLine(readFileSync(EXAMPLE, 'utf8'), 5);
  writeFileSync(file, headerAndRecords + BAD_ROW + later);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function splitAfterLine(text: string, lines: number): [string, string] {
  let at = 0;
  for (let i = 0; i < lines; i++) at = text.indexOf('\n', at) + 1;
  return [text.slice(0, at), text.slice(at)];
}

function configFor(dataDir: string): WeerbaarConfig {
  return loadConfig({
    WEERBAAR_DATA_DIR: dataDir,
    SUBJECT_FINGERPRINT_KEY: 'import-test-fingerprint-key-0123456789',
    AUTH_JWT_SECRET: 'import-test-jwt-secret-0123456789abcdef',
  });
}

async function run(config: WeerbaarConfig, options: { stopAfter?: number } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.stdout += String(chunk)));
  stderr.on('data', (chunk: Buffer) => (chunks.stderr += String(chunk)));
  const result = await importCommand(config, file, options, { stdout, stderr });
  return { ...result, ...chunks };
}

interface StoredEvent {
  event_id: string;
  stream_id: string;
  type: string;
  metadata: { actor: string };
}

async function inspect(config: WeerbaarConfig) {
  const infrastructure = await openInfrastructure(config);
  try {
    const events = await infrastructure.database.query<StoredEvent>(
      `SELECT event_id::text AS event_id, stream_id, type, metadata FROM es_events ORDER BY position`,
    );
    const current = await infrastructure.dataSource.query<
      { signal_id: string; status: string; severity: number }[]
    >(
      `SELECT signal_id::text AS signal_id, status, severity FROM signal_versions
       WHERE superseded_at IS NULL ORDER BY signal_id`,
    );
    const checksums = await readModelChecksums(infrastructure.dataSource);
    return { events, current, checksums };
  } finally {
    await infrastructure.close();
  }
}

describe('weerbaar import', () => {
  let config: WeerbaarConfig;
  let first: Awaited<ReturnType<typeof inspect>>;

  beforeAll(() => {
    config = configFor(join(work, 'data'));
  });

  it('imports the good rows as the API would, reports the bad row by line and field', async () => {
    const result = await run(config);
    expect(result.summary).toMatchObject({
      rows: 7,
      recorded: 4,
      amended: 1,
      retracted: 1,
      unchanged: 0,
      rejected: 1,
      interrupted: false,
    });
    // Line 6 of the file (the header is line 1); fields, not content.
    expect(result.stderr).toMatch(/^line 6: .*subcategory.*severity/m);
    expect(result.stderr).not.toContain('Vertrouwelijke');

    first = await inspect(config);
    expect(first.events.map((event) => event.type)).toEqual([
      'SignalRecorded',
      'SignalRecorded',
      'SignalRecorded',
      'SignalRecorded',
      'SignalAmended',
      'SignalRetracted',
    ]);
    expect(first.events.every((event) => event.metadata.actor === 'import')).toBe(true);
    // The record's id is the API's, so an API retry of the same signal is the same event.
    const recordOfAmended = first.events.find(
      (event) => event.stream_id === `signal-${AMENDED}` && event.type === 'SignalRecorded',
    );
    expect(recordOfAmended?.event_id).toBe(recordedEventIdOf(AMENDED));

    // The read models are caught up before the command returns.
    expect(result.catchUp?.by).toBe('import');
    expect(first.current).toHaveLength(4);
    expect(first.current.find((v) => v.signal_id === AMENDED)).toMatchObject({
      status: 'LIVE',
      severity: 3,
    });
    expect(first.current.find((v) => v.signal_id === RETRACTED)?.status).toBe('RETRACTED');
  });

  it('changes nothing when the same file is imported again', async () => {
    const result = await run(config);
    expect(result.summary).toMatchObject({
      recorded: 0,
      amended: 0,
      retracted: 0,
      unchanged: 6,
      rejected: 1,
    });
    const again = await inspect(config);
    expect(again.events).toEqual(first.events);
    expect(again.checksums).toEqual(first.checksums);
  });

  it('completes an interrupted import on the next run, without duplicates', async () => {
    const resumed = configFor(join(work, 'resumed'));
    const interrupted = await run(resumed, { stopAfter: 3 });
    expect(interrupted.summary.interrupted).toBe(true);
    expect(interrupted.summary.rowsDone).toBe(3);
    expect(interrupted.catchUp).toBeUndefined();
    const progressFile = progressFileOf(resumed.dataDir, file);
    expect(existsSync(progressFile)).toBe(true);
    expect((await inspect(resumed)).events).toHaveLength(3);

    const completed = await run(resumed);
    expect(completed.stderr).toContain('Resuming: the first 3 rows');
    expect(completed.summary).toMatchObject({
      skipped: 3,
      recorded: 1,
      amended: 1,
      retracted: 1,
      rejected: 1,
      unchanged: 0,
    });
    expect(existsSync(progressFile)).toBe(false);
    const after = await inspect(resumed);
    expect(after.events.map((event) => event.event_id).sort()).toEqual(
      first.events.map((event) => event.event_id).sort(),
    );
    expect(after.current).toEqual(first.current);
  });

  it('applies every row again with restart, and still appends nothing twice', async () => {
    const restarted = configFor(join(work, 'restarted'));
    await run(restarted, { stopAfter: 2 });
    const result = await importCommand(
      restarted,
      file,
      { restart: true },
      { stdout: new PassThrough(), stderr: new PassThrough() },
    );
    expect(result.summary).toMatchObject({ skipped: 0, unchanged: 2, recorded: 2 });
    expect((await inspect(restarted)).events).toHaveLength(6);
  });
});

describe('weerbaar import of records in bulk', () => {
  it('writes new signals in one go and reports a record of a stored signal with other content', async () => {
    const config = configFor(join(work, 'data-bulk'));
    const lines = readFileSync(EXAMPLE, 'utf8').split('\n');
    const header = lines[0];
    const original = lines[1];
    const altered = original.replace(
      '3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a01,GM0363,THREAT,VERBAL,WETHOUDER,3',
      '3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a01,GM0363,THREAT,VERBAL,WETHOUDER,4',
    );
    expect(altered).not.toBe(original);
    const fresh = original.replace(
      '3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a01',
      '3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a77',
    );
    const first = join(work, 'bulk-first.csv');
    writeFileSync(first, `${header}\n${original}\n`);
    const second = join(work, 'bulk-second.csv');
    writeFileSync(second, `${header}\n${altered}\n${fresh}\n${original}\n`);
    const quiet = { stdout: new PassThrough().resume(), stderr: new PassThrough() };
    let stderr = '';
    quiet.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));

    expect((await importCommand(config, first, {}, quiet)).summary.recorded).toBe(1);
    const result = await importCommand(config, second, {}, quiet);
    expect(result.summary).toMatchObject({ recorded: 1, unchanged: 1, rejected: 1 });
    expect(stderr).toMatch(/^line 2: signalId is already recorded with other content$/m);
    const { events } = await inspect(config);
    expect(events.map((event) => event.stream_id)).toEqual([
      'signal-3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a01',
      'signal-3f1c2a7e-5b0d-4e8a-9c61-2d7f4b8e1a77',
    ]);
  });
});
