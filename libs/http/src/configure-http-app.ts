// Everything an HTTP app of Weerbaar shares: body limit, validation, problem+json errors,
// security headers, CORS for configured origins and the OpenAPI document at /api/docs.
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { BODY_LIMIT_BYTES, bodyProblem } from './body-problem';
import { ProblemDetailsFilter, sendProblem } from './problem-details.filter';
import { PROBLEM_JSON } from './problem-details';
import { createValidationPipe } from './validation';
import { addProblemResponses } from './openapi-problems';

export interface HttpAppOptions {
  title: string;
  /** Origins the web app's pages call besides the app's own (the OIDC provider). */
  connectOrigins?: readonly string[];
  /** Origins other than the app's own whose pages may call it (CORS); none by default. */
  corsOrigins?: readonly string[];
}

export function configureHttpApp(app: INestApplication, options: HttpAppOptions): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(helmet(securityHeaders(options.connectOrigins ?? [])));
  if (options.corsOrigins?.length) {
    app.enableCors({
      origin: [...options.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  express.set('etag', false);
  express.useBodyParser('json', {
    limit: BODY_LIMIT_BYTES,
    type: ['application/json', 'application/merge-patch+json', 'application/*+json'],
  });
  // Errors of the body parser never reach Nest's filters: answer them here, as problem+json.
  // Only the body parser runs before this handler, so whatever arrives is about the body (4xx).
  express.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error === undefined || error === null) return next();
    sendProblem(res, bodyProblem(error));
  });
  express.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app, options.title), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

/**
 * Helmet's headers on every answer: nosniff, no framing, no referrer, HSTS (browsers honour it
 * over HTTPS only, so a workstation on plain HTTP is not upgraded), and a content security
 * policy under which a page (the web app, the API's docs) loads only the platform's own scripts,
 * styles, images and data. Inline style attributes are allowed: React's `style` and the map's
 * SVG use them; inline scripts are not. The web app may also call the OIDC provider it signs in
 * at (its discovery document and token endpoint).
 */
const securityHeaders = (connectOrigins: readonly string[]): Parameters<typeof helmet>[0] => ({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'", ...connectOrigins],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/** The OpenAPI document of the app's routes, with what the server enforces on top of them. */
export function buildOpenApiDocument(app: INestApplication, title: string): OpenAPIObject {
  return addProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(title)
        .setDescription(
          `Weerbaar HTTP API v1. Errors are ${PROBLEM_JSON} (RFC 9457) with field-level \`errors\`.`,
        )
        .setVersion('1')
        .addServer('/')
        .addBearerAuth()
        .build(),
    ),
  );
}
