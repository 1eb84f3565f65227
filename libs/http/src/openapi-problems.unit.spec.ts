// The pass over the OpenAPI document that says what the server enforces.
import type { OpenAPIObject } from '@nestjs/swagger';
import { addProblemResponses } from './openapi-problems';

/** What @Public() adds to an operation (an extension the OpenAPI types do not know). */
const PUBLIC = { 'x-public': true };

const PROBLEM = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
};

function aDocument(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/health/live': {
        get: { ...PUBLIC, responses: { '200': { description: 'ok' } } },
      },
      '/sign-in': {
        post: {
          ...PUBLIC,
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '200': { description: 'ok' },
            '422': { description: 'No such role' },
          },
        },
      },
      '/things/{signalId}': {
        patch: {
          parameters: [
            { name: 'signalId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          responses: {
            '200': { description: 'ok', headers: { ETag: { description: 'revision' } } },
            '409': { description: 'stale' },
          },
        },
        get: {
          parameters: [
            { name: 'signalId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/municipalities/{code}': {
        get: {
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } },
            inline: { type: 'object', properties: { a: { type: 'string' } } },
            level: { type: 'string', enum: ['LOW', 'HIGH'], nullable: true },
          },
        },
        Part: { type: 'object', properties: { name: { type: 'string' } } },
        View: { type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  };
}

describe('addProblemResponses', () => {
  const document = addProblemResponses(aDocument());
  const patch = document.paths['/things/{signalId}'].patch!;
  const get = document.paths['/things/{signalId}'].get!;

  it('answers every error of every operation as problem+json', () => {
    expect(Object.keys(get.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '422',
      '429',
      '431',
    ]);
    expect(patch.responses['409']).toEqual({ description: 'stale', content: PROBLEM });
    expect(get.responses['404']).toMatchObject({ content: PROBLEM });
    expect(document.components?.schemas).toHaveProperty('ProblemDetails');
  });

  it('adds 413 and 415 where a body is taken, and nowhere else', () => {
    expect(patch.responses).toHaveProperty('413');
    expect(patch.responses).toHaveProperty('415');
    expect(get.responses).not.toHaveProperty('413');
  });

  it('closes every object of a request body, and only those', () => {
    const schemas = document.components!.schemas as Record<string, Record<string, unknown>>;
    expect(schemas.Thing.additionalProperties).toBe(false);
    expect(schemas.Part.additionalProperties).toBe(false);
    expect(
      (schemas.Thing.properties as Record<string, Record<string, unknown>>).inline
        .additionalProperties,
    ).toBe(false);
    expect(schemas.View).not.toHaveProperty('additionalProperties');
  });

  it('gives path parameters the shape their routes check', () => {
    expect(get.parameters).toEqual([
      expect.objectContaining({ schema: { type: 'string', format: 'uuid' } }),
    ]);
    expect(document.paths['/municipalities/{code}'].get!.parameters).toEqual([
      expect.objectContaining({ schema: expect.objectContaining({ pattern: '^GM\\d{4}$' }) }),
    ]);
  });

  it('lists null among the values of a nullable enum', () => {
    const thing = document.components!.schemas!.Thing as { properties: Record<string, object> };
    expect(thing.properties.level).toMatchObject({ enum: ['LOW', 'HIGH', null] });
  });

  it('says that a 429 carries Retry-After', () => {
    expect(get.responses['429']).toMatchObject({
      content: PROBLEM,
      headers: { 'Retry-After': { required: true, schema: { type: 'integer', minimum: 1 } } },
    });
  });

  it('gives response headers a schema', () => {
    expect(patch.responses['200']).toMatchObject({
      headers: { ETag: { schema: { type: 'string' } } },
    });
  });

  it('needs no token where an operation is public, and answers no 401 or 403 there', () => {
    const live = document.paths['/health/live'].get!;
    expect(live.security).toEqual([]);
    expect(Object.keys(live.responses).sort()).toEqual(['200', '400', '429', '431']);
    const signIn = document.paths['/sign-in'].post!;
    expect(signIn.security).toEqual([]);
    expect(Object.keys(signIn.responses).sort()).toEqual([
      '200',
      '400',
      '413',
      '415',
      '422',
      '429',
      '431',
    ]);
    expect(get.security).toEqual([{ bearer: [] }]);
  });
});
