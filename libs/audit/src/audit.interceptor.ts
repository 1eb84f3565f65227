// Records every command and every @AuditedRead() of a signed-in person in the audit trail, after
// it was handled and before the answer leaves, with the status it got: a command whose entry
// cannot be written fails rather than going unrecorded. What the person's role may not do is
// recorded as it is refused (403).
import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { toProblem } from '@weerbaar/http';
import type { AuthorizationRefusals, Principal } from '@weerbaar/security';
import { type AuditEntry, AuditLog } from './audit-log';
import { AUDITED_READ } from './audited';

const READS = new Set(['GET', 'HEAD']);

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = request.principal;
    if (!principal || !isAudited(this.reflector, context)) return next.handle();
    const entry = (status: number) => auditEntryOf(request, principal, status);
    const handler = context.getHandler();
    const success =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    return next.handle().pipe(
      mergeMap((body: unknown) => from(this.audit.record(entry(success)).then(() => body))),
      catchError((error: unknown) =>
        from(
          this.audit.record(entry(toProblem(error).status)).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }
}

/**
 * Records the commands and audited reads a person's role may not make (403), which the token
 * check refuses before any interceptor runs.
 */
@Injectable()
export class AuditedRefusals implements AuthorizationRefusals {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  async refused(context: ExecutionContext, principal: Principal): Promise<void> {
    if (!isAudited(this.reflector, context)) return;
    const request = context.switchToHttp().getRequest<Request>();
    await this.audit.record(auditEntryOf(request, principal, HttpStatus.FORBIDDEN));
  }
}

/** Every command, and the reads marked @AuditedRead(). */
function isAudited(reflector: Reflector, context: ExecutionContext): boolean {
  const request = context.switchToHttp().getRequest<Request>();
  return (
    !READS.has(request.method) ||
    reflector.getAllAndOverride<boolean>(AUDITED_READ, [context.getHandler(), context.getClass()])
  );
}

function auditEntryOf(request: Request, principal: Principal, status: number): AuditEntry {
  return {
    actor: principal.sub,
    role: principal.role,
    action: `${request.method} ${request.baseUrl}${(request.route as { path?: string } | undefined)?.path ?? ''}`,
    resource: request.path,
    status,
    requestId: typeof request.id === 'string' ? request.id : '',
    clientAddress: request.ip ?? '',
  };
}
