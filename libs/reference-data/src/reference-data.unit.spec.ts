// The shipped reference data loads and passes its checks; broken data is refused with reasons.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  BOUNDARIES_FILE,
  defaultDataDirectory,
  MUNICIPALITIES_FILE,
  ReferenceData,
  referenceData,
  ReferenceDataError,
} from './reference-data';

const DATA = resolve(__dirname, '..', 'data');
const municipalitiesText = readFileSync(join(DATA, MUNICIPALITIES_FILE), 'utf8');
const boundariesText = readFileSync(join(DATA, BOUNDARIES_FILE), 'utf8');

interface RawFile {
  count: number;
  municipalities: { code: string; name: string; safetyRegion: string; riecRegion: string }[];
  riecRegions: { id: string; name: string; safetyRegions: string[] }[];
  safetyRegions: { code: string; name: string }[];
}
interface RawTopology {
  objects: { gm_features: { geometries: { properties: { code: string } }[] } };
}

/** The shipped files with one change, checked as if loaded. */
function problemsAfter(change: (file: RawFile, topology: RawTopology) => void): readonly string[] {
  const file = JSON.parse(municipalitiesText) as RawFile;
  const topology = JSON.parse(boundariesText) as RawTopology;
  change(file, topology);
  try {
    ReferenceData.fromText(JSON.stringify(file), JSON.stringify(topology));
  } catch (error) {
    if (error instanceof ReferenceDataError) return error.problems;
    throw error;
  }
  throw new Error('expected the data to be refused');
}

describe('ReferenceData', () => {
  const data = referenceData();

  it('finds its data folder from the sources, and from a build under dist/', () => {
    expect(defaultDataDirectory()).toBe(DATA);
    // From a build's libs/reference-data/src without a copied folder, it walks up to the sources.
    const build = mkdtempSync(join(DATA, '..', '.build-test-'));
    try {
      const compiled = join(build, 'dist/libs/reference-data/src');
      mkdirSync(compiled, { recursive: true });
      expect(defaultDataDirectory(compiled)).toBe(DATA);
      // With the folder copied beside it (what `npm run build` does), it uses the copy.
      cpSync(DATA, join(build, 'dist/libs/reference-data/data'), { recursive: true });
      expect(defaultDataDirectory(compiled)).toBe(join(build, 'dist/libs/reference-data/data'));
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
  });

  it('is loaded once per process', () => {
    expect(referenceData()).toBe(data);
  });

  it('holds the 342 municipalities, 25 safety regions and 10 RIEC regions', () => {
    expect(data.municipalities()).toHaveLength(342);
    expect(data.safetyRegions()).toHaveLength(25);
    expect(data.riecRegions()).toHaveLength(10);
    const inRegions = data
      .riecRegions()
      .reduce((n, r) => n + data.municipalitiesOfRegion(r.id).length, 0);
    expect(inRegions).toBe(342);
  });

  it('looks up a municipality, its name and its RIEC region', () => {
    expect(data.municipality('GM0363')).toEqual({
      code: 'GM0363',
      name: 'Amsterdam',
      safetyRegion: 'VR13',
      riecRegion: 'amsterdam',
    });
    expect(data.isKnownMunicipality('GM0363')).toBe(true);
    expect(data.isKnownMunicipality('GM9999')).toBe(false);
    expect(data.municipalityName('GM0599')).toBe('Rotterdam');
    expect(data.riecRegionOf('GM0599')).toBe('rotterdam');
    expect(data.municipalityName('GM9999')).toBeUndefined();
    expect(data.riecRegionOf('GM9999')).toBeUndefined();
  });

  it('looks up RIEC regions and their municipalities', () => {
    expect(data.riecRegion('amsterdam')).toEqual({
      id: 'amsterdam',
      name: 'RIEC Amsterdam-Amstelland',
      safetyRegions: ['VR13'],
    });
    expect(data.riecRegion('atlantis')).toBeUndefined();
    const members = data.municipalitiesOfRegion('amsterdam').map((m) => m.code);
    expect(members).toContain('GM0363');
    expect([...members].sort()).toEqual(members);
    expect(data.municipalitiesOfRegion('atlantis')).toEqual([]);
  });

  it('serves the boundaries as TopoJSON, one feature per municipality', () => {
    const topology = data.boundaries();
    expect(topology.type).toBe('Topology');
    expect(topology.objects.gm_features?.geometries).toHaveLength(342);
    expect(data.boundaries()).toBe(topology);
    expect(data.boundariesJson()).toBe(boundariesText);
  });

  it('explains a folder without the files', () => {
    expect(() => ReferenceData.load('/nonexistent')).toThrow(
      /municipalities.json.*cannot be read/s,
    );
  });

  it('refuses files that are not JSON', () => {
    expect(() => ReferenceData.fromText('{', boundariesText)).toThrow(ReferenceDataError);
  });

  it('refuses a missing municipality', () => {
    expect(
      problemsAfter((file) => {
        file.municipalities.pop();
      }),
    ).toEqual([
      'expected 342 municipalities, found 341',
      'count says 342, the list holds 341',
      expect.stringMatching(/^gm_features has boundaries of unknown municipalities GM\d{4}$/),
    ]);
  });

  it('refuses duplicate and malformed codes', () => {
    expect(
      problemsAfter((file) => {
        file.municipalities[1].code = file.municipalities[0].code;
        file.municipalities[2].code = 'GM12';
      }),
    ).toEqual(
      expect.arrayContaining([
        'municipalities[2] needs a code GMdddd, a name, a safetyRegion and a riecRegion',
        `municipality code ${JSON.parse(municipalitiesText).municipalities[0].code} appears more than once`,
      ]),
    );
  });

  it('refuses a municipality in an unknown safety or RIEC region', () => {
    expect(
      problemsAfter((file) => {
        file.municipalities[0].safetyRegion = 'VR99';
        file.municipalities[1].riecRegion = 'atlantis';
      }),
    ).toEqual([
      `${file0().code} lies in unknown safety region VR99`,
      `${file0(1).code} lies in unknown RIEC region atlantis`,
    ]);
  });

  it('refuses a municipality whose RIEC region does not serve its safety region', () => {
    expect(
      problemsAfter((file) => {
        const amsterdam = file.municipalities.find((m) => m.code === 'GM0363')!;
        amsterdam.riecRegion = 'limburg';
      }),
    ).toEqual(['GM0363 is in RIEC region limburg, but its safety region VR13 is not']);
  });

  it('requires the RIEC regions to cover every safety region exactly once', () => {
    expect(
      problemsAfter((file) => {
        file.riecRegions[0].safetyRegions.push('VR13');
        file.riecRegions[1].safetyRegions = file.riecRegions[1].safetyRegions.filter(
          (c) => c !== 'VR04',
        );
      }),
    ).toEqual([
      'safety region VR04 must belong to exactly one RIEC region, belongs to none',
      'safety region VR13 must belong to exactly one RIEC region, belongs to noord-nederland, amsterdam',
    ]);
  });

  it('requires a boundary for every municipality', () => {
    expect(
      problemsAfter((_, topology) => {
        topology.objects.gm_features.geometries = topology.objects.gm_features.geometries.filter(
          (g) => g.properties.code !== 'GM0363',
        );
      }),
    ).toEqual(['no boundary in gm_features for GM0363']);
  });
});

function file0(index = 0): { code: string } {
  return (JSON.parse(municipalitiesText) as RawFile).municipalities[index];
}
