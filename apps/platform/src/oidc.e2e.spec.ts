// Production sign-in: the platform takes the access tokens of a real OpenID Connect provider
// (oidc-provider, libs/testing/src/oidc) checked against the keys the provider publishes,
// picks up a rotated key without a restart, and refuses tokens of unknown keys, of another
// audience, expired ones and — without a secret of its own — HS256 ones.
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { aSigningKey, OidcProvider, type SigningKey } from '@weerbaar/testing';
import { freePort } from '../../local-cluster/src/local-cluster';
import { startTestPlatform, testConfig, type TestPlatform } from './testing/test-platform';

const [first, second, stranger] = ['key-2026-1', 'key-2026-2', 'key-elsewhere'].map(aSigningKey);

let provider: OidcProvider;
let issuer: string;
let t: TestPlatform;

const tokenOf = (client: string) => provider.clientCredentialsToken(client);

const signals = (token: string) =>
  request(t.http).get('/api/v1/signals').set('Authorization', `Bearer ${token}`);

beforeAll(async () => {
  provider = await OidcProvider.start({
    port: await freePort(),
    keys: [first],
    clients: {
      'coordinator-amsterdam': {
        secret: 'coordinator-client-secret',
        audience: 'weerbaar-api',
        claims: { role: 'coordinator', municipality: 'GM0363' },
      },
      'analyst-amsterdam': {
        secret: 'analyst-client-secret',
        audience: 'weerbaar-api',
        claims: { role: 'analyst', riecRegion: 'amsterdam' },
      },
      'for-another-api': {
        secret: 'another-client-secret',
        audience: 'another-api',
        claims: { role: 'admin' },
      },
    },
  });
  issuer = provider.issuer;
  const auth = testConfig().auth;
  t = await startTestPlatform({
    auth: {
      ...auth,
      devSignIn: false,
      acceptHs256: false,
      jwks: { url: `${issuer}/jwks`, issuer, audience: 'weerbaar-api' },
      webSignIn: { clientId: 'weerbaar-web', scope: 'openid api', resource: undefined },
    },
  });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await provider?.stop();
});

it("takes the provider's access tokens, with the role and scope of their claims", async () => {
  const coordinator = await tokenOf('coordinator-amsterdam');
  expect(jwt.decode(coordinator, { complete: true })?.header.kid).toBe(first.kid);
  await signals(coordinator).expect(200);
  await request(t.http)
    .get('/api/v1/municipalities/GM0599/risk')
    .set('Authorization', `Bearer ${coordinator}`)
    .expect(404);
  const analyst = await tokenOf('analyst-amsterdam');
  await request(t.http)
    .get('/api/v1/regions/amsterdam/risk')
    .set('Authorization', `Bearer ${analyst}`)
    .expect(200);
  await signals(analyst).expect(200);
});

it('refuses tokens of another audience, of a key the provider does not publish, expired ones and HS256 ones', async () => {
  await signals(await tokenOf('for-another-api')).expect(401);

  const claims = { sub: 'someone', role: 'admin' };
  const signed = (key: SigningKey, options: jwt.SignOptions = {}) =>
    jwt.sign(claims, key.pem, {
      algorithm: 'RS256',
      keyid: key.kid,
      issuer,
      audience: 'weerbaar-api',
      expiresIn: 60,
      ...options,
    });
  // Well-formed, but by a key of nobody's key set.
  await signals(signed(stranger)).expect(401);
  // By the provider's own key (as a thief of it would), but another issuer.
  await signals(signed(first, { issuer: 'http://elsewhere.example' })).expect(401);
  // Expired 10 s ago: more than the 5 s of clock skew.
  await signals(signed(first, { expiresIn: -10 })).expect(401);
  // The platform's own secret signs nothing here, and a token without signature never passes.
  await signals(t.tokens.coordinator('GM0363')).expect(401);
  await signals(jwt.sign(claims, '', { algorithm: 'none' } as jwt.SignOptions)).expect(401);
});

it('picks up a rotated key without a restart, and still takes tokens of the key before', async () => {
  const before = await tokenOf('coordinator-amsterdam');
  await signals(before).expect(200); // the first key is cached now
  await provider.restart([second, first]); // rotation: a new signing key, the old one still published
  const after = await tokenOf('coordinator-amsterdam');
  expect(jwt.decode(after, { complete: true })?.header.kid).toBe(second.kid);
  await signals(after).expect(200);
  await signals(before).expect(200);
});

it('tells the web app to sign in at the provider, and lets its pages call the provider', async () => {
  const res = await request(t.http).get('/api/v1/sign-in').expect(200);
  expect(res.body).toEqual({
    development: false,
    oidc: { issuer, clientId: 'weerbaar-web', scope: 'openid api' },
  });
  expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ${issuer}`);
});
