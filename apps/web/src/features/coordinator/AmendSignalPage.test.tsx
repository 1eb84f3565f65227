import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { AmendSignalPage } from './AmendSignalPage';
import {
  aSignal,
  problem,
  renderRoutes,
  SIGNAL_ID,
  signInAsCoordinator,
  stubNetwork,
  withEtag,
} from './test-support';

beforeEach(() => signInAsCoordinator('GM0363'));
afterEach(() => vi.unstubAllGlobals());

function renderAmend() {
  return renderRoutes(
    [
      { path: '/signals/:signalId/edit', element: <AmendSignalPage /> },
      { path: '/signals/:signalId', element: <p>signal page</p> },
    ],
    `/signals/${SIGNAL_ID}/edit`,
  );
}

const severity = (n: number) =>
  within(screen.getByRole('group', { name: /^Ernst/ })).getByRole('radio', {
    name: new RegExp(`^${n}`),
  });

it('sends only the changed fields with the reason, at the revision read', async () => {
  const seen = stubNetwork((request) => {
    if (request.method === 'GET' && request.path.endsWith(SIGNAL_ID)) return withEtag(aSignal());
    if (request.method === 'PATCH') return Response.json({ signalId: SIGNAL_ID, revision: 1 });
    return undefined;
  });
  const user = userEvent.setup();
  const { router } = renderAmend();
  await user.click(await screen.findByRole('radio', { name: 'Omkoping' }));
  await user.selectOptions(screen.getByLabelText(/^Subcategorie/), 'Gift of gunst');
  await user.type(screen.getByLabelText(/^Reden/), 'Na gesprek anders ingeschat');
  await user.click(screen.getByRole('button', { name: 'Wijziging opslaan' }));

  expect(await screen.findByText('signal page')).toBeInTheDocument();
  const patch = seen.find((r) => r.method === 'PATCH')!;
  expect(patch.ifMatch).toBe('"0"');
  expect(patch.body).toEqual({
    category: 'BRIBERY',
    subcategory: 'GIFT_OR_FAVOUR',
    reason: 'Na gesprek anders ingeschat',
  });
  expect(router.state.location.state).toEqual({ notice: 'amended' });
});

it('shows a stale edit: someone else changed the signal, the newer values, and re-applies the change', async () => {
  let version = aSignal({ revision: 0, severity: 3 });
  const newer = aSignal({
    revision: 1,
    severity: 3,
    description: 'Aangevuld door een collega',
    amendedAt: '2025-01-16T09:00:00.000Z',
  });
  const seen = stubNetwork((request) => {
    if (request.method === 'GET' && request.path.endsWith(SIGNAL_ID)) return withEtag(version);
    if (request.method === 'PATCH') {
      if (request.ifMatch !== `"${version.revision}"`) {
        return problem(409, 'The resource was changed since you read it; read it again and retry');
      }
      return Response.json({ signalId: SIGNAL_ID, revision: version.revision + 1 });
    }
    return undefined;
  });
  const user = userEvent.setup();
  renderAmend();
  await user.click(await findSeverity(4));
  await user.type(screen.getByLabelText(/^Reden/), 'Ernstiger dan gedacht');
  // Meanwhile a colleague amends the description.
  version = newer;
  await user.click(screen.getByRole('button', { name: 'Wijziging opslaan' }));

  const heading = await screen.findByRole('heading', {
    name: 'Iemand anders heeft de melding intussen gewijzigd',
  });
  const conflict = heading.parentElement!;
  expect(conflict).toHaveFocus();
  expect(conflict).toHaveTextContent('U werkte aan versie 0, maar de melding is nu bij versie 1');
  const rows = within(within(conflict).getByRole('table')).getAllByRole('row');
  expect(rows.map((row) => row.textContent)).toEqual([
    'VeldNieuwste versieUw wijziging',
    'OmschrijvingAangevuld door een collegagewijzigd door een anderniet door u gewijzigd',
    'ErnstErnst 3 van 5Ernst 4 van 5',
  ]);
  // The form waits for the choice.
  expect(screen.getByRole('button', { name: 'Wijziging opslaan' })).toBeDisabled();

  await user.click(
    within(conflict).getByRole('button', {
      name: 'Mijn wijzigingen opnieuw toepassen op de nieuwste versie',
    }),
  );
  expect(await screen.findByText(/Uw wijzigingen staan nu op de nieuwste versie/)).toBeVisible();
  expect(severity(4)).toBeChecked();
  expect(screen.getByLabelText(/^Omschrijving/)).toHaveValue('Aangevuld door een collega');
  expect(screen.getByLabelText(/^Reden/)).toHaveValue('Ernstiger dan gedacht');

  await user.click(screen.getByRole('button', { name: 'Wijziging opslaan' }));
  expect(await screen.findByText('signal page')).toBeInTheDocument();
  const patches = seen.filter((r) => r.method === 'PATCH');
  expect(patches.map((p) => p.ifMatch)).toEqual(['"0"', '"1"']);
  expect(patches[1].body).toEqual({ severity: 4, reason: 'Ernstiger dan gedacht' });
});

it('says so when the signal was retracted in the meantime', async () => {
  let version = aSignal();
  stubNetwork((request) => {
    if (request.method === 'GET' && request.path.endsWith(SIGNAL_ID)) return withEtag(version);
    if (request.method === 'PATCH') return problem(409, 'Signal is retracted');
    return undefined;
  });
  const user = userEvent.setup();
  renderAmend();
  await user.click(await findSeverity(5));
  await user.type(screen.getByLabelText(/^Reden/), 'Ernstiger');
  version = aSignal({ revision: 1, status: 'RETRACTED', retractionReason: 'Dubbel' });
  await user.click(screen.getByRole('button', { name: 'Wijziging opslaan' }));
  expect(
    await screen.findByText(
      'De melding is intussen ingetrokken en kan niet meer worden gewijzigd.',
    ),
  ).toBeVisible();
  expect(screen.queryByRole('button', { name: /opnieuw toepassen/ })).not.toBeInTheDocument();
});

it('does not send an amendment that changes nothing', async () => {
  const seen = stubNetwork((request) =>
    request.method === 'GET' && request.path.endsWith(SIGNAL_ID) ? withEtag(aSignal()) : undefined,
  );
  const user = userEvent.setup();
  renderAmend();
  await user.type(await screen.findByLabelText(/^Reden/), 'Niets');
  await user.click(screen.getByRole('button', { name: 'Wijziging opslaan' }));
  expect(
    await screen.findByText('U heeft niets gewijzigd. Verander ten minste één veld.'),
  ).toBeVisible();
  expect(seen.filter((r) => r.method === 'PATCH')).toHaveLength(0);
});

async function findSeverity(n: number) {
  await screen.findByRole('group', { name: /^Ernst/ });
  return severity(n);
}
