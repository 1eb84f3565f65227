import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { expect, it } from 'vitest';
import type { RiskLevel } from '../../ui/LevelBadge';
import { RegionMap, type MapMunicipality } from './RegionMap';
import { boundaries, renderRoutes } from './testing/render';

const topology = boundaries();

const municipalities: MapMunicipality[] = [
  { code: 'GM0363', name: 'Amsterdam', level: 'HIGH', score: 41.5 },
  { code: 'GM0362', name: 'Amstelveen', level: 'CRITICAL', score: 30.1 },
  { code: 'GM0384', name: 'Diemen', level: 'ELEVATED', score: 8 },
  { code: 'GM0358', name: 'Aalsmeer', level: 'LOW', score: 1.5 },
  { code: 'GM0437', name: 'Ouder-Amstel', level: 'LOW', score: 0 },
  { code: 'GM0451', name: 'Uithoorn', level: 'LOW', score: 0.5 },
];

function renderMap(list = municipalities) {
  return renderRoutes(
    [
      {
        path: '/region',
        element: (
          <RegionMap
            topology={topology}
            municipalities={list}
            regionName="RIEC Amsterdam-Amstelland"
          />
        ),
      },
      { path: '/municipalities/:code', element: <p>municipality page</p> },
    ],
    '/region',
  );
}

it('draws one area per municipality of the region, with its level and an accessible name', () => {
  renderMap();
  const map = screen.getByTestId('region-map');
  const areas = map.querySelectorAll('path[data-municipality]');
  expect(areas).toHaveLength(6);
  const levels = Object.fromEntries(
    [...areas].map((area) => [
      area.getAttribute('data-municipality'),
      area.getAttribute('data-level'),
    ]),
  );
  expect(levels).toEqual({
    GM0363: 'HIGH',
    GM0362: 'CRITICAL',
    GM0384: 'ELEVATED',
    GM0358: 'LOW',
    GM0437: 'LOW',
    GM0451: 'LOW',
  });
  for (const area of areas) expect(area.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);

  const amsterdam = screen.getByRole('link', { name: 'Amsterdam: Hoog' });
  expect(amsterdam).toHaveAttribute('href', '/municipalities/GM0363');
  expect(amsterdam.querySelector('path')).toHaveAttribute('data-municipality', 'GM0363');
  expect(screen.getByRole('link', { name: 'Amstelveen: Kritiek' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Diemen: Verhoogd' })).toBeInTheDocument();
  expect(screen.getAllByRole('link', { name: /: Laag$/ })).toHaveLength(3);
  // The rest of the country is only context: not a link, hidden from assistive technology.
  expect(map.querySelector('.analyst-map__context')).toHaveAttribute('aria-hidden', 'true');
});

it('fills each level with its own pattern, and the legend shows the same with level names', () => {
  renderMap();
  const fill = (code: string) =>
    screen
      .getByTestId('region-map')
      .querySelector(`path[data-municipality="${code}"]`)!
      .getAttribute('fill');
  expect(fill('GM0358')).toMatch(/^#/); // low: plain
  for (const code of ['GM0384', 'GM0363', 'GM0362']) expect(fill(code)).toMatch(/^url\(#.+\)$/);
  expect(new Set([fill('GM0384'), fill('GM0363'), fill('GM0362')]).size).toBe(3);
  for (const url of [fill('GM0384'), fill('GM0363'), fill('GM0362')]) {
    const id = url!.slice(5, -1);
    expect(document.getElementById(id)?.tagName).toBe('pattern');
  }

  const legend = screen.getByRole('list', { name: 'Legenda' });
  const items = within(legend).getAllByRole('listitem');
  expect(items.map((item) => item.textContent)).toEqual([
    'Laag (3 gemeenten)',
    'Verhoogd (1 gemeente)',
    'Hoog (1 gemeente)',
    'Kritiek (1 gemeente)',
  ]);
  const swatch = (level: RiskLevel) =>
    legend.querySelector(`li[data-level="${level}"] rect`)!.getAttribute('fill');
  expect(swatch('HIGH')).toBe(fill('GM0363'));
  expect(swatch('CRITICAL')).toBe(fill('GM0362'));
  expect(swatch('ELEVATED')).toBe(fill('GM0384'));
  expect(swatch('LOW')).toBe(fill('GM0358'));
});

it('opens a municipality from the map, with the keyboard too', async () => {
  const user = userEvent.setup();
  const router = renderMap();
  const amsterdam = screen.getByRole('link', { name: 'Amsterdam: Hoog' });
  await user.tab();
  expect(amsterdam).toHaveFocus();
  await user.keyboard('{Enter}');
  expect(await screen.findByText('municipality page')).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/municipalities/GM0363');
});

it('follows a change of level', () => {
  const map = (list: MapMunicipality[]) => (
    <MemoryRouter>
      <RegionMap topology={topology} municipalities={list} regionName="RIEC Amsterdam-Amstelland" />
    </MemoryRouter>
  );
  const { rerender } = render(map(municipalities));
  const area = () =>
    screen.getByTestId('region-map').querySelector('path[data-municipality="GM0363"]');
  expect(area()).toHaveAttribute('data-level', 'HIGH');
  rerender(map(municipalities.map((m) => (m.code === 'GM0363' ? { ...m, level: 'CRITICAL' } : m))));
  expect(area()).toHaveAttribute('data-level', 'CRITICAL');
  expect(screen.getByRole('link', { name: 'Amsterdam: Kritiek' })).toBeInTheDocument();
});
