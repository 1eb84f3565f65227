import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** Data is fresh for 15 s; a 4xx is an answer, not a hiccup, and is not retried. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
