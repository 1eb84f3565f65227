// Each role's main journey, end to end in Chromium, in Dutch: a coordinator of Amsterdam records
// three threats; the analyst of RIEC Amsterdam-Amstelland sees Amsterdam change colour on the map
// and the escalation in the inbox, assigns and closes it; the mayor of Amsterdam reads the
// summary and downloads the PDF. Every main screen is checked with axe-core and kept as a
// screenshot. The tests in this file build on each other, in order.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  newPerson,
  screenshot,
  seriousAccessibilityViolations,
} from './support/browser';
import { startPlatformForBrowser, type BrowserTestPlatform } from './support/platform';
import { signIn } from './support/sign-in';

jest.setTimeout(90_000);

const THREATS = [
  { subcategory: 'Online', description: 'Dreigende berichten aan wethouder via sociale media' },
  {
    subcategory: 'Aan huis',
    description: "Onbekenden stonden 's nachts bij de woning van het raadslid",
  },
  { subcategory: 'Verbaal', description: 'Wethouder na raadsvergadering verbaal bedreigd' },
];

let platform: BrowserTestPlatform;
let browser: Browser;
let coordinator: Page;
let analyst: Page;
let amsterdamLevelBefore: string | null;
let amsterdamFillBefore: string | null;

/** Checks the screen with axe-core and keeps a screenshot of it. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
}

function amsterdamOnTheMap(page: Page) {
  return page.locator('[data-municipality="GM0363"]');
}

beforeAll(async () => {
  platform = await startPlatformForBrowser();
  browser = await launchBrowser();
  coordinator = await (await newPerson(browser, platform.baseUrl)).newPage();
  analyst = await (await newPerson(browser, platform.baseUrl)).newPage();
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('the RIEC analyst, before', () => {
  it('sees Amsterdam at a low level on the map of the region', async () => {
    await signIn(analyst, { role: 'analyst', region: 'RIEC Amsterdam-Amstelland' });
    expect(new URL(analyst.url()).pathname).toBe('/region');
    await amsterdamOnTheMap(analyst).waitFor();
    amsterdamLevelBefore = await amsterdamOnTheMap(analyst).getAttribute('data-level');
    amsterdamFillBefore = await amsterdamOnTheMap(analyst).getAttribute('fill');
    expect(amsterdamLevelBefore).toBe('LOW');
  });
});

describe('the coordinator of Amsterdam', () => {
  it('records three threats with the form', async () => {
    await signIn(coordinator, { role: 'coordinator', municipality: 'Amsterdam' });
    for (const [i, threat] of THREATS.entries()) {
      await coordinator.getByRole('link', { name: 'Nieuwe melding' }).first().click();
      await coordinator.getByRole('heading', { level: 1, name: 'Nieuwe melding' }).waitFor();
      await coordinator.getByRole('radio', { name: 'Bedreiging' }).check();
      await coordinator.getByLabel('Subcategorie').selectOption({ label: threat.subcategory });
      await coordinator
        .getByLabel('Tegen wie was het gericht?')
        .selectOption({ label: i === 1 ? 'Raadslid' : 'Wethouder' });
      const day = new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10);
      await coordinator.getByLabel('Datum', { exact: true }).fill(day);
      await coordinator.getByLabel('Tijd', { exact: true }).fill('21:15');
      await coordinator
        .getByRole('group', { name: /^Ernst/ })
        .getByRole('radio', { name: /^3/ })
        .check();
      await coordinator
        .getByRole('textbox', { name: 'Omschrijving', exact: true })
        .fill(threat.description);
      await coordinator
        .getByRole('combobox', { name: 'Bron', exact: true })
        .selectOption({ label: 'Rechtstreeks gemeld' });
      if (i === 0) await checkScreen(coordinator, '03-coordinator-new-signal');
      await coordinator.getByRole('button', { name: 'Melding vastleggen' }).click();
      await coordinator.getByText('De melding is vastgelegd.').waitFor();
      expect(new URL(coordinator.url()).pathname).toMatch(/^\/signals\/[0-9a-f-]{36}$/);
      await coordinator.getByText(threat.description).waitFor();
    }
    await checkScreen(coordinator, '04-coordinator-signal');
  });

  it('finds them in the list of the municipality, newest first', async () => {
    await coordinator.getByRole('link', { name: 'Meldingen', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    await coordinator.getByText('3 meldingen getoond.').waitFor();
    const rows = coordinator.locator('table tbody tr');
    expect(await rows.count()).toBe(3);
    await checkScreen(coordinator, '02-coordinator-signals');
  });
});

describe('the RIEC analyst, after', () => {
  it('sees Amsterdam change colour on the map', async () => {
    for (let tries = 0; tries < 20; tries++) {
      await analyst.reload();
      await amsterdamOnTheMap(analyst).waitFor();
      if ((await amsterdamOnTheMap(analyst).getAttribute('data-level')) !== amsterdamLevelBefore) {
        break;
      }
      await analyst.waitForTimeout(500);
    }
    expect(await amsterdamOnTheMap(analyst).getAttribute('data-level')).toBe('ELEVATED');
    expect(await amsterdamOnTheMap(analyst).getAttribute('fill')).not.toBe(amsterdamFillBefore);
    await analyst.getByRole('link', { name: 'Amsterdam: Verhoogd' }).waitFor();
    await checkScreen(analyst, '10-analyst-region-map');
  });

  it("opens Amsterdam's risk picture from the map, and the picture as it was known a week ago", async () => {
    await analyst.getByRole('link', { name: 'Amsterdam: Verhoogd' }).click();
    await analyst.waitForURL('**/municipalities/GM0363');
    await analyst.getByRole('heading', { level: 1, name: /Amsterdam/ }).waitFor();
    await analyst.getByText('Verhoogd').first().waitFor();
    await checkScreen(analyst, '11-analyst-municipality');
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await analyst.getByLabel(/datum/i).first().fill(weekAgo);
    await analyst
      .getByRole('button', { name: /Toon|Bekijk/ })
      .first()
      .click();
    await analyst.waitForURL(`**/municipalities/GM0363?asOf=${weekAgo}`);
    await analyst.getByText('Laag').first().waitFor();
  });
});

describe('scope', () => {
  it('keeps a coordinator to their own municipality, even by URL', async () => {
    const rotterdam = await fetch(`${platform.baseUrl}/api/v1/signals`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${platform.tokens.coordinator('GM0599')}`,
      },
      body: JSON.stringify({
        municipality: 'GM0599',
        category: 'BRIBERY',
        subcategory: 'MONEY_OFFER',
        targetRole: 'WETHOUDER',
        severity: 2,
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        description: 'Geld aangeboden voor een vergunning in Rotterdam',
        policeReportFiled: false,
        source: 'DIRECT',
      }),
    });
    expect(rotterdam.status).toBe(201);
    const { signalId } = (await rotterdam.json()) as { signalId: string };
    for (const path of [`/signals/${signalId}`, '/municipalities/GM0599', '/region', '/rules']) {
      await coordinator.goto(path);
      await coordinator.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
      expect(await coordinator.content()).not.toContain('Rotterdam</');
    }
  });
});

describe('in English', () => {
  it('shows the same screens in English, with English dates', async () => {
    await analyst.goto('/region');
    await analyst.getByRole('button', { name: 'English' }).click();
    expect(await analyst.getAttribute('html', 'lang')).toBe('en');
    await analyst
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Region map' })
      .waitFor();
    await analyst.getByRole('link', { name: 'Amsterdam: Elevated' }).waitFor();
    await screenshot(analyst, '12-analyst-region-map-en');
    await analyst.getByRole('button', { name: 'Nederlands' }).click();
    await analyst.getByRole('link', { name: 'Amsterdam: Verhoogd' }).waitFor();
  });
});

// Used by the escalation and mayor journeys below.
void readFileSync;
