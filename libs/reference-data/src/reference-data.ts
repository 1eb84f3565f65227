// The reference data of SPEC §2: municipalities, safety regions, RIEC regions and boundaries,
// loaded once from the project's own copy and checked at load, so a broken update of the files
// stops the process with a clear message instead of misrouting escalations later.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Municipality {
  /** CBS code, GMdddd. */
  code: string;
  name: string;
  /** Safety region (veiligheidsregio) code, VRdd. */
  safetyRegion: string;
  /** RIEC region id, e.g. `amsterdam`. */
  riecRegion: string;
}

export interface SafetyRegion {
  code: string;
  name: string;
}

export interface RiecRegion {
  id: string;
  name: string;
  safetyRegions: string[];
}

/** The TopoJSON document as shipped; `gm_features` holds one geometry per municipality. */
export interface TopoJsonTopology {
  type: 'Topology';
  objects: Record<string, { type: string; geometries?: { properties?: { code?: string } }[] }>;
  arcs: unknown[];
  transform?: unknown;
}

export const MUNICIPALITIES_FILE = 'municipalities.json';
export const BOUNDARIES_FILE = 'nl-municipalities.topo.json';

export interface ReferenceDataExpectations {
  /** The CBS municipal division the project is built for (1 January 2023, unchanged through 2025). */
  municipalityCount: number;
  safetyRegionCount: number;
}

export const DEFAULT_EXPECTATIONS: ReferenceDataExpectations = {
  municipalityCount: 342,
  safetyRegionCount: 25,
};

export class ReferenceDataError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Reference data in ${source} is not usable:\n- ${problems.join('\n- ')}`);
    this.name = 'ReferenceDataError';
  }
}

export class ReferenceData {
  private readonly byCode: ReadonlyMap<string, Municipality>;
  private readonly regionsById: ReadonlyMap<string, RiecRegion>;
  private readonly safetyRegionsByCode: ReadonlyMap<string, SafetyRegion>;
  private readonly membersByRegion: ReadonlyMap<string, readonly Municipality[]>;
  private parsedBoundaries: TopoJsonTopology | undefined;

  private constructor(
    readonly asOf: string,
    private readonly allMunicipalities: readonly Municipality[],
    private readonly allRiecRegions: readonly RiecRegion[],
    private readonly allSafetyRegions: readonly SafetyRegion[],
    private readonly boundariesText: string,
  ) {
    this.byCode = new Map(allMunicipalities.map((m) => [m.code, m]));
    this.regionsById = new Map(allRiecRegions.map((r) => [r.id, r]));
    this.safetyRegionsByCode = new Map(allSafetyRegions.map((r) => [r.code, r]));
    this.membersByRegion = new Map(
      allRiecRegions.map((region) => [
        region.id,
        allMunicipalities.filter((m) => m.riecRegion === region.id),
      ]),
    );
  }

  /**
   * Loads and checks both files from `directory`: by default the `data` folder next to this
   * library's `src` (true for the TypeScript sources and for the build under dist/, which
   * copies the folder alongside), else `libs/reference-data/data` found walking up.
   */
  static load(
    directory: string = defaultDataDirectory(),
    expectations: ReferenceDataExpectations = DEFAULT_EXPECTATIONS,
  ): ReferenceData {
    const read = (file: string): string => {
      const path = join(directory, file);
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new ReferenceDataError(path, [`cannot be read: ${(error as Error).message}`]);
      }
    };
    return ReferenceData.fromText(
      read(MUNICIPALITIES_FILE),
      read(BOUNDARIES_FILE),
      expectations,
      directory,
    );
  }

  /** Builds from the files' contents; used by load and by tests of broken data. */
  static fromText(
    municipalitiesJson: string,
    boundariesJson: string,
    expectations: ReferenceDataExpectations = DEFAULT_EXPECTATIONS,
    source = 'reference data',
  ): ReferenceData {
    const parsed = parseJson(municipalitiesJson, `${source}/${MUNICIPALITIES_FILE}`);
    const topology = parseJson(boundariesJson, `${source}/${BOUNDARIES_FILE}`);
    const problems: string[] = [];
    const file = checkMunicipalitiesFile(parsed, expectations, problems);
    if (file !== undefined) checkBoundaries(topology, file.municipalities, problems);
    if (file === undefined || problems.length > 0) throw new ReferenceDataError(source, problems);
    return new ReferenceData(
      file.asOf,
      file.municipalities,
      file.riecRegions,
      file.safetyRegions,
      boundariesJson,
    );
  }

  municipality(code: string): Municipality | undefined {
    return this.byCode.get(code);
  }

  isKnownMunicipality(code: string): boolean {
    return this.byCode.has(code);
  }

  municipalityName(code: string): string | undefined {
    return this.byCode.get(code)?.name;
  }

  /** The id of the RIEC region the municipality belongs to. */
  riecRegionOf(code: string): string | undefined {
    return this.byCode.get(code)?.riecRegion;
  }

  riecRegion(id: string): RiecRegion | undefined {
    return this.regionsById.get(id);
  }

  isKnownRiecRegion(id: string): boolean {
    return this.regionsById.has(id);
  }

  riecRegions(): readonly RiecRegion[] {
    return this.allRiecRegions;
  }

  /** The region's municipalities by CBS code; none for an unknown region. */
  municipalitiesOfRegion(id: string): readonly Municipality[] {
    return this.membersByRegion.get(id) ?? [];
  }

  municipalities(): readonly Municipality[] {
    return this.allMunicipalities;
  }

  safetyRegion(code: string): SafetyRegion | undefined {
    return this.safetyRegionsByCode.get(code);
  }

  safetyRegions(): readonly SafetyRegion[] {
    return this.allSafetyRegions;
  }

  /** The TopoJSON as shipped, parsed on first use (most processes never draw a map). */
  boundaries(): TopoJsonTopology {
    this.parsedBoundaries ??= JSON.parse(this.boundariesText) as TopoJsonTopology;
    return this.parsedBoundaries;
  }

  /** The TopoJSON text as shipped, to serve as it is. */
  boundariesJson(): string {
    return this.boundariesText;
  }
}

let shared: ReferenceData | undefined;

/** The reference data of this process, loaded on first use from the default folder. */
export function referenceData(): ReferenceData {
  shared ??= ReferenceData.load();
  return shared;
}

export function defaultDataDirectory(from: string = __dirname): string {
  const beside = resolve(from, '..', 'data');
  const tried = [beside];
  if (existsSync(join(beside, MUNICIPALITIES_FILE))) return beside;
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'libs', 'reference-data', 'data');
    tried.push(candidate);
    if (existsSync(join(candidate, MUNICIPALITIES_FILE))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new ReferenceDataError('the file system', [
    `${MUNICIPALITIES_FILE} not found; looked in ${tried.join(', ')}`,
  ]);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReferenceDataError(source, [`is not valid JSON: ${(error as Error).message}`]);
  }
}

interface MunicipalitiesFile {
  asOf: string;
  municipalities: Municipality[];
  riecRegions: RiecRegion[];
  safetyRegions: SafetyRegion[];
}

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

function checkMunicipalitiesFile(
  input: unknown,
  expected: ReferenceDataExpectations,
  problems: string[],
): MunicipalitiesFile | undefined {
  if (!isFields(input)) {
    problems.push(`${MUNICIPALITIES_FILE} must hold a JSON object`);
    return undefined;
  }
  const list = (key: string): unknown[] => {
    const value = input[key];
    if (Array.isArray(value)) return value as unknown[];
    problems.push(`${key} must be a list`);
    return [];
  };

  const safetyRegions: SafetyRegion[] = [];
  list('safetyRegions').forEach((item, i) => {
    if (isFields(item) && isText(item.code) && /^VR\d{2}$/.test(item.code) && isText(item.name)) {
      safetyRegions.push({ code: item.code, name: item.name });
    } else problems.push(`safetyRegions[${i}] needs a code VRdd and a name`);
  });
  const safetyCodes = new Set(safetyRegions.map((r) => r.code));
  reportDuplicates(
    safetyRegions.map((r) => r.code),
    'safety region',
    problems,
  );
  if (safetyRegions.length !== expected.safetyRegionCount) {
    problems.push(
      `expected ${expected.safetyRegionCount} safety regions, found ${safetyRegions.length}`,
    );
  }

  const riecRegions: RiecRegion[] = [];
  list('riecRegions').forEach((item, i) => {
    const covered = isFields(item) ? item.safetyRegions : undefined;
    if (
      isFields(item) &&
      isText(item.id) &&
      isText(item.name) &&
      Array.isArray(covered) &&
      covered.every(isText)
    ) {
      riecRegions.push({ id: item.id, name: item.name, safetyRegions: [...covered] });
    } else problems.push(`riecRegions[${i}] needs an id, a name and a list of safety regions`);
  });
  reportDuplicates(
    riecRegions.map((r) => r.id),
    'RIEC region',
    problems,
  );
  // Every safety region is served by exactly one RIEC: that is how an escalation finds its RIEC.
  const coveredBy = new Map<string, string[]>();
  for (const region of riecRegions) {
    for (const code of region.safetyRegions) {
      if (!safetyCodes.has(code))
        problems.push(`RIEC region ${region.id} covers unknown safety region ${code}`);
      coveredBy.set(code, [...(coveredBy.get(code) ?? []), region.id]);
    }
  }
  for (const code of safetyCodes) {
    const regions = coveredBy.get(code) ?? [];
    if (regions.length !== 1) {
      problems.push(
        `safety region ${code} must belong to exactly one RIEC region, belongs to ${regions.length === 0 ? 'none' : regions.join(', ')}`,
      );
    }
  }
  const riecIds = new Set(riecRegions.map((r) => r.id));

  const municipalities: Municipality[] = [];
  list('municipalities').forEach((item, i) => {
    if (
      !isFields(item) ||
      !isText(item.code) ||
      !/^GM\d{4}$/.test(item.code) ||
      !isText(item.name) ||
      !isText(item.safetyRegion) ||
      !isText(item.riecRegion)
    ) {
      problems.push(
        `municipalities[${i}] needs a code GMdddd, a name, a safetyRegion and a riecRegion`,
      );
      return;
    }
    const municipality = {
      code: item.code,
      name: item.name,
      safetyRegion: item.safetyRegion,
      riecRegion: item.riecRegion,
    };
    if (!safetyCodes.has(municipality.safetyRegion)) {
      problems.push(
        `${municipality.code} lies in unknown safety region ${municipality.safetyRegion}`,
      );
    }
    if (!riecIds.has(municipality.riecRegion)) {
      problems.push(`${municipality.code} lies in unknown RIEC region ${municipality.riecRegion}`);
    } else if (
      // Only where the coverage itself is sound, so that one broken region is one problem.
      coveredBy.get(municipality.safetyRegion)?.length === 1 &&
      coveredBy.get(municipality.safetyRegion)?.[0] !== municipality.riecRegion
    ) {
      problems.push(
        `${municipality.code} is in RIEC region ${municipality.riecRegion}, but its safety region ${municipality.safetyRegion} is not`,
      );
    }
    municipalities.push(municipality);
  });
  reportDuplicates(
    municipalities.map((m) => m.code),
    'municipality code',
    problems,
  );
  if (municipalities.length !== expected.municipalityCount) {
    problems.push(
      `expected ${expected.municipalityCount} municipalities, found ${municipalities.length}`,
    );
  }
  if (typeof input.count === 'number' && input.count !== municipalities.length) {
    problems.push(`count says ${input.count}, the list holds ${municipalities.length}`);
  }

  municipalities.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    asOf: typeof input.asOf === 'string' ? input.asOf : 'unknown',
    municipalities,
    riecRegions,
    safetyRegions,
  };
}

function checkBoundaries(
  topology: unknown,
  municipalities: readonly Municipality[],
  problems: string[],
): void {
  const features =
    isFields(topology) && isFields(topology.objects) ? topology.objects.gm_features : undefined;
  const geometries = isFields(features) ? features.geometries : undefined;
  if (!isFields(topology) || topology.type !== 'Topology' || !Array.isArray(geometries)) {
    problems.push(`${BOUNDARIES_FILE} must be a TopoJSON Topology with an object gm_features`);
    return;
  }
  const codes = new Set<string>();
  for (const geometry of geometries as unknown[]) {
    const properties = isFields(geometry) ? geometry.properties : undefined;
    if (isFields(properties) && typeof properties.code === 'string') codes.add(properties.code);
  }
  const missing = municipalities.filter((m) => !codes.has(m.code)).map((m) => m.code);
  if (missing.length > 0) problems.push(`no boundary in gm_features for ${missing.join(', ')}`);
  const known = new Set(municipalities.map((m) => m.code));
  const extra = [...codes].filter((code) => !known.has(code));
  if (extra.length > 0)
    problems.push(`gm_features has boundaries of unknown municipalities ${extra.join(', ')}`);
}

function reportDuplicates(values: readonly string[], what: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) problems.push(`${what} ${value} appears more than once`);
    seen.add(value);
  }
}
