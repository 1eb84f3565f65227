// The one exception filter: maps typed errors of the domain, the event store and Nest to
// application/problem+json. Never a stack trace, SQL or secret in a response.
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  type DomainErrorCode,
  isDomainError,
  MalformedInputError,
  ValidationError,
} from '@weerbaar/domain';
import { EventIdConflictError, StreamRevisionConflictError } from '@weerbaar/event-store';
import { bodyProblem, isBodyParserError } from './body-problem';
import { PROBLEM_JSON, problem, type ProblemDetails } from './problem-details';
import { RequestValidationException } from './validation';

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  MALFORMED_INPUT: 400,
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_REQUIRED: 428,
};

function describeFields(errors: readonly { field: string }[]): string {
  const fields = [...new Set(errors.map((e) => e.field || 'body'))];
  return `The request is not valid: ${fields.join(', ')}; see errors`;
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof RequestValidationException) {
    return problem(400, 'The request is not valid; see errors', error.fieldErrors);
  }
  if (error instanceof ValidationError || error instanceof MalformedInputError) {
    return problem(DOMAIN_STATUS[error.code], describeFields(error.errors), [...error.errors]);
  }
  if (isDomainError(error)) return problem(DOMAIN_STATUS[error.code], error.message);
  if (error instanceof StreamRevisionConflictError) {
    return problem(409, 'The resource was changed since you read it; read it again and retry');
  }
  if (error instanceof EventIdConflictError) {
    return problem(409, 'An event with this id already exists with other content');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail =
      typeof body === 'string'
        ? body
        : typeof body === 'object' && body !== null && 'message' in body
          ? String(body.message)
          : error.message;
    return problem(status, detail);
  }
  if (isBodyParserError(error)) return bodyProblem(error);
  return problem(500, 'An unexpected error occurred; it has been logged');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toProblem(error);
    if (body.status >= 500) {
      // Name, code and stack frames only: messages of drivers can quote row values (personal data).
      this.logger.error(`Unhandled ${describeWithoutMessage(error)}`);
    }
    sendProblem(response, body);
  }
}

export function sendProblem(response: Response, body: ProblemDetails): void {
  if (response.headersSent) return;
  if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="weerbaar"');
  response.status(body.status).type(PROBLEM_JSON).send(JSON.stringify(body));
}

function describeWithoutMessage(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [
    `${error.name}${typeof code === 'string' ? ` (${code})` : ''}`,
    ...frames.slice(0, 8),
  ].join('\n');
}
