// Dates in query parameters, validated as the server reads them. class-validator's IsISO8601
// also takes ISO weeks (2026-W01), the basic format (20261124) and months (2026-11), which no
// code here reads and PostgreSQL refuses: a 500 for the client's mistake. These take exactly
// what the domain's parsers read (a 400 naming the parameter otherwise).
import { isIsoDate, parseIsoDateTime } from '@weerbaar/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { RequestValidationException } from './validation';

export const ISO_DATE_TIME_MESSAGE =
  'must be an ISO-8601 date-time with a time zone, such as 2026-11-20T21:15:00+01:00, in the years 0001–9999';
export const ISO_DATE_MESSAGE = 'must be a calendar day as YYYY-MM-DD, such as 2026-11-20';

/** A zoned date-time that parseIsoDateTime reads: years 0001–9999 once converted to UTC. */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseIsoDateTime(value) !== undefined,
        defaultMessage: () => ISO_DATE_TIME_MESSAGE,
      },
    },
    options,
  );
}

/** A day as YYYY-MM-DD that exists in the calendar (no 30 February), years 0001–9999. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: () => ISO_DATE_MESSAGE,
      },
    },
    options,
  );
}

/**
 * The instant of a query parameter that IsIsoDateTime validated, undefined when absent. Parsed
 * by the same function, so what passed validation always has an instant; should a route forget
 * the decorator, the client still gets its 400.
 */
export function instantOf(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const instant = parseIsoDateTime(value);
  if (instant === undefined) {
    throw new RequestValidationException([{ field, message: ISO_DATE_TIME_MESSAGE }]);
  }
  return instant;
}
