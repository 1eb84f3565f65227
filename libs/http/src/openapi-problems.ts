// Makes the OpenAPI document say what the server enforces, in one pass over every operation
// rather than a decorator on each: errors are application/problem+json, bodies are refused with
// 413/415 and unknown fields with 400, requests with over 16 KiB of headers with 431, path
// parameters have the shape their routes check.
// Decorators remain for what only one operation does (428 and If-Match, Location, ETag).
import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { MUNICIPALITY_CODE_PATTERN } from '@weerbaar/domain';
import { PROBLEM_JSON } from './problem-details';

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'For validation errors: each failing field (JSON path) and why',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

/** Errors every protected operation can answer; a public one answers only 400 of them. */
const ERROR_RESPONSES: Readonly<Record<string, string>> = {
  '400': 'Malformed request: not JSON, unknown fields, wrong types',
  '401': 'Missing, invalid or expired bearer token',
  '403': 'The role may not do this',
  '404': 'Not found within your scope',
  '422': 'A rule of the domain is broken; see errors',
};

/** What the body parser answers on every operation that takes a body. */
const BODY_RESPONSES: Readonly<Record<string, string>> = {
  '413': 'The body is over 64 KiB (after decompression)',
  '415': 'The Content-Encoding or charset of the body is not supported',
};

/**
 * What every operation, public or not, can answer: 429 from the rate limits (libs/service), 431
 * from Node's HTTP server (libs/http client-errors).
 */
const REQUEST_RESPONSES: Readonly<Record<string, string>> = {
  '429': 'Too many requests from this token or address; try again after Retry-After seconds',
  '431': 'The request line and headers are over 16 KiB',
};

const RETRY_AFTER: HeaderObject = {
  description: 'Seconds until the rate limit lets this client in again',
  required: true,
  schema: { type: 'integer', minimum: 1 },
};

/** Path parameters by name: the same name has the same shape on every route. */
const PATH_PARAMETERS: Readonly<Record<string, SchemaObject>> = {
  signalId: { type: 'string', format: 'uuid' },
  escalationId: { type: 'string', format: 'uuid' },
  code: { type: 'string', pattern: MUNICIPALITY_CODE_PATTERN.source, example: 'GM0363' },
  fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  riecRegion: { type: 'string', example: 'amsterdam' },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isReference = (value: object): value is ReferenceObject => '$ref' in value;

export function addProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ProblemDetails: PROBLEM_SCHEMA };
  const requestSchemas = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      // Marked by @Public() (libs/security); this lib does not depend on that one.
      const isPublic = (operation as unknown as Record<string, unknown>)['x-public'] === true;
      describeErrors(operation, isPublic);
      describePathParameters(operation);
      describeResponseHeaders(operation);
      if (isPublic) operation.security = [];
      else operation.security ??= [{ bearer: [] }];
      const body = operation.requestBody;
      if (body && !isReference(body)) {
        for (const media of Object.values(body.content)) {
          if (media.schema) collectRefs(document, media.schema, requestSchemas);
        }
      }
    }
  }
  for (const name of requestSchemas) {
    const schema = document.components.schemas[name];
    if (schema && !isReference(schema)) closeObjects(schema);
  }
  for (const schema of Object.values(document.components.schemas)) {
    if (!isReference(schema)) listNullInNullableEnums(schema);
  }
  return document;
}

/** Every error response is a ProblemDetails; the defaults are added where a route gave none. */
function describeErrors(operation: OperationObject, isPublic: boolean): void {
  const defaults = Object.entries({
    ...ERROR_RESPONSES,
    ...(operation.requestBody ? BODY_RESPONSES : {}),
  }).filter(([status]) => !isPublic || status === '400' || status in BODY_RESPONSES);
  defaults.push(...Object.entries(REQUEST_RESPONSES));
  for (const [status, description] of defaults) {
    operation.responses[status] ??= { description };
  }
  const content = { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } };
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) < 400 || isReference(response as object)) continue;
    const declared = response as ResponseObject;
    operation.responses[status] = {
      ...declared,
      description: declared.description || (ERROR_RESPONSES[status] ?? 'Error'),
      content,
      ...(status === '429' ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
    };
  }
}

function describePathParameters(operation: OperationObject): void {
  for (const parameter of operation.parameters ?? []) {
    if (isReference(parameter) || parameter.in !== 'path') continue;
    const schema = PATH_PARAMETERS[parameter.name];
    if (schema) parameter.schema = { ...schema };
  }
}

/** Headers are strings (ETag, Location); a header object without a schema is not valid OpenAPI. */
function describeResponseHeaders(operation: OperationObject): void {
  for (const response of Object.values(operation.responses)) {
    if (isReference(response as object)) continue;
    for (const header of Object.values((response as ResponseObject).headers ?? {})) {
      if (!isReference(header) && !header.schema) header.schema = { type: 'string' };
    }
  }
}

/** The component schemas a schema refers to, transitively. */
function collectRefs(
  document: OpenAPIObject,
  schema: SchemaObject | ReferenceObject,
  names: Set<string>,
): void {
  if (isReference(schema)) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (names.has(name)) return;
    names.add(name);
    const target = document.components?.schemas?.[name];
    if (target) collectRefs(document, target, names);
    return;
  }
  for (const child of childSchemas(schema)) collectRefs(document, child, names);
}

/**
 * The server refuses unknown fields (400): every object of a request body is closed, unless its
 * schema says what else it holds (a map).
 */
function closeObjects(schema: SchemaObject): void {
  if (
    (schema.type === 'object' || schema.properties) &&
    schema.additionalProperties === undefined
  ) {
    schema.additionalProperties = false;
  }
  for (const child of childSchemas(schema)) if (!isReference(child)) closeObjects(child);
}

/**
 * OpenAPI 3.0 reads `enum` before `nullable`: an enum that may be null must list null, or a
 * null (which the server takes for "not given") would be invalid by the document.
 */
function listNullInNullableEnums(schema: SchemaObject): void {
  if (schema.nullable && schema.enum && !schema.enum.includes(null)) {
    schema.enum = [...(schema.enum as unknown[]), null];
  }
  for (const child of childSchemas(schema)) if (!isReference(child)) listNullInNullableEnums(child);
}

function childSchemas(schema: SchemaObject): (SchemaObject | ReferenceObject)[] {
  return [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.allOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
  ];
}
