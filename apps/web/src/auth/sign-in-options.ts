// Which ways in the platform has on (GET /api/v1/sign-in): its OIDC provider, the development
// sign-in, or both. Asked once per page load.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export function useSignInOptions() {
  return useQuery({
    queryKey: ['sign-in-options'],
    queryFn: () => unwrap(api.GET('/api/v1/sign-in')),
    staleTime: Infinity,
  });
}
