// The coordinator's signals on the API: queries (list, one signal with its ETag, its history)
// and the cache keys that a command invalidates.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { UUID_PATTERN } from '@weerbaar/vocabulary';
import { api, ApiError, unwrap, unwrapWithEtag } from '../../api/client';
import type { components, operations } from '../../api/schema';

export type SignalSummary = components['schemas']['SignalSummaryDto'];
export type SignalHistory = components['schemas']['SignalHistoryResponseDto'];
export type SignalRevision = components['schemas']['SignalRevisionDto'];
export type ListSignalsQuery = NonNullable<
  operations['ListSignalsHttpController_list']['parameters']['query']
>;

export const PAGE_SIZE = 25;

export const signalKeys = {
  all: ['signals'] as const,
  list: (query: ListSignalsQuery) => ['signals', 'list', query] as const,
  detail: (signalId: string) => ['signals', 'detail', signalId] as const,
  history: (signalId: string) => ['signals', 'history', signalId] as const,
};

export const isSignalId = (value: string | undefined): value is string =>
  value !== undefined && UUID_PATTERN.test(value);

/** The API's 404: no such signal, or not within the person's scope (it does not say which). */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 404;

export function useSignalList(query: ListSignalsQuery) {
  return useInfiniteQuery({
    queryKey: signalKeys.list(query),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/signals', {
          params: {
            query: { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const fetchSignal = (signalId: string) =>
  unwrapWithEtag(api.GET('/api/v1/signals/{signalId}', { params: { path: { signalId } } }));

export type SignalWithEtag = Awaited<ReturnType<typeof fetchSignal>>;

/** One signal with the ETag to send back as If-Match. */
export function useSignal(signalId: string | undefined) {
  return useQuery({
    queryKey: signalKeys.detail(signalId ?? ''),
    queryFn: () => fetchSignal(signalId!),
    enabled: isSignalId(signalId),
  });
}

/** The signal as it is now, past any cache (after a 409: someone else changed it). */
export function refetchSignal(queryClient: QueryClient, signalId: string) {
  return queryClient.fetchQuery({
    queryKey: signalKeys.detail(signalId),
    queryFn: () => fetchSignal(signalId),
    staleTime: 0,
  });
}

export function useSignalHistory(signalId: string | undefined) {
  return useQuery({
    queryKey: signalKeys.history(signalId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/signals/{signalId}/history', {
          params: { path: { signalId: signalId! } },
        }),
      ),
    enabled: isSignalId(signalId),
  });
}

/**
 * After a command: the signal, its history and every list and picture built from signals are no
 * longer current (the reference data is).
 */
export function invalidateAfterCommand(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'reference' });
}
