import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { expect, it } from 'vitest';
import { RiskTable, type RiskRow } from './RiskTable';

const rows: RiskRow[] = [
  {
    code: 'GM0363',
    name: 'Amsterdam',
    level: 'HIGH',
    score: 41.5,
    trend: 'RISING',
    openEscalations: 2,
    signals30: 4,
  },
  {
    code: 'GM0362',
    name: 'Amstelveen',
    level: 'CRITICAL',
    score: 30.1,
    trend: 'FALLING',
    openEscalations: 0,
    signals30: 1,
  },
  {
    code: 'GM0384',
    name: 'Diemen',
    level: 'ELEVATED',
    score: 8,
    trend: 'STABLE',
    openEscalations: 1,
    signals30: 6,
  },
  {
    code: 'GM0358',
    name: 'Aalsmeer',
    level: 'LOW',
    score: 1.5,
    trend: 'STABLE',
    openEscalations: 0,
    signals30: 0,
  },
];

function renderTable() {
  render(
    <MemoryRouter>
      <RiskTable rows={rows} caption="Gemeenten van RIEC Amsterdam-Amstelland" />
    </MemoryRouter>,
  );
  return screen.getByRole('table', { name: /Gemeenten van RIEC Amsterdam-Amstelland/ });
}

const order = (table: HTMLElement) =>
  within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);

const header = (table: HTMLElement, name: string) =>
  within(table).getByRole('columnheader', { name: new RegExp(`^${name}`) });

const sortButton = (table: HTMLElement, name: string) =>
  within(header(table, name)).getByRole('button');

it('starts by score, highest first, and marks only that column as sorted', () => {
  const table = renderTable();
  expect(order(table)).toEqual(['Amsterdam', 'Amstelveen', 'Diemen', 'Aalsmeer']);
  expect(header(table, 'Score')).toHaveAttribute('aria-sort', 'descending');
  for (const name of ['Gemeente', 'Niveau', 'Trend', 'Open escalaties', 'Meldingen 30 dagen']) {
    expect(header(table, name)).not.toHaveAttribute('aria-sort');
  }
});

it.each([
  ['Gemeente', 'ascending', ['Aalsmeer', 'Amstelveen', 'Amsterdam', 'Diemen']],
  ['Niveau', 'descending', ['Amstelveen', 'Amsterdam', 'Diemen', 'Aalsmeer']],
  ['Trend', 'descending', ['Amsterdam', 'Aalsmeer', 'Diemen', 'Amstelveen']],
  ['Open escalaties', 'descending', ['Amsterdam', 'Diemen', 'Aalsmeer', 'Amstelveen']],
  ['Meldingen 30 dagen', 'descending', ['Diemen', 'Amsterdam', 'Amstelveen', 'Aalsmeer']],
] as const)(
  'sorts by %s (%s first), and the other way round on a second press',
  async (name, first, expected) => {
    const user = userEvent.setup();
    const table = renderTable();
    await user.click(sortButton(table, name));
    expect(order(table)).toEqual(expected);
    expect(header(table, name)).toHaveAttribute('aria-sort', first);
    expect(header(table, 'Score')).not.toHaveAttribute('aria-sort');

    await user.click(sortButton(table, name));
    const second = first === 'ascending' ? 'descending' : 'ascending';
    expect(header(table, name)).toHaveAttribute('aria-sort', second);
    // Reversed, except that equal values stay in name order.
    if (name !== 'Trend' && name !== 'Open escalaties') {
      expect(order(table)).toEqual([...expected].reverse());
    }
  },
);

it('sorts by score both ways', async () => {
  const user = userEvent.setup();
  const table = renderTable();
  await user.click(sortButton(table, 'Score'));
  expect(header(table, 'Score')).toHaveAttribute('aria-sort', 'ascending');
  expect(order(table)).toEqual(['Aalsmeer', 'Diemen', 'Amstelveen', 'Amsterdam']);
});

it('keeps ties in name order whichever way a column is sorted', async () => {
  const user = userEvent.setup();
  const table = renderTable();
  await user.click(sortButton(table, 'Open escalaties'));
  await user.click(sortButton(table, 'Open escalaties'));
  expect(order(table)).toEqual(['Aalsmeer', 'Amstelveen', 'Diemen', 'Amsterdam']);
});

it('is sorted with the keyboard, and the new order is announced', async () => {
  const user = userEvent.setup();
  const table = renderTable();
  await user.tab();
  expect(sortButton(table, 'Gemeente')).toHaveFocus();
  await user.keyboard('{Enter}');
  expect(header(table, 'Gemeente')).toHaveAttribute('aria-sort', 'ascending');
  await user.tab();
  expect(sortButton(table, 'Niveau')).toHaveFocus();
  await user.keyboard(' ');
  expect(header(table, 'Niveau')).toHaveAttribute('aria-sort', 'descending');
  expect(order(table)[0]).toBe('Amstelveen');
  expect(screen.getByRole('status')).toHaveTextContent('Gesorteerd op Niveau, aflopend.');
});

it('links each municipality to its picture and its open escalations', () => {
  const table = renderTable();
  expect(within(table).getByRole('link', { name: 'Amsterdam' })).toHaveAttribute(
    'href',
    '/municipalities/GM0363',
  );
  expect(
    within(table).getByRole('link', { name: '2 open escalaties van Amsterdam' }),
  ).toHaveAttribute('href', '/escalations?municipality=GM0363');
});
