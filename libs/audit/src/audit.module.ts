// The audit trail in every service: the interceptor that records commands and audited reads, the
// recorder of what a role was refused, and the administrators' endpoint that reads it.
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditLog } from './audit-log';
import { AUTHORIZATION_REFUSALS } from '@weerbaar/security';
import { AuditedRefusals, AuditInterceptor } from './audit.interceptor';
import { AuditHttpController } from './audit.http.controller';

@Module({
  controllers: [AuditHttpController],
  providers: [
    AuditLog,
    AuditedRefusals,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: AUTHORIZATION_REFUSALS, useExisting: AuditedRefusals },
  ],
  exports: [AuditLog, AUTHORIZATION_REFUSALS],
})
export class AuditModule {}
