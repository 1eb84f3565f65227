// Creates a service of Weerbaar as a Nest application: opens the adapters, composes the
// features, sets up HTTP (problem+json, OpenAPI, limits) and, where asked, serves the web app.
import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { type HttpLimits, systemClock, type Clock, type WeerbaarConfig } from '@weerbaar/config';
import {
  answerClientErrors,
  configureHttpApp,
  defaultWebAppDir,
  serveWebApp,
} from '@weerbaar/http';
import {
  openInfrastructure,
  type Infrastructure,
  type OpenOptions,
} from '@weerbaar/infrastructure';
import { ReferenceData } from '@weerbaar/reference-data';
import { correlateRequests, type LogDestination } from './logging';
import { consumerLagMessages, consumerLagSeconds, httpMetrics } from './metrics';
import { ServiceModule } from './service.module';

export interface ServiceApp {
  app: INestApplication;
  infrastructure: Infrastructure;
  referenceData: ReferenceData;
  /** Stops HTTP, the processors and the database, in that order. */
  close(): Promise<void>;
}

export interface ServiceAppOptions extends OpenOptions {
  /** The feature modules this service runs. */
  features: Type[];
  clock?: Clock;
  /** Serve the web app's build (default dist/web); false for services without it. */
  webAppDir?: string | false;
  /** Log lines go here instead of standard output (tests that read them). */
  logDestination?: LogDestination;
}

export async function createServiceApp(
  config: WeerbaarConfig,
  options: ServiceAppOptions,
): Promise<ServiceApp> {
  const referenceData = ReferenceData.load();
  const infrastructure = await openInfrastructure(config, {
    ...options,
    onConsumerBatch: ({ subscriber, partition, messages, seconds }) => {
      consumerLagMessages.set({ subscriber, partition: String(partition) }, messages);
      consumerLagSeconds.set({ subscriber, partition: String(partition) }, seconds);
    },
  });
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      ServiceModule.register(
        {
          config,
          infrastructure,
          referenceData,
          clock: options.clock ?? systemClock,
          logDestination: options.logDestination,
        },
        options.features,
      ),
      { bufferLogs: true, bodyParser: false },
    );
    app.useLogger(app.get(Logger));
    // Behind the local nginx (the distributed shape's origin) the client is the one it names in
    // X-Forwarded-For; a forwarded header from anyone else is not believed (audit trail).
    app.set('trust proxy', 'loopback');
    app.use(correlateRequests);
    app.use(httpMetrics);
    configureHttpApp(app, {
      title: 'Weerbaar',
      corsOrigins: config.corsOrigins,
      connectOrigins:
        config.auth.webSignIn && config.auth.jwks ? [new URL(config.auth.jwks.issuer).origin] : [],
    });
    if (options.webAppDir !== false) serveWebApp(app, options.webAppDir ?? defaultWebAppDir());
    const server = app.getHttpServer();
    limitSlowClients(server, config.http);
    answerClientErrors(server);
    return {
      app,
      infrastructure,
      referenceData,
      async close() {
        await app.close();
        await infrastructure.close();
      },
    };
  } catch (error) {
    await infrastructure.close();
    throw error;
  }
}

/**
 * Node's defaults let a client hold a socket for 5 minutes by announcing a body it never sends.
 * An idle socket is destroyed after `idleTimeoutMs` (a socket timeout without a listener closes
 * it); a request still incomplete after `requestTimeoutMs` gets a 408 (Node checks that every
 * 30 s, so it bounds slow-drip clients rather than timing them exactly).
 */
export function limitSlowClients(server: Server, limits: HttpLimits): void {
  server.setTimeout(limits.idleTimeoutMs);
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = Math.min(limits.requestTimeoutMs, server.headersTimeout);
}
