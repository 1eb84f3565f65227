export * from './weerbaar.config';
export * from './clock';
