// Liveness and readiness: public, no token (API.md § Operations).
import {
  Controller,
  Get,
  Inject,
  type OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore, START_OF_LOG } from '@weerbaar/event-store';
import type { Infrastructure } from '@weerbaar/infrastructure';
import { Public } from '@weerbaar/security';
import { INFRASTRUCTURE } from './tokens';

/** How long the broker may take to describe its cluster before it counts as down. */
const BROKER_CHECK_MS = 2_000;

const STATUS_OK = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok'] } },
};

@ApiTags('operations')
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private admin: Promise<Admin> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await (await admin?.catch(() => undefined))?.disconnect();
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: STATUS_OK })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: the event store and the read models answer' })
  @ApiOkResponse({
    schema: {
      ...STATUS_OK,
      required: ['status', 'checks'],
      properties: {
        ...STATUS_OK.properties,
        checks: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'The database or the broker is not reachable' })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    try {
      await this.store.readAll(START_OF_LOG, 1);
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database is not reachable');
    }
    const kafka = this.infrastructure.kafka;
    if (!kafka) {
      // The in-process bus is the event store's global log: it is up when the event store is.
      return { status: 'ok', checks: { eventStore: 'up', readModels: 'up', bus: 'in-process' } };
    }
    try {
      this.admin ??= connectedAdmin(kafka);
      const admin = await withTimeout(this.admin, BROKER_CHECK_MS);
      await withTimeout(admin.describeCluster(), BROKER_CHECK_MS);
    } catch {
      this.admin = undefined;
      throw new ServiceUnavailableException('The broker is not reachable');
    }
    return { status: 'ok', checks: { eventStore: 'up', readModels: 'up', bus: 'kafka' } };
  }
}

async function connectedAdmin(kafka: Kafka): Promise<Admin> {
  const admin = kafka.admin();
  await admin.connect();
  return admin;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
