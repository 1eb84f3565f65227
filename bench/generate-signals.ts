// A deterministic data set for `weerbaar import`: N signals as CSV in the import's columns
// (docs/import.md), the same file for the same options on any machine. Fictitious throughout:
// no real people, companies, plates or addresses.
//
//   npm run build && node dist/bench/generate-signals.js --signals 1000000 --out signals.csv
//   options: --signals N (default 1,000,000) --out FILE (default signals.csv) --seed S (default 1)
//            --end ISO-DATE (default 2026-07-01T00:00:00Z: occurredAt lies in the 5 years before)
//
// Shaped like reality: municipalities by a Zipf-like skew (the four big cities first, then the
// rest in a seeded order: reference data has no population), all categories and subcategories,
// severities skewed low, a pool of subjects that recur (most within their municipality, some
// across several), some signals withheld from the mayor, rows in order of occurrence; ~10 % of
// signals amended and ~5 % retracted in later rows, a few hundred to a few thousand rows on.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  CLASSIFICATIONS,
  INFORMATION_CREDIBILITIES,
  SOURCE_RELIABILITIES,
  SUBCATEGORIES,
  type Category,
} from '@weerbaar/domain';
import { ReferenceData } from '@weerbaar/reference-data';
import { IMPORT_COLUMNS, type ImportColumn } from '../apps/cli/src/import/import-row';

export interface GenerateOptions {
  signals: number;
  out: string;
  seed: number;
  /** occurredAt lies in the five years before this moment. */
  end: Date;
}

export interface GenerateResult {
  rows: number;
  amendments: number;
  retractions: number;
  bytes: number;
  millis: number;
}

const YEAR_MS = 365.25 * 86_400_000;
const BIG_CITIES = ['GM0363', 'GM0599', 'GM0518', 'GM0344']; // Amsterdam, Rotterdam, Den Haag, Utrecht
const AMEND_SHARE = 0.1;
const RETRACT_SHARE = 0.05;
/** Later rows come this many records after their signal's record, at most. */
const MAX_LIFECYCLE_DELAY = 3_000;
const CHUNK_BYTES = 1 << 20;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Picks an index by weight with a precomputed cumulative table (binary search). */
class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let sum = 0;
    for (const weight of weights) this.cumulative.push((sum += weight));
    this.total = sum;
  }

  pick(random: () => number): T {
    const target = random() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid] > target) high = mid;
      else low = mid + 1;
    }
    return this.items[low];
  }
}

const weighted = <T extends string | number>(entries: readonly (readonly [T, number])[]) =>
  new Weighted(
    entries.map(([item]) => item),
    entries.map(([, weight]) => weight),
  );

const SEVERITY = weighted([
  [1, 34],
  [2, 31],
  [3, 20],
  [4, 10],
  [5, 5],
]);
const CATEGORY = weighted<Category>([
  ['THREAT', 55],
  ['BRIBERY', 15],
  ['INFILTRATION', 30],
]);
const TARGET_ROLE = weighted([
  ['BURGEMEESTER', 12],
  ['WETHOUDER', 22],
  ['RAADSLID', 25],
  ['KANDIDAAT', 5],
  ['AMBTENAAR', 28],
  ['GRIFFIER', 3],
  ['OTHER', 5],
]);
const SOURCE = weighted([
  ['DIRECT', 45],
  ['MELDAPP', 20],
  ['ANONYMOUS_TIP', 10],
  ['COLLEAGUE', 15],
  ['MEDIA', 7],
  ['OTHER', 3],
]);
const CLASSIFICATION = weighted([
  [CLASSIFICATIONS[0], 10],
  [CLASSIFICATIONS[1], 70],
  [CLASSIFICATIONS[2], 20],
]);
const SUBJECT_COUNT = weighted([
  [0, 45],
  [1, 35],
  [2, 14],
  [3, 6],
]);

const DESCRIPTIONS: Record<Category, readonly string[]> = {
  THREAT: [
    'Na afloop van de raadsvergadering aangesproken op straat en gewaarschuwd "voorzichtig te zijn".',
    'Via sociale media herhaaldelijk berichten ontvangen met een foto van de eigen voordeur.',
    'Een onbekende auto stond meerdere avonden met draaiende motor voor de woning.',
    'Telefonisch bedreigd na een besluit over een sluiting, de beller kende het woonadres.',
    'Familieleden werden bij school aangesproken door iemand die naar het werk vroeg.',
  ],
  BRIBERY: [
    'Een aanvrager bood contant geld aan om de vergunning sneller af te handelen.',
    'Uitnodiging voor een verblijf in een vakantiehuis, aangeboden door een partij in een lopende aanbesteding.',
    'Een relatie van een ondernemer vroeg om inzage in een vertrouwelijk stuk, met een wederdienst in het vooruitzicht.',
  ],
  INFILTRATION: [
    'Meerdere panden in korte tijd contant gekocht door hetzelfde bedrijf, zonder zichtbare bedrijfsvoering.',
    'Een kandidaat op de kieslijst onderhoudt nauwe banden met een bekende criminele familie.',
    'Een inschrijver op de aanbesteding blijkt dezelfde bestuurder te hebben als een eerder geweigerd bedrijf.',
    'Vertrouwelijke informatie uit een integriteitsonderzoek lag binnen een dag bij de betrokken ondernemer.',
    'Een horecazaak werd overgenomen door een stroman, de vorige eigenaar werkt er nog.',
  ],
};

interface Subject {
  kind: 'PERSON' | 'ORGANISATION' | 'VEHICLE' | 'ADDRESS';
  identifier: string;
  displayName?: string;
}

/** The i-th subject of the pool: derived from its number, so the pool takes no memory. */
function poolSubject(i: number): Subject {
  const n = String(i).padStart(7, '0');
  switch (i % 4) {
    case 0:
      return { kind: 'PERSON', identifier: `DEMO-P-${n}`, displayName: `Demo persoon ${i}` };
    case 1:
      return { kind: 'ORGANISATION', identifier: `KVK-9${n}`, displayName: `Demo Holding ${i} BV` };
    case 2:
      return { kind: 'VEHICLE', identifier: `ZZ-${n.slice(0, 3)}-${n.slice(3)}` };
    default:
      return { kind: 'ADDRESS', identifier: `${1000 + (i % 9000)} ZZ ${Math.floor(i / 9000) + 1}` };
  }
}

const formatSubjects = (subjects: readonly Subject[]): string =>
  subjects
    .map((s) => `${s.kind}:${s.identifier}${s.displayName ? `:${s.displayName}` : ''}`)
    .join('|');

function uuid(random: () => number): string {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(random() * 4_294_967_296)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

type Row = Partial<Record<ImportColumn, string>>;

const toLine = (row: Row): string =>
  `${IMPORT_COLUMNS.map((column) => csvCell(row[column] ?? '')).join(',')}\n`;

export async function generateSignals(options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  const codes = ReferenceData.load()
    .municipalities()
    .map((m) => m.code);
  const rest = codes.filter((code) => !BIG_CITIES.includes(code));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  const ranked = [...BIG_CITIES, ...rest];
  // Zipf-like with a flattened head: the biggest city gets ~4 %, the smallest ~0.1 %.
  const municipality = new Weighted(
    ranked.map((_, rank) => rank),
    ranked.map((_, rank) => 1 / (rank + 8) ** 0.9),
  );
  const localPerMunicipality = Math.max(5, Math.ceil(options.signals / ranked.length / 20));
  const roaming = Math.max(10, Math.ceil(options.signals / 500));
  const roamingBase = ranked.length * localPerMunicipality;

  const end = options.end.getTime();
  const span = 5 * YEAR_MS;
  const start = end - span;

  const out: WriteStream = createWriteStream(options.out);
  let buffer = toLine(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, c])));
  let bytes = 0;
  const flush = async (): Promise<void> => {
    bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };

  // Later rows wait in buckets by the record after which they are written.
  const later = new Map<number, string[]>();
  const schedule = (after: number, line: string): void => {
    const bucket = later.get(after);
    if (bucket) bucket.push(line);
    else later.set(after, [line]);
  };
  let rows = 0;
  let amendments = 0;
  let retractions = 0;

  for (let i = 0; i < options.signals; i++) {
    const rank = municipality.pick(random);
    const category = CATEGORY.pick(random);
    const subjects: Subject[] = [];
    const seen = new Set<number>();
    for (let s = SUBJECT_COUNT.pick(random); s > 0; s--) {
      // Three in four are local (recurring within the municipality); the others roam, a few of
      // them in many municipalities (squared: a skew towards the first of the roaming pool).
      const id =
        random() < 0.75
          ? rank * localPerMunicipality + Math.floor(random() * localPerMunicipality)
          : roamingBase + Math.floor(random() ** 2 * roaming);
      if (seen.has(id)) continue;
      seen.add(id);
      subjects.push(poolSubject(id));
    }
    const policeReportFiled = random() < 0.3;
    const withheld = random() < 0.03;
    const row: Row = {
      signalId: uuid(random),
      municipality: ranked[rank],
      category,
      subcategory: pick(SUBCATEGORIES[category]),
      targetRole: TARGET_ROLE.pick(random),
      severity: String(SEVERITY.pick(random)),
      occurredAt: new Date(start + ((i + random()) / options.signals) * span).toISOString(),
      description: pick(DESCRIPTIONS[category]),
      subjects: formatSubjects(subjects),
      policeReportFiled: String(policeReportFiled),
      policeReportReference:
        policeReportFiled && random() < 0.8
          ? `PV-DEMO-${String(Math.floor(random() * 1e6)).padStart(6, '0')}`
          : '',
      source: SOURCE.pick(random),
      classification: CLASSIFICATION.pick(random),
      sourceReliability: pick(SOURCE_RELIABILITIES),
      informationCredibility: pick(INFORMATION_CREDIBILITIES),
      withholdFromMayor: String(withheld),
      withholdReason: withheld ? 'De burgemeester is zelf betrokken bij het dossier.' : '',
    };
    buffer += toLine(row);
    rows += 1;

    let last = i;
    if (random() < AMEND_SHARE) {
      // The whole row as corrected: the import keeps only what changed.
      const severity = Number(row.severity);
      const amended: Row = {
        ...row,
        severity: String(severity === 5 ? 4 : severity + 1),
        reason: pick([
          'Na een tweede gesprek bleek de situatie ernstiger.',
          'Aanvullende informatie van de politie ontvangen.',
          'Verkeerd ingeschat bij de eerste registratie.',
        ]),
      };
      if (random() < 0.3) amended.classification = 'TLP:RED';
      last = i + 1 + Math.floor(random() * MAX_LIFECYCLE_DELAY);
      schedule(last, toLine(amended));
      amendments += 1;
    }
    if (random() < RETRACT_SHARE) {
      const retracted: Row = {
        signalId: row.signalId,
        retracted: 'true',
        reason: pick([
          'Bij nader onderzoek geen relatie met ondermijning.',
          'Dubbel geregistreerd.',
          'Melding berust op een misverstand.',
        ]),
      };
      schedule(last + 1 + Math.floor(random() * MAX_LIFECYCLE_DELAY), toLine(retracted));
      retractions += 1;
    }
    const due = later.get(i);
    if (due) {
      later.delete(i);
      for (const line of due) buffer += line;
      rows += due.length;
    }
    if (buffer.length >= CHUNK_BYTES) await flush();
  }
  for (const after of [...later.keys()].sort((a, b) => a - b)) {
    for (const line of later.get(after) ?? []) buffer += line;
    rows += later.get(after)?.length ?? 0;
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { rows, amendments, retractions, bytes, millis: Date.now() - started };
}

function parseArgs(argv: readonly string[]): GenerateOptions {
  const options: GenerateOptions = {
    signals: 1_000_000,
    out: 'signals.csv',
    seed: 1,
    end: new Date('2026-07-01T00:00:00Z'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--signals' || name === '--seed') {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
      options[name === '--signals' ? 'signals' : 'seed'] = n;
    } else if (name === '--out') options.out = value;
    else if (name === '--end') {
      options.end = new Date(value);
      if (Number.isNaN(options.end.getTime())) throw new Error('--end must be an ISO date');
    } else throw new Error(`Unknown option ${name} (--signals, --out, --seed, --end)`);
  }
  return options;
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  generateSignals(options).then(
    (result) =>
      process.stdout.write(
        `${options.out}: ${options.signals} signals, ${result.amendments} amendments, ${result.retractions} retractions (${result.rows} rows, ${(result.bytes / 1e6).toFixed(1)} MB) in ${result.millis} ms\n`,
      ),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
