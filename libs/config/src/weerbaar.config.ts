// The one typed configuration of Weerbaar, read from the environment once and validated at
// start-up: a wrong setting stops the process with a clear message. Nothing else reads process.env.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CATEGORIES,
  DEFAULT_RISK_CONFIG,
  type RiskConfig,
  riskConfigProblems,
} from '@weerbaar/domain';
import {
  type EscalationConfig,
  type NotificationConfig,
  parseEscalationConfig,
  parseNotificationConfig,
} from './notification.config';
import { type KafkaConfig, parseKafkaConfig } from './kafka.config';

export interface WeerbaarConfig {
  port: number;
  /** Interface to listen on; loopback by default, 0.0.0.0 in a container. */
  host: string;
  /** Where the embedded PostgreSQL (PGlite) keeps its data and generated secrets live. */
  dataDir: string;
  /** A PostgreSQL server instead of the embedded engine (distributed shape, server tests). */
  databaseUrl: string | undefined;
  auth: {
    jwtSecret: string;
    /** The secret was generated into the data directory by this start (first run). */
    jwtSecretGenerated: boolean;
    /**
     * The development sign-in (`POST /api/v1/dev/tokens`): on when the platform signs with a
     * secret of its own making (no AUTH_JWT_SECRET), or with AUTH_DEV_LOGIN=true; off with
     * AUTH_DEV_LOGIN=false. Never on where an operator configured the signing secret.
     */
    devSignIn: boolean;
    /**
     * Whether HS256 tokens signed with `jwtSecret` are taken: always without a JWKS; with one
     * only where AUTH_JWT_SECRET is set as well (service accounts, a transition).
     */
    acceptHs256: boolean;
    /** Tokens of an OIDC provider, checked against its published keys (AUTH_JWKS_URL). */
    jwks: JwksConfig | undefined;
    /** The web app signs in at that provider; undefined where it has no client there. */
    webSignIn: WebSignInConfig | undefined;
  };
  /** Key of the keyed subject fingerprint (HMAC-SHA256). */
  fingerprintKey: string;
  personalData: PersonalDataConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Weights, level thresholds and half-life of the risk picture (SPEC §4). */
  risk: RiskConfig;
  escalation: EscalationConfig;
  notifications: NotificationConfig;
  http: HttpLimits;
  /** Requests a bearer token and a client address may make per window (429 beyond). */
  rateLimits: RateLimits;
  /** Origins other than the platform's own whose web pages may call the API (CORS_ORIGINS). */
  corsOrigins: string[];
  /** The broker of the distributed shape; undefined in the embedded one (KAFKA_BROKERS). */
  kafka: KafkaConfig | undefined;
}

/** How personal data is sealed and how long it is kept. */
export interface PersonalDataConfig {
  /** The key-encryption key that wraps new data keys (WEERBAAR_KEK, 32 bytes). */
  kek: Buffer;
  /** Earlier KEKs, still unwrapping the keys they wrapped until re-wrapped (WEERBAAR_KEK_PREVIOUS). */
  previousKeks: Buffer[];
  /** Signals are shredded this many years after they were recorded (RETENTION_YEARS, default 5). */
  retentionYears: number;
}

/**
 * How long a client may hold a connection without progress: a client that announces a longer
 * body than it sends, or sends nothing, would otherwise hold a socket for minutes.
 */
export interface HttpLimits {
  /** A socket with no traffic for this long is closed (HTTP_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /** A request whose headers and body take longer than this is answered 408 and closed. */
  requestTimeoutMs: number;
}

export interface JwksConfig {
  /** The provider's key set (its `jwks_uri`). */
  url: string;
  /** The provider's issuer identifier: a token's `iss` must equal it (AUTH_ISSUER). */
  issuer: string;
  /** A token's `aud` must hold this (AUTH_AUDIENCE, default weerbaar-api). */
  audience: string;
}

/** The web app's sign-in at the OIDC provider: authorization code flow with PKCE. */
export interface WebSignInConfig {
  /** The web app's public client at the provider (AUTH_OIDC_CLIENT_ID). */
  clientId: string;
  /** Scopes asked for (AUTH_OIDC_SCOPE, default "openid"). */
  scope: string;
  /** RFC 8707 resource indicator for the API, where the provider wants one (AUTH_OIDC_RESOURCE). */
  resource: string | undefined;
}

/**
 * Abuse limits: counted per process over a fixed window; 0 switches a limit off. Many people of
 * one municipality can share an address (a town hall's network), hence the address limit is the
 * wider one: it is there against floods, the token limit against one runaway client.
 */
export interface RateLimits {
  windowSeconds: number;
  /** Requests per window per bearer token (RATE_LIMIT_PER_TOKEN). */
  perToken: number;
  /** Requests per window per client address (RATE_LIMIT_PER_ADDRESS). */
  perAddress: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MIN_SECRET_LENGTH = 32;

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the configuration. Secrets that are not given are generated once into
 * the data directory (embedded mode), so a newcomer needs to set nothing.
 */
export function loadConfig(env: Env = process.env): WeerbaarConfig {
  const problems: string[] = [];

  const port = parsePort(env.PORT ?? '3000', problems);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = resolve(env.WEERBAAR_DATA_DIR?.trim() || './data');
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as WeerbaarConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  for (const name of ['AUTH_JWT_SECRET', 'SUBJECT_FINGERPRINT_KEY'] as const) {
    const value = env[name];
    if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
      problems.push(`${name} must be at least ${MIN_SECRET_LENGTH} characters`);
    }
  }
  const devLogin = env.AUTH_DEV_LOGIN?.trim();
  if (devLogin !== undefined && devLogin !== '' && devLogin !== 'true' && devLogin !== 'false') {
    problems.push('AUTH_DEV_LOGIN must be true or false');
  }
  const jwks = parseJwksConfig(env, problems);
  const webSignIn = parseWebSignIn(env, jwks, problems);
  if (jwks && devLogin === 'true' && env.AUTH_JWT_SECRET === undefined) {
    problems.push('AUTH_DEV_LOGIN=true with AUTH_JWKS_URL needs AUTH_JWT_SECRET to sign with');
  }
  const risk = parseRiskConfig(env, problems);
  const escalation = parseEscalationConfig(env, problems);
  const notifications = parseNotificationConfig(env, { dataDir, port }, problems);
  const http: HttpLimits = {
    idleTimeoutMs: parseMillis(env, 'HTTP_IDLE_TIMEOUT_MS', 15_000, problems),
    requestTimeoutMs: parseMillis(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, problems),
  };
  const rateLimits: RateLimits = {
    windowSeconds: parseCount(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, problems, 1),
    perToken: parseCount(env, 'RATE_LIMIT_PER_TOKEN', 600, problems),
    perAddress: parseCount(env, 'RATE_LIMIT_PER_ADDRESS', 6000, problems),
  };
  const corsOrigins = parseOrigins(env.CORS_ORIGINS, problems);
  const kafka = parseKafkaConfig(env, problems);
  const givenKek = env.WEERBAAR_KEK?.trim()
    ? parseKek('WEERBAAR_KEK', env.WEERBAAR_KEK, problems)
    : undefined;
  const previousKeks = (env.WEERBAAR_KEK_PREVIOUS ?? '')
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => parseKek('WEERBAAR_KEK_PREVIOUS', part, problems));
  const retentionYears = parseCount(env, 'RETENTION_YEARS', 5, problems, 1);
  if (retentionYears > 100) problems.push('RETENTION_YEARS must be at most 100');
  if (problems.length > 0) throw new ConfigError(problems);

  const jwt = env.AUTH_JWT_SECRET ?? generatedSecret(dataDir, 'jwt-secret');
  const fingerprintKey =
    env.SUBJECT_FINGERPRINT_KEY ?? generatedSecret(dataDir, 'fingerprint-key').value;
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    auth:
      typeof jwt === 'string'
        ? {
            jwtSecret: jwt,
            jwtSecretGenerated: false,
            devSignIn: devLogin === 'true',
            acceptHs256: true,
            jwks,
            webSignIn,
          }
        : {
            jwtSecret: jwt.value,
            jwtSecretGenerated: jwt.created,
            // With an OIDC provider the platform's own secret signs nothing anyone uses.
            devSignIn: devLogin !== 'false' && !jwks,
            acceptHs256: !jwks,
            jwks,
            webSignIn,
          },
    fingerprintKey,
    personalData: {
      kek: givenKek ?? Buffer.from(generatedSecret(dataDir, 'kek', 32).value, 'base64url'),
      previousKeks,
      retentionYears,
    },
    logLevel,
    risk,
    escalation,
    notifications,
    http,
    rateLimits,
    corsOrigins,
    kafka,
  };
}

/**
 * RISK_CATEGORY_WEIGHTS="THREAT=1,BRIBERY=1.5,INFILTRATION=2", RISK_LEVEL_THRESHOLDS="5,15,30"
 * (ELEVATED, HIGH, CRITICAL) and RISK_HALF_LIFE_DAYS=90; each defaults to SPEC §4.
 */
function parseRiskConfig(env: Env, problems: string[]): RiskConfig {
  const risk: RiskConfig = structuredClone(DEFAULT_RISK_CONFIG);
  const weights = env.RISK_CATEGORY_WEIGHTS?.trim();
  if (weights) {
    for (const pair of weights.split(',')) {
      const [category, value] = pair.split('=').map((part) => part.trim());
      if (!(CATEGORIES as readonly string[]).includes(category) || value === undefined) {
        problems.push(
          `RISK_CATEGORY_WEIGHTS: "${pair}" is not CATEGORY=number (${CATEGORIES.join(', ')})`,
        );
        continue;
      }
      risk.categoryWeights[category as (typeof CATEGORIES)[number]] = Number(value);
    }
  }
  const thresholds = env.RISK_LEVEL_THRESHOLDS?.trim();
  if (thresholds) {
    const [ELEVATED, HIGH, CRITICAL, extra] = thresholds
      .split(',')
      .map((part) => Number(part.trim()));
    if (CRITICAL === undefined || extra !== undefined) {
      problems.push('RISK_LEVEL_THRESHOLDS must be three numbers: ELEVATED,HIGH,CRITICAL');
    } else {
      risk.levelThresholds = { ELEVATED, HIGH, CRITICAL };
    }
  }
  if (env.RISK_HALF_LIFE_DAYS?.trim()) risk.halfLifeDays = Number(env.RISK_HALF_LIFE_DAYS);
  problems.push(...riskConfigProblems(risk).map((problem) => `risk configuration: ${problem}`));
  return risk;
}

const MAX_TIMEOUT_MS = 3_600_000;

/** A duration in milliseconds, 1 ms to an hour: 0 would switch Node's timeout off. */
function parseMillis(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const millis = Number(raw);
  if (!/^\d+$/.test(raw) || millis < 1 || millis > MAX_TIMEOUT_MS) {
    problems.push(
      `${name} must be a whole number of milliseconds, 1–${MAX_TIMEOUT_MS}, got "${raw}"`,
    );
  }
  return millis;
}

const MAX_COUNT = 1_000_000_000;

/** A whole number from `min` up (a limit of 0 is off). */
function parseCount(env: Env, name: string, fallback: number, problems: string[], min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < min || count > MAX_COUNT) {
    problems.push(`${name} must be a whole number, ${min}–${MAX_COUNT}, got "${raw}"`);
  }
  return count;
}

/** AUTH_JWKS_URL with AUTH_ISSUER (and AUTH_AUDIENCE): production sign-in through OIDC. */
function parseJwksConfig(env: Env, problems: string[]): JwksConfig | undefined {
  const url = env.AUTH_JWKS_URL?.trim();
  const issuer = env.AUTH_ISSUER?.trim();
  if (!url) {
    if (issuer) problems.push('AUTH_ISSUER is only used with AUTH_JWKS_URL');
    return undefined;
  }
  if (!/^https?:\/\/[^\s]+$/.test(url)) {
    problems.push(`AUTH_JWKS_URL must be an http(s) URL, got "${url}"`);
  }
  if (!issuer) problems.push('AUTH_JWKS_URL needs AUTH_ISSUER, the issuer its tokens name');
  return { url, issuer: issuer ?? '', audience: env.AUTH_AUDIENCE?.trim() || 'weerbaar-api' };
}

function parseWebSignIn(
  env: Env,
  jwks: JwksConfig | undefined,
  problems: string[],
): WebSignInConfig | undefined {
  const clientId = env.AUTH_OIDC_CLIENT_ID?.trim();
  if (!clientId) return undefined;
  if (!jwks) problems.push('AUTH_OIDC_CLIENT_ID needs AUTH_JWKS_URL and AUTH_ISSUER');
  else if (!/^https?:\/\//.test(jwks.issuer) || !URL.canParse(jwks.issuer)) {
    problems.push(
      "AUTH_ISSUER must be the provider's http(s) URL for the web app to sign in there",
    );
  }
  const resource = env.AUTH_OIDC_RESOURCE?.trim() || undefined;
  if (resource !== undefined && !URL.canParse(resource)) {
    problems.push(`AUTH_OIDC_RESOURCE must be an absolute URI, got "${resource}"`);
  }
  return { clientId, scope: env.AUTH_OIDC_SCOPE?.trim() || 'openid', resource };
}

/** CORS_ORIGINS="https://a.example,https://b.example": exact origins, no paths, no wildcards. */
function parseOrigins(raw: string | undefined, problems: string[]): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://weerbaar.example.nl`);
    }
  }
  return origins;
}

function parsePort(raw: string, problems: string[]): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer 0–65535, got "${raw}"`);
  }
  return port;
}

/** A secret kept in `<dataDir>/secrets/<name>` (mode 0600), created on first use. */
/** A key-encryption key: base64 (or base64url) of exactly 32 bytes. */
function parseKek(name: string, text: string, problems: string[]): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || key.length !== 32) {
    problems.push(`${name} must be base64 of 32 bytes (openssl rand -base64 32)`);
  }
  return key;
}

function generatedSecret(
  dataDir: string,
  name: string,
  bytes = 48,
): { value: string; created: boolean } {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return { value, created: true };
}

/** Nest injection token of the validated configuration. */
export const WEERBAAR_CONFIG = Symbol('WeerbaarConfig');
