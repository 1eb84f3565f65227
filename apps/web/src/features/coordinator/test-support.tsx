// What the coordinator's component tests share: a signed-in coordinator, a stand-in for the
// network that records every request, and a render inside a router and a query cache.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { signIn } from '../../auth/session';
import type { Signal } from './signal-form';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  ifMatch: string | null;
  body: unknown;
}

export type Reply = (request: SeenRequest) => Response | Promise<Response> | undefined;

/** Stands in for the network: each request is recorded, then answered by the first reply that does. */
export function stubNetwork(...replies: Reply[]): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    const text = input.method === 'GET' ? '' : await input.text();
    const request: SeenRequest = {
      method: input.method,
      path: url.pathname,
      query: url.searchParams,
      ifMatch: input.headers.get('If-Match'),
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    seen.push(request);
    for (const reply of replies) {
      const response = await reply(request);
      if (response) return response;
    }
    if (request.path === '/api/v1/reference') {
      return Response.json({ asOf: '2023-01-01', municipalities: [], riecRegions: [] });
    }
    return problem(404, 'Not Found');
  });
  return seen;
}

export function problem(
  status: number,
  title: string,
  errors?: { field: string; message: string }[],
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export function signInAsCoordinator(municipality = 'GM0363'): void {
  signIn({
    token: 'token',
    sub: `coordinator-${municipality}`,
    role: 'coordinator',
    municipality,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
}

export function renderRoutes(routes: RouteObject[], path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, queryClient };
}

export const SIGNAL_ID = '0b5c8f0e-7a51-4c1e-9d7e-2f6a1c3b4d5e';

export function aSignal(overrides: Partial<Signal> = {}): Signal {
  return {
    signalId: SIGNAL_ID,
    revision: 0,
    status: 'LIVE',
    municipality: 'GM0363',
    category: 'THREAT',
    subcategory: 'ONLINE',
    targetRole: 'WETHOUDER',
    severity: 3,
    occurredAt: '2025-01-15T13:30:00.000Z',
    description: 'Dreigende berichten na een raadsvergadering',
    subjects: [],
    policeReportFiled: false,
    source: 'DIRECT',
    classification: 'TLP:AMBER',
    sourceReliability: 'F',
    informationCredibility: '6',
    withholdFromMayor: false,
    personalDataErased: false,
    recordedAt: '2025-01-15T14:00:00.000Z',
    ...overrides,
  };
}

export const withEtag = (signal: Signal): Response =>
  Response.json(signal, { headers: { ETag: `"${signal.revision}"` } });
