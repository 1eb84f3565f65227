// Abuse limits on every route of a service: requests per bearer token and per client address in
// a fixed window (@nestjs/throttler, counted in this process), answered 429 problem+json with
// Retry-After beyond them. They run before the token check, so a flood of bad tokens is limited
// by its address.
import { createHash } from 'node:crypto';
import {
  type DynamicModule,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  type ThrottlerLimitDetail,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerOptions,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { RateLimits } from '@weerbaar/config';

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, limit.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new HttpException(
      `Too many requests; try again in ${seconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

const bearerToken = (request: Request): string | undefined => {
  const header = request.headers.authorization;
  return typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
};

/** The limits of one window, not per route: a client's requests count wherever they go. */
const byName = (_context: ExecutionContext, tracker: string, name: string) => `${name}:${tracker}`;

/** The throttlers of the configured limits; none where both are off. */
export function rateLimitThrottlers(limits: RateLimits): ThrottlerOptions[] {
  const ttl = limits.windowSeconds * 1000;
  const throttlers: ThrottlerOptions[] = [];
  if (limits.perToken > 0) {
    throttlers.push({
      name: 'token',
      ttl,
      limit: limits.perToken,
      generateKey: byName,
      // Keyed by a digest: the token itself is a credential and is kept nowhere.
      getTracker: (request) =>
        createHash('sha256')
          .update(bearerToken(request as Request) ?? '')
          .digest('base64url'),
      skipIf: (context) => bearerToken(context.switchToHttp().getRequest<Request>()) === undefined,
    });
  }
  if (limits.perAddress > 0) {
    throttlers.push({
      name: 'address',
      ttl,
      limit: limits.perAddress,
      generateKey: byName,
      // Express's address: behind the local proxy the one it forwards (trust proxy loopback).
      getTracker: (request) => (request as Request).ip ?? 'unknown',
    });
  }
  return throttlers;
}

/** The module and guard that enforce the limits, to put before the token check. */
export function rateLimiting(limits: RateLimits): { imports: DynamicModule[]; guards: Provider[] } {
  const throttlers = rateLimitThrottlers(limits);
  if (throttlers.length === 0) return { imports: [], guards: [] };
  return {
    imports: [ThrottlerModule.forRoot({ throttlers, setHeaders: false })],
    guards: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
  };
}
