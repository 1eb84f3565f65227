// What the errors of the body parser (body-parser, raw-body, zlib) mean for the client. They all
// come from the body as sent, so each is a 4xx, never a 500: most carry a `type`, but a stream
// that zlib cannot decompress arrives as zlib's own error, with only a status and a zlib code.
import { problem, type ProblemDetails } from './problem-details';

/** The largest body taken, in bytes after decompression (API.md: over 64 KiB → 413). */
export const BODY_LIMIT_BYTES = 64 * 1024;

const BY_TYPE: Readonly<Record<string, readonly [status: number, detail: string]>> = {
  'entity.too.large': [413, 'The body may be at most 64 KiB (after decompression)'],
  'entity.parse.failed': [400, 'The body is not valid JSON'],
  'entity.verify.failed': [400, 'The body cannot be read'],
  'encoding.unsupported': [
    415,
    'This Content-Encoding is not supported: send gzip, deflate, br or identity',
  ],
  'charset.unsupported': [415, 'This charset is not supported: send UTF-8'],
  'request.size.invalid': [400, 'The body is not as long as its Content-Length says'],
  'request.aborted': [400, 'The body was not sent completely'],
  'stream.encoding.set': [400, 'The body cannot be read'],
  'stream.not.readable': [400, 'The body cannot be read'],
};

const UNDECOMPRESSABLE: readonly [number, string] = [
  400,
  'The body cannot be decompressed: it is not what its Content-Encoding says',
];

interface BodyErrorFields {
  type?: unknown;
  status?: unknown;
  code?: unknown;
  errno?: unknown;
}

/** Errors of body parsing carry a `type` (body-parser, raw-body) or are zlib's (a code and errno). */
export function isBodyParserError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, status, code, errno } = error as BodyErrorFields;
  return (
    (typeof type === 'string' && typeof status === 'number') ||
    (typeof code === 'string' && typeof errno === 'number' && typeof status === 'number')
  );
}

/** The problem of an error the body parser raised: 400, 413 or 415, never a 5xx. */
export function bodyProblem(error: unknown): ProblemDetails {
  const { type, status, code, errno } = (
    typeof error === 'object' && error !== null ? error : {}
  ) as BodyErrorFields;
  const known = typeof type === 'string' ? BY_TYPE[type] : undefined;
  if (known) return problem(...known);
  if (typeof code === 'string' && typeof errno === 'number') return problem(...UNDECOMPRESSABLE);
  const clientStatus =
    typeof status === 'number' && [400, 413, 415].includes(status) ? status : 400;
  return problem(clientStatus, 'The body cannot be read');
}
