import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import type { EscalationDetail } from './escalations.api';
import { escalationRoutes } from './routes';
import { problem, renderRoutes, signInAs, stubNetwork } from './test-support';

const ID = '0b6c7a52-6f3e-4a57-9d59-2d7d4c1f8a11';

function aCase(overrides: Partial<EscalationDetail> = {}): EscalationDetail {
  return {
    escalationId: ID,
    ruleId: 'threat-cluster',
    ruleVersion: 1,
    municipality: 'GM0363',
    riecRegion: 'amsterdam',
    severity: 'HIGH',
    status: 'ACKNOWLEDGED',
    explanation: 'Drie meldingen van bedreiging in 30 dagen in Amsterdam.',
    raisedAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-21T10:00:00Z',
    acknowledgedAt: '2026-11-21T10:00:00Z',
    acknowledgedBy: 'analyst-amsterdam',
    assignee: null,
    closedAt: null,
    closedBy: null,
    outcome: null,
    subjectFingerprint: null,
    revision: 2,
    contributingSignalIds: ['5f0c1d2e-0000-4000-8000-000000000001'],
    contributingSignals: [
      {
        signalId: '5f0c1d2e-0000-4000-8000-000000000001',
        category: 'THREAT',
        subcategory: 'AT_HOME',
        severity: 4,
        occurredAt: '2026-11-19T10:00:00Z',
        status: 'LIVE',
        classification: 'TLP:AMBER',
      },
    ],
    notes: [
      {
        noteId: '7d1e0c9a-0000-4000-8000-000000000002',
        text: 'Gebeld met de coördinator.',
        by: 'analyst-amsterdam',
        at: '2026-11-21T11:00:00Z',
      },
    ],
    deliveries: [
      {
        deliveryId: '8e2f1d0b-0000-4000-8000-000000000003',
        channel: 'EMAIL',
        kind: 'RIEC_EMAIL',
        recipient: 'riec@amsterdam.test',
        revision: 0,
        status: 'DELIVERED',
        attempts: [
          { attempt: 1, at: '2026-11-20T10:01:00Z', outcome: 'DELIVERED', detail: '250 OK' },
        ],
        nextAttemptAt: null,
      },
    ],
    history: [
      {
        revision: 0,
        type: 'EscalationRaised',
        at: '2026-11-20T10:00:00Z',
        by: 'system',
        summary: 'Escalatie door regel threat-cluster (versie 1) met 3 meldingen',
      },
    ],
    ...overrides,
  };
}

afterEach(() => vi.unstubAllGlobals());

it('closes the case with the chosen disposition and note, and shows the field error the API gives', async () => {
  signInAs('analyst');
  const requests = stubNetwork(({ method, url }) => {
    if (method === 'GET' && url.pathname === `/api/v1/escalations/${ID}`) {
      return Response.json(aCase());
    }
    if (method === 'POST' && url.pathname === `/api/v1/escalations/${ID}/close`) {
      return problem(422, 'Unprocessable Entity', 'The request is not valid: note; see errors', [
        { field: 'note', message: 'must be at most 2000 characters' },
      ]);
    }
    return undefined;
  });
  const user = userEvent.setup();
  renderRoutes(escalationRoutes, `/escalations/${ID}`);

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Reeks bedreigingen in Amsterdam' }),
  ).toBeInTheDocument();
  const form = screen.getByRole('form', { name: 'Afsluiten' });
  await user.click(within(form).getByRole('radio', { name: /Vals alarm/ }));
  await user.type(within(form).getByLabelText(/Toelichting bij het afsluiten/), 'Geen patroon');
  await user.click(within(form).getByRole('button', { name: 'Afsluiten' }));

  const note = within(form).getByLabelText(/Toelichting bij het afsluiten/);
  expect(await within(form).findByText('must be at most 2000 characters')).toBeInTheDocument();
  expect(note).toHaveAttribute('aria-invalid', 'true');
  expect(note).toHaveAccessibleDescription(expect.stringContaining('must be at most 2000'));
  expect(within(form).getByRole('alert')).toHaveTextContent('Controleer de gemarkeerde velden.');
  const close = requests.filter((r) => r.url.pathname.endsWith('/close'));
  expect(close).toHaveLength(1);
  expect(close[0].body).toEqual({ outcome: 'FALSE_POSITIVE', note: 'Geen patroon' });
});

it('refreshes the case after it is closed and announces the result', async () => {
  signInAs('analyst');
  let closed = false;
  const requests = stubNetwork(({ method, url }) => {
    if (method === 'GET' && url.pathname === `/api/v1/escalations/${ID}`) {
      return Response.json(
        closed
          ? aCase({ status: 'CLOSED', outcome: 'RISK_CONFIRMED', closedAt: '2026-11-24T10:00:00Z' })
          : aCase(),
      );
    }
    if (method === 'POST' && url.pathname === `/api/v1/escalations/${ID}/close`) {
      closed = true;
      return Response.json({ escalationId: ID, status: 'CLOSED', revision: 3 });
    }
    return undefined;
  });
  const user = userEvent.setup();
  renderRoutes(escalationRoutes, `/escalations/${ID}`);

  const form = await screen.findByRole('form', { name: 'Afsluiten' });
  await user.click(within(form).getByRole('radio', { name: /Risico bevestigd/ }));
  await user.type(within(form).getByLabelText(/Toelichting bij het afsluiten/), 'Bevestigd');
  await user.click(within(form).getByRole('button', { name: 'Afsluiten' }));

  expect(
    await screen.findByText('De escalatie is afgesloten: Risico bevestigd.'),
  ).toBeInTheDocument();
  // The case came again from the API: closed, so the close form is gone.
  expect(await screen.findByText(/Deze escalatie is afgesloten/)).toBeInTheDocument();
  expect(screen.queryByRole('form', { name: 'Afsluiten' })).not.toBeInTheDocument();
  expect(
    requests.filter((r) => r.method === 'GET' && r.url.pathname === `/api/v1/escalations/${ID}`),
  ).toHaveLength(2);
});

it('assigns the case to the signed-in analyst', async () => {
  signInAs('analyst');
  const requests = stubNetwork(({ method, url }) => {
    if (method === 'GET' && url.pathname === `/api/v1/escalations/${ID}`) {
      return Response.json(aCase());
    }
    if (method === 'POST' && url.pathname === `/api/v1/escalations/${ID}/assign`) {
      return Response.json({ escalationId: ID, status: 'ACKNOWLEDGED', revision: 3 });
    }
    return undefined;
  });
  const user = userEvent.setup();
  renderRoutes(escalationRoutes, `/escalations/${ID}`);

  await user.click(await screen.findByRole('button', { name: 'Aan mij toewijzen' }));
  expect(
    await screen.findByText('De escalatie is toegewezen aan analyst-amsterdam.'),
  ).toBeInTheDocument();
  expect(requests.find((r) => r.url.pathname.endsWith('/assign'))?.body).toEqual({
    assignee: 'analyst-amsterdam',
  });
});

it('shows a burgemeester the plain-Dutch summary without notes, signals or actions', async () => {
  signInAs('burgemeester');
  stubNetwork(({ method, url }) => {
    if (method === 'GET' && url.pathname === `/api/v1/escalations/${ID}`) {
      // The mayor's view: the summary fields only (no notes, signals, names or deliveries).
      const mayorView: Partial<EscalationDetail> = aCase();
      for (const key of ['notes', 'contributingSignals', 'assignee', 'acknowledgedBy'] as const) {
        delete mayorView[key];
      }
      return Response.json({
        ...mayorView,
        deliveries: [],
        history: [
          {
            revision: 0,
            type: 'EscalationRaised',
            at: '2026-11-20T10:00:00Z',
            summary: 'Escalatie',
          },
        ],
      });
    }
    return undefined;
  });
  renderRoutes(escalationRoutes, `/escalations/${ID}`);

  expect(await screen.findByText(/Drie meldingen van bedreiging/)).toHaveAttribute('lang', 'nl');
  expect(screen.getByText('In behandeling')).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Notities' })).not.toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Bijdragende meldingen' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button')).not.toBeInTheDocument();
});
