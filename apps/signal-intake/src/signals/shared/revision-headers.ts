// Revisions on the wire: `ETag: "<revision>"` out, `If-Match: "<revision>"` in (API.md), and
// how the OpenAPI document says so.
import { applyDecorators, BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

export const etagOf = (revision: number): string => `"${revision}"`;

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

/** The ETag response header in the OpenAPI document. */
export const ETAG_HEADER = {
  ETag: {
    description: 'The revision, as "<revision>": send it back as If-Match',
    schema: { type: 'string' },
  },
};

/** A change that needs If-Match: the header, and the 428 without it. */
export const ApiIfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: true,
      description: 'ETag of the signal as read, such as "3"',
      schema: { type: 'string', pattern: IF_MATCH.source },
    }),
    ApiResponse({
      status: HttpStatus.PRECONDITION_REQUIRED,
      description: 'No If-Match: read the signal and send its ETag',
    }),
  );

/** The revision a client read, from If-Match; 428 without it. */
export function revisionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new HttpException(
      'This change requires an If-Match header with the ETag of the signal as you read it',
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be an ETag such as "3"');
  return Number(match[1]);
}
