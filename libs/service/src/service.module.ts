// One service of Weerbaar as a Nest module: the adapters of its shape (event store, read-model
// DataSource, bus) and the configuration as global providers, structured logs, the
// rate limits, the deny-by-default guard, health, and the feature modules the service runs. The embedded
// platform is every feature in one service; each service of the distributed shape runs some.
import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@weerbaar/audit';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { EVENT_STORE, SQL_DATABASE } from '@weerbaar/event-store';
import type { Infrastructure } from '@weerbaar/infrastructure';
import { MESSAGE_BUS } from '@weerbaar/messaging';
import { DataKeys } from '@weerbaar/personal-data';
import { ReferenceData } from '@weerbaar/reference-data';
import { AUTH_OPTIONS, type AuthOptions, AuthGuard, TokenVerifier } from '@weerbaar/security';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { type LogDestination, loggerOptions } from './logging';
import { rateLimiting } from './rate-limits';
import { INFRASTRUCTURE } from './tokens';

export { INFRASTRUCTURE };

export interface ServiceOptions {
  config: WeerbaarConfig;
  infrastructure: Infrastructure;
  referenceData: ReferenceData;
  clock: Clock;
  /** Log lines go here instead of standard output. */
  logDestination?: LogDestination;
}

@Global()
@Module({})
class InfrastructureModule {
  static register(options: ServiceOptions): DynamicModule {
    const { config, infrastructure, referenceData, clock } = options;
    const authOptions: AuthOptions = {
      verifier: new TokenVerifier({
        hs256Secret: config.auth.acceptHs256 ? config.auth.jwtSecret : undefined,
        jwks: config.auth.jwks,
        scopes: referenceData,
      }),
    };
    const providers = [
      { provide: WEERBAAR_CONFIG, useValue: config },
      { provide: CLOCK, useValue: clock },
      { provide: EVENT_STORE, useValue: infrastructure.eventStore },
      { provide: SQL_DATABASE, useValue: infrastructure.database },
      { provide: DataSource, useValue: infrastructure.dataSource },
      { provide: MESSAGE_BUS, useValue: infrastructure.bus },
      { provide: ReferenceData, useValue: referenceData },
      { provide: AUTH_OPTIONS, useValue: authOptions },
      { provide: INFRASTRUCTURE, useValue: infrastructure },
      { provide: DataKeys, useValue: infrastructure.dataKeys },
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: providers.map((p) => p.provide),
    };
  }
}

@Module({})
export class ServiceModule {
  static register(options: ServiceOptions, features: Type[]): DynamicModule {
    const limits = rateLimiting(options.config.rateLimits);
    return {
      module: ServiceModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(options.config, options.logDestination)),
        InfrastructureModule.register(options),
        ...limits.imports,
        AuditModule,
        ...features,
      ],
      controllers: [HealthController, MetricsController],
      // Guards run in this order: the rate limits first, so bad tokens are limited too.
      providers: [...limits.guards, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
