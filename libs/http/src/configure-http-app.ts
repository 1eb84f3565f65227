// Everything an HTTP app of Weerbaar shares: body limit, validation, problem+json errors,
// security headers and the OpenAPI document at /api/docs.
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { BODY_LIMIT_BYTES, bodyProblem } from './body-problem';
import { ProblemDetailsFilter, sendProblem } from './problem-details.filter';
import { PROBLEM_JSON } from './problem-details';
import { createValidationPipe } from './validation';
import { addProblemResponses } from './openapi-problems';

export function configureHttpApp(app: INestApplication, options: { title: string }): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
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
    res.setHeader('X-Content-Type-Options', 'nosniff');
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
