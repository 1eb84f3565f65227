import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './weerbaar.config';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ WEERBAAR_DATA_DIR: dataDir, ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('needs no settings: defaults, and secrets generated once into the data directory', () => {
    const first = loadConfig({ WEERBAAR_DATA_DIR: dataDir });
    expect(first).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      logLevel: 'info',
    });
    expect(first.auth.jwtSecretGenerated).toBe(true);
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'secrets', 'jwt-secret')).mode & 0o777).toBe(0o600);
    const second = loadConfig({ WEERBAAR_DATA_DIR: dataDir });
    expect(second.auth).toEqual({
      jwtSecret: first.auth.jwtSecret,
      jwtSecretGenerated: false,
      devSignIn: true, // still the platform's own secret
      acceptHs256: true,
      jwks: undefined,
      webSignIn: undefined,
    });
    expect(second.fingerprintKey).toBe(first.fingerprintKey);
    expect(first.risk.categoryWeights).toEqual({ THREAT: 1, BRIBERY: 1.5, INFILTRATION: 2 });
    expect(first.http).toEqual({ idleTimeoutMs: 15_000, requestTimeoutMs: 30_000 });
    expect(first.rateLimits).toEqual({ windowSeconds: 60, perToken: 600, perAddress: 6000 });
    expect(first.corsOrigins).toEqual([]);
  });

  it('takes the rate limits and the CORS origins from the environment; 0 turns a limit off', () => {
    const config = loadConfig({
      WEERBAAR_DATA_DIR: dataDir,
      RATE_LIMIT_WINDOW_SECONDS: '10',
      RATE_LIMIT_PER_TOKEN: '0',
      RATE_LIMIT_PER_ADDRESS: '50',
      CORS_ORIGINS: 'https://weerbaar.example.nl, http://localhost:5173',
    });
    expect(config.rateLimits).toEqual({ windowSeconds: 10, perToken: 0, perAddress: 50 });
    expect(config.corsOrigins).toEqual(['https://weerbaar.example.nl', 'http://localhost:5173']);
  });

  it('turns the development sign-in on or off with AUTH_DEV_LOGIN', () => {
    const secret = 's'.repeat(40);
    const devSignIn = (env: Record<string, string>) =>
      loadConfig({ WEERBAAR_DATA_DIR: dataDir, ...env }).auth.devSignIn;
    expect(devSignIn({ AUTH_JWT_SECRET: secret, AUTH_DEV_LOGIN: 'true' })).toBe(true);
    expect(devSignIn({ AUTH_DEV_LOGIN: 'false' })).toBe(false);
    expect(() => devSignIn({ AUTH_DEV_LOGIN: 'yes' })).toThrow(/AUTH_DEV_LOGIN/);
  });

  it('checks tokens against an OIDC provider with AUTH_JWKS_URL, and HS256 only with a given secret', () => {
    const oidc = {
      AUTH_JWKS_URL: 'https://login.example.nl/jwks',
      AUTH_ISSUER: 'https://login.example.nl',
    };
    const only = loadConfig({ WEERBAAR_DATA_DIR: dataDir, ...oidc }).auth;
    expect(only).toMatchObject({
      acceptHs256: false,
      devSignIn: false,
      jwks: { ...{ url: oidc.AUTH_JWKS_URL, issuer: oidc.AUTH_ISSUER }, audience: 'weerbaar-api' },
    });
    const both = loadConfig({
      WEERBAAR_DATA_DIR: dataDir,
      ...oidc,
      AUTH_AUDIENCE: 'api://weerbaar',
      AUTH_JWT_SECRET: 's'.repeat(40),
    }).auth;
    expect(both).toMatchObject({ acceptHs256: true, jwks: { audience: 'api://weerbaar' } });
    const web = loadConfig({
      WEERBAAR_DATA_DIR: dataDir,
      ...oidc,
      AUTH_OIDC_CLIENT_ID: 'weerbaar-web',
      AUTH_OIDC_RESOURCE: 'urn:weerbaar:api',
    }).auth.webSignIn;
    expect(web).toEqual({
      clientId: 'weerbaar-web',
      scope: 'openid',
      resource: 'urn:weerbaar:api',
    });
  });

  it('runs embedded without KAFKA_BROKERS, and reads the broker and topic settings with it', () => {
    expect(loadConfig({ WEERBAAR_DATA_DIR: dataDir }).kafka).toBeUndefined();
    expect(
      loadConfig({
        WEERBAAR_DATA_DIR: dataDir,
        KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9093',
        KAFKA_TOPIC_PARTITIONS: '24',
      }).kafka,
    ).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2:9093'],
      topic: 'ondermijning.events.v1',
      partitions: 24,
      replicationFactor: 1,
      retentionMs: 7 * 86_400_000,
    });
  });

  it('takes the HTTP timeouts from the environment', () => {
    const config = loadConfig({
      WEERBAAR_DATA_DIR: dataDir,
      HTTP_IDLE_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '10000',
    });
    expect(config.http).toEqual({ idleTimeoutMs: 2000, requestTimeoutMs: 10_000 });
  });

  it('takes the secrets and the risk settings from the environment', () => {
    const config = loadConfig({
      WEERBAAR_DATA_DIR: dataDir,
      AUTH_JWT_SECRET: 's'.repeat(40),
      RISK_CATEGORY_WEIGHTS: 'INFILTRATION=3',
      RISK_LEVEL_THRESHOLDS: '4,12,24',
      RISK_HALF_LIFE_DAYS: '60',
    });
    expect(config.auth).toEqual({
      jwtSecret: 's'.repeat(40),
      jwtSecretGenerated: false,
      devSignIn: false, // an operator's secret: no development sign-in
      acceptHs256: true,
      jwks: undefined,
      webSignIn: undefined,
    });
    expect(config.risk.categoryWeights).toEqual({ THREAT: 1, BRIBERY: 1.5, INFILTRATION: 3 });
    expect(config.risk.levelThresholds).toEqual({ ELEVATED: 4, HIGH: 12, CRITICAL: 24 });
    expect(config.risk.halfLifeDays).toBe(60);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ AUTH_JWT_SECRET: 'short' }, /AUTH_JWT_SECRET must be at least 32/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ RISK_CATEGORY_WEIGHTS: 'FRAUD=2' }, /RISK_CATEGORY_WEIGHTS/],
    [{ RISK_LEVEL_THRESHOLDS: '15,5,30' }, /levelThresholds/],
    [{ RISK_LEVEL_THRESHOLDS: '5,15' }, /three numbers/],
    [{ RISK_HALF_LIFE_DAYS: '0' }, /halfLifeDays/],
    [{ ELECTION_DATES: '2026-02-30' }, /ELECTION_DATES/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL/],
    [{ SMTP_FROM: 'not an address' }, /SMTP_FROM/],
    [{ DELIVERY_MAX_ATTEMPTS: '0' }, /DELIVERY_MAX_ATTEMPTS/],
    [{ DELIVERY_BASE_DELAY_MS: '5000', DELIVERY_MAX_DELAY_MS: '1000' }, /DELIVERY_MAX_DELAY_MS/],
    [{ DIGEST_SCHEDULE: 'someday 25:00' }, /DIGEST_SCHEDULE/],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, /PUBLIC_BASE_URL/],
    [{ HTTP_IDLE_TIMEOUT_MS: '0' }, /HTTP_IDLE_TIMEOUT_MS/],
    [{ HTTP_IDLE_TIMEOUT_MS: '1.5' }, /HTTP_IDLE_TIMEOUT_MS/],
    [{ HTTP_REQUEST_TIMEOUT_MS: '30s' }, /HTTP_REQUEST_TIMEOUT_MS/],
    [{ HTTP_REQUEST_TIMEOUT_MS: '3600001' }, /HTTP_REQUEST_TIMEOUT_MS/],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, /RATE_LIMIT_WINDOW_SECONDS/],
    [{ RATE_LIMIT_PER_TOKEN: '-1' }, /RATE_LIMIT_PER_TOKEN/],
    [{ RATE_LIMIT_PER_ADDRESS: 'many' }, /RATE_LIMIT_PER_ADDRESS/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: 'https://weerbaar.example.nl/app' }, /CORS_ORIGINS/],
    [{ AUTH_JWKS_URL: 'https://login.example.nl/jwks' }, /AUTH_ISSUER/],
    [{ AUTH_JWKS_URL: 'login.example.nl', AUTH_ISSUER: 'x' }, /AUTH_JWKS_URL/],
    [{ AUTH_ISSUER: 'https://login.example.nl' }, /AUTH_ISSUER/],
    [{ AUTH_OIDC_CLIENT_ID: 'weerbaar-web' }, /AUTH_OIDC_CLIENT_ID needs AUTH_JWKS_URL/],
    [
      { AUTH_JWKS_URL: 'https://l.example/jwks', AUTH_ISSUER: 'x', AUTH_DEV_LOGIN: 'true' },
      /AUTH_DEV_LOGIN/,
    ],
    [{ KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS/],
    [{ KAFKA_BROKERS: 'k:9092', KAFKA_TOPIC_PARTITIONS: '0' }, /KAFKA_TOPIC_PARTITIONS/],
    [{ KAFKA_BROKERS: 'k:9092', KAFKA_TOPIC: 'a topic' }, /KAFKA_TOPIC/],
    [{ KAFKA_BROKERS: 'k:9092', KAFKA_RETENTION_DAYS: 'week' }, /KAFKA_RETENTION_DAYS/],
  ])('stops with a message naming the setting for %p', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('reads escalation and delivery settings, with the defaults of the issue', () => {
    const defaults = loadConfig({ WEERBAAR_DATA_DIR: dataDir });
    expect(defaults.escalation.electionDays).toEqual(['2026-03-18', '2030-03-20']);
    expect(defaults.notifications).toMatchObject({
      smtpUrl: undefined,
      outboxDir: join(dataDir, 'outbox'),
      publicBaseUrl: 'http://localhost:3000',
      digest: { weekday: 1, hour: 8, minute: 0 },
    });
    const set = loadConfig({
      WEERBAAR_DATA_DIR: dataDir,
      ELECTION_DATES: '2030-03-20, 2026-03-18',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      SMTP_FROM: 'Weerbaar <noreply@weerbaar.example>',
      DELIVERY_MAX_ATTEMPTS: '3',
      DIGEST_SCHEDULE: 'fri 16:30',
      PUBLIC_BASE_URL: 'https://weerbaar.example/',
    });
    expect(set.escalation.electionDays).toEqual(['2026-03-18', '2030-03-20']);
    expect(set.notifications).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:2525',
      smtpFrom: 'Weerbaar <noreply@weerbaar.example>',
      publicBaseUrl: 'https://weerbaar.example',
      delivery: { maxAttempts: 3 },
      digest: { weekday: 5, hour: 16, minute: 30 },
    });
    expect(
      loadConfig({ WEERBAAR_DATA_DIR: dataDir, DIGEST_SCHEDULE: 'off' }).notifications.digest,
    ).toBeUndefined();
  });

  it('never repeats a secret in its messages', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: 'tiny-secret' }).join(' ')).not.toContain('tiny-secret');
  });
});
