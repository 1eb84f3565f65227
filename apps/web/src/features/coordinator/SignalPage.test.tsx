import { act, screen, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { signIn } from '../../auth/session';
import type { SignalHistory } from './api';
import { coordinatorRoutes } from './routes';
import {
  aSignal,
  problem,
  renderRoutes,
  SIGNAL_ID,
  signInAsCoordinator,
  stubNetwork,
  withEtag,
} from './test-support';

afterEach(() => vi.unstubAllGlobals());

const history: SignalHistory = {
  signalId: SIGNAL_ID,
  revision: 2,
  revisions: [
    {
      revision: 0,
      type: 'RECORDED',
      at: '2025-01-15T14:00:00.000Z',
      actor: 'coordinator-GM0363',
      reason: null,
      changedFields: [],
    },
    {
      revision: 1,
      type: 'AMENDED',
      at: '2025-01-16T09:00:00.000Z',
      actor: 'coordinator-GM0363-2',
      reason: 'Na gesprek bijgesteld',
      changedFields: ['severity', 'subjects'],
    },
    {
      revision: 2,
      type: 'RETRACTED',
      at: '2025-01-17T09:00:00.000Z',
      actor: 'coordinator-GM0363',
      reason: 'Dubbel gemeld',
      changedFields: [],
    },
  ],
};

it("shows the not-found page for another municipality's signal, as the API answers 404", async () => {
  signInAsCoordinator('GM0363');
  const other = '7d1f2e3a-4b5c-4d6e-8f70-8192a3b4c5d6';
  const seen = stubNetwork((request) =>
    request.path.startsWith('/api/v1/signals/')
      ? problem(404, `No signal ${other} within your scope`)
      : undefined,
  );
  renderRoutes(coordinatorRoutes, `/signals/${other}`);
  expect(await screen.findByRole('heading', { name: 'Pagina niet gevonden' })).toBeVisible();
  expect(seen.map((r) => r.path)).toContain(`/api/v1/signals/${other}`);
  expect(screen.queryByText(/Dreigende/)).not.toBeInTheDocument();
});

it('shows the not-found page for an id that is no signal id, without asking the API', async () => {
  signInAsCoordinator('GM0363');
  const seen = stubNetwork();
  renderRoutes(coordinatorRoutes, '/signals/not-a-signal');
  expect(await screen.findByRole('heading', { name: 'Pagina niet gevonden' })).toBeVisible();
  expect(seen.filter((r) => r.path.startsWith('/api/v1/signals'))).toHaveLength(0);
});

it('is no page for a role other than the coordinator', async () => {
  signIn({
    token: 'token',
    sub: 'analyst-amsterdam',
    role: 'analyst',
    riecRegion: 'amsterdam',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  stubNetwork();
  renderRoutes(coordinatorRoutes, '/signals/new');
  expect(await screen.findByRole('heading', { name: 'Pagina niet gevonden' })).toBeVisible();
});

it('shows every field of the signal and its history: who, when, why and what changed', async () => {
  signInAsCoordinator('GM0363');
  stubNetwork((request) => {
    if (request.path === `/api/v1/signals/${SIGNAL_ID}`) {
      return withEtag(
        aSignal({
          revision: 2,
          status: 'RETRACTED',
          retractedAt: '2025-01-17T09:00:00.000Z',
          retractionReason: 'Dubbel gemeld',
          policeReportFiled: true,
          policeReportReference: 'PL-42',
          subjects: [
            {
              kind: 'PERSON',
              identifier: 'Jan de Vries',
              fingerprint: 'a'.repeat(64),
              erased: false,
            },
            {
              kind: 'VEHICLE',
              identifier: 'XX-123-Y',
              displayName: 'Witte bus',
              fingerprint: 'b'.repeat(64),
              erased: false,
            },
            { kind: 'PERSON', fingerprint: 'c'.repeat(64), erased: true },
          ],
        }),
      );
    }
    if (request.path === `/api/v1/signals/${SIGNAL_ID}/history`) return Response.json(history);
    return undefined;
  });
  renderRoutes(coordinatorRoutes, `/signals/${SIGNAL_ID}`);

  expect(
    await screen.findByRole('heading', { level: 1, name: /^Bedreiging – Online, 15 jan/ }),
  ).toBeVisible();
  expect(screen.getByText(/Deze melding is ingetrokken op/)).toBeVisible();
  expect(screen.getByText('Reden: Dubbel gemeld')).toBeVisible();
  expect(screen.queryByRole('link', { name: 'Melding wijzigen' })).not.toBeInTheDocument();
  expect(screen.getByText('Ja, kenmerk PL-42')).toBeVisible();
  expect(screen.getByText('TLP:AMBER')).toBeVisible();
  const subjects = screen.getByRole('table', { name: '3 betrokkenen' });
  expect(within(subjects).getByRole('rowheader', { name: 'XX-123-Y' })).toBeVisible();
  expect(
    within(subjects).getByRole('rowheader', { name: 'Gewist (recht op vergetelheid)' }),
  ).toBeVisible();

  const table = await screen.findByRole('table', { name: '3 versies, de oudste eerst' });
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .concat(within(row).getAllByRole('rowheader'))
        .map((cell) => cell.textContent),
    );
  expect(rows).toEqual([
    ['0', expect.any(String), 'u (coordinator-GM0363)', '—', '—', 'Vastgelegd'],
    [
      '1',
      expect.any(String),
      'coordinator-GM0363-2',
      'Na gesprek bijgesteld',
      'Ernst, Betrokkenen',
      'Gewijzigd',
    ],
    ['2', expect.any(String), 'u (coordinator-GM0363)', 'Dubbel gemeld', '—', 'Ingetrokken'],
  ]);
});

it('confirms a recorded signal, and offers to amend or retract a live one', async () => {
  signInAsCoordinator('GM0363');
  stubNetwork((request) => {
    if (request.path === `/api/v1/signals/${SIGNAL_ID}`) return withEtag(aSignal());
    if (request.path === `/api/v1/signals/${SIGNAL_ID}/history`) {
      return Response.json({ ...history, revision: 0, revisions: history.revisions.slice(0, 1) });
    }
    return undefined;
  });
  const { router } = renderRoutes(coordinatorRoutes, '/signals');
  await act(() => router.navigate(`/signals/${SIGNAL_ID}`, { state: { notice: 'recorded' } }));
  expect(await screen.findByText('De melding is vastgelegd.')).toBeVisible();
  expect(screen.getByText('De melding is vastgelegd.').closest('[role=status]')).not.toBeNull();
  expect(screen.getByRole('link', { name: 'Melding wijzigen' })).toHaveAttribute(
    'href',
    `/signals/${SIGNAL_ID}/edit`,
  );
  expect(screen.getByRole('link', { name: 'Melding intrekken' })).toHaveAttribute(
    'href',
    `/signals/${SIGNAL_ID}/retract`,
  );
});
