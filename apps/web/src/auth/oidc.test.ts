import { afterEach, expect, it, vi } from 'vitest';
import { sessionOf, startOidcSignIn } from './oidc';

const base64url = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const aToken = (claims: object) => `${base64url({ alg: 'RS256' })}.${base64url(claims)}.signature`;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it("makes the session of an access token's claims", () => {
  const exp = Math.floor(Date.parse('2026-11-24T18:00:00Z') / 1000);
  const token = aToken({ sub: 'jan.de.vries', role: 'coordinator', municipality: 'GM0363', exp });
  expect(sessionOf(token)).toEqual({
    token,
    sub: 'jan.de.vries',
    role: 'coordinator',
    municipality: 'GM0363',
    expiresAt: '2026-11-24T18:00:00.000Z',
  });
  // Names in UTF-8 survive the base64url of the payload.
  expect(sessionOf(aToken({ sub: 'Zoë', role: 'admin', exp })).sub).toBe('Zoë');
});

it('refuses a token without the claims a session needs', () => {
  expect(() => sessionOf('not-a-jwt')).toThrow(/not a JWT/);
  expect(() => sessionOf(aToken({ sub: 'x', exp: 1 }))).toThrow(/role/);
});

it('sends the browser to the provider with a PKCE challenge and a state, and keeps the verifier', async () => {
  const assign = vi.fn();
  vi.stubGlobal('location', { origin: 'http://localhost:3000', assign });
  // Under jsdom, Web Crypto's digest answers with an ArrayBuffer of another realm than the one
  // oauth4webapi checks for (a browser has one realm): hand it the bytes as a view instead.
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'digest').mockImplementation(
    async (algorithm, data) =>
      new Uint8Array(await digest(algorithm, data)) as unknown as ArrayBuffer,
  );
  vi.stubGlobal('fetch', async (input: Request | string) => {
    expect(String(input instanceof Request ? input.url : input)).toBe(
      'https://login.example.nl/.well-known/openid-configuration',
    );
    return Response.json({
      issuer: 'https://login.example.nl',
      authorization_endpoint: 'https://login.example.nl/auth',
      token_endpoint: 'https://login.example.nl/token',
    });
  });
  await startOidcSignIn(
    {
      issuer: 'https://login.example.nl',
      clientId: 'weerbaar-web',
      scope: 'openid',
      resource: 'urn:weerbaar:api',
    },
    '/signals',
  );
  const url = new URL(assign.mock.calls[0][0] as string);
  expect(url.origin + url.pathname).toBe('https://login.example.nl/auth');
  expect(Object.fromEntries(url.searchParams)).toMatchObject({
    client_id: 'weerbaar-web',
    redirect_uri: 'http://localhost:3000/auth/callback',
    response_type: 'code',
    scope: 'openid',
    code_challenge_method: 'S256',
    resource: 'urn:weerbaar:api',
  });
  const pending = JSON.parse(window.sessionStorage.getItem('weerbaar.oidc.pending')!) as {
    verifier: string;
    state: string;
    from: string;
  };
  expect(url.searchParams.get('state')).toBe(pending.state);
  expect(pending.from).toBe('/signals');
  // The challenge is the verifier's SHA-256, never the verifier itself.
  expect(url.searchParams.get('code_challenge')).not.toBe(pending.verifier);
  expect(url.href).not.toContain(pending.verifier);
});
