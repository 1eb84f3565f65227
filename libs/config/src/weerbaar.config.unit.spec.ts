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
    expect(second.auth).toEqual({ jwtSecret: first.auth.jwtSecret, jwtSecretGenerated: false });
    expect(second.fingerprintKey).toBe(first.fingerprintKey);
    expect(first.risk.categoryWeights).toEqual({ THREAT: 1, BRIBERY: 1.5, INFILTRATION: 2 });
    expect(first.http).toEqual({ idleTimeoutMs: 15_000, requestTimeoutMs: 30_000 });
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
    expect(config.auth).toEqual({ jwtSecret: 's'.repeat(40), jwtSecretGenerated: false });
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
    [{ HTTP_IDLE_TIMEOUT_MS: '0' }, /HTTP_IDLE_TIMEOUT_MS/],
    [{ HTTP_IDLE_TIMEOUT_MS: '1.5' }, /HTTP_IDLE_TIMEOUT_MS/],
    [{ HTTP_REQUEST_TIMEOUT_MS: '30s' }, /HTTP_REQUEST_TIMEOUT_MS/],
    [{ HTTP_REQUEST_TIMEOUT_MS: '3600001' }, /HTTP_REQUEST_TIMEOUT_MS/],
  ])('stops with a message naming the setting for %p', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('never repeats a secret in its messages', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: 'tiny-secret' }).join(' ')).not.toContain('tiny-secret');
  });
});
