export * from './audit-log';
export * from './audit.schema';
export * from './audited';
export * from './audit.module';
