import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { analystRoutes } from './routes';
import { AMSTERDAM } from './testing/fixtures';
import { renderRoutes, signInAs, stubNetwork, type RecordedRequest } from './testing/render';

const SERIES = {
  municipality: 'GM0363',
  from: '2025-11-24',
  to: '2026-11-24',
  days: [
    { day: '2026-03-02', category: 'THREAT', count: 2 },
    { day: '2026-03-04', category: 'BRIBERY', count: 1 },
    { day: '2026-11-20', category: 'THREAT', count: 1 },
  ],
};

let requests: RecordedRequest[];

function answer(overrides: { risk?: (r: RecordedRequest) => Response | undefined } = {}) {
  requests = stubNetwork((request) => {
    if (request.path === '/api/v1/municipalities/GM0363/risk') {
      return overrides.risk?.(request) ?? Response.json(AMSTERDAM);
    }
    if (request.path === '/api/v1/municipalities/GM0363/timeseries') {
      return Response.json({
        ...SERIES,
        from: request.query.get('from'),
        to: request.query.get('to'),
      });
    }
    return undefined;
  });
}

const riskRequests = () => requests.filter((r) => r.path.endsWith('/risk'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-24T12:00:00Z'));
  signInAs('analyst', { riecRegion: 'amsterdam' });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it("shows a municipality's risk picture: level, score, trend and its basis, counts, aangifte", async () => {
  answer();
  renderRoutes(analystRoutes, '/municipalities/GM0363');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Risicobeeld Amsterdam' }),
  ).toBeInTheDocument();
  expect(await screen.findByTestId('picture-level')).toHaveTextContent('Hoog');
  expect(screen.getByText('41,5')).toBeInTheDocument();
  expect(screen.getByText('Stijgend')).toBeInTheDocument();
  expect(
    screen.getByText(
      /Vergeleken met het beeld van 26 aug 2026, 14:00, zoals toen bekend: score 12,25, niveau Verhoogd/,
    ),
  ).toBeInTheDocument();
  expect(
    screen.getByText('50% (6 van 12 meldingen van bedreiging of omkoping)'),
  ).toBeInTheDocument();
  expect(screen.getByText('20 nov 2026, 10:15')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: '2 open escalaties van Amsterdam' })).toHaveAttribute(
    'href',
    '/escalations?municipality=GM0363',
  );

  const counts = screen.getByRole('table', { name: /per categorie$/ });
  const threat = within(counts).getByRole('row', { name: /Bedreiging/ });
  expect(
    within(threat)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['3', '5', '9']);
  const total = within(counts).getByRole('row', { name: /Totaal/ });
  expect(
    within(total)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['4', '8', '14']);

  expect(riskRequests()[0].query.has('asOf')).toBe(false);
  const series = requests.find((r) => r.path.endsWith('/timeseries'))!;
  expect(Object.fromEntries(series.query)).toEqual({ from: '2025-11-24', to: '2026-11-24' });
});

it('draws the year as weekly bars with a text alternative', async () => {
  answer();
  renderRoutes(analystRoutes, '/municipalities/GM0363');
  const chart = await screen.findByRole('img', { name: 'Meldingen per week en per categorie' });
  expect(chart).toHaveAccessibleDescription(
    '4 meldingen van 24 november 2025 tot en met 24 november 2026. De drukste week begon op 2 maart 2026, met 3.',
  );
  expect(chart.querySelectorAll('rect[data-category]')).toHaveLength(3);

  const user = userEvent.setup();
  await user.click(screen.getByText('Toon de gegevens als tabel'));
  const data = screen.getByRole('table', { name: /Meldingen per week/ });
  const week = within(data).getByRole('row', { name: /2 maart 2026 – 8 maart 2026/ });
  expect(
    within(week)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['2', '1', '0', '3']);
  // 24 November 2025 (a Monday) to 24 November 2026: 53 weeks, the last one of two days.
  expect(within(data).getAllByRole('row')).toHaveLength(54);
});

it('shows the picture as known at the end of a past day, and says so', async () => {
  answer();
  const user = userEvent.setup();
  const router = renderRoutes(analystRoutes, '/municipalities/GM0363');
  await screen.findByTestId('picture-level');

  await user.type(screen.getByLabelText('Peildatum'), '2026-03-10');
  await user.click(screen.getByRole('button', { name: 'Toon beeld' }));

  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Risicobeeld Amsterdam op 10 maart 2026',
    }),
  ).toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent(
    'Eerder beeld. U bekijkt het beeld zoals het bekend was aan het eind van 10 maart 2026.',
  );
  expect(router.state.location.search).toBe('?asOf=2026-03-10');
  await screen.findByTestId('picture-level');
  // The end of 10 March in Amsterdam (CET, UTC+1).
  expect(riskRequests().at(-1)!.query.get('asOf')).toBe('2026-03-10T22:59:59.999Z');
  const series = requests.filter((r) => r.path.endsWith('/timeseries')).at(-1)!;
  expect(Object.fromEntries(series.query)).toEqual({ from: '2025-03-10', to: '2026-03-10' });

  await user.click(screen.getByRole('button', { name: 'Terug naar het actuele beeld' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Risicobeeld Amsterdam' }),
  ).toBeInTheDocument();
  expect(router.state.location.search).toBe('');
  expect(screen.getByRole('status')).toBeEmptyDOMElement();
});

it('sends a summer day as the end of that day in summer time', async () => {
  answer();
  renderRoutes(analystRoutes, '/municipalities/GM0363?asOf=2026-07-01');
  await screen.findByTestId('picture-level');
  expect(riskRequests()[0].query.get('asOf')).toBe('2026-07-01T21:59:59.999Z');
});

it("shows the API's objection to a day next to the date field", async () => {
  answer({
    risk: (request) =>
      request.query.has('asOf')
        ? Response.json(
            {
              type: 'https://weerbaar.nl/problems/validation',
              title: 'Validation failed',
              status: 422,
              detail: 'asOf: cannot be in the future',
              errors: [
                { field: 'asOf', message: 'cannot be in the future: the picture is not known yet' },
              ],
            },
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          )
        : undefined,
  });
  renderRoutes(analystRoutes, '/municipalities/GM0363?asOf=2026-12-01');
  const field = await screen.findByLabelText('Peildatum');
  expect(
    await screen.findByText('cannot be in the future: the picture is not known yet'),
  ).toBeInTheDocument();
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription(/cannot be in the future/);
  expect(screen.queryByTestId('picture-level')).not.toBeInTheDocument();
});

it('is not found outside the reader’s scope', async () => {
  answer({
    risk: () =>
      Response.json(
        { title: 'Not Found', status: 404, detail: 'No municipality GM0599 within your scope' },
        { status: 404 },
      ),
  });
  renderRoutes(analystRoutes, '/municipalities/GM0599');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
  ).toBeInTheDocument();
});

it("shows the coordinator their own municipality's picture, without the analyst's links", async () => {
  signInAs('coordinator', { municipality: 'GM0363' });
  answer();
  renderRoutes(analystRoutes, '/municipalities/GM0363');
  await screen.findByTestId('picture-level');
  expect(screen.queryByRole('link', { name: /open escalaties/ })).not.toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Terug naar de regiokaart' })).not.toBeInTheDocument();
});

it('is no page for a mayor', async () => {
  signInAs('burgemeester', { municipality: 'GM0363' });
  answer();
  renderRoutes(analystRoutes, '/municipalities/GM0363');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
  ).toBeInTheDocument();
  expect(riskRequests()).toHaveLength(0);
});
