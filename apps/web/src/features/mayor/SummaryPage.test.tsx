import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { components } from '../../api/schema';
import { renderRoutes, signInAs, stubNetwork } from '../escalations/test-support';
import { pdfFilename } from './SummaryPage';
import { mayorRoutes } from './routes';

const summary: components['schemas']['MayorSummaryResponse'] = {
  municipality: { code: 'GM0363', name: 'Amsterdam' },
  riec: {
    id: 'amsterdam',
    name: 'RIEC Amsterdam-Amstelland',
    contacts: [{ name: 'Anna Analist', email: 'anna@riec.test', phone: '+31 20 123 4567' }],
  },
  generatedAt: '2026-11-24T10:00:00Z',
  risk: {
    level: 'HIGH',
    previousLevel: 'ELEVATED',
    trendDays: 90,
    trend: 'RISING',
    counts: {
      d30: { THREAT: 3, BRIBERY: 1, INFILTRATION: 0 },
      d90: { THREAT: 4, BRIBERY: 1, INFILTRATION: 1 },
      d365: { THREAT: 6, BRIBERY: 2, INFILTRATION: 1 },
    },
    aangifte: { filed: 2, eligible: 3, rate: 2 / 3 },
    lastSignalAt: '2026-11-23T09:00:00Z',
  },
  escalations: [
    {
      escalationId: '0b6c7a52-6f3e-4a57-9d59-000000000001',
      ruleId: 'threat-cluster',
      status: 'ACKNOWLEDGED',
      raisedAt: '2026-11-20T10:00:00Z',
      closedAt: null,
      outcome: null,
      signalCounts: { THREAT: 3, BRIBERY: 0, INFILTRATION: 0 },
    },
  ],
};

const createObjectURL = vi.fn((_blob: Blob) => 'blob:pdf');
let clicked: { href: string; download: string } | undefined;

beforeEach(() => {
  clicked = undefined;
  createObjectURL.mockClear();
  // jsdom has no object URLs and does not download: stand in for both.
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked = { href: this.href, download: this.download };
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it('shows the level and downloads the PDF with the token in the Authorization header only', async () => {
  signInAs('burgemeester', 'mayor-secret-token');
  const requests = stubNetwork(({ url }) => {
    if (url.pathname === '/api/v1/municipalities/GM0363/summary') return Response.json(summary);
    if (url.pathname === '/api/v1/municipalities/GM0363/summary.pdf') {
      return new Response('%PDF-1.7', {
        headers: { 'Content-Type': 'application/pdf' },
      });
    }
    return undefined;
  });
  const user = userEvent.setup();
  renderRoutes(mayorRoutes, '/summary');

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Samenvatting voor Amsterdam' }),
  ).toBeInTheDocument();
  const risk = screen.getByRole('region', { name: 'Risicobeeld' });
  expect(within(risk).getByText('Hoog')).toBeInTheDocument();
  expect(within(risk).getByText('Stijgend')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Reeks bedreigingen' })).toHaveAttribute(
    'href',
    '/escalations/0b6c7a52-6f3e-4a57-9d59-000000000001',
  );

  await user.click(screen.getByRole('button', { name: 'Download als PDF' }));

  expect(await screen.findByText(/De PDF is gedownload als/)).toBeInTheDocument();
  const pdf = requests.find((r) => r.url.pathname.endsWith('/summary.pdf'));
  expect(pdf?.headers.get('Authorization')).toBe('Bearer mayor-secret-token');
  expect(pdf?.url.href).not.toContain('mayor-secret-token');
  expect(createObjectURL).toHaveBeenCalledWith(
    expect.objectContaining({ type: 'application/pdf', size: 8 }),
  );
  expect(clicked?.href).toBe('blob:pdf');
  expect(clicked?.download).toMatch(/^weerbaar-samenvatting-GM0363-\d{4}-\d{2}-\d{2}\.pdf$/);
});

it('names the PDF after the municipality and the day in Amsterdam', () => {
  // 23:30 UTC on 24 November is already the 25th in Amsterdam.
  expect(pdfFilename('GM0363', new Date('2026-11-24T23:30:00Z'))).toBe(
    'weerbaar-samenvatting-GM0363-2026-11-25.pdf',
  );
});
