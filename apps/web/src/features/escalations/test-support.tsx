// Component-test support for the escalation and mayor screens: a signed-in person, a stand-in
// for the network that records every request, and the screens rendered through their routes.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { signIn, type Session } from '../../auth/session';

export const reference = {
  asOf: '2023-01-01',
  municipalities: [
    { code: 'GM0363', name: 'Amsterdam', riecRegion: 'amsterdam' },
    { code: 'GM0362', name: 'Amstelveen', riecRegion: 'amsterdam' },
    { code: 'GM0599', name: 'Rotterdam', riecRegion: 'rotterdam' },
  ],
  riecRegions: [
    { id: 'amsterdam', name: 'RIEC Amsterdam-Amstelland' },
    { id: 'rotterdam', name: 'RIEC Rotterdam' },
  ],
};

export function signInAs(role: 'analyst' | 'burgemeester', token = `${role}-token`): Session {
  const session: Session =
    role === 'analyst'
      ? {
          token,
          sub: 'analyst-amsterdam',
          role,
          riecRegion: 'amsterdam',
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        }
      : {
          token,
          sub: 'burgemeester-GM0363',
          role,
          municipality: 'GM0363',
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        };
  signIn(session);
  return session;
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type Handler = (
  request: RecordedRequest,
) => Response | undefined | Promise<Response | undefined>;

/** Stands in for the network: the handler answers, the reference data is built in, else 404. */
export function stubNetwork(handler: Handler): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal('fetch', async (input: Request) => {
    const text = input.method === 'GET' ? '' : await input.clone().text();
    const request: RecordedRequest = {
      method: input.method,
      url: new URL(input.url),
      headers: input.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    requests.push(request);
    if (request.url.pathname === '/api/v1/reference') return Response.json(reference);
    return (
      (await handler(request)) ??
      problem(404, 'Not Found', `No ${request.method} ${request.url.pathname}`)
    );
  });
  return requests;
}

export function problem(
  status: number,
  title: string,
  detail: string,
  errors?: { field: string; message: string }[],
): Response {
  return new Response(
    JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

export function renderRoutes(routes: RouteObject[], path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, queryClient };
}
