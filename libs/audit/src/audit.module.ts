// The audit trail in every service: the interceptor that records commands and audited reads, and
// the administrators' endpoint that reads it.
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditLog } from './audit-log';
import { AuditInterceptor } from './audit.interceptor';
import { AuditHttpController } from './audit.http.controller';

@Module({
  controllers: [AuditHttpController],
  providers: [AuditLog, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditLog],
})
export class AuditModule {}
