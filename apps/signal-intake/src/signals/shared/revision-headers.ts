// Revisions on the wire: `ETag: "<revision>"` out, `If-Match: "<revision>"` in (API.md).
import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';

export const etagOf = (revision: number): string => `"${revision}"`;

/** The revision a client read, from If-Match; 428 without it. */
export function revisionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new HttpException(
      'This change requires an If-Match header with the ETag of the signal as you read it',
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
  const match = header.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!match) throw new BadRequestException('If-Match must be an ETag such as "3"');
  return Number(match[1]);
}
