// Notifier: tells the RIEC and the burgemeester (SPEC §6). Driven by escalation events from the
// log, never by HTTP requests: it queues deliveries, sends them with retries, and sends the weekly
// digest; it also serves the contacts administration and the burgemeester's summary.
import { Module } from '@nestjs/common';
import { ContactDirectory } from './contacts/contact-directory.service';
import { ContactsHttpController } from './contacts/contacts.http.controller';
import { DeliveryWorker } from './delivery/delivery-worker.service';
import { QueueDeliveriesWhenEscalationChanges } from './delivery/queue-deliveries-when-escalation-changes.handler';
import { WeeklyDigestService } from './digest/weekly-digest.service';
import { MayorSummaryService } from './summary/mayor-summary.service';
import { SummaryHttpController } from './summary/summary.http.controller';

@Module({
  controllers: [ContactsHttpController, SummaryHttpController],
  providers: [
    ContactDirectory,
    MayorSummaryService,
    DeliveryWorker,
    QueueDeliveriesWhenEscalationChanges,
    WeeklyDigestService,
  ],
  exports: [DeliveryWorker, QueueDeliveriesWhenEscalationChanges, WeeklyDigestService],
})
export class NotifierModule {}
