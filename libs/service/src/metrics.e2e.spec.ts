// GET /metrics of a service (embedded engine, in memory): the process's metrics and every HTTP
// request counted by its route pattern, never by the path with its ids.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '@weerbaar/config';
import { createServiceApp, type ServiceApp } from './service-app';

let service: ServiceApp;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-metrics-'));
  const config = loadConfig({
    WEERBAAR_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    SUBJECT_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
  });
  service = await createServiceApp(config, { features: [], webAppDir: false, inMemory: true });
  await service.app.init();
});

afterAll(async () => {
  await service?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('counts requests by route and status, and reports the process', async () => {
  const http = service.app.getHttpServer();
  await request(http).get('/health/live').expect(200);
  await request(http).get('/health/live').expect(200);
  await request(http).get(`/nothing/${randomUUID()}`).expect(404);
  const res = await request(http).get('/metrics').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  expect(res.text).toMatch(
    /weerbaar_http_requests_total\{method="GET",route="\/health\/live",status="200"\} 2/,
  );
  expect(res.text).toMatch(
    /weerbaar_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/,
  );
  expect(res.text).not.toMatch(/route="\/nothing/);
  expect(res.text).toMatch(/weerbaar_process_resident_memory_bytes \d+/);
  expect(res.text).toMatch(/weerbaar_http_request_duration_seconds_bucket/);
});
