import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import type { BacktestReport, RuleCatalogue } from './escalations.api';
import { escalationRoutes } from './routes';
import { problem, renderRoutes, signInAs, stubNetwork } from './test-support';

const catalogue: RuleCatalogue = {
  live: 1,
  labels: {},
  versions: [
    {
      version: 1,
      rules: [{ id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } }],
      note: null,
      draftedBy: null,
      draftedAt: null,
      publishedBy: null,
      publishedAt: null,
      status: 'LIVE',
    },
    {
      version: 2,
      rules: [{ id: 'threat-cluster', params: { minSignals: 2, windowDays: 30 } }],
      note: 'Twee is genoeg',
      draftedBy: 'analyst-amsterdam',
      draftedAt: '2026-11-20T10:00:00Z',
      publishedBy: null,
      publishedAt: null,
      status: 'DRAFT',
    },
  ],
};

const ids = {
  onlyBacktest: '0b6c7a52-6f3e-4a57-9d59-000000000001',
  both: '0b6c7a52-6f3e-4a57-9d59-000000000002',
  onlyLive: '0b6c7a52-6f3e-4a57-9d59-000000000003',
};

const report: BacktestReport = {
  ruleSet: { version: 2, live: false },
  riecRegion: 'amsterdam',
  from: '2026-08-25T22:00:00Z',
  to: '2026-11-24T22:59:59.999Z',
  eventsReplayed: 1234,
  escalations: [
    {
      escalationId: ids.onlyBacktest,
      ruleId: 'threat-cluster',
      ruleVersion: 2,
      municipality: 'GM0362',
      riecRegion: 'amsterdam',
      severity: 'MEDIUM',
      raisedAt: '2026-11-02T10:00:00Z',
      explanation: 'Twee meldingen van bedreiging in 30 dagen in Amstelveen.',
      contributingSignalIds: [],
    },
    {
      escalationId: ids.both,
      ruleId: 'threat-cluster',
      ruleVersion: 2,
      municipality: 'GM0363',
      riecRegion: 'amsterdam',
      severity: 'HIGH',
      raisedAt: '2026-11-01T10:00:00Z',
      explanation: 'Drie meldingen van bedreiging in 30 dagen in Amsterdam.',
      contributingSignalIds: [],
    },
  ],
  comparison: {
    backtest: 2,
    live: 2,
    inBoth: 1,
    onlyInBacktest: [ids.onlyBacktest],
    onlyInLive: [
      {
        escalationId: ids.onlyLive,
        ruleId: 'critical-signal',
        municipality: 'GM0363',
        raisedAt: '2026-10-01T10:00:00Z',
      },
    ],
    perRule: [
      { ruleId: 'critical-signal', backtest: 0, live: 1, inBoth: 0 },
      { ruleId: 'threat-cluster', backtest: 2, live: 1, inBoth: 1 },
    ],
  },
};

afterEach(() => vi.unstubAllGlobals());

it('back-tests a stored version and shows what only it, only live, and both raised', async () => {
  signInAs('analyst');
  const requests = stubNetwork(({ method, url }) => {
    if (method === 'GET' && url.pathname === '/api/v1/rules') return Response.json(catalogue);
    if (method === 'POST' && url.pathname === '/api/v1/rules/backtest') {
      return Response.json(report);
    }
    return undefined;
  });
  const user = userEvent.setup();
  renderRoutes(escalationRoutes, '/rules/backtest');

  await user.click(await screen.findByRole('radio', { name: /Een opgeslagen versie/ }));
  await user.selectOptions(screen.getByLabelText('Versie'), 'Versie 2 (concept)');
  await user.clear(screen.getByLabelText(/^Van/));
  await user.type(screen.getByLabelText(/^Van/), '2026-08-26');
  await user.clear(screen.getByLabelText(/^Tot en met/));
  await user.type(screen.getByLabelText(/^Tot en met/), '2026-11-24');
  await user.click(screen.getByRole('button', { name: 'Terugtoetsen' }));

  expect(await screen.findByRole('status')).toHaveTextContent(
    'Terugtoets klaar: 2 escalaties, 2 werkelijk gemeld, 1 in beide.',
  );
  expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
    ruleSet: { version: 2 },
    // Whole days in Amsterdam, summer and winter time alike.
    from: '2026-08-26T00:00:00+02:00',
    to: '2026-11-24T23:59:59.999+01:00',
  });

  const onlyBacktest = screen.getByRole('region', { name: 'Alleen in de terugtoets (1)' });
  expect(within(onlyBacktest).getByRole('rowheader', { name: 'Reeks bedreigingen' })).toBeVisible();
  expect(within(onlyBacktest).getByText('Amstelveen')).toBeVisible();
  expect(within(onlyBacktest).getByText(/Twee meldingen van bedreiging/)).toBeVisible();
  // Never raised, so there is no case to open.
  expect(within(onlyBacktest).queryByRole('link')).not.toBeInTheDocument();

  const onlyLive = screen.getByRole('region', { name: 'Alleen werkelijk gemeld (1)' });
  expect(
    within(onlyLive).getByRole('link', { name: 'Melding van de hoogste ernst' }),
  ).toHaveAttribute('href', `/escalations/${ids.onlyLive}`);

  const inBoth = screen.getByRole('region', { name: 'In beide (1)' });
  expect(within(inBoth).getByRole('link', { name: 'Reeks bedreigingen' })).toHaveAttribute(
    'href',
    `/escalations/${ids.both}`,
  );
  expect(within(inBoth).getByText('Amsterdam')).toBeVisible();
});

it('checks the JSON before sending it, and shows the API errors of the rules at the field', async () => {
  signInAs('analyst');
  const requests = stubNetwork(({ method, url }) => {
    if (method === 'GET' && url.pathname === '/api/v1/rules') return Response.json(catalogue);
    if (method === 'POST' && url.pathname === '/api/v1/rules/backtest') {
      return problem(422, 'Unprocessable Entity', 'The request is not valid; see errors', [
        { field: 'ruleSet.rules[0].params.minSignals', message: 'must be at least 2' },
      ]);
    }
    return undefined;
  });
  const user = userEvent.setup();
  renderRoutes(escalationRoutes, '/rules/backtest');

  await user.click(await screen.findByRole('radio', { name: /Zelf instellen/ }));
  const json = screen.getByLabelText('Regels (JSON)');
  expect(JSON.parse((json as HTMLTextAreaElement).value)).toEqual(catalogue.versions[0].rules);

  await user.clear(json);
  await user.paste('[{"id": "threat-cluster"');
  await user.click(screen.getByRole('button', { name: 'Terugtoetsen' }));
  expect(await screen.findByText(/Dit is geen geldige JSON/)).toBeVisible();
  expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

  await user.clear(json);
  await user.paste('[{"id": "threat-cluster", "params": {"minSignals": 1, "windowDays": 30}}]');
  await user.click(screen.getByRole('button', { name: 'Terugtoetsen' }));
  expect(await screen.findByText('rules[0].params.minSignals: must be at least 2')).toBeVisible();
  expect(json).toHaveAttribute('aria-invalid', 'true');
  expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({
    ruleSet: { rules: [{ id: 'threat-cluster', params: { minSignals: 1, windowDays: 30 } }] },
  });
});
