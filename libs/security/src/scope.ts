// What a caller may see (API.md): a coordinator and a burgemeester their own municipality, an
// analyst every municipality of their RIEC region. Outside the scope a resource is "not found".
import type { Principal } from './principal';

export interface RegionDirectory {
  riecRegionOf(municipality: string): string | undefined;
}

export interface MunicipalityDirectory extends RegionDirectory {
  municipalitiesOfRegion(riecRegion: string): readonly { code: string }[];
}

/**
 * The municipalities a caller may list: their own (coordinator, burgemeester), their region's
 * (analyst), none (admin). With `requested`, just that one — or undefined when it is outside.
 */
export function municipalitiesInScope(
  principal: Principal,
  directory: MunicipalityDirectory,
  requested?: string,
): string[] | undefined {
  const visible =
    principal.role === 'analyst'
      ? directory.municipalitiesOfRegion(principal.riecRegion).map((m) => m.code)
      : principal.role === 'admin'
        ? []
        : [principal.municipality];
  if (requested === undefined) return visible;
  return visible.includes(requested) ? [requested] : undefined;
}

export function canSeeMunicipality(
  principal: Principal,
  municipality: string,
  regions: RegionDirectory,
): boolean {
  switch (principal.role) {
    case 'coordinator':
    case 'burgemeester':
      return principal.municipality === municipality;
    case 'analyst':
      return regions.riecRegionOf(municipality) === principal.riecRegion;
    case 'admin':
      return false;
  }
}

export function canSeeRegion(principal: Principal, riecRegion: string): boolean {
  return principal.role === 'analyst' && principal.riecRegion === riecRegion;
}
