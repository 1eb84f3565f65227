export * from './weerbaar.config';
export * from './clock';
export * from './notification.config';
export * from './kafka.config';
