// RFC 9457 problem details: the one shape of every error response.

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_JSON = 'application/problem+json';
const TYPE_BASE = 'https://weerbaar.nl/problems/';

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['validation-failed', 'Validation failed'],
  428: ['precondition-required', 'Precondition required'],
  431: ['request-header-fields-too-large', 'Request header fields too large'],
  500: ['internal-error', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

export function problem(status: number, detail: string, errors?: FieldError[]): ProblemDetails {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  return { type: `${TYPE_BASE}${slug}`, title, status, detail, ...(errors ? { errors } : {}) };
}
