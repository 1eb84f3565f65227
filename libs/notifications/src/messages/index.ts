// The messages of Weerbaar: what the RIEC and the burgemeester are told, as e-mail, PDF and
// webhook body, written as pure functions of the facts in message.types.
export * from './message.types';
export * from './labels';
export * from './html';
export * from './mayor-summary.text';
export * from './mayor-summary.pdf';
export * from './mayor-summary.email';
export * from './riec-escalation.email';
export * from './webhook-payload';
