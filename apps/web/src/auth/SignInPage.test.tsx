import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { currentSession } from './session';
import { SignInPage } from './SignInPage';

const reference = {
  asOf: '2023-01-01',
  municipalities: [
    { code: 'GM0363', name: 'Amsterdam', riecRegion: 'amsterdam' },
    { code: 'GM0599', name: 'Rotterdam', riecRegion: 'rotterdam' },
  ],
  riecRegions: [
    { id: 'amsterdam', name: 'RIEC Amsterdam-Amstelland' },
    { id: 'rotterdam', name: 'Rotterdam' },
  ],
};

let requests: { url: string; body: unknown }[];
let options: { development: boolean; oidc: object | null };

beforeEach(() => {
  requests = [];
  options = { development: true, oidc: null };
  vi.stubGlobal('fetch', async (input: Request) => {
    const body = input.method === 'POST' ? await input.json() : undefined;
    requests.push({ url: new URL(input.url).pathname, body });
    if (input.url.endsWith('/api/v1/reference')) return Response.json(reference);
    if (input.url.endsWith('/api/v1/sign-in')) return Response.json(options);
    if (input.url.endsWith('/api/v1/dev/tokens')) {
      const { role, riecRegion } = body as { role: string; riecRegion?: string };
      return Response.json({
        token: 'token',
        sub: `dev-${role}`,
        role,
        riecRegion,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    }
    return new Response(null, { status: 404 });
  });
});

afterEach(() => vi.unstubAllGlobals());

function renderSignIn() {
  const router = createMemoryRouter(
    [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/region', element: <p>region page</p> },
    ],
    { initialEntries: ['/sign-in'] },
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

it('signs an analyst in for the chosen region and opens the region page', async () => {
  const user = userEvent.setup();
  renderSignIn();
  await user.click(await screen.findByRole('radio', { name: /RIEC-analist/ }));
  const region = screen.getByLabelText('RIEC-regio');
  await within(region).findByRole('option', { name: 'Rotterdam' });
  await user.selectOptions(region, 'Rotterdam');
  await user.click(screen.getByRole('button', { name: 'Aanmelden' }));
  expect(await screen.findByText('region page')).toBeInTheDocument();
  expect(requests.find((r) => r.url === '/api/v1/dev/tokens')?.body).toEqual({
    role: 'analyst',
    riecRegion: 'rotterdam',
  });
  expect(currentSession()).toMatchObject({ role: 'analyst', riecRegion: 'rotterdam' });
});

it('offers the sign-in at the organisation where the platform has a provider', async () => {
  options = {
    development: false,
    oidc: { issuer: 'https://login.example.nl', clientId: 'weerbaar-web', scope: 'openid' },
  };
  renderSignIn();
  expect(
    await screen.findByRole('button', { name: 'Aanmelden via uw organisatie' }),
  ).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Aanmelden' })).not.toBeInTheDocument();
  expect(screen.queryByRole('radio', { name: /RIEC-analist/ })).not.toBeInTheDocument();
});

it('offers both where the development sign-in is on beside a provider', async () => {
  options = {
    development: true,
    oidc: { issuer: 'https://login.example.nl', clientId: 'weerbaar-web', scope: 'openid' },
  };
  renderSignIn();
  await screen.findByRole('button', { name: 'Aanmelden via uw organisatie' });
  expect(screen.getByRole('heading', { name: 'Voor ontwikkeling' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Aanmelden' })).toBeInTheDocument();
});

it('says so where no way to sign in is on', async () => {
  options = { development: false, oidc: null };
  renderSignIn();
  expect(await screen.findByRole('alert')).toHaveTextContent('staat uit');
  expect(screen.queryByRole('button', { name: /Aanmelden/ })).not.toBeInTheDocument();
  expect(screen.queryByRole('radio')).not.toBeInTheDocument();
});
