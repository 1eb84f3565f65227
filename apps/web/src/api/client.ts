// The one way the web app talks to the platform: openapi-fetch over the generated types of
// /api/v1, with the signed-in person's token added to every request. Errors come back as
// ApiError carrying the RFC 9457 problem, so forms can show the API's field errors.
import createClient, { type Middleware } from 'openapi-fetch';
import { currentToken, signOut } from '../auth/session';
import type { paths } from './schema';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    /** The response's ETag, where the API sent one (a 409 does not: read the resource again). */
    readonly etag?: string,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The API's message for one field (`subjects[0].identifier`, `description`), if any. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

const authorize: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to the sign-in, never a half-working screen.
    if (response.status === 401) signOut();
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: window.location.origin,
  // Looked up per request, so tests can stand in for the network.
  fetch: (request) => globalThis.fetch(request),
});
api.use(authorize);

function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error) {
    return { ...(error as Problem), status: response.status };
  }
  return { title: response.statusText || 'Request failed', status: response.status };
}

/**
 * The data of an openapi-fetch result, or an ApiError with the problem the API answered.
 * `const signal = await unwrap(api.GET('/api/v1/signals/{signalId}', { params }))`.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(toProblem(error, response), response.headers.get('ETag') ?? undefined);
  }
  return data as T;
}

/** Like unwrap, with the response's ETag (the revision to send as If-Match). */
export async function unwrapWithEtag<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; etag: string | undefined }> {
  const result = await call;
  const data = await unwrap(Promise.resolve(result));
  return { data, etag: result.response.headers.get('ETag') ?? undefined };
}
