// Test helpers of the analyst's screens: a router and a fresh query cache per render, a stand-in
// network that records each request, and a signed-in session.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import type { Topology } from 'topojson-specification';
import { vi } from 'vitest';
import { signIn, type Role } from '../../../auth/session';
import boundariesText from '../../../../../../libs/reference-data/data/nl-municipalities.topo.json?raw';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

export type Responder = (request: RecordedRequest) => Response | Promise<Response> | undefined;

/** Stubs fetch with `respond`; unanswered requests get a 404 problem. */
export function stubNetwork(respond: Responder): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    const request = { method: input.method, path: url.pathname, query: url.searchParams };
    requests.push(request);
    if (url.pathname === '/api/v1/reference') return Response.json(REFERENCE);
    return (
      (await respond(request)) ??
      Response.json(
        { title: 'Not Found', status: 404, detail: 'Not found' },
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
      )
    );
  });
  return requests;
}

export function signInAs(role: Role, scope: { municipality?: string; riecRegion?: string }) {
  signIn({
    token: 'token',
    sub: `dev-${role}`,
    role,
    ...scope,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
}

export function renderRoutes(routes: RouteObject[], initialEntry: string) {
  const router = createMemoryRouter([...routes, { path: '*', element: <p>elsewhere</p> }], {
    initialEntries: [initialEntry],
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

export const REFERENCE = {
  asOf: '2023-01-01',
  municipalities: [
    { code: 'GM0358', name: 'Aalsmeer', riecRegion: 'amsterdam' },
    { code: 'GM0362', name: 'Amstelveen', riecRegion: 'amsterdam' },
    { code: 'GM0363', name: 'Amsterdam', riecRegion: 'amsterdam' },
    { code: 'GM0384', name: 'Diemen', riecRegion: 'amsterdam' },
    { code: 'GM0437', name: 'Ouder-Amstel', riecRegion: 'amsterdam' },
    { code: 'GM0451', name: 'Uithoorn', riecRegion: 'amsterdam' },
    { code: 'GM0599', name: 'Rotterdam', riecRegion: 'rotterdam' },
  ],
  riecRegions: [
    { id: 'amsterdam', name: 'RIEC Amsterdam-Amstelland' },
    { id: 'rotterdam', name: 'RIEC Rotterdam' },
  ],
};

/** The real boundaries the platform serves. */
export function boundaries(): Topology {
  return JSON.parse(boundariesText) as Topology;
}
