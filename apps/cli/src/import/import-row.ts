// One CSV row of `weerbaar import` as one request of the signal API (record, amend or retract),
// validated by the same domain parsers as POST/PATCH /api/v1/signals and turned into the same
// commands. Pure: no I/O, the clock and the fingerprint key are passed in.
import {
  type AmendSignal,
  type FieldError,
  MalformedInputError,
  parseAmendSignalRequest,
  parseRecordSignalRequest,
  parseRetractSignalRequest,
  RECORD_SIGNAL_FIELDS,
  type RecordSignal,
  type RetractSignal,
  type SignalValidationContext,
  UUID_PATTERN,
  ValidationError,
} from '@weerbaar/domain';
import { deterministicUuid } from '@weerbaar/escalation-rules';
import { subjectFingerprints } from '@weerbaar/security';

/**
 * The columns of an import file, in the order the generator writes them. Every column but
 * `signalId` may be left out of the header; an unknown column stops the import before any row.
 */
export const IMPORT_COLUMNS = [...RECORD_SIGNAL_FIELDS, 'reason', 'retracted'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The columns that become fields of the record or amend request as they are. */
const REQUEST_COLUMNS = IMPORT_COLUMNS.filter(
  (column) => column !== 'signalId' && column !== 'municipality' && column !== 'retracted',
);
const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set(['policeReportFiled', 'withholdFromMayor']);

/** The actor in the metadata of every imported event (the API puts the user's `sub` there). */
export const IMPORT_ACTOR = 'import';

const IMPORTED_EVENT_NAMESPACE = 'weerbaar/signal-imported';

export class ImportHeaderError extends Error {
  constructor(message: string) {
    super(`The header row of the import file ${message}`);
    this.name = 'ImportHeaderError';
  }
}

/** Where each known column is in a row; throws ImportHeaderError for a header that cannot work. */
export function readHeader(cells: readonly string[]): ImportHeader {
  const index = new Map<ImportColumn, number>();
  cells.forEach((raw, position) => {
    const name = raw.trim();
    const column = IMPORT_COLUMNS.find((known) => known === name);
    if (column === undefined) {
      throw new ImportHeaderError(
        `has an unknown column ${JSON.stringify(name.slice(0, 40))} (column ${position + 1}); the columns are ${IMPORT_COLUMNS.join(', ')}`,
      );
    }
    if (index.has(column)) throw new ImportHeaderError(`names ${column} twice`);
    index.set(column, position);
  });
  if (!index.has('signalId')) throw new ImportHeaderError('has no signalId column');
  return { index, width: cells.length };
}

export interface ImportHeader {
  index: ReadonlyMap<ImportColumn, number>;
  width: number;
}

export interface RowContext extends SignalValidationContext {
  fingerprintKey: string;
  /** The subjects' fingerprints (default subjectFingerprints with the key; the import caches). */
  fingerprints?: (subjects: readonly { kind: string; identifier: string }[]) => string[];
}

interface RowBase {
  /** The line of the file where the row starts (1 = the header). */
  line: number;
  /** Lower-case UUID. */
  signalId: string;
}

export interface RecordRow extends RowBase {
  kind: 'record';
  command: RecordSignal;
}

export interface AmendRow extends RowBase {
  kind: 'amend';
  /** Deterministic: the same row of the same signal is the same event on every import. */
  eventId: string;
  command: AmendSignal;
  /** The municipality the row names, if any: it must be the signal's (it cannot be amended). */
  municipality?: string;
}

export interface RetractRow extends RowBase {
  kind: 'retract';
  eventId: string;
  command: RetractSignal;
}

export type ValidRow = RecordRow | AmendRow | RetractRow;

/** A row that imports nothing: its line and what is wrong, by field (never the cell's content). */
export interface RejectedRow {
  kind: 'rejected';
  line: number;
  errors: FieldError[];
}

/**
 * What a row asks: `retracted=true` retracts (with `reason`); a row with a `reason` amends the
 * signal to the values it gives (an empty cell keeps a field); any other row records it.
 */
export function toValidRow(
  cells: readonly string[],
  header: ImportHeader,
  line: number,
  context: RowContext,
): ValidRow | RejectedRow {
  if (cells.length !== header.width) {
    return rejected(line, [
      { field: '', message: `has ${cells.length} cells where the header has ${header.width}` },
    ]);
  }
  const cell = (column: ImportColumn): string | undefined => {
    const position = header.index.get(column);
    const value = position === undefined ? undefined : cells[position];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const rawId = cell('signalId')?.trim();
  if (rawId === undefined) return rejected(line, [{ field: 'signalId', message: 'is required' }]);
  if (!UUID_PATTERN.test(rawId)) {
    return rejected(line, [{ field: 'signalId', message: 'must be a UUID' }]);
  }
  const signalId = rawId.toLowerCase();
  const metadata = { now: context.now, actor: IMPORT_ACTOR };

  const retracted = cell('retracted')?.trim().toLowerCase();
  if (retracted !== undefined && retracted !== 'true' && retracted !== 'false') {
    return rejected(line, [{ field: 'retracted', message: 'must be true, false or empty' }]);
  }

  const problems: FieldError[] = [];
  try {
    if (retracted === 'true') {
      const request = { reason: cell('reason') };
      const { reason } = parseRetractSignalRequest(request);
      return {
        kind: 'retract',
        line,
        signalId,
        eventId: importedEventIdOf(signalId, 'retract', request),
        command: { type: 'RetractSignal', data: { signalId, reason }, metadata },
      };
    }

    const request: Record<string, unknown> = {};
    for (const column of REQUEST_COLUMNS) {
      const text = cell(column);
      const value = text === undefined ? undefined : cellValue(column, text, problems);
      if (value !== undefined) request[column] = value;
    }

    if (request.reason !== undefined) {
      // An amendment that shows the signal to the burgemeester again, or says no police report
      // was filed, removes the withholding reason or the report reference it leaves empty: the
      // only value those can then have (the API's null).
      if (request.withholdFromMayor === false && request.withholdReason === undefined) {
        request.withholdReason = null;
      }
      if (request.policeReportFiled === false && request.policeReportReference === undefined) {
        request.policeReportReference = null;
      }
      const parsed = parseAmendSignalRequest(request, context);
      throwIfAny(problems);
      const subjects = parsed.personalChanges.subjects;
      const changes = subjects
        ? {
            ...parsed.changes,
            subjectFingerprints: fingerprintsOf(context, subjects),
          }
        : parsed.changes;
      const row: AmendRow = {
        kind: 'amend',
        line,
        signalId,
        eventId: importedEventIdOf(signalId, 'amend', request),
        command: {
          type: 'AmendSignal',
          data: {
            signalId,
            changes,
            personalChanges: parsed.personalChanges,
            reason: parsed.reason,
          },
          metadata,
        },
      };
      const municipality = cell('municipality')?.trim();
      if (municipality !== undefined) row.municipality = municipality;
      return row;
    }

    const parsed = parseRecordSignalRequest(
      { signalId, municipality: cell('municipality'), ...request },
      context,
    );
    throwIfAny(problems);
    const fingerprints = fingerprintsOf(context, parsed.personal.subjects);
    return {
      kind: 'record',
      line,
      signalId,
      command: {
        type: 'RecordSignal',
        data: {
          signalId,
          facts: { ...parsed.facts, subjectFingerprints: fingerprints },
          personal: parsed.personal,
        },
        metadata,
      },
    };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof MalformedInputError) {
      // The cells' own problems (a malformed subjects cell) go with the domain's.
      return rejected(line, error.errors === problems ? problems : [...error.errors, ...problems]);
    }
    throw error;
  }
}

/**
 * The cell as the API's JSON would carry it; what cannot be converted goes on as text for the
 * domain to name. A subjects cell that cannot be read at all is left out (its problem is noted).
 */
function cellValue(column: ImportColumn, value: string, problems: FieldError[]): unknown {
  if (column === 'severity') return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (BOOLEAN_COLUMNS.has(column)) {
    const folded = value.trim().toLowerCase();
    return folded === 'true' ? true : folded === 'false' ? false : value;
  }
  if (column === 'subjects') return parseSubjectsCell(value, problems);
  return value;
}

/**
 * The subjects of a signal in one cell: `KIND:identifier:display name` entries separated by `|`
 * (the display name and its colon are optional; a display name may contain colons), or the
 * API's JSON array as it is (for identifiers that contain `|` or `:`).
 */
export function parseSubjectsCell(value: string, problems: FieldError[]): unknown {
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      problems.push({ field: 'subjects', message: 'starts with [ but is not a JSON array' });
      return undefined;
    }
  }
  const subjects: Record<string, string>[] = [];
  const before = problems.length;
  text.split('|').forEach((entry, index) => {
    const first = entry.indexOf(':');
    if (first < 0) {
      problems.push({
        field: `subjects[${index}]`,
        message: 'must be KIND:identifier or KIND:identifier:display name',
      });
      return;
    }
    const second = entry.indexOf(':', first + 1);
    const subject: Record<string, string> = {
      kind: entry.slice(0, first).trim(),
      identifier: entry.slice(first + 1, second < 0 ? undefined : second),
    };
    if (second >= 0) subject.displayName = entry.slice(second + 1);
    subjects.push(subject);
  });
  return problems.length > before ? undefined : subjects;
}

function fingerprintsOf(
  context: RowContext,
  subjects: readonly { kind: string; identifier: string }[],
): string[] {
  return context.fingerprints
    ? context.fingerprints(subjects)
    : subjectFingerprints(context.fingerprintKey, subjects);
}

/** Problems of the cells themselves come after the domain's, in one report. */
function throwIfAny(problems: FieldError[]): void {
  if (problems.length > 0) throw new ValidationError(problems);
}

function rejected(line: number, errors: FieldError[]): RejectedRow {
  return { kind: 'rejected', line, errors };
}

/**
 * The id of the event an amendment or retraction row yields: a hash of the signal and the row's
 * request (built in column order, so the order of the file's columns does not matter). The same
 * row imported again is found in the signal's stream and skipped.
 */
export function importedEventIdOf(
  signalId: string,
  kind: 'amend' | 'retract',
  request: Readonly<Record<string, unknown>>,
): string {
  return deterministicUuid(IMPORTED_EVENT_NAMESPACE, signalId, kind, JSON.stringify(request));
}
