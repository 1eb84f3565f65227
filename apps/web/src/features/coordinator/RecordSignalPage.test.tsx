import { fireEvent, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { RecordSignalPage } from './RecordSignalPage';
import { problem, renderRoutes, signInAsCoordinator, stubNetwork } from './test-support';

beforeEach(() => signInAsCoordinator('GM0363'));
afterEach(() => vi.unstubAllGlobals());

function renderForm() {
  return renderRoutes(
    [
      { path: '/signals/new', element: <RecordSignalPage /> },
      { path: '/signals/:signalId', element: <p>signal page</p> },
    ],
    '/signals/new',
  );
}

const subcategoryOptions = () =>
  within(screen.getByLabelText(/^Subcategorie/))
    .getAllByRole('option')
    .map((option) => option.textContent);

async function fillIn(user: UserEvent) {
  await user.click(screen.getByRole('radio', { name: 'Omkoping' }));
  await user.selectOptions(screen.getByLabelText(/^Subcategorie/), 'Aanbod van geld');
  await user.selectOptions(screen.getByLabelText(/^Tegen wie/), 'Wethouder');
  fireEvent.change(screen.getByLabelText('Datum'), { target: { value: '2025-01-15' } });
  fireEvent.change(screen.getByLabelText('Tijd'), { target: { value: '14:30' } });
  await user.click(
    within(screen.getByRole('group', { name: /^Ernst/ })).getByRole('radio', { name: /^4/ }),
  );
  await user.type(screen.getByLabelText(/^Omschrijving/), 'Envelop met geld aangeboden');
  await user.click(screen.getByRole('button', { name: 'Betrokkene toevoegen' }));
  const subject = screen.getByRole('group', { name: 'Betrokkene 1' });
  await user.selectOptions(within(subject).getByLabelText(/^Soort/), 'Persoon');
  await user.type(within(subject).getByLabelText(/^Identificatie/), 'Jan de Vries');
  await user.selectOptions(screen.getByLabelText(/^Bron/), 'Collega');
  await user.click(screen.getByRole('radio', { name: /TLP:RED/ }));
  await user.click(screen.getByRole('radio', { name: /^B – / }));
  await user.click(screen.getByRole('radio', { name: /^2 – / }));
  await user.click(screen.getByRole('checkbox', { name: /aangifte gedaan/ }));
  await user.type(screen.getByLabelText(/^Kenmerk van de aangifte/), 'PL1300-2025-123');
}

it('offers the subcategories of the chosen category, and drops one that no longer fits', async () => {
  stubNetwork();
  const user = userEvent.setup();
  renderForm();
  expect(subcategoryOptions()).toEqual(['Kies…']);

  await user.click(screen.getByRole('radio', { name: 'Omkoping' }));
  expect(subcategoryOptions()).toEqual([
    'Kies…',
    'Aanbod van geld',
    'Gift of gunst',
    'Belangenverstrengeling',
  ]);
  await user.selectOptions(screen.getByLabelText(/^Subcategorie/), 'Gift of gunst');

  await user.click(screen.getByRole('radio', { name: 'Bedreiging' }));
  expect(subcategoryOptions()).toEqual([
    'Kies…',
    'Verbaal',
    'Online',
    'Aan huis',
    'Fysiek',
    'Gericht tegen familie',
  ]);
  expect(screen.getByLabelText(/^Subcategorie/)).toHaveValue('');
});

it('sends the record body with a client id and Amsterdam time, and opens the new signal', async () => {
  const seen = stubNetwork((request) =>
    request.method === 'POST'
      ? Response.json(
          { signalId: (request.body as { signalId: string }).signalId, revision: 0 },
          { status: 201 },
        )
      : undefined,
  );
  const user = userEvent.setup();
  const { router } = renderForm();
  await fillIn(user);
  await user.click(screen.getByRole('button', { name: 'Melding vastleggen' }));

  expect(await screen.findByText('signal page')).toBeInTheDocument();
  const post = seen.find((r) => r.method === 'POST')!;
  expect(post.path).toBe('/api/v1/signals');
  const body = post.body as { signalId: string };
  expect(body).toEqual({
    signalId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    municipality: 'GM0363',
    category: 'BRIBERY',
    subcategory: 'MONEY_OFFER',
    targetRole: 'WETHOUDER',
    occurredAt: '2025-01-15T14:30:00+01:00',
    severity: 4,
    description: 'Envelop met geld aangeboden',
    subjects: [{ kind: 'PERSON', identifier: 'Jan de Vries' }],
    source: 'COLLEAGUE',
    classification: 'TLP:RED',
    sourceReliability: 'B',
    informationCredibility: '2',
    policeReportFiled: true,
    policeReportReference: 'PL1300-2025-123',
    withholdFromMayor: false,
  });
  expect(router.state.location.pathname).toBe(`/signals/${body.signalId}`);
  expect(router.state.location.state).toEqual({ notice: 'recorded' });
});

it('sends the same signal id again after a network failure, so the retry records once', async () => {
  let calls = 0;
  const seen = stubNetwork((request) => {
    if (request.method !== 'POST') return undefined;
    calls += 1;
    if (calls === 1) throw new TypeError('Failed to fetch');
    return Response.json({
      signalId: (request.body as { signalId: string }).signalId,
      revision: 0,
    });
  });
  const user = userEvent.setup();
  renderForm();
  await fillIn(user);
  await user.click(screen.getByRole('button', { name: 'Melding vastleggen' }));
  expect(await screen.findByText(/hoogstens één keer vastgelegd/)).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Melding vastleggen' }));
  expect(await screen.findByText('signal page')).toBeInTheDocument();
  const [first, second] = seen.filter((r) => r.method === 'POST');
  expect((second.body as { signalId: string }).signalId).toBe(
    (first.body as { signalId: string }).signalId,
  );
});

it("shows the API's field errors at their fields and in a focused summary that links to them", async () => {
  stubNetwork((request) =>
    request.method === 'POST'
      ? problem(422, 'The request is not valid: occurredAt, subjects[0].identifier; see errors', [
          { field: 'occurredAt', message: 'must not be in the future' },
          { field: 'subjects[0].identifier', message: 'must be at most 200 characters' },
          { field: 'municipality', message: 'GM9999 is not a known municipality' },
        ])
      : undefined,
  );
  const user = userEvent.setup();
  renderForm();
  await fillIn(user);
  await user.click(screen.getByRole('button', { name: 'Melding vastleggen' }));

  const summary = await screen.findByRole('heading', { name: 'Er is een probleem' });
  const box = summary.parentElement!;
  expect(box).toHaveFocus();

  // At the fields: the message is part of the control's description.
  const identifier = within(screen.getByRole('group', { name: 'Betrokkene 1' })).getByLabelText(
    /^Identificatie/,
  );
  expect(identifier).toHaveAccessibleDescription(/Gebruik hoogstens 200 tekens\./);
  expect(identifier).toHaveAttribute('aria-invalid', 'true');
  expect(screen.getByRole('group', { name: /Wanneer gebeurde het/ })).toHaveAccessibleDescription(
    /Mag niet in de toekomst liggen\./,
  );

  // In the summary: a link to each field, and what the form does not show as the API named it.
  const links = within(box).getAllByRole('link');
  expect(links.map((link) => link.textContent)).toEqual([
    'Wanneer gebeurde het?: Mag niet in de toekomst liggen.',
    'Betrokkene 1 – Identificatie: Gebruik hoogstens 200 tekens.',
  ]);
  expect(within(box).getByText('municipality: GM9999 is not a known municipality')).toBeVisible();
  await user.click(links[1]);
  expect(identifier).toHaveFocus();
});

it('checks the required fields before sending, and sends nothing while they are missing', async () => {
  const seen = stubNetwork();
  const user = userEvent.setup();
  renderForm();
  await user.click(screen.getByRole('button', { name: 'Betrokkene toevoegen' }));
  await user.click(screen.getByRole('button', { name: 'Melding vastleggen' }));

  const box = screen.getByRole('heading', { name: 'Er is een probleem' }).parentElement!;
  expect(box).toHaveFocus();
  expect(
    within(box)
      .getAllByRole('link')
      .map((link) => link.textContent),
  ).toEqual([
    'Categorie: Kies een categorie.',
    'Subcategorie: Kies een subcategorie.',
    'Tegen wie was het gericht?: Kies tegen wie het gericht was.',
    'Wanneer gebeurde het?: Vul de datum en de tijd in.',
    'Ernst: Kies de ernst.',
    'Omschrijving: Vul een omschrijving in.',
    'Betrokkene 1 – Soort: Kies de soort van betrokkene 1.',
    'Betrokkene 1 – Identificatie: Vul de identificatie van betrokkene 1 in.',
    'Bron: Kies de bron.',
  ]);
  expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
});
