// The platform's side of the web app: its build served at `/` with the right caching, the
// public reference data it labels and draws with, and the development sign-in.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestPlatform, testConfig, type TestPlatform } from '../testing/test-platform';

const INDEX = '<!doctype html><html lang="nl"><title>Weerbaar</title><div id="root"></div>';

describe('the web app on the embedded platform', () => {
  let dir: string;
  let t: TestPlatform;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weerbaar-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'export const app = 1;\n'.repeat(500));
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestPlatform({}, { webAppDir: dir });
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('serving the build', () => {
    it('answers / with index.html, revalidated on every load, under a strict CSP', async () => {
      const res = await request(t.http).get('/').set('Accept', 'text/html').expect(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
    });

    it("answers the app's own routes with index.html, so a reload keeps the screen", async () => {
      for (const path of ['/signals/new', '/municipalities/GM0363', '/escalations/abc']) {
        const res = await request(t.http).get(path).set('Accept', 'text/html').expect(200);
        expect(res.text).toBe(INDEX);
      }
    });

    it('caches hashed assets for a year, and answers a missing asset 404 instead of the page', async () => {
      const res = await request(t.http).get('/assets/index-Ab12Cd34.js').expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type']).toMatch(/javascript/);
      await request(t.http).get('/assets/gone-Zz99.js').set('Accept', 'text/html').expect(404);
      const icon = await request(t.http).get('/favicon.svg').expect(200);
      expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    });

    it('compresses the app and the reference data for browsers that accept it, not the API', async () => {
      const asset = await request(t.http)
        .get('/assets/index-Ab12Cd34.js')
        .set('Accept-Encoding', 'gzip')
        .expect(200);
      expect(asset.headers['content-encoding']).toBe('gzip');
      expect(asset.text).toBe('export const app = 1;\n'.repeat(500));
      const boundaries = await request(t.http)
        .get('/api/v1/reference/boundaries')
        .set('Accept-Encoding', 'gzip')
        .expect(200);
      expect(boundaries.headers['content-encoding']).toBe('gzip');
      const token = t.tokens.analyst('amsterdam');
      const api = await request(t.http)
        .get('/api/v1/regions/amsterdam/risk')
        .set('Authorization', `Bearer ${token}`)
        .set('Accept-Encoding', 'gzip')
        .expect(200);
      expect(api.headers['content-encoding']).toBeUndefined();
      const plain = await request(t.http)
        .get('/assets/index-Ab12Cd34.js')
        .set('Accept-Encoding', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
    });

    it('never shadows the API: an unknown API path is a problem+json 404, not the page', async () => {
      const res = await request(t.http)
        .get('/api/v1/nothing-here')
        .set('Accept', 'text/html')
        .expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('reference data', () => {
    it('lists the municipalities and RIEC regions without a token, cacheable', async () => {
      const res = await request(t.http).get('/api/v1/reference').expect(200);
      expect(res.body.municipalities).toHaveLength(342);
      expect(res.body.municipalities).toContainEqual({
        code: 'GM0363',
        name: 'Amsterdam',
        riecRegion: 'amsterdam',
      });
      expect(res.body.riecRegions.map((r: { id: string }) => r.id)).toContain('amsterdam');
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
    });

    it('serves the municipal boundaries as TopoJSON with one geometry per municipality', async () => {
      const res = await request(t.http).get('/api/v1/reference/boundaries').expect(200);
      const topology = JSON.parse(res.text);
      expect(topology.type).toBe('Topology');
      const codes = topology.objects.gm_features.geometries.map(
        (g: { properties: { code: string } }) => g.properties.code,
      );
      expect(new Set(codes).size).toBe(342);
    });
  });

  describe('development sign-in', () => {
    const signIn = (body: object) => request(t.http).post('/api/v1/dev/tokens').send(body);

    it('gives a coordinator a token for their municipality that the API accepts', async () => {
      const res = await signIn({ role: 'coordinator', municipality: 'GM0363' }).expect(200);
      expect(res.body).toMatchObject({
        role: 'coordinator',
        municipality: 'GM0363',
        sub: 'dev-coordinator-GM0363',
      });
      expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now() + 7 * 3600_000);
      await request(t.http)
        .get('/api/v1/municipalities/GM0363/risk')
        .set('Authorization', `Bearer ${res.body.token}`)
        .expect(200);
      await request(t.http)
        .get('/api/v1/municipalities/GM0599/risk')
        .set('Authorization', `Bearer ${res.body.token}`)
        .expect(404);
    });

    it('gives an analyst a token for their region', async () => {
      const res = await signIn({ role: 'analyst', riecRegion: 'amsterdam' }).expect(200);
      await request(t.http)
        .get('/api/v1/regions/amsterdam/risk')
        .set('Authorization', `Bearer ${res.body.token}`)
        .expect(200);
    });

    it.each([
      [{ role: 'coordinator' }, 'municipality'],
      [{ role: 'coordinator', municipality: 'GM9999' }, 'municipality'],
      [{ role: 'analyst', riecRegion: 'atlantis' }, 'riecRegion'],
      [{ role: 'burgemeester', municipality: 'GM0363', riecRegion: 'amsterdam' }, 'riecRegion'],
      [{ role: 'admin', municipality: 'GM0363' }, 'municipality'],
      [{ role: 'king' }, 'role'],
    ])('refuses %j naming the field %s', async (body: object, field) => {
      const res = await signIn(body).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses unknown fields as malformed', async () => {
      await signIn({ role: 'admin', sub: 'someone-else' }).expect(400);
    });
  });
});

describe('the development sign-in where an operator set the signing secret', () => {
  it('does not exist', async () => {
    const base = testConfig();
    const t = await startTestPlatform({ auth: { ...base.auth, devSignIn: false } });
    try {
      const res = await request(t.http)
        .post('/api/v1/dev/tokens')
        .send({ role: 'admin' })
        .expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await t.close();
    }
  });
});
