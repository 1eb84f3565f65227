// Test helpers: Given/When/Then specifications, builders, and throwaway PostgreSQL databases.
export * from './specification';
export * from './builders/signal-request.builder';
export * from './postgres';
export * from './pdf/pdf-text';
export * from './builders/message.builders';
export * from './delivery/smtp-sink';
export * from './delivery/webhook-receiver';
export * from './eventually';
export * from './oidc/oidc-provider';
