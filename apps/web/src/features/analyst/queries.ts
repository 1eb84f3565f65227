// The risk pictures, time series and subject appearances the analyst's screens read, each as a
// TanStack query keyed by what it asks, so a different as-of moment is a different picture.
import { useQuery } from '@tanstack/react-query';
import type { Topology } from 'topojson-specification';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type RegionRisk = components['schemas']['RegionRiskView'];
export type MunicipalityRisk = components['schemas']['MunicipalityRiskView'];
export type Timeseries = components['schemas']['TimeseriesView'];
export type SubjectAppearances = components['schemas']['SubjectAppearancesView'];

/** The live picture of an open screen stays current; a past picture does not change. */
const LIVE_REFRESH_MS = 60_000;

export function useRegionRisk(riecRegion: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ['analyst', 'region-risk', riecRegion, asOf ?? 'now'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/regions/{riecRegion}/risk', {
          params: { path: { riecRegion: riecRegion! }, query: asOf ? { asOf } : {} },
        }),
      ),
    enabled: riecRegion !== undefined,
    refetchInterval: asOf ? false : LIVE_REFRESH_MS,
  });
}

export function useMunicipalityRisk(code: string, asOf: string | undefined) {
  return useQuery({
    queryKey: ['analyst', 'municipality-risk', code, asOf ?? 'now'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/municipalities/{code}/risk', {
          params: { path: { code }, query: asOf ? { asOf } : {} },
        }),
      ),
    refetchInterval: asOf ? false : LIVE_REFRESH_MS,
  });
}

export function useTimeseries(code: string, from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ['analyst', 'timeseries', code, from, to],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/municipalities/{code}/timeseries', {
          params: { path: { code }, query: { from, to } },
        }),
      ),
    enabled,
  });
}

export function useSubject(fingerprint: string) {
  return useQuery({
    queryKey: ['analyst', 'subject', fingerprint],
    queryFn: () =>
      unwrap(api.GET('/api/v1/subjects/{fingerprint}', { params: { path: { fingerprint } } })),
  });
}

/** The municipal boundaries (public, cached by the browser for an hour): drawn once per session. */
export function useBoundaries() {
  return useQuery({
    queryKey: ['reference', 'boundaries'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/reference/boundaries'))) as unknown as Topology,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
