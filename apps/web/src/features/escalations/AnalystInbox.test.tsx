import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import type { EscalationView } from './escalations.api';
import { escalationRoutes } from './routes';
import { problem, renderRoutes, signInAs, stubNetwork, type RecordedRequest } from './test-support';

function anEscalation(n: number, overrides: Partial<EscalationView> = {}): EscalationView {
  return {
    escalationId: `0b6c7a52-6f3e-4a57-9d59-00000000000${n}`,
    ruleId: 'threat-cluster',
    ruleVersion: 1,
    municipality: 'GM0363',
    riecRegion: 'amsterdam',
    severity: 'HIGH',
    status: 'OPEN',
    explanation: 'Drie meldingen van bedreiging in 30 dagen.',
    raisedAt: `2026-11-2${n}T10:00:00Z`,
    updatedAt: `2026-11-2${n}T10:00:00Z`,
    acknowledgedAt: null,
    acknowledgedBy: null,
    assignee: null,
    closedAt: null,
    closedBy: null,
    outcome: null,
    subjectFingerprint: null,
    revision: 0,
    contributingSignalIds: [],
    ...overrides,
  };
}

const lists = (requests: RecordedRequest[]) =>
  requests
    .filter((r) => r.url.pathname === '/api/v1/escalations')
    .map((r) => Object.fromEntries(r.url.searchParams));

afterEach(() => vi.unstubAllGlobals());

it('asks for the filters the URL names, and for the ones chosen in the form', async () => {
  signInAs('analyst');
  const requests = stubNetwork(({ url }) => {
    if (url.pathname !== '/api/v1/escalations') return undefined;
    return Response.json({
      items: url.searchParams.get('ruleId') ? [] : [anEscalation(1)],
      nextCursor: null,
    });
  });
  const user = userEvent.setup();
  const { router } = renderRoutes(escalationRoutes, '/escalations?municipality=GM0362&status=OPEN');

  expect(await screen.findByRole('link', { name: 'Reeks bedreigingen' })).toBeInTheDocument();
  expect(lists(requests)).toEqual([{ municipality: 'GM0362', status: 'OPEN', limit: '50' }]);
  const filters = screen.getByRole('form', { name: 'Escalaties filteren' });
  expect(within(filters).getByLabelText('Status')).toHaveValue('OPEN');
  await within(filters).findByRole('option', { name: 'Amstelveen' });
  expect(within(filters).getByLabelText('Gemeente')).toHaveValue('GM0362');

  await user.selectOptions(within(filters).getByLabelText('Regel'), 'Omkoping en infiltratie');
  await user.selectOptions(within(filters).getByLabelText('Status'), '');
  await user.click(within(filters).getByRole('button', { name: 'Filteren' }));

  expect(await screen.findByText('Geen escalaties die aan deze filters voldoen.')).toBeVisible();
  expect(lists(requests).at(-1)).toEqual({
    municipality: 'GM0362',
    ruleId: 'bribery-and-infiltration',
    limit: '50',
  });
  expect(router.state.location.search).toBe('?municipality=GM0362&ruleId=bribery-and-infiltration');

  await user.click(screen.getByRole('button', { name: 'Mijn zaken' }));
  await vi.waitFor(() =>
    expect(lists(requests).at(-1)).toEqual({
      municipality: 'GM0362',
      ruleId: 'bribery-and-infiltration',
      assignee: 'analyst-amsterdam',
      limit: '50',
    }),
  );
});

it('loads the next page with the cursor the API gave', async () => {
  signInAs('analyst');
  const requests = stubNetwork(({ url }) => {
    if (url.pathname !== '/api/v1/escalations') return undefined;
    return url.searchParams.get('cursor') === 'page-2'
      ? Response.json({ items: [anEscalation(1)], nextCursor: null })
      : Response.json({ items: [anEscalation(2)], nextCursor: 'page-2' });
  });
  const user = userEvent.setup();
  renderRoutes(escalationRoutes, '/escalations');

  await user.click(await screen.findByRole('button', { name: 'Meer escalaties laden' }));
  expect(await screen.findByText('2 escalaties getoond.')).toBeInTheDocument();
  expect(lists(requests)).toEqual([{ limit: '50' }, { limit: '50', cursor: 'page-2' }]);
  expect(screen.queryByRole('button', { name: 'Meer escalaties laden' })).not.toBeInTheDocument();
});

it('shows a filter the API refuses at its field', async () => {
  signInAs('analyst');
  stubNetwork(({ url }) =>
    url.pathname === '/api/v1/escalations'
      ? problem(400, 'Bad Request', 'The request is not valid; see errors', [
          { field: 'municipality', message: 'municipality must be a CBS code such as GM0363' },
        ])
      : undefined,
  );
  renderRoutes(escalationRoutes, '/escalations?municipality=Amsterdam');

  expect(
    await screen.findByText('municipality must be a CBS code such as GM0363'),
  ).toBeInTheDocument();
  expect(screen.getByLabelText('Gemeente')).toHaveAttribute('aria-invalid', 'true');
});
