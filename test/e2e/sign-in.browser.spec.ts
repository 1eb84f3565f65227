// The way in: the development sign-in page, in Dutch and English, accessible, under the
// platform's CSP, and the token kept out of every URL.
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  newPerson,
  screenshot,
  seriousAccessibilityViolations,
} from './support/browser';
import { startPlatformForBrowser, type BrowserTestPlatform } from './support/platform';
import { signIn } from './support/sign-in';

jest.setTimeout(60_000);

let platform: BrowserTestPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatformForBrowser();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function openPage(): Promise<Page> {
  const context = await newPerson(browser, platform.baseUrl);
  return context.newPage();
}

it('shows the sign-in page in Dutch, without serious accessibility problems', async () => {
  const page = await openPage();
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.waitForURL('**/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Aanmelden bij Weerbaar' }).waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  await page
    .getByLabel('Gemeente', { exact: true })
    .locator('option', { hasText: 'Amsterdam' })
    .waitFor({ state: 'attached' });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, '01-sign-in');
  await page.context().close();
});

it('switches to English and back, and remembers the choice', async () => {
  const page = await openPage();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in to Weerbaar' }).waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Sign in to Weerbaar' }).waitFor();
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await page.getByRole('heading', { level: 1, name: 'Aanmelden bij Weerbaar' }).waitFor();
  await page.context().close();
});

it('signs a coordinator in, keeps the token out of the URL, and signs out', async () => {
  const page = await openPage();
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await signIn(page, { role: 'coordinator', municipality: 'Amsterdam' });
  expect(new URL(page.url()).pathname).toBe('/signals');
  await page.getByText('Veiligheidscoördinator · Amsterdam').waitFor();
  const token = await page.evaluate(() => sessionStorage.getItem('weerbaar.session'));
  expect(token).toContain('"role":"coordinator"');
  expect(urls.some((url) => url.includes('eyJ'))).toBe(false);
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.waitForURL('**/sign-in');
  expect(await page.evaluate(() => sessionStorage.getItem('weerbaar.session'))).toBeNull();
  await page.context().close();
});

it('sends a person who opens a screen without signing in to the sign-in, then back', async () => {
  const page = await openPage();
  await page.goto('/municipalities/GM0363');
  await page.waitForURL('**/sign-in');
  await page.getByRole('radio', { name: 'Veiligheidscoördinator' }).check();
  await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Amsterdam' });
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL('**/municipalities/GM0363');
  await page.context().close();
});
