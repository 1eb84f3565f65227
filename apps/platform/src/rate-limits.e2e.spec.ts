// Abuse limits and hardening end to end (embedded platform): requests per token and per address
// beyond the window's limit get 429 problem+json with Retry-After and change nothing; security
// headers on the API and the web app; CORS only for configured origins.
import request from 'supertest';
import { aThreatRequest } from '@weerbaar/testing';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('per token', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({
      rateLimits: { windowSeconds: 60, perToken: 3, perAddress: 1000 },
    });
  });
  afterAll(() => t?.close());

  it('refuses the request over the limit with 429 and Retry-After, and stores nothing of it', async () => {
    const token = t.tokens.coordinator('GM0363');
    const post = (description: string) =>
      request(t.http)
        .post('/api/v1/signals')
        .set('Authorization', `Bearer ${token}`)
        .send(aThreatRequest().with({ description }).build());
    await post('eerste').expect(201);
    await post('tweede').expect(201);
    await request(t.http)
      .get('/api/v1/signals')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);

    const refused = await post('te veel').expect(429);
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(refused.body).toMatchObject({ status: 429, detail: expect.stringMatching(/try again/) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another person's token is counted apart, and sees that the refused signal was not stored.
    const other = t.tokens.signed({
      sub: 'another-coordinator',
      role: 'coordinator',
      municipality: 'GM0363',
    });
    await t.settle();
    const { body } = await request(t.http)
      .get('/api/v1/signals')
      .set('Authorization', `Bearer ${other}`)
      .expect(200);
    expect(body.items).toHaveLength(2);
  });
});

describe('per address', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ rateLimits: { windowSeconds: 2, perToken: 0, perAddress: 3 } });
  });
  afterAll(() => t?.close());

  it('counts every request of an address, with or without a valid token, until the window ends', async () => {
    await request(t.http)
      .get('/api/v1/signals')
      .set('Authorization', 'Bearer nonsense')
      .expect(401);
    await request(t.http).get('/api/v1/signals').expect(401);
    await request(t.http)
      .get('/api/v1/signals')
      .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`)
      .expect(200);
    const refused = await request(t.http)
      .get('/api/v1/signals')
      .set('Authorization', `Bearer ${t.tokens.analyst('amsterdam')}`)
      .expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    await new Promise((resolve) =>
      setTimeout(resolve, (Number(refused.headers['retry-after']) + 0.2) * 1000),
    );
    await request(t.http)
      .get('/api/v1/signals')
      .set('Authorization', `Bearer ${t.tokens.analyst('amsterdam')}`)
      .expect(200);
  });
});

describe('headers and CORS', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ corsOrigins: ['https://weerbaar.example.nl'] });
  });
  afterAll(() => t?.close());

  it.each(['/api/v1/signals', '/health/live', '/'])(
    'sends the security headers on %s',
    async (path) => {
      const { headers } = await request(t.http).get(path);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      expect(headers).not.toHaveProperty('x-powered-by');
    },
  );

  it('lets a configured origin call the API, and no other', async () => {
    const allowed = await request(t.http)
      .options('/api/v1/signals')
      .set('Origin', 'https://weerbaar.example.nl')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://weerbaar.example.nl');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);

    const read = await request(t.http)
      .get('/api/v1/signals')
      .set('Origin', 'https://weerbaar.example.nl')
      .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`)
      .expect(200);
    expect(read.headers['access-control-allow-origin']).toBe('https://weerbaar.example.nl');
    expect(read.headers['access-control-expose-headers']).toMatch(/ETag/);

    const foreign = await request(t.http)
      .get('/api/v1/signals')
      .set('Origin', 'https://elders.example.com')
      .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`);
    expect(foreign.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('sends no CORS headers where no origin is configured', async () => {
    const plain = await startTestPlatform();
    try {
      const { headers } = await request(plain.http)
        .options('/api/v1/signals')
        .set('Origin', 'https://weerbaar.example.nl')
        .set('Access-Control-Request-Method', 'POST');
      expect(headers).not.toHaveProperty('access-control-allow-origin');
    } finally {
      await plain.close();
    }
  });
});
