// Names of municipalities and RIEC regions (GET /api/v1/reference), cached for the session.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type ReferenceResponse = components['schemas']['ReferenceResponse'];

export function useReferenceQuery() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => unwrap(api.GET('/api/v1/reference')),
    staleTime: Infinity,
  });
}

export interface Reference {
  data: ReferenceResponse | undefined;
  municipalityName(code: string): string;
  regionName(id: string): string;
}

/** Lookups that fall back to the code while the list loads. */
export function useReference(): Reference {
  const { data } = useReferenceQuery();
  return {
    data,
    municipalityName: (code) => data?.municipalities.find((m) => m.code === code)?.name ?? code,
    regionName: (id) => data?.riecRegions.find((r) => r.id === id)?.name ?? id,
  };
}
