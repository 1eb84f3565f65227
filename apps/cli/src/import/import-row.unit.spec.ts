// A CSV row as a request of the signal API: which command it is, what the domain's parsers make
// of it, and how a bad row is reported (line and field, never the content).
import { signalDecider } from '@weerbaar/domain';
import { subjectFingerprint } from '@weerbaar/security';
import {
  IMPORT_COLUMNS,
  importedEventIdOf,
  ImportHeaderError,
  parseSubjectsCell,
  readHeader,
  toValidRow,
  type ValidRow,
  type RejectedRow,
} from './import-row';

const KEY = 'unit-test-fingerprint-key-0123456789abcdef';
const context = {
  now: new Date('2026-01-01T12:00:00Z'),
  municipalities: { isKnownMunicipality: (code: string) => ['GM0363', 'GM0599'].includes(code) },
  fingerprintKey: KEY,
};
const header = readHeader([...IMPORT_COLUMNS]);
const SIGNAL_ID = '3F1C2A7E-5B0D-4E8A-9C61-2D7F4B8E1A01';

const GOOD: Record<string, string> = {
  signalId: SIGNAL_ID,
  municipality: 'GM0363',
  category: 'THREAT',
  subcategory: 'VERBAL',
  targetRole: 'WETHOUDER',
  severity: '3',
  occurredAt: '2025-03-12T14:30:00+01:00',
  description: 'Geheim: op straat aangesproken',
  subjects: 'PERSON:demo-001:Demo persoon|VEHICLE:ZZ-123-A',
  policeReportFiled: 'true',
  policeReportReference: 'PV-DEMO-1',
  source: 'DIRECT',
  classification: 'TLP:AMBER',
  sourceReliability: 'B',
  informationCredibility: '2',
  withholdFromMayor: 'false',
};

const cellsOf = (values: Record<string, string>): string[] =>
  IMPORT_COLUMNS.map((column) => values[column] ?? '');

const row = (values: Record<string, string>, line = 7): ValidRow | RejectedRow =>
  toValidRow(cellsOf(values), header, line, context);

function rejected(result: ValidRow | RejectedRow): RejectedRow {
  if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${result.kind}`);
  return result;
}

describe('readHeader', () => {
  it('finds the columns in any order, and needs only signalId', () => {
    const found = readHeader(['severity', ' signalId ']);
    expect(found.index.get('signalId')).toBe(1);
    expect(found.index.get('severity')).toBe(0);
    expect(found.width).toBe(2);
  });

  it('refuses an unknown column, a column named twice and a header without signalId', () => {
    expect(() => readHeader(['signalId', 'bsn'])).toThrow(ImportHeaderError);
    expect(() => readHeader(['signalId', 'bsn'])).toThrow(/unknown column "bsn" \(column 2\)/);
    expect(() => readHeader(['signalId', 'reason', 'reason'])).toThrow(/names reason twice/);
    expect(() => readHeader(['municipality'])).toThrow(/no signalId column/);
  });
});

describe('toValidRow: a record', () => {
  it('is the command the API builds: parsed facts, personal data and the same fingerprints', () => {
    const result = row(GOOD);
    if (result.kind !== 'record') throw new Error(result.kind);
    const { data, metadata } = result.command;
    expect(result.signalId).toBe(SIGNAL_ID.toLowerCase());
    expect(data.signalId).toBe(SIGNAL_ID.toLowerCase());
    expect(metadata.actor).toBe('import');
    expect(data.facts).toEqual({
      municipality: 'GM0363',
      category: 'THREAT',
      subcategory: 'VERBAL',
      targetRole: 'WETHOUDER',
      severity: 3,
      occurredAt: '2025-03-12T13:30:00.000Z',
      policeReportFiled: true,
      source: 'DIRECT',
      classification: 'TLP:AMBER',
      sourceReliability: 'B',
      informationCredibility: '2',
      withholdFromMayor: false,
      subjectFingerprints: [
        subjectFingerprint(KEY, 'PERSON', 'demo-001'),
        subjectFingerprint(KEY, 'VEHICLE', 'ZZ-123-A'),
      ],
    });
    expect(data.personal).toEqual({
      description: 'Geheim: op straat aangesproken',
      subjects: [
        { kind: 'PERSON', identifier: 'demo-001', displayName: 'Demo persoon' },
        { kind: 'VEHICLE', identifier: 'ZZ-123-A' },
      ],
      policeReportReference: 'PV-DEMO-1',
    });
    // The decider takes it as the API's handler would give it.
    expect(signalDecider.decide(result.command, signalDecider.initialState())).toHaveLength(1);
  });

  it('takes the API defaults for empty optional cells', () => {
    const result = row({
      ...GOOD,
      subjects: '',
      classification: '',
      sourceReliability: '',
      informationCredibility: '',
      withholdFromMayor: '',
      policeReportReference: '',
    });
    if (result.kind !== 'record') throw new Error(result.kind);
    expect(result.command.data.facts).toMatchObject({
      classification: 'TLP:AMBER',
      sourceReliability: 'F',
      informationCredibility: '6',
      withholdFromMayor: false,
      subjectFingerprints: [],
    });
    expect(result.command.data.personal.subjects).toEqual([]);
  });

  it('reports every bad field of a row with its line, and none of the content', () => {
    const result = rejected(
      row(
        {
          ...GOOD,
          municipality: 'GM9999',
          subcategory: 'MONEY_OFFER',
          severity: 'high',
          occurredAt: '2027-01-01T00:00:00Z',
          policeReportFiled: 'ja',
        },
        42,
      ),
    );
    expect(result.line).toBe(42);
    expect(result.errors.map((error) => error.field).sort()).toEqual([
      'municipality',
      'occurredAt',
      'policeReportFiled',
      'severity',
      'subcategory',
    ]);
    expect(JSON.stringify(result)).not.toContain('Geheim');
    expect(JSON.stringify(result)).not.toContain('demo-001');
  });

  it('requires a signalId in an import, and a UUID', () => {
    expect(rejected(row({ ...GOOD, signalId: '' })).errors).toEqual([
      { field: 'signalId', message: 'is required' },
    ]);
    expect(rejected(row({ ...GOOD, signalId: '42' })).errors[0].field).toBe('signalId');
  });

  it('rejects a row with another number of cells than the header', () => {
    const result = rejected(toValidRow(['a', 'b'], header, 9, context));
    expect(result.line).toBe(9);
    expect(result.errors[0].message).toMatch(/has 2 cells where the header has 19/);
  });

  it('names a subject entry that is not KIND:identifier, next to the domain problems', () => {
    const result = rejected(row({ ...GOOD, subjects: 'PERSON:demo-001|zomaar iets', source: 'X' }));
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'subjects[1]' }),
        expect.objectContaining({ field: 'source' }),
      ]),
    );
  });
});

describe('toValidRow: an amendment (a row with a reason)', () => {
  it('asks for the fields given, empty cells keep theirs', () => {
    const result = row({ signalId: SIGNAL_ID, severity: '4', reason: 'Ernstiger dan gedacht' });
    if (result.kind !== 'amend') throw new Error(result.kind);
    expect(result.command.data).toEqual({
      signalId: SIGNAL_ID.toLowerCase(),
      changes: { severity: 4 },
      personalChanges: {},
      reason: 'Ernstiger dan gedacht',
    });
    expect(result.municipality).toBeUndefined();
  });

  it('removes the withholding reason and the report reference when the row turns them off', () => {
    const result = row({
      signalId: SIGNAL_ID,
      withholdFromMayor: 'false',
      policeReportFiled: 'false',
      reason: 'Toch aan de burgemeester tonen',
    });
    if (result.kind !== 'amend') throw new Error(result.kind);
    expect(result.command.data.personalChanges).toEqual({
      withholdReason: null,
      policeReportReference: null,
    });
  });

  it('fingerprints new subjects and keeps the municipality for a check against the signal', () => {
    const result = row({ ...GOOD, reason: 'Kenteken toegevoegd' });
    if (result.kind !== 'amend') throw new Error(result.kind);
    expect(result.command.data.changes.subjectFingerprints).toHaveLength(2);
    expect(result.municipality).toBe('GM0363');
  });

  it('has an event id that follows the row: the same row gives the same id, another row another', () => {
    const a = row({ signalId: SIGNAL_ID, severity: '4', reason: 'x' });
    const b = row({ signalId: SIGNAL_ID, severity: '4', reason: 'x' }, 99);
    const c = row({ signalId: SIGNAL_ID, severity: '5', reason: 'x' });
    if (a.kind !== 'amend' || b.kind !== 'amend' || c.kind !== 'amend') throw new Error('kind');
    expect(a.eventId).toBe(b.eventId);
    expect(a.eventId).not.toBe(c.eventId);
    expect(a.eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('toValidRow: a retraction', () => {
  it('is retracted=true with a reason; the other cells are not read', () => {
    const result = row({ signalId: SIGNAL_ID, retracted: 'TRUE', reason: 'Dubbel', severity: 'x' });
    if (result.kind !== 'retract') throw new Error(result.kind);
    expect(result.command.data).toEqual({ signalId: SIGNAL_ID.toLowerCase(), reason: 'Dubbel' });
    expect(result.eventId).toBe(
      importedEventIdOf(SIGNAL_ID.toLowerCase(), 'retract', { reason: 'Dubbel' }),
    );
  });

  it('needs a reason, and retracted must be a boolean', () => {
    expect(rejected(row({ signalId: SIGNAL_ID, retracted: 'true' })).errors).toEqual([
      { field: 'reason', message: 'is required' },
    ]);
    expect(rejected(row({ ...GOOD, retracted: 'ja' })).errors[0].field).toBe('retracted');
  });
});

describe('parseSubjectsCell', () => {
  it('reads KIND:identifier:display name entries; a display name may hold colons', () => {
    expect(parseSubjectsCell('PERSON:p-1:Naam: met dubbele punt|ADDRESS:1234 ZZ 1', [])).toEqual([
      { kind: 'PERSON', identifier: 'p-1', displayName: 'Naam: met dubbele punt' },
      { kind: 'ADDRESS', identifier: '1234 ZZ 1' },
    ]);
  });

  it('takes the API JSON array as it is, and names a broken one', () => {
    expect(parseSubjectsCell('[{"kind":"VEHICLE","identifier":"A|B:C"}]', [])).toEqual([
      { kind: 'VEHICLE', identifier: 'A|B:C' },
    ]);
    const problems: { field: string; message: string }[] = [];
    expect(parseSubjectsCell('[{"kind"', problems)).toBeUndefined();
    expect(problems).toEqual([{ field: 'subjects', message: expect.stringMatching(/JSON/) }]);
  });
});
