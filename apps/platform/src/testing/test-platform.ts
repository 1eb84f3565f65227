// A running platform for end-to-end tests: in-memory PGlite (or a PostgreSQL server when a URL
// is given), tokens for every role, and a way to wait until the processors have caught up.
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import jwt from 'jsonwebtoken';
import type { WeerbaarConfig } from '@weerbaar/config';
import { DEFAULT_RISK_CONFIG } from '@weerbaar/domain';
import { compareGlobalPositions, type SqlDatabase } from '@weerbaar/event-store';
import { readModelChecksums, rebuildReadModels } from '@weerbaar/read-models';
import { mintToken, type MintTokenOptions } from '@weerbaar/security';
import type { LogDestination } from '@weerbaar/service';
import { EscalationRulesService } from '../../../escalation/src/rules/escalation-rules.service';
import { DeliveryWorker } from '../../../notifier/src/delivery/delivery-worker.service';
import { QueueDeliveriesWhenEscalationChanges } from '../../../notifier/src/delivery/queue-deliveries-when-escalation-changes.handler';
import { WeeklyDigestService } from '../../../notifier/src/digest/weekly-digest.service';
import { ReadModelProjectionService } from '../../../risk-projector/src/read-model-projection.service';
import { createPlatformApp, type PlatformApp } from '../platform.app';

export interface TestPlatform {
  config: WeerbaarConfig;
  platform: PlatformApp;
  http: Server;
  tokens: {
    coordinator(municipality: string): string;
    burgemeester(municipality: string): string;
    analyst(riecRegion: string): string;
    admin(): string;
    /** Signed with another secret. */
    forged(): string;
    /** Signed with the platform's secret, issuer and audience, but claims unchecked. */
    signed(claims: Record<string, unknown>): string;
    expired(): string;
  };
  /**
   * Resolves when the rules, the read models and the notifier's queue have processed everything
   * appended so far (deliveries are sent in the background; see deliver()).
   */
  settle(): Promise<void>;
  /** Settles, then sends every delivery that is due now; returns how many were tried. */
  deliver(): Promise<number>;
  /**
   * Settles and sends until nothing moves: no delivery due or in hand, and nothing appended
   * since the processors caught up. For tests that compare whole databases.
   */
  quiesce(): Promise<void>;
  digest: WeeklyDigestService;
  /** SHA-256 of every table of the database (event store, read models, engine, notifier). */
  databaseChecksums(): Promise<Record<string, string>>;
  checksums(): Promise<Record<string, string>>;
  rebuild(): Promise<{ events: number; millis: number }>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<WeerbaarConfig> = {}): WeerbaarConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent-in-memory',
    databaseUrl: undefined,
    auth: {
      jwtSecret: randomBytes(32).toString('hex'),
      jwtSecretGenerated: false,
      devSignIn: true,
      acceptHs256: true,
      jwks: undefined,
      webSignIn: undefined,
    },
    fingerprintKey: randomBytes(32).toString('hex'),
    personalData: { kek: randomBytes(32), previousKeks: [], retentionYears: 5 },
    logLevel: 'silent',
    risk: DEFAULT_RISK_CONFIG,
    escalation: { electionDays: ['2026-03-18', '2030-03-20'] },
    notifications: {
      smtpUrl: undefined,
      smtpFrom: 'Weerbaar <weerbaar@localhost>',
      outboxDir: '/nonexistent-in-memory/outbox',
      publicBaseUrl: 'http://localhost:3000',
      delivery: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200, timeoutMs: 2_000 },
      digest: undefined,
    },
    http: { idleTimeoutMs: 15_000, requestTimeoutMs: 30_000 },
    // Off: the suites make hundreds of requests with one token; rate-limits.e2e.spec turns them on.
    rateLimits: { windowSeconds: 60, perToken: 0, perAddress: 0 },
    corsOrigins: [],
    kafka: undefined,
    ...overrides,
  };
}

export async function startTestPlatform(
  overrides: Partial<WeerbaarConfig> = {},
  options: {
    /** The web app's build to serve (default dist/web). */
    webAppDir?: string;
    /** Log lines go here (with a logLevel override), instead of nowhere. */
    logDestination?: LogDestination;
    /** false: the embedded engine keeps its files in config.dataDir (default: in memory). */
    inMemory?: boolean;
  } = {},
): Promise<TestPlatform> {
  const config = testConfig(overrides);
  const platform = await createPlatformApp(config, { inMemory: true, ...options });
  await platform.app.init();
  const { referenceData, infrastructure } = platform;
  const token = (options: MintTokenOptions) =>
    mintToken(options, config.auth.jwtSecret, referenceData);
  const rules = platform.app.get(EscalationRulesService);
  const projection = platform.app.get(ReadModelProjectionService);
  const queue = platform.app.get(QueueDeliveriesWhenEscalationChanges);
  const worker = platform.app.get(DeliveryWorker);
  const settle = async () => {
    // Rules append escalation events, which the read models project and the notifier queues.
    await rules.catchUp();
    await projection.catchUp();
    await queue.catchUp();
  };

  return {
    config,
    platform,
    http: platform.app.getHttpServer() as Server,
    tokens: {
      coordinator: (municipality) =>
        token({ role: 'coordinator', municipality, sub: `coordinator-${municipality}` }),
      burgemeester: (municipality) =>
        token({ role: 'burgemeester', municipality, sub: `burgemeester-${municipality}` }),
      analyst: (riecRegion) => token({ role: 'analyst', riecRegion, sub: `analyst-${riecRegion}` }),
      admin: () => token({ role: 'admin', sub: 'admin' }),
      forged: () =>
        jwt.sign({ sub: 'x', role: 'admin' }, 'another-secret-another-secret-another', {
          algorithm: 'HS256',
          issuer: 'weerbaar',
          audience: 'weerbaar-api',
          expiresIn: 60,
        }),
      signed: (claims) =>
        jwt.sign(claims, config.auth.jwtSecret, {
          algorithm: 'HS256',
          issuer: 'weerbaar',
          audience: 'weerbaar-api',
          expiresIn: 60,
        }),
      expired: () => token({ role: 'admin', sub: 'admin', expiresInSeconds: -120 }),
    },
    settle,
    async deliver() {
      await settle();
      return worker.drain();
    },
    async quiesce() {
      for (;;) {
        await settle();
        const head = await infrastructure.eventStore.headPosition();
        const tried = await worker.drain();
        const after = await infrastructure.eventStore.headPosition();
        // A delivery waiting for its next try (not due yet) will append its outcome later.
        const [{ waiting }] = await infrastructure.database.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM notification_deliveries WHERE status = 'PENDING'`,
        );
        if (tried === 0 && waiting === 0 && compareGlobalPositions(after, head) === 0) return;
        if (tried === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    digest: platform.app.get(WeeklyDigestService),
    databaseChecksums: () => tableChecksums(infrastructure.database),
    checksums: () => readModelChecksums(infrastructure.dataSource),
    // Blue/green, with the live projector running (as in production).
    rebuild: () =>
      rebuildReadModels(infrastructure.dataSource, infrastructure.logBus, {
        regions: referenceData,
        risk: config.risk,
      }),
    close: () => platform.close(),
  };
}

/** SHA-256 of each table's rows in a stable order: equal checksums, byte-identical tables. */
async function tableChecksums(database: SqlDatabase): Promise<Record<string, string>> {
  const tables = await database.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await database.query<{ row: string }>(
      `SELECT t::text AS row FROM "${name}" t ORDER BY 1`,
    );
    const hash = createHash('sha256');
    for (const { row } of rows) hash.update(row).update('\n');
    result[name] = `${rows.length}:${hash.digest('hex')}`;
  }
  return result;
}
