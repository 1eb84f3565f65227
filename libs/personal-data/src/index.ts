// Public API of @weerbaar/personal-data: personal texts of events sealed with AES-256-GCM under
// data keys wrapped by a key-encryption key, and erased by destroying those keys.
export * from './key-encryption-keys';
export * from './sealed-value';
export * from './data-keys';
export * from './key-owners';
export * from './personal-fields';
export * from './sealing-event-store';
export * from './subject-erasure';
