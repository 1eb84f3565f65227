import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { analystRoutes } from './routes';
import { aRegionPicture } from './testing/fixtures';
import {
  boundaries,
  renderRoutes,
  signInAs,
  stubNetwork,
  type RecordedRequest,
} from './testing/render';

const topology = boundaries();
let requests: RecordedRequest[];
let region = aRegionPicture();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-24T12:00:00Z'));
  signInAs('analyst', { riecRegion: 'amsterdam' });
  region = aRegionPicture();
  requests = stubNetwork((request) => {
    if (request.path === '/api/v1/regions/amsterdam/risk') return Response.json(region);
    if (request.path === '/api/v1/reference/boundaries') return Response.json(topology);
    return undefined;
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it("shows the analyst's region on a map and in a table, the same municipalities", async () => {
  renderRoutes(analystRoutes, '/region');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Regiokaart RIEC Amsterdam-Amstelland' }),
  ).toBeInTheDocument();
  const map = await screen.findByTestId('region-map');
  const onMap = [...map.querySelectorAll('path[data-municipality]')].map((p) =>
    p.getAttribute('data-municipality'),
  );
  const table = screen.getByRole('table', { name: /Gemeenten van RIEC Amsterdam-Amstelland/ });
  const inTable = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.getAttribute('data-code'));
  expect(new Set(onMap)).toEqual(new Set(region.municipalities.map((m) => m.municipality)));
  // Only the map's areas carry data-municipality, so a browser test finds the area, not the row.
  const marked = [...document.querySelectorAll('[data-municipality]')];
  expect(marked.map((element) => element.tagName)).toEqual(Array(6).fill('path'));
  expect(inTable).toEqual(['GM0363', 'GM0362', 'GM0384', 'GM0358', 'GM0451', 'GM0437']);
  expect(screen.getByRole('link', { name: 'Amstelveen: Kritiek' })).toBeInTheDocument();
  // Signals in the last 30 days: all categories together.
  const amsterdam = within(table).getByRole('row', { name: /^Amsterdam/ });
  expect(within(amsterdam).getAllByRole('cell').at(-1)).toHaveTextContent('4');
  expect(requests.filter((r) => r.path.endsWith('/risk'))[0].query.has('asOf')).toBe(false);
});

it('asks for the region as known at the end of a past day', async () => {
  const user = userEvent.setup();
  renderRoutes(analystRoutes, '/region');
  await screen.findByTestId('region-map');
  await user.type(screen.getByLabelText('Peildatum'), '2026-01-31');
  await user.click(screen.getByRole('button', { name: 'Toon beeld' }));
  expect(await screen.findByText('Eerder beeld.')).toBeInTheDocument();
  await screen.findByTestId('region-map');
  const asked = requests.filter((r) => r.path === '/api/v1/regions/amsterdam/risk').at(-1)!;
  expect(asked.query.get('asOf')).toBe('2026-01-31T22:59:59.999Z');
});

it('still lists the municipalities when the boundaries cannot be loaded', async () => {
  stubNetwork((request) => {
    if (request.path === '/api/v1/regions/amsterdam/risk') return Response.json(region);
    if (request.path === '/api/v1/reference/boundaries') {
      return Response.json({ title: 'Internal Server Error', status: 500 }, { status: 500 });
    }
    return undefined;
  });
  renderRoutes(analystRoutes, '/region');
  expect(await screen.findByRole('table', { name: /Gemeenten van/ })).toBeInTheDocument();
  expect(await screen.findByRole('alert')).toBeInTheDocument();
  expect(screen.queryByTestId('region-map')).not.toBeInTheDocument();
});

it('is no page for a coordinator', async () => {
  signInAs('coordinator', { municipality: 'GM0363' });
  renderRoutes(analystRoutes, '/region');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
  ).toBeInTheDocument();
});
