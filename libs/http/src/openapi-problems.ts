// Every operation of the OpenAPI document answers errors as application/problem+json: this adds
// the ProblemDetails schema and refers every operation's error responses to it.
import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_JSON } from './problem-details';

const PROBLEM_SCHEMA = {
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

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Malformed request: not JSON, unknown fields, wrong types',
  '401': 'Missing, invalid or expired bearer token',
  '403': 'The role may not do this',
  '404': 'Not found within your scope',
  '422': 'A rule of the domain is broken; see errors',
};

export function addProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ProblemDetails: PROBLEM_SCHEMA };
  const content = { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } };
  for (const [path, item] of Object.entries(document.paths)) {
    const isPublic = path.startsWith('/health');
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
        if (isPublic && status !== '400') continue;
        const existing = operation.responses[status] as { description?: string } | undefined;
        operation.responses[status] = {
          description: existing?.description ?? description,
          content,
        };
      }
      if (!isPublic) operation.security ??= [{ bearer: [] }];
    }
  }
  return document;
}
