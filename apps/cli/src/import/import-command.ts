// `weerbaar import <file.csv>`: opens the store of the configured shape (the embedded data
// directory, or DATABASE_URL), imports the file with a progress bar on stderr, keeps the count of
// rows done in a progress file while it runs, brings the read models up to date and prints a
// summary. Ctrl-C stops reading, lets the rows in flight finish and keeps the progress file: the
// same command then continues where this run stopped.
import { createReadStream, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { systemClock, type WeerbaarConfig } from '@weerbaar/config';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { ReferenceData } from '@weerbaar/reference-data';
import { catchUpReadModels } from './catch-up-read-models';
import {
  databaseIdentity,
  describeImport,
  loadProgress,
  progressFileOf,
  removeProgress,
  saveProgress,
} from './import-progress';
import type { RejectedRow } from './import-row';
import { type ImportSummary, SignalImport } from './import-signals';

export interface ImportCommandOptions {
  /** Ignore the progress of an interrupted run: apply every row again (idempotent, slower). */
  restart?: boolean;
  /** Rows in flight at once (default 20,000). */
  concurrency?: number;
  /** Stop reading after this many rows (as Ctrl-C would): for tests and trials. */
  stopAfter?: number;
}

export interface ImportCommandResult {
  summary: ImportSummary;
  appendMillis: number;
  catchUp: { by: 'import' | 'platform'; events: number; millis: number } | undefined;
}

const PROGRESS_SAVE_MS = 1_000;

export async function importCommand(
  config: WeerbaarConfig,
  file: string,
  options: ImportCommandOptions = {},
  out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream | NodeJS.WritableStream } = {
    stdout: process.stdout,
    stderr: process.stderr,
  },
): Promise<ImportCommandResult> {
  const totalBytes = statSync(file).size; // fails early, before the database opens, if missing
  const referenceData = ReferenceData.load();
  const progressFile = progressFileOf(config.dataDir, file);
  const started = describeImport(file, databaseIdentity(config));
  const skipRows = options.restart ? 0 : loadProgress(progressFile, started);
  if (skipRows > 0) {
    out.stderr.write(`Resuming: the first ${skipRows} rows were imported by an earlier run.\n`);
  }

  const infrastructure = await openInfrastructure(config);
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) return;
    out.stderr.write('\nStopping: finishing the rows in flight (the import can be resumed)…\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const bar = new SingleBar({
    stream: out.stderr,
    format: '{bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
    etaBuffer: 50,
    hideCursor: true,
  });
  const tty = (out.stderr as NodeJS.WriteStream).isTTY === true;
  let saver: NodeJS.Timeout | undefined;
  try {
    const importer = new SignalImport({
      input: createReadStream(file, { highWaterMark: 1 << 20 }),
      store: infrastructure.eventStore,
      fingerprintKey: config.fingerprintKey,
      municipalities: referenceData,
      clock: systemClock,
      skipRows,
      signal: stop.signal,
      maxInFlight: options.concurrency,
      stopAfterRows: options.stopAfter,
      onRejected: (row) => {
        // On a terminal the report replaces the bar's line; the bar is drawn again below it.
        out.stderr.write(`${tty ? '\r\x1b[K' : ''}${describeRejection(row)}\n`);
      },
    });
    const appendStarted = Date.now();
    const rate = (): number =>
      Math.round(
        ((importer.summary.rows - importer.summary.skipped) * 1000) /
          Math.max(1, Date.now() - appendStarted),
      );
    bar.start(totalBytes, 0, { rows: 0, rate: 0 });
    saver = setInterval(() => {
      const { summary } = importer;
      if (summary.rowsDone > skipRows) {
        saveProgress(progressFile, { ...started, rowsDone: summary.rowsDone });
      }
      bar.update(summary.bytes, { rows: summary.rows, rate: rate() });
    }, PROGRESS_SAVE_MS);
    const summary = await importer.run();
    const appendMillis = Date.now() - appendStarted;
    clearInterval(saver);
    bar.update(summary.bytes, { rows: summary.rows, rate: rate() });
    bar.stop();

    if (summary.interrupted) {
      saveProgress(progressFile, { ...started, rowsDone: summary.rowsDone });
      out.stdout.write(describeSummary(summary, appendMillis));
      out.stdout.write(
        `Interrupted after ${summary.rowsDone} rows; run the same command again to continue.\n`,
      );
      return { summary, appendMillis, catchUp: undefined };
    }
    removeProgress(progressFile);
    out.stderr.write('Bringing the read models up to date…\n');
    const catchUp = await catchUpReadModels(infrastructure, {
      regions: referenceData,
      risk: config.risk,
    });
    out.stdout.write(describeSummary(summary, appendMillis));
    out.stdout.write(
      catchUp.by === 'platform'
        ? `Read models: projected by the running platform, up to date after ${catchUp.millis} ms.\n`
        : `Read models: ${catchUp.events} events projected in ${catchUp.millis} ms.\n`,
    );
    return { summary, appendMillis, catchUp };
  } finally {
    if (saver) clearInterval(saver);
    bar.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await infrastructure.close();
  }
}

/** A bad row by line and field; never the content of a cell. */
export function describeRejection(row: RejectedRow): string {
  const problems = row.errors
    .map((error) => (error.field === '' ? error.message : `${error.field} ${error.message}`))
    .join('; ');
  return `line ${row.line}: ${problems}`;
}

export function describeSummary(summary: ImportSummary, appendMillis: number): string {
  const applied = summary.rows - summary.skipped;
  const rate = appendMillis > 0 ? Math.round((applied * 1000) / appendMillis) : applied;
  return [
    `Rows: ${summary.rows} in ${appendMillis} ms (${rate} rows/s)`,
    `  recorded   ${summary.recorded}`,
    `  amended    ${summary.amended}`,
    `  retracted  ${summary.retracted}`,
    `  unchanged  ${summary.unchanged} (already imported, or changing nothing)`,
    ...(summary.skipped > 0 ? [`  skipped    ${summary.skipped} (done by an earlier run)`] : []),
    `  rejected   ${summary.rejected}`,
    '',
  ].join('\n');
}
