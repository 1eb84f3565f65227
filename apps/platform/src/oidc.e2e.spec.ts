// Production sign-in: the platform takes the access tokens of a real OpenID Connect provider
// (oidc-provider, test/oidc/oidc-provider.mjs) checked against the keys the provider publishes,
// picks up a rotated key without a restart, and refuses tokens of unknown keys, of another
// audience, expired ones and — without a secret of its own — HS256 ones.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { freePort } from '../../local-cluster/src/local-cluster';
import { startTestPlatform, testConfig, type TestPlatform } from './testing/test-platform';

const PROVIDER = join(__dirname, '../../../test/oidc/oidc-provider.mjs');

interface SigningKey {
  kid: string;
  jwk: JsonWebKey;
  pem: string;
}
const aKey = (kid: string): SigningKey => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    jwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
    pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
};
const [first, second, stranger] = ['key-2026-1', 'key-2026-2', 'key-elsewhere'].map(aKey);

const CLIENTS = {
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
};

let port: number;
let issuer: string;
let provider: ChildProcess | undefined;
let t: TestPlatform;

/** Starts the provider with these keys (the first signs), stopping the one before. */
async function startProvider(keys: SigningKey[]): Promise<void> {
  await stopProvider();
  const child = spawn(process.execPath, [PROVIDER], {
    env: {
      PATH: process.env.PATH,
      OIDC_PORT: String(port),
      OIDC_KEYS: JSON.stringify(keys.map((key) => key.jwk)),
      OIDC_CLIENTS: JSON.stringify(CLIENTS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  provider = child;
  await new Promise<void>((ready, failed) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready ')) ready();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => failed(new Error(`the provider exited (${code}): ${output}`)));
  });
}

async function stopProvider(): Promise<void> {
  const child = provider;
  provider = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** An access token from the provider, by the client-credentials grant. */
async function tokenOf(client: keyof typeof CLIENTS): Promise<string> {
  const basic = Buffer.from(`${client}:${CLIENTS[client].secret}`).toString('base64');
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=api',
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

const signals = (token: string) =>
  request(t.http).get('/api/v1/signals').set('Authorization', `Bearer ${token}`);

beforeAll(async () => {
  port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  await startProvider([first]);
  const auth = testConfig().auth;
  t = await startTestPlatform({
    auth: {
      ...auth,
      devSignIn: false,
      acceptHs256: false,
      jwks: { url: `${issuer}/jwks`, issuer, audience: 'weerbaar-api' },
    },
  });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await stopProvider();
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
  await startProvider([second, first]); // rotation: a new signing key, the old one still published
  const after = await tokenOf('coordinator-amsterdam');
  expect(jwt.decode(after, { complete: true })?.header.kid).toBe(second.kid);
  await signals(after).expect(200);
  await signals(before).expect(200);
});
