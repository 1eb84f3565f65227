export * from './principal';
export * from './tokens';
export * from './auth.guard';
export * from './scope';
export * from './fingerprint';
