import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { analystRoutes } from './routes';
import { SubjectLink } from './SubjectLink';
import { renderRoutes, signInAs, stubNetwork } from './testing/render';

const FINGERPRINT = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

const SUBJECT = {
  fingerprint: FINGERPRINT,
  municipalities: ['GM0362', 'GM0363'],
  signals: [
    {
      signalId: '0b0e8f5e-1111-4c3a-9f55-4f3f0d1e2a01',
      municipality: 'GM0363',
      kind: 'PERSON',
      category: 'THREAT',
      status: 'LIVE',
      occurredAt: '2026-11-20T09:15:00.000Z',
    },
    {
      signalId: '0b0e8f5e-2222-4c3a-9f55-4f3f0d1e2a02',
      municipality: 'GM0362',
      kind: 'PERSON',
      category: 'BRIBERY',
      status: 'RETRACTED',
      occurredAt: '2026-10-02T15:00:00.000Z',
    },
  ],
  otherRegions: [{ riecRegion: 'rotterdam', signals: 3 }],
};

beforeEach(() => signInAs('analyst', { riecRegion: 'amsterdam' }));
afterEach(() => vi.unstubAllGlobals());

it('shows where a subject appears in the region, and only how often elsewhere', async () => {
  stubNetwork((request) =>
    request.path === `/api/v1/subjects/${FINGERPRINT}` ? Response.json(SUBJECT) : undefined,
  );
  renderRoutes(analystRoutes, `/subjects/${FINGERPRINT}`);
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Betrokkene a3f1c2d4e5b6…' }),
  ).toBeInTheDocument();
  expect(screen.getByText(FINGERPRINT)).toBeInTheDocument();
  const municipalities = await screen.findByRole('region', { name: 'Gemeenten in uw regio' });
  expect(within(municipalities).getByRole('link', { name: 'Amsterdam' })).toHaveAttribute(
    'href',
    '/municipalities/GM0363',
  );
  const signals = screen.getByRole('table', { name: '2 meldingen in uw regio, de laatste eerst' });
  const rows = within(signals).getAllByRole('row').slice(1);
  expect(
    within(rows[0])
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['Amsterdam', 'Bedreiging', 'Persoon', 'Actueel', '0b0e8f5e']);
  expect(within(rows[1]).getByText('Ingetrokken')).toBeInTheDocument();
  expect(screen.getByText('RIEC Rotterdam: 3 meldingen')).toBeInTheDocument();
});

it('is not found when the subject does not appear in the region', async () => {
  stubNetwork(() => undefined);
  renderRoutes(analystRoutes, `/subjects/${FINGERPRINT}`);
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
  ).toBeInTheDocument();
});

it('links a fingerprint to its subject page', () => {
  render(
    <MemoryRouter>
      <SubjectLink fingerprint={FINGERPRINT} />
    </MemoryRouter>,
  );
  expect(screen.getByRole('link', { name: 'Betrokkene a3f1c2d4e5b6…' })).toHaveAttribute(
    'href',
    `/subjects/${FINGERPRINT}`,
  );
});
