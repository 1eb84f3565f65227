// The body parser's errors as the client sees them: what body-parser, raw-body and zlib throw
// (shapes taken from body-parser 2 and Node's zlib) each become a 4xx, never a 500.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { bodyProblem, isBodyParserError } from './body-problem';
import { toProblem } from './problem-details.filter';

/** zlib's error as body-parser passes it on: createError(400, zlibError) adds only a status. */
function zlibError(decompress: () => unknown): Error {
  try {
    decompress();
  } catch (error) {
    return Object.assign(error as Error, { status: 400, statusCode: 400, expose: true });
  }
  throw new Error('expected the input not to decompress');
}

describe('bodyProblem', () => {
  it.each([
    ['a body too large', { type: 'entity.too.large', status: 413 }, 413],
    ['malformed JSON', { type: 'entity.parse.failed', status: 400 }, 400],
    ['an unsupported Content-Encoding', { type: 'encoding.unsupported', status: 415 }, 415],
    ['an unsupported charset', { type: 'charset.unsupported', status: 415 }, 415],
    ['a body shorter than its Content-Length', { type: 'request.size.invalid', status: 400 }, 400],
    ['an aborted request', { type: 'request.aborted', status: 400 }, 400],
    ['an unreadable stream (a 500 in raw-body)', { type: 'stream.not.readable', status: 500 }, 400],
    ['an unknown type with a 5xx', { type: 'something.new', status: 500 }, 400],
    ['an unknown type with a 415', { type: 'something.new', status: 415 }, 415],
    ['garbage as gzip', zlibError(() => gunzipSync(Buffer.from('not gzip'))), 400],
    ['garbage as brotli', zlibError(() => brotliDecompressSync(Buffer.from('not brotli'))), 400],
    ['a plain error', new Error('what'), 400],
    ['not even an error', 'what', 400],
  ])('maps %s to %i as problem+json', (_name, error, status) => {
    const body = bodyProblem(error);
    expect(body.status).toBe(status);
    expect(body.type).toMatch(/^https:\/\/weerbaar\.nl\/problems\//);
    expect(body.detail).toEqual(expect.any(String));
  });

  it('says why a compressed body cannot be read', () => {
    const error = zlibError(() => gunzipSync(Buffer.from('not gzip')));
    expect(bodyProblem(error).detail).toMatch(/Content-Encoding/);
    expect(bodyProblem({ type: 'encoding.unsupported', status: 415 }).detail).toMatch(/gzip/);
  });

  it('is what the exception filter answers for the same errors', () => {
    const error = zlibError(() => gunzipSync(Buffer.from('not gzip')));
    expect(isBodyParserError(error)).toBe(true);
    expect(toProblem(error)).toEqual(bodyProblem(error));
    expect(isBodyParserError(new Error('x'))).toBe(false);
  });
});
