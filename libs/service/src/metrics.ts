// Prometheus metrics of a service (prom-client): the process's own (CPU, memory, event loop),
// HTTP requests by route and status with their duration, and what the bus reports (consumer
// lag per partition, relay lag). One registry per process, scraped at GET /metrics.
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'weerbaar_' });

const httpRequests = new Counter({
  name: 'weerbaar_http_requests_total',
  help: 'HTTP requests answered, by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

const httpDuration = new Histogram({
  name: 'weerbaar_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method and route',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const consumerLagMessages = new Gauge({
  name: 'weerbaar_consumer_lag_messages',
  help: 'Messages of a partition not yet applied by a subscriber, at its last batch',
  labelNames: ['subscriber', 'partition'] as const,
  registers: [metricsRegistry],
});

export const consumerLagSeconds = new Gauge({
  name: 'weerbaar_consumer_lag_seconds',
  help: 'Age of the last message a subscriber applied in a partition, when it applied it',
  labelNames: ['subscriber', 'partition'] as const,
  registers: [metricsRegistry],
});

export const relayLagSeconds = new Gauge({
  name: 'weerbaar_relay_lag_seconds',
  help: 'Age of the last event the relay produced, when the broker acknowledged it',
  registers: [metricsRegistry],
});

export const deliveryFailures = new Counter({
  name: 'weerbaar_delivery_failures_total',
  help: 'Failed delivery attempts (e-mail, webhook); final="true" when no try is left',
  labelNames: ['channel', 'final'] as const,
  registers: [metricsRegistry],
});

/**
 * Counts every request by its route pattern (never the path itself: ids in paths would make a
 * series per signal). Requests that match no route of the service count as `unmatched`.
 */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer();
  res.once('finish', () => {
    const path = (req.route as { path?: string } | undefined)?.path;
    // Nest answers unknown paths with a catch-all route (`/{*path}`): that is no route of ours.
    const route = path && !path.includes('*') ? `${req.baseUrl}${path}` : 'unmatched';
    const labels = { method: req.method, route };
    end(labels);
    httpRequests.inc({ ...labels, status: String(res.statusCode) });
  });
  next();
}
