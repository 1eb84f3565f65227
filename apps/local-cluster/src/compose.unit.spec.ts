// scripts/check-compose.js (npm run check:compose): the repository's docker-compose.yml passes it,
// and a broken file (testing/compose-fixture) fails it for each reason beyond the schema.
import { join } from 'node:path';
import {
  APP_SERVICES,
  loadCompose,
  schemaProblems,
  shapeProblems,
} from '../../../scripts/check-compose';
import { SERVICES } from './local-cluster';

const root = join(__dirname, '../../..');
const fixture = join(__dirname, 'testing/compose-fixture');

describe('check-compose', () => {
  it('knows the services the local cluster runs', () => {
    expect(APP_SERVICES).toEqual(SERVICES);
  });

  it("passes the repository's docker-compose.yml", () => {
    const compose = loadCompose(join(root, 'docker-compose.yml'));
    expect(schemaProblems(compose)).toEqual([]);
    expect(shapeProblems(compose, root)).toEqual([]);
  });

  it('rejects what the Compose Specification does not allow', () => {
    const problems = schemaProblems({
      services: { nginx: { image: 'nginx', restrat: 'always', healthcheck: { interval: 10 } } },
    });
    expect(problems).toContain('services.nginx.healthcheck.interval: must be string');
    expect(problems).toContain('services.nginx: must NOT have unevaluated properties (restrat)');
  });

  it('fails a file the schema accepts for each wrong service, path and template variable', () => {
    const compose = loadCompose(join(fixture, 'docker-compose.yml'));
    expect(schemaProblems(compose)).toEqual([]);
    expect(shapeProblems(compose, fixture)).toEqual([
      'service risk-query is missing',
      'service escalation is missing',
      'service notifier is missing',
      'service relay is missing',
      'service risk-projector: Dockerfile Missing.Dockerfile does not exist',
      'service nginx: Dockerfile has no stage nginx',
      'service nginx: mounts ./missing.conf, which does not exist',
      'service signal-intake: DATABASE_URL names postgres, which is no service of the file',
      'service signal-intake: AUTH_JWT_SECRET must come from the environment as ${AUTH_JWT_SECRET:?message}',
      'service risk-projector: its command does not run dist/apps/risk-projector/src/main.js',
      'service risk-projector: DATABASE_URL is not set',
      'service nginx: SIGNAL_INTAKE names intake, which is no service of the file',
      'service nginx: NGINX_ENVSUBST_FILTER leaves ${RISK_QUERY} of ./nginx.conf.template as is',
      'service nginx: ./nginx.conf.template needs ${OPENAPI_ROOT}, which its environment lacks',
      "service nginx: its environment sets host, so envsubst would replace nginx's $host in ./nginx.conf.template",
    ]);
  });

  it('reports nothing but the missing services for an empty file', () => {
    expect(shapeProblems({}, fixture)).toEqual(
      [...SERVICES, 'nginx'].map((name) => `service ${name} is missing`),
    );
  });
});
