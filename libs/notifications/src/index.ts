// Notifications: what the RIEC and the burgemeester are told (the messages), and how it reaches
// them (the delivery queue, e-mail, signed webhooks, the weekly digest's schedule).
export * from './mayor-escalation-text';
export * from './delivery/delivery.schema';
export * from './delivery/delivery.store';
export * from './delivery/retry-schedule';
export * from './delivery/mailer';
export * from './delivery/webhook-sender';
export * from './digest/digest-schedule';
export * from './messages/message.types';
export * from './texts/labels';
export * from './texts/mayor-summary.text';
export * from './texts/mayor-summary.pdf';
export * from './texts/emails';
export * from './texts/webhook-payload';
