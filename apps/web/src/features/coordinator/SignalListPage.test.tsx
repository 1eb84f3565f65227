import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { SignalSummary } from './api';
import { SignalListPage } from './SignalListPage';
import { renderRoutes, signInAsCoordinator, stubNetwork } from './test-support';

beforeEach(() => signInAsCoordinator('GM0363'));
afterEach(() => vi.unstubAllGlobals());

function aSummary(n: number, overrides: Partial<SignalSummary> = {}): SignalSummary {
  return {
    signalId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    revision: 0,
    status: 'LIVE',
    municipality: 'GM0363',
    category: 'THREAT',
    subcategory: 'ONLINE',
    targetRole: 'WETHOUDER',
    severity: 3,
    occurredAt: `2025-01-${String(20 - n).padStart(2, '0')}T13:30:00.000Z`,
    policeReportFiled: false,
    source: 'DIRECT',
    classification: 'TLP:AMBER',
    sourceReliability: 'F',
    informationCredibility: '6',
    subjectCount: 0,
    recordedAt: '2025-01-20T10:00:00.000Z',
    updatedAt: '2025-01-20T10:00:00.000Z',
    ...overrides,
  };
}

const listRequests = (seen: ReturnType<typeof stubNetwork>) =>
  seen.filter((r) => r.path === '/api/v1/signals').map((r) => Object.fromEntries(r.query));

it('sends the filters as the API query: category, status and whole Amsterdam days', async () => {
  const seen = stubNetwork((request) =>
    request.path === '/api/v1/signals' ? Response.json({ items: [], nextCursor: null }) : undefined,
  );
  const user = userEvent.setup();
  const { router } = renderRoutes([{ path: '/signals', element: <SignalListPage /> }], '/signals');
  expect(await screen.findByText('Er zijn nog geen meldingen voor uw gemeente.')).toBeVisible();
  expect(listRequests(seen)).toEqual([{ limit: '25' }]);

  await user.selectOptions(screen.getByLabelText('Categorie'), 'Omkoping');
  await user.selectOptions(screen.getByLabelText('Status'), 'Ingetrokken');
  fireEvent.change(screen.getByLabelText('Gebeurd vanaf'), { target: { value: '2025-01-01' } });
  // Up to and including 30 June: before the start of 1 July, in summer time.
  fireEvent.change(screen.getByLabelText('Gebeurd tot en met'), {
    target: { value: '2025-06-30' },
  });
  await user.click(screen.getByRole('button', { name: 'Filteren' }));

  expect(await screen.findByText('Geen meldingen die aan de filters voldoen.')).toBeVisible();
  expect(listRequests(seen).at(-1)).toEqual({
    category: 'BRIBERY',
    status: 'RETRACTED',
    from: '2025-01-01T00:00:00+01:00',
    to: '2025-07-01T00:00:00+02:00',
    limit: '25',
  });
  expect(router.state.location.search).toBe(
    '?category=BRIBERY&status=RETRACTED&from=2025-01-01&to=2025-06-30',
  );
});

it('refuses a start date after the end date without asking the API', async () => {
  const seen = stubNetwork((request) =>
    request.path === '/api/v1/signals' ? Response.json({ items: [], nextCursor: null }) : undefined,
  );
  const user = userEvent.setup();
  renderRoutes([{ path: '/signals', element: <SignalListPage /> }], '/signals');
  await screen.findByText('Er zijn nog geen meldingen voor uw gemeente.');
  fireEvent.change(screen.getByLabelText('Gebeurd vanaf'), { target: { value: '2025-02-01' } });
  fireEvent.change(screen.getByLabelText('Gebeurd tot en met'), {
    target: { value: '2025-01-01' },
  });
  await user.click(screen.getByRole('button', { name: 'Filteren' }));
  expect(screen.getByLabelText('Gebeurd vanaf')).toHaveAccessibleDescription(
    'De begindatum ligt na de einddatum.',
  );
  expect(listRequests(seen)).toHaveLength(1);
});

it('reads the filters from the URL, and loads the next page with the cursor', async () => {
  const seen = stubNetwork((request) => {
    if (request.path !== '/api/v1/signals') return undefined;
    return request.query.get('cursor') === 'page-2'
      ? Response.json({ items: [aSummary(3, { status: 'RETRACTED' })], nextCursor: null })
      : Response.json({
          items: [aSummary(1), aSummary(2, { category: 'BRIBERY', subcategory: 'MONEY_OFFER' })],
          nextCursor: 'page-2',
        });
  });
  const user = userEvent.setup();
  renderRoutes([{ path: '/signals', element: <SignalListPage /> }], '/signals?category=THREAT');
  const table = await screen.findByRole('table', { name: /Meldingen van uw gemeente/ });
  expect(screen.getByLabelText('Categorie')).toHaveValue('THREAT');
  expect(screen.getByRole('status')).toHaveTextContent('2 meldingen getoond; er zijn er meer.');
  expect(within(table).getAllByRole('row')).toHaveLength(3);
  expect(within(table).getByRole('columnheader', { name: 'Gebeurd op' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  expect(within(table).getAllByRole('link')[0]).toHaveAttribute(
    'href',
    '/signals/00000000-0000-4000-8000-000000000001',
  );

  await user.click(screen.getByRole('button', { name: 'Meer meldingen laden' }));
  expect(await screen.findByText('3 meldingen getoond.')).toBeVisible();
  expect(listRequests(seen)).toEqual([
    { category: 'THREAT', limit: '25' },
    { category: 'THREAT', limit: '25', cursor: 'page-2' },
  ]);
  expect(within(table).getAllByRole('link')[2]).toHaveFocus();
  expect(screen.queryByRole('button', { name: 'Meer meldingen laden' })).not.toBeInTheDocument();
});
