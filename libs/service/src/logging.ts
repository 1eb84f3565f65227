// Structured logs (pino): a request id on every line, and nothing personal or secret — bodies
// are never logged, the Authorization header is redacted, query strings are cut from URLs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import type { WeerbaarConfig } from '@weerbaar/config';
import { withCorrelationId } from '@weerbaar/event-store';

/** Where log lines go instead of standard output (a test that reads them). */
export interface LogDestination {
  write(line: string): void;
}

export function loggerOptions(
  config: Pick<WeerbaarConfig, 'logLevel'>,
  destination?: LogDestination,
): Params {
  const options: HttpLoggerOptions = {
    level: config.logLevel,
    // The id correlateRequests gave the request: log lines and events share it.
    genReqId: (req: IncomingMessage) => (typeof req.id === 'string' ? req.id : requestIdOf(req)),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
  return { pinoHttp: destination ? [options, destination] : options };
}

/** The request's id: the proxy's X-Request-Id when it is a plain token, else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Express middleware, first of all: gives the request its id and runs the rest of its handling
 * with that id as the correlation id of every event appended on its behalf.
 */
export function correlateRequests(req: IncomingMessage, _res: unknown, next: () => void): void {
  req.id = requestIdOf(req);
  withCorrelationId(req.id, next);
}
