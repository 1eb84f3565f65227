// Where an interrupted import got to: the count of leading rows that are done, kept in a small
// file in the data directory (`<dataDir>/imports/`), one per import file. A later run of the same
// file into the same database starts after those rows; any change to the file or another
// database makes the progress file not apply. Skipping is only a speed-up: every event id is
// deterministic, so applying a done row again appends nothing.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ImportProgress {
  /** The import file: absolute path, size and modification time when the import started. */
  file: { path: string; size: number; mtimeMs: number };
  /** The database imported into, without credentials: the data directory or the server. */
  database: string;
  rowsDone: number;
}

const VERSION = 1;

/** The progress file of an import file (whether or not it exists). */
export function progressFileOf(dataDir: string, importFile: string): string {
  const id = createHash('sha256').update(resolve(importFile)).digest('hex').slice(0, 16);
  return join(dataDir, 'imports', `${id}.progress.json`);
}

/** What the progress of `importFile` into `database` would say, had it done `rowsDone` rows. */
export function describeImport(importFile: string, database: string, rowsDone = 0): ImportProgress {
  const stat = statSync(importFile);
  return {
    file: { path: resolve(importFile), size: stat.size, mtimeMs: stat.mtimeMs },
    database,
    rowsDone,
  };
}

/** The rows done by an earlier run of the same import, or 0 when none applies. */
export function loadProgress(progressFile: string, current: ImportProgress): number {
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(progressFile, 'utf8'));
  } catch {
    return 0; // none, or unreadable: start at the first row (nothing is lost)
  }
  if (typeof stored !== 'object' || stored === null) return 0;
  const progress = stored as Partial<ImportProgress> & { version?: number };
  const same =
    progress.version === VERSION &&
    progress.database === current.database &&
    progress.file?.path === current.file.path &&
    progress.file.size === current.file.size &&
    progress.file.mtimeMs === current.file.mtimeMs;
  const rows = progress.rowsDone;
  return same && typeof rows === 'number' && Number.isSafeInteger(rows) && rows > 0 ? rows : 0;
}

/** Writes the progress atomically (a rename), so a kill mid-write leaves the previous one. */
export function saveProgress(progressFile: string, progress: ImportProgress): void {
  mkdirSync(join(progressFile, '..'), { recursive: true });
  const temporary = `${progressFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: VERSION, ...progress })}\n`);
  renameSync(temporary, progressFile);
}

export function removeProgress(progressFile: string): void {
  rmSync(progressFile, { force: true });
}

/** The database of a connection URL without its user and password, or the data directory. */
export function databaseIdentity(config: { databaseUrl?: string; dataDir: string }): string {
  if (config.databaseUrl === undefined) return `embedded:${resolve(config.dataDir)}`;
  const url = new URL(config.databaseUrl);
  return `server:${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
