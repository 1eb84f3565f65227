// Notifications: what the RIEC and the burgemeester are told (the messages), and how it reaches
// them (the delivery queue, e-mail, signed webhooks, the weekly digest's schedule).
export * from './messages';
export * from './mayor-escalation-text';
export * from './delivery/delivery.schema';
export * from './delivery/delivery.store';
export * from './delivery/retry-schedule';
export * from './delivery/mailer';
export * from './delivery/webhook-sender';
export * from './digest/digest-schedule';
