// The embedded all-in-one platform: every app module of Weerbaar in one process, on the
// adapters that `openInfrastructure` chose (PGlite or a PostgreSQL server, the in-process bus).
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { EVENT_STORE, SQL_DATABASE } from '@weerbaar/event-store';
import type { Infrastructure } from '@weerbaar/infrastructure';
import { MESSAGE_BUS } from '@weerbaar/messaging';
import { ReferenceData } from '@weerbaar/reference-data';
import { AUTH_OPTIONS, type AuthOptions, AuthGuard } from '@weerbaar/security';
import { EscalationModule } from '../../escalation/src/escalation.module';
import { NotifierModule } from '../../notifier/src/notifier.module';
import { RiskProjectorModule } from '../../risk-projector/src/risk-projector.module';
import { RiskQueryModule } from '../../risk-query/src/risk-query.module';
import { SignalIntakeModule } from '../../signal-intake/src/signal-intake.module';
import { HealthController } from './health/health.controller';
import { loggerOptions } from './logging';
import { DevSignInHttpController } from './web/dev-sign-in.http.controller';
import { ReferenceHttpController } from './web/reference.http.controller';

export interface PlatformOptions {
  config: WeerbaarConfig;
  infrastructure: Infrastructure;
  referenceData: ReferenceData;
  clock: Clock;
}

@Global()
@Module({})
class InfrastructureModule {
  static register(options: PlatformOptions): DynamicModule {
    const { config, infrastructure, referenceData, clock } = options;
    const authOptions: AuthOptions = { jwtSecret: config.auth.jwtSecret, scopes: referenceData };
    const providers = [
      { provide: WEERBAAR_CONFIG, useValue: config },
      { provide: CLOCK, useValue: clock },
      { provide: EVENT_STORE, useValue: infrastructure.eventStore },
      { provide: SQL_DATABASE, useValue: infrastructure.database },
      { provide: DataSource, useValue: infrastructure.dataSource },
      { provide: MESSAGE_BUS, useValue: infrastructure.bus },
      { provide: ReferenceData, useValue: referenceData },
      { provide: AUTH_OPTIONS, useValue: authOptions },
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: providers.map((p) => p.provide),
    };
  }
}

@Module({})
export class PlatformModule {
  static register(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(options.config)),
        InfrastructureModule.register(options),
        SignalIntakeModule,
        RiskProjectorModule,
        RiskQueryModule,
        EscalationModule,
        NotifierModule,
      ],
      controllers: [HealthController, ReferenceHttpController, DevSignInHttpController],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
