// A running platform for end-to-end tests: in-memory PGlite (or a PostgreSQL server when a URL
// is given), tokens for every role, and a way to wait until the processors have caught up.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import jwt from 'jsonwebtoken';
import type { WeerbaarConfig } from '@weerbaar/config';
import { DEFAULT_RISK_CONFIG } from '@weerbaar/domain';
import { readModelChecksums, rebuildReadModels } from '@weerbaar/read-models';
import { mintToken, type MintTokenOptions } from '@weerbaar/security';
import { EscalationRulesService } from '../../../escalation/src/rules/escalation-rules.service';
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
  /** Resolves when the rules and the read models have processed everything appended so far. */
  settle(): Promise<void>;
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
    auth: { jwtSecret: randomBytes(32).toString('hex'), jwtSecretGenerated: false },
    fingerprintKey: randomBytes(32).toString('hex'),
    logLevel: 'silent',
    risk: DEFAULT_RISK_CONFIG,
    http: { idleTimeoutMs: 15_000, requestTimeoutMs: 30_000 },
    ...overrides,
  };
}

export async function startTestPlatform(
  overrides: Partial<WeerbaarConfig> = {},
): Promise<TestPlatform> {
  const config = testConfig(overrides);
  const platform = await createPlatformApp(config, { inMemory: true });
  await platform.app.init();
  const { referenceData, infrastructure } = platform;
  const token = (options: MintTokenOptions) =>
    mintToken(options, config.auth.jwtSecret, referenceData);
  const rules = platform.app.get(EscalationRulesService);
  const projection = platform.app.get(ReadModelProjectionService);

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
    async settle() {
      // Rules append escalation events, which the read models then project.
      await rules.catchUp();
      await projection.catchUp();
    },
    checksums: () => readModelChecksums(infrastructure.dataSource),
    async rebuild() {
      await projection.pause();
      try {
        return await rebuildReadModels(
          infrastructure.dataSource,
          infrastructure.bus,
          referenceData,
        );
      } finally {
        projection.resume();
      }
    },
    close: () => platform.close(),
  };
}
