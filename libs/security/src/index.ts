export * from './principal';
export * from './tokens';
export * from './token-verifier';
export * from './auth.guard';
export * from './scope';
export * from './fingerprint';
