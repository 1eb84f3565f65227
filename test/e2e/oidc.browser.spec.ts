// Production sign-in in the browser: a coordinator of Amsterdam signs in at the organisation's
// OpenID Connect provider (a real oidc-provider with its own login and consent pages) by the
// authorization code flow with PKCE, comes back to the web app signed in, and the API takes the
// provider's token. Under the platform's real CSP (not bypassed here: no axe-core in this file).
import type { Browser } from 'playwright-core';
import { aSigningKey, OidcProvider } from '@weerbaar/testing';
import { freePort } from '../../apps/local-cluster/src/local-cluster';
import { testConfig } from '../../apps/platform/src/testing/test-platform';
import { launchBrowser, screenshot } from './support/browser';
import { startPlatformForBrowser, type BrowserTestPlatform } from './support/platform';

jest.setTimeout(60_000);

let provider: OidcProvider;
let platform: BrowserTestPlatform;
let browser: Browser;

beforeAll(async () => {
  const providerPort = await freePort();
  const issuer = `http://127.0.0.1:${providerPort}`;
  platform = await startPlatformForBrowser({
    auth: {
      ...testConfig().auth,
      devSignIn: false,
      acceptHs256: false,
      jwks: { url: `${issuer}/jwks`, issuer, audience: 'weerbaar-api' },
      webSignIn: { clientId: 'weerbaar-web', scope: 'openid api', resource: undefined },
    },
  });
  provider = await OidcProvider.start({
    port: providerPort,
    keys: [aSigningKey('key-1')],
    clients: {
      'weerbaar-web': {
        redirectUri: `${platform.baseUrl}/auth/callback`,
        audience: 'weerbaar-api',
      },
    },
    accounts: { 'c.jansen': { role: 'coordinator', municipality: 'GM0363' } },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  await provider?.stop();
});

it('signs a coordinator in at the provider and back into their signals, the token in no URL', async () => {
  const context = await browser.newContext({ baseURL: platform.baseUrl, locale: 'nl-NL' });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });

  await page.goto('/');
  await page.waitForURL('**/sign-in');
  // Only the provider's way in: the development sign-in is off here.
  await expect(page.getByRole('radio').count()).resolves.toBe(0);
  await page.getByRole('button', { name: 'Aanmelden via uw organisatie' }).click();

  // The provider's own pages: its development login, then consent.
  await page.waitForURL(`${provider.issuer}/**`);
  await page.locator('input[name="login"]').fill('c.jansen');
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.waitForURL('**/signals');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect(page.getByRole('alert').count()).resolves.toBe(0);
  await screenshot(page, '99-signed-in-through-oidc');

  const session = JSON.parse(
    (await page.evaluate(() => window.sessionStorage.getItem('weerbaar.session'))) ?? '{}',
  ) as { token?: string; sub?: string; role?: string; municipality?: string };
  expect(session).toMatchObject({ sub: 'c.jansen', role: 'coordinator', municipality: 'GM0363' });
  // The API took the provider's token: the list of Amsterdam's signals answered.
  const status = await page.evaluate(
    async (token) =>
      (await fetch('/api/v1/signals', { headers: { Authorization: `Bearer ${token}` } })).status,
    session.token,
  );
  expect(status).toBe(200);
  // The redirect carried a one-time code, never the token; the verifier stayed in the tab.
  const callback = urls.find((url) => url.includes('/auth/callback'));
  expect(callback).toMatch(/[?&]code=/);
  for (const url of urls) {
    expect(url).not.toContain(session.token!);
    expect(url).not.toContain('access_token');
  }
  expect(blocked).toEqual([]);
  await context.close();
});
