export * from './logging';
export * from './health.controller';
export * from './service.module';
export * from './service-app';
export * from './run-service';
export * from './metrics';
