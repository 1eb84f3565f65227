import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import type { RuleCatalogue } from './escalations.api';
import { escalationRoutes } from './routes';
import { renderRoutes, signInAs, stubNetwork } from './test-support';

const catalogue: RuleCatalogue = {
  live: 1,
  labels: {},
  versions: [
    {
      version: 1,
      rules: [
        { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
        { id: 'rising-risk', params: { minLevel: 'HIGH' } },
      ],
      note: null,
      draftedBy: null,
      draftedAt: null,
      publishedBy: null,
      publishedAt: null,
      status: 'LIVE',
    },
  ],
};

const stats = {
  riecRegion: 'amsterdam',
  rules: [
    {
      ruleId: 'threat-cluster',
      raised: 4,
      open: 1,
      outcomes: { RISK_CONFIRMED: 2, FALSE_POSITIVE: 1 },
      precision: 2 / 3,
    },
    { ruleId: 'critical-signal', raised: 7, open: 7, outcomes: {}, precision: null },
  ],
};

afterEach(() => vi.unstubAllGlobals());

it('shows the live rules and each rule statistics, sortable by column', async () => {
  signInAs('analyst');
  stubNetwork(({ url }) => {
    if (url.pathname === '/api/v1/rules') return Response.json(catalogue);
    if (url.pathname === '/api/v1/rules/stats') return Response.json(stats);
    return undefined;
  });
  const user = userEvent.setup();
  renderRoutes(escalationRoutes, '/rules');

  const live = await screen.findByRole('region', { name: 'Geldende regelset (versie 1)' });
  expect(within(live).getByText('Minimaal aantal meldingen: 3')).toBeVisible();
  expect(within(live).getByText('Vanaf risiconiveau: Hoog')).toBeVisible();

  const table = await screen.findByRole('table', { name: 'Escalaties per regel en hun uitkomst' });
  const rowNames = () =>
    within(table)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
  // Most raised first.
  expect(rowNames()).toEqual(['Melding van de hoogste ernst', 'Reeks bedreigingen']);
  const threat = within(table).getByRole('row', { name: /Reeks bedreigingen/ });
  expect(
    within(threat)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['4', '1', '2', '0', '1', '0', '67%']);
  expect(within(table).getByRole('link', { name: 'Reeks bedreigingen' })).toHaveAttribute(
    'href',
    '/escalations?ruleId=threat-cluster',
  );

  await user.click(within(table).getByRole('button', { name: /Trefzekerheid/ }));
  expect(within(table).getByRole('columnheader', { name: /Trefzekerheid/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  expect(rowNames()).toEqual(['Reeks bedreigingen', 'Melding van de hoogste ernst']);
  expect(within(table).getByRole('columnheader', { name: /Gemeld/ })).not.toHaveAttribute(
    'aria-sort',
  );
});
